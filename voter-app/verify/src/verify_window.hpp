// The window of evote-verify-vote: the voter opens a picture of the QR code
// their voting app showed, or pastes the verification code, and sees whether
// the ballot box holds their vote as cast: who signed it and each contest's
// choices, or why it could not be checked.
//
// The check (voter::check_vote: network, signatures) runs on a worker
// thread; the window stays responsive and shows each step. Every control
// has an accessible name and description; the window works from the
// keyboard (Alt+O or Ctrl+O open an image, Enter in the code field checks).
// The code is a secret: it is cleared from the field when the check starts
// and the worker wipes its copy.
#pragma once

#include <QString>
#include <QWidget>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "evote/voter/app_settings.hpp"
#include "evote/voter/vote_check.hpp"

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QThread;
class QTreeWidget;

namespace evote::verify {

class VerifyWindow : public QWidget {
  Q_OBJECT

 public:
  // `settings` from the app settings file; without them the window says
  // `settings_problem` and cannot check.
  explicit VerifyWindow(std::optional<voter::AppSettings> settings,
                        const QString& settings_problem = {}, QWidget* parent = nullptr);
  ~VerifyWindow() override;  // waits for a running check

  // Reads the QR code of the image file and checks it (on the worker).
  void check_image(const QString& path);
  // Checks the code typed or pasted into the code field.
  void check_typed_code();
  bool busy() const;

  // What the window shows (for tests and screen readers alike).
  QString headline() const;
  QString details() const;
  QString signer() const;
  // One "contest: choices" line per contest of the last verified vote.
  QStringList choice_lines() const;

 signals:
  // After a check ends: verified or not (the headline says why).
  void check_finished(bool verified);

 private:
  struct Outcome;
  void open_image();
  void start(std::function<std::string()> read_code);
  void show_step(voter::CheckStep step);
  void finish(const Outcome& outcome);
  void set_busy(bool busy);
  void clear_result();

  std::optional<voter::AppSettings> settings_;
  std::unique_ptr<QThread> worker_;
  QPushButton* open_button_ = nullptr;
  QLineEdit* code_edit_ = nullptr;
  QPushButton* check_button_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QLabel* headline_ = nullptr;
  QLabel* details_ = nullptr;
  QLabel* signer_ = nullptr;
  QTreeWidget* choices_ = nullptr;
};

}  // namespace evote::verify
