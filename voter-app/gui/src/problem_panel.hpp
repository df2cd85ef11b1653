// The band above the pages that says what went wrong (Messages::text in the
// current language) with a Try again button. Hidden when there is nothing
// to say; retranslates itself on LanguageChange.
#pragma once

#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <optional>

#include "worker_results.hpp"

namespace evote::gui {

class ProblemPanel : public QFrame {
  Q_OBJECT

 public:
  explicit ProblemPanel(QWidget* parent = nullptr);
  void show_failure(const Failure& failure);
  void dismiss();
  const std::optional<Failure>& failure() const { return failure_; }
  QString text() const { return text_->text(); }
  void focus_try_again() { try_again_->setFocus(); }

 signals:
  void try_again_requested(const evote::gui::Failure& failure);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();

  std::optional<Failure> failure_;
  QLabel* text_;
  QLabel* detail_;
  QPushButton* try_again_;
};

}  // namespace evote::gui
