// What the voter is told when a step fails, in the current language: what
// happened and what to do, ending with the way to try again. Built anew on
// each call, so a page showing a failure retranslates it by calling again.
#pragma once

#include <QCoreApplication>
#include <QString>

#include "worker_results.hpp"

namespace evote::gui {

class Messages {
  Q_DECLARE_TR_FUNCTIONS(Messages)

 public:
  // The text for `failure` ("The PIN1 is wrong. ..."). Never holds a PIN.
  static QString text(const Failure& failure);
  // Whether the voter can fix it by entering the PIN again on the same page.
  static bool pin_again(const Failure& failure);

 private:
  static QString card_text(const Failure& failure);
  static QString voter_text(const Failure& failure);
  static QString refused_text(const QString& code);
};

}  // namespace evote::gui
