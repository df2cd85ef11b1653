// PIN2: the vote is encrypted, signed on the ID card and sent when the
// voter enters PIN2 and presses the button (or Return in the field).
#pragma once

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include "page.hpp"

namespace evote::gui {

class SignPage : public Page {
  Q_OBJECT

 public:
  explicit SignPage(QWidget* parent = nullptr);
  void retranslate() override;
  void focus_first() override { pin_->setFocus(); }
  QLineEdit& pin_field() { return *pin_; }

 signals:
  void back_requested();
  void cast_requested();

 private:
  void try_cast();

  QLabel* title_;
  QLabel* explain_;
  QLabel* pin_label_;
  QLineEdit* pin_;
  QPushButton* back_;
  QPushButton* cast_;
};

}  // namespace evote::gui
