// The ID card and PIN1 page: the cards found in the readers (holder's name
// and personal code; choose one when there are several), a button to look
// again, and the PIN1 field with the Log in button (Return logs in).
#pragma once

#include <QLabel>
#include <QLineEdit>
#include <QList>
#include <QListWidget>
#include <QPushButton>

#include "page.hpp"
#include "worker_results.hpp"

namespace evote::gui {

class CardPage : public Page {
  Q_OBJECT

 public:
  explicit CardPage(QWidget* parent = nullptr);
  void retranslate() override;
  void focus_first() override;

  void set_cards(const QList<CardChoice>& cards);
  void clear_cards();
  // The personal code of the chosen card; empty when none.
  QString chosen_code() const;
  QLineEdit& pin_field() { return *pin_; }
  void focus_pin() { pin_->setFocus(); }

 signals:
  void refresh_requested();
  void log_in_requested();

 private:
  void show_holder();
  void try_log_in();

  QList<CardChoice> cards_;
  QLabel* title_;
  QLabel* cards_label_;
  QListWidget* list_;
  QLabel* holder_;
  QPushButton* refresh_;
  QLabel* pin_label_;
  QLineEdit* pin_;
  QPushButton* log_in_;
};

}  // namespace evote::gui
