// What the voter chose, contest by contest (ranked: in rank order; empty:
// blank), with the buttons to change it or to go on to signing.
#pragma once

#include <QLabel>
#include <QPushButton>

#include "choose_page.hpp"
#include "page.hpp"

namespace evote::gui {

class ReviewPage : public Page {
  Q_OBJECT

 public:
  ReviewPage(const ChoosePage& ballot, QWidget* parent = nullptr);
  void retranslate() override;
  void focus_first() override { continue_->setFocus(); }
  // The choices as shown (one line per contest), for the tests and screen readers.
  QString choices_text() const { return choices_->text(); }

 signals:
  void back_requested();
  void continue_requested();

 private:
  const ChoosePage& ballot_;
  QLabel* title_;
  QLabel* choices_;
  QPushButton* back_;
  QPushButton* continue_;
};

}  // namespace evote::gui
