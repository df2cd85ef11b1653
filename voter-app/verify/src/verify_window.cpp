#include "verify_window.hpp"

#include <QAction>
#include <QFileDialog>
#include <QFont>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMetaObject>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "check_report.hpp"
#include "evote/protocol/utc_time.hpp"
#include "evote/voter/verification_code.hpp"
#include "qr_image.hpp"

namespace evote::verify {
namespace {

QString text_of(const std::string& utf8) { return QString::fromStdString(utf8); }

// The language of names: the system's when the election may have it.
std::string names_language() {
  const QString language = QLocale::system().name().left(2);
  return language == "en" || language == "ru" ? language.toStdString() : "et";
}

QString headline_of(voter::CheckProblem problem) {
  switch (problem) {
    case voter::CheckProblem::malformed:
      return VerifyWindow::tr("This is not a valid verification code.");
    case voter::CheckProblem::wrong_election:
      return VerifyWindow::tr("This verification code is for another election.");
    case voter::CheckProblem::not_available:
      return VerifyWindow::tr(
          "The ballot box has no vote for this code: the code is unknown, has expired, or has "
          "been checked as many times as allowed.");
    case voter::CheckProblem::bad_signature:
      return VerifyWindow::tr(
          "Bad signature: the ballot box's answer does not check. Your vote could not be "
          "verified; please report this.");
    case voter::CheckProblem::does_not_match:
      return VerifyWindow::tr(
          "The verification code does not match the ballot in the ballot box. Your vote could not "
          "be verified; please report this.");
    case voter::CheckProblem::untrusted:
      return VerifyWindow::tr("The ballot box is not the one this election trusts.");
    case voter::CheckProblem::unreachable:
      return VerifyWindow::tr("The ballot box cannot be reached. Try again later.");
    case voter::CheckProblem::failed:
      break;
  }
  return VerifyWindow::tr("The vote could not be checked.");
}

QString step_text(voter::CheckStep step) {
  switch (step) {
    case voter::CheckStep::parsing:
      return VerifyWindow::tr("Reading the verification code…");
    case voter::CheckStep::connecting:
      return VerifyWindow::tr("Connecting to the ballot box…");
    case voter::CheckStep::fetching:
      return VerifyWindow::tr("Fetching your ballot…");
    case voter::CheckStep::checking_signatures:
      return VerifyWindow::tr("Checking the signatures…");
    case voter::CheckStep::reading_choices:
      return VerifyWindow::tr("Reading your choices…");
  }
  return {};
}

}  // namespace

struct VerifyWindow::Outcome {
  std::optional<voter::VoteCheck> check;
  QString headline;
  QString details;
};

VerifyWindow::VerifyWindow(std::optional<voter::AppSettings> settings,
                           const QString& settings_problem, QWidget* parent)
    : QWidget(parent), settings_(std::move(settings)) {
  setWindowTitle(tr("Check your vote"));
  setAccessibleName(tr("Check your vote"));
  setAccessibleDescription(
      tr("Checks that the ballot box holds your vote as you cast it, using the verification code "
         "your voting app showed."));

  auto* intro = new QLabel(
      tr("Open a picture of the QR code your voting app showed, or paste the verification code. "
         "The code shows how you voted: keep it to yourself."),
      this);
  intro->setWordWrap(true);
  intro->setAccessibleName(tr("Instructions"));

  open_button_ = new QPushButton(tr("&Open QR code image…"), this);
  open_button_->setObjectName("open_image");
  open_button_->setAccessibleName(tr("Open QR code image"));
  open_button_->setAccessibleDescription(
      tr("Choose a picture file of the QR code; the vote is checked as soon as it is read."));

  auto* code_label = new QLabel(tr("&Verification code:"), this);
  code_edit_ = new QLineEdit(this);
  code_edit_->setObjectName("code");
  code_edit_->setEchoMode(QLineEdit::Password);
  code_edit_->setPlaceholderText(tr("EVV1:…"));
  code_edit_->setAccessibleName(tr("Verification code"));
  code_edit_->setAccessibleDescription(
      tr("Paste the verification code text that starts with EVV1, then press Enter. It is hidden "
         "because it shows how you voted."));
  code_label->setBuddy(code_edit_);

  check_button_ = new QPushButton(tr("&Check vote"), this);
  check_button_->setObjectName("check");
  check_button_->setAccessibleName(tr("Check vote"));
  check_button_->setAccessibleDescription(tr("Checks the verification code typed above."));
  check_button_->setEnabled(false);

  progress_ = new QProgressBar(this);
  progress_->setObjectName("progress");
  progress_->setRange(0, voter::kCheckSteps);
  progress_->setValue(0);
  progress_->setAccessibleName(tr("Progress"));
  progress_->setAccessibleDescription(tr("How far the check has come."));
  status_ = new QLabel(this);
  status_->setObjectName("status");
  status_->setAccessibleName(tr("Status"));
  status_->setAccessibleDescription(tr("The step the check is at."));

  headline_ = new QLabel(this);
  headline_->setObjectName("headline");
  headline_->setWordWrap(true);
  QFont bold = headline_->font();
  bold.setBold(true);
  headline_->setFont(bold);
  headline_->setAccessibleName(tr("Result"));
  headline_->setAccessibleDescription(tr("Whether your vote was verified."));
  headline_->setTextInteractionFlags(Qt::TextSelectableByKeyboard | Qt::TextSelectableByMouse);
  headline_->setFocusPolicy(Qt::StrongFocus);
  details_ = new QLabel(this);
  details_->setObjectName("details");
  details_->setWordWrap(true);
  details_->setAccessibleName(tr("Result details"));
  details_->setAccessibleDescription(tr("What was checked, or what is wrong."));
  details_->setTextInteractionFlags(Qt::TextSelectableByKeyboard | Qt::TextSelectableByMouse);
  signer_ = new QLabel(this);
  signer_->setObjectName("signer");
  signer_->setAccessibleName(tr("Signed by"));
  signer_->setAccessibleDescription(tr("Whose ID card signed the ballot."));

  choices_ = new QTreeWidget(this);
  choices_->setObjectName("choices");
  choices_->setColumnCount(2);
  choices_->setHeaderLabels({tr("Contest"), tr("Your choice")});
  choices_->setRootIsDecorated(false);
  choices_->header()->setStretchLastSection(true);
  choices_->setAccessibleName(tr("Your choices"));
  choices_->setAccessibleDescription(
      tr("Each contest and the choices your ballot holds; ranked contests in rank order."));
  choices_->setVisible(false);  // until a vote is verified

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addWidget(open_button_);
  layout->addWidget(code_label);
  layout->addWidget(code_edit_);
  layout->addWidget(check_button_);
  layout->addWidget(progress_);
  layout->addWidget(status_);
  layout->addWidget(headline_);
  layout->addWidget(details_);
  layout->addWidget(signer_);
  layout->addWidget(choices_, 1);
  layout->addStretch(0);  // takes the room while no choices are shown
  setTabOrder(open_button_, code_edit_);
  setTabOrder(code_edit_, check_button_);
  setTabOrder(check_button_, headline_);
  setTabOrder(headline_, choices_);

  auto* open_action = new QAction(this);
  open_action->setShortcut(QKeySequence::Open);
  addAction(open_action);
  connect(open_action, &QAction::triggered, this, &VerifyWindow::open_image);
  connect(open_button_, &QPushButton::clicked, this, &VerifyWindow::open_image);
  connect(check_button_, &QPushButton::clicked, this, &VerifyWindow::check_typed_code);
  connect(code_edit_, &QLineEdit::returnPressed, this, &VerifyWindow::check_typed_code);
  connect(code_edit_, &QLineEdit::textChanged, this,
          [this](const QString& text) { check_button_->setEnabled(!busy() && !text.isEmpty()); });

  resize(560, 520);
  if (!settings_) {
    headline_->setText(tr("The app's settings cannot be read, so no vote can be checked."));
    details_->setText(settings_problem);
    open_button_->setEnabled(false);
    code_edit_->setEnabled(false);
  }
}

VerifyWindow::~VerifyWindow() {
  if (worker_) worker_->wait();
}

bool VerifyWindow::busy() const { return worker_ != nullptr; }

QString VerifyWindow::headline() const { return headline_->text(); }
QString VerifyWindow::details() const { return details_->text(); }
QString VerifyWindow::signer() const { return signer_->text(); }

QStringList VerifyWindow::choice_lines() const {
  QStringList lines;
  for (int i = 0; i < choices_->topLevelItemCount(); ++i) {
    const QTreeWidgetItem* item = choices_->topLevelItem(i);
    lines << item->text(0) + ": " + item->text(1);
  }
  return lines;
}

void VerifyWindow::open_image() {
  if (busy() || !settings_) return;
  const QString path = QFileDialog::getOpenFileName(this, tr("Open QR code image"), {},
                                                    tr("Images (*.png *.jpg *.jpeg *.bmp *.gif)"));
  if (!path.isEmpty()) check_image(path);
}

void VerifyWindow::check_image(const QString& path) {
  start([path] { return read_qr_file(path); });
}

void VerifyWindow::check_typed_code() {
  if (code_edit_->text().isEmpty()) return;
  auto code = std::make_shared<std::string>(code_edit_->text().toStdString());
  code_edit_->clear();
  start([code] {
    std::string text = std::move(*code);
    voter::wipe_text(*code);
    return text;
  });
}

void VerifyWindow::start(std::function<std::string()> read_code) {
  if (busy() || !settings_) return;
  clear_result();
  const voter::AppSettings settings = *settings_;
  worker_.reset(QThread::create([this, settings, read_code = std::move(read_code)] {
    Outcome outcome;
    std::string code;
    try {
      code = read_code();
      outcome.check = voter::check_vote(settings, code, [this](voter::CheckStep step) {
        QMetaObject::invokeMethod(
            this, [this, step] { show_step(step); }, Qt::QueuedConnection);
      });
    } catch (const QrImageError& e) {
      outcome.headline = tr("No QR code could be read from this picture.");
      outcome.details = text_of(e.what());
    } catch (const voter::VoteCheckError& e) {
      outcome.headline = headline_of(e.problem());
      outcome.details = text_of(e.what());
    } catch (const std::exception& e) {
      outcome.headline = headline_of(voter::CheckProblem::failed);
      outcome.details = text_of(e.what());
    }
    voter::wipe_text(code);
    QMetaObject::invokeMethod(
        this, [this, outcome] { finish(outcome); }, Qt::QueuedConnection);
  }));
  set_busy(true);
  show_step(voter::CheckStep::parsing);
  worker_->start();
}

void VerifyWindow::show_step(voter::CheckStep step) {
  if (!busy()) return;
  progress_->setValue(static_cast<int>(step) + 1);
  status_->setText(step_text(step));
  progress_->setAccessibleDescription(status_->text());
}

void VerifyWindow::finish(const Outcome& outcome) {
  worker_->wait();
  worker_.reset();
  set_busy(false);
  if (!outcome.check) {
    status_->setText(tr("Not verified."));
    headline_->setText(outcome.headline);
    details_->setText(outcome.details);
    headline_->setFocus();
    emit check_finished(false);
    return;
  }
  const voter::VoteCheck& check = *outcome.check;
  const std::string language = names_language();
  progress_->setValue(voter::kCheckSteps);
  status_->setText(tr("Done."));
  headline_->setText(tr("Verified: the ballot box holds your vote as you cast it."));
  details_->setText(tr("Election %1 (%2). Received %3 as number %4; this code can be checked %5 "
                       "times within %6 minutes of casting.")
                        .arg(text_of(name_in(check.election_names, language)),
                             text_of(check.election_id),
                             text_of(protocol::format_utc(check.receipt_time)))
                        .arg(check.receipt_sequence)
                        .arg(check.verify_count)
                        .arg(check.verify_minutes));
  signer_->setText(tr("Signed by %1, personal code %2")
                       .arg(text_of(check.signer_name), text_of(check.signer_personal_code)));
  for (const voter::CheckedContest& contest : check.contests) {
    const QString chosen = contest.blank() ? tr("blank") : text_of(choices_text(contest, language));
    auto* item = new QTreeWidgetItem(choices_, {text_of(name_in(contest.names, language)), chosen});
    item->setData(1, Qt::AccessibleTextRole, chosen);
  }
  choices_->resizeColumnToContents(0);
  choices_->setVisible(true);
  headline_->setFocus();
  emit check_finished(true);
}

void VerifyWindow::set_busy(bool busy) {
  open_button_->setEnabled(!busy);
  code_edit_->setEnabled(!busy);
  check_button_->setEnabled(!busy && !code_edit_->text().isEmpty());
  if (!busy) progress_->setValue(0);
}

void VerifyWindow::clear_result() {
  headline_->clear();
  details_->clear();
  signer_->clear();
  choices_->clear();
  choices_->setVisible(false);
  status_->clear();
}

}  // namespace evote::verify
