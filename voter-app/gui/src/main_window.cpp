#include "main_window.hpp"

#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QShortcut>
#include <QVBoxLayout>

#include "messages.hpp"
#include "pin_input.hpp"

namespace evote::gui {

MainWindow::MainWindow(const voter::AppSettings& settings, Language& language, QWidget* parent)
    : QMainWindow(parent),
      language_(language),
      backend_(new VotingBackend(settings, this)),
      language_label_(new QLabel),
      language_box_(new QComboBox),
      busy_bar_(new QProgressBar),
      busy_label_(new QLabel),
      problem_(new ProblemPanel),
      pages_(new QStackedWidget),
      connect_page_(new ConnectPage(QString::fromStdString(settings.collector_url))),
      card_page_(new CardPage),
      choose_page_(new ChoosePage),
      review_page_(new ReviewPage(*choose_page_)),
      sign_page_(new SignPage),
      done_page_(new DonePage),
      record_page_(new RecordPage) {
  setObjectName(QStringLiteral("main_window"));
  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  auto* top = new QWidget(central);
  build_top_bar(top);
  layout->addWidget(top);
  layout->addWidget(problem_);
  layout->addWidget(pages_, 1);
  setCentralWidget(central);
  for (Page* page :
       std::initializer_list<Page*>{connect_page_, card_page_, choose_page_, review_page_,
                                    sign_page_, done_page_, record_page_})
    pages_->addWidget(page);
  wire_pages();
  wire_worker();
  connect(backend_, &VotingBackend::busy_changed, this, &MainWindow::set_busy);
  connect(problem_, &ProblemPanel::try_again_requested, this, &MainWindow::try_again);
  connect(&language_, &Language::changed, this, [this](const QString& code) {
    choose_page_->set_language(code);
    review_page_->retranslate();
    const int index = static_cast<int>(Language::codes().indexOf(code));
    if (language_box_->currentIndex() != index) language_box_->setCurrentIndex(index);
  });
  set_busy(false);
  retranslate();
  resize(760, 600);
  show_page(connect_page_);
}

MainWindow::~MainWindow() {
  done_page_->clear_code();
  backend_->forget_randomness();
}

void MainWindow::build_top_bar(QWidget* top) {
  language_box_->setObjectName(QStringLiteral("language_box"));
  busy_bar_->setObjectName(QStringLiteral("busy_indicator"));
  busy_label_->setObjectName(QStringLiteral("busy_text"));
  for (const QString& code : Language::codes())
    language_box_->addItem(Language::native_name(code), code);
  language_box_->setCurrentIndex(static_cast<int>(Language::codes().indexOf(language_.current())));
  language_label_->setBuddy(language_box_);
  busy_bar_->setRange(0, 0);  // an indicator that moves, no percentage
  busy_bar_->setMaximumWidth(160);
  busy_bar_->setTextVisible(false);
  auto* row = new QHBoxLayout(top);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(busy_bar_);
  row->addWidget(busy_label_);
  row->addStretch(1);
  row->addWidget(language_label_);
  row->addWidget(language_box_);
  connect(language_box_, &QComboBox::currentIndexChanged, this, &MainWindow::language_chosen);
  // Ctrl+L goes to the language selector from anywhere.
  auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_L), this);
  connect(shortcut, &QShortcut::activated, language_box_,
          [this] { language_box_->setFocus(Qt::ShortcutFocusReason); });
}

void MainWindow::wire_pages() {
  connect(connect_page_, &ConnectPage::connect_requested, this, [this] {
    problem_->dismiss();
    backend_->connect_collector();
  });
  connect(card_page_, &CardPage::refresh_requested, this, [this] {
    problem_->dismiss();
    card_page_->clear_cards();
    backend_->find_cards();
  });
  connect(card_page_, &CardPage::log_in_requested, this, &MainWindow::log_in);
  connect(choose_page_, &ChoosePage::review_requested, this, [this] {
    review_page_->retranslate();
    show_page(review_page_);
  });
  connect(review_page_, &ReviewPage::back_requested, this, [this] { show_page(choose_page_); });
  connect(review_page_, &ReviewPage::continue_requested, this, [this] { show_page(sign_page_); });
  connect(sign_page_, &SignPage::back_requested, this, [this] { show_page(review_page_); });
  connect(sign_page_, &SignPage::cast_requested, this, &MainWindow::cast);
  connect(done_page_, &DonePage::save_qr_requested, this, &MainWindow::choose_qr_file);
  connect(done_page_, &DonePage::vote_again_requested, this, &MainWindow::vote_again);
  connect(done_page_, &DonePage::record_requested, this, &MainWindow::show_record);
  connect(record_page_, &RecordPage::back_requested, this, &MainWindow::vote_again);
  connect(record_page_, &RecordPage::refresh_requested, this, [this] { backend_->load_record(); });
}

void MainWindow::wire_worker() {
  const VotingWorker* worker = backend_->worker();
  connect(worker, &VotingWorker::connected, this, [this](const QString&) {
    card_page_->clear_cards();
    show_page(card_page_);
    backend_->find_cards();
  });
  connect(worker, &VotingWorker::cards_found, this,
          [this](const QList<CardChoice>& cards) { card_page_->set_cards(cards); });
  connect(worker, &VotingWorker::logged_in, this, [this](const LoginResult& result) {
    choose_page_->set_ballot(result.voter_name, result.ballot, language_.current());
    show_page(choose_page_);
  });
  connect(worker, &VotingWorker::cast_done, this, [this](const CastDone& done) {
    done_page_->show_receipt(done);
    show_page(done_page_);
  });
  connect(worker, &VotingWorker::record_loaded, this,
          [this](std::shared_ptr<const voter::VoterRecord> record) {
            record_page_->show_record(std::move(record));
            show_page(record_page_);
          });
  connect(worker, &VotingWorker::failed, this, &MainWindow::failed);
}

Page* MainWindow::current_page() const { return static_cast<Page*>(pages_->currentWidget()); }

void MainWindow::show_page(Page* page) {
  if (page != done_page_ && done_page_->has_code()) {
    // The QR code was shown: drop it and the randomness it encodes.
    done_page_->clear_code();
    backend_->forget_randomness();
  }
  pages_->setCurrentWidget(page);
  if (!busy()) page->focus_first();
}

void MainWindow::set_busy(bool busy) {
  busy_bar_->setVisible(busy);
  busy_label_->setVisible(busy);
  pages_->setEnabled(!busy);
  if (busy) return;
  if (problem_->failure()) {
    if (Messages::pin_again(*problem_->failure()))
      current_page() == card_page_ ? card_page_->focus_pin() : current_page()->focus_first();
    else
      problem_->focus_try_again();
  } else {
    current_page()->focus_first();
  }
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QMainWindow::changeEvent(event);
}

void MainWindow::retranslate() {
  setWindowTitle(tr("evote — internet voting"));
  language_label_->setText(tr("&Language:"));
  busy_label_->setText(tr("Working, please wait…"));
  language_box_->setAccessibleName(tr("Language"));
  language_box_->setAccessibleDescription(
      tr("The language of the app: Estonian, English or Russian (Ctrl+L)."));
  busy_bar_->setAccessibleName(tr("Busy"));
  busy_bar_->setAccessibleDescription(tr("Shown while the app waits for the card or the server."));
}

void MainWindow::language_chosen(int index) {
  if (index >= 0 && index < Language::codes().size()) language_.set(Language::codes()[index]);
}

void MainWindow::log_in() {
  problem_->dismiss();
  backend_->log_in(card_page_->chosen_code(), take_pin(card_page_->pin_field()));
}

void MainWindow::cast() {
  problem_->dismiss();
  backend_->cast(choose_page_->selections(), take_pin(sign_page_->pin_field()));
}

void MainWindow::vote_again() {
  problem_->dismiss();
  choose_page_->clear_selections();
  show_page(choose_page_);
}

void MainWindow::show_record() {
  problem_->dismiss();
  done_page_->clear_code();
  backend_->forget_randomness();
  backend_->load_record();
}

void MainWindow::choose_qr_file() {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Save the QR code"), QStringLiteral("evote-qr.png"), tr("PNG pictures (*.png)"));
  if (!path.isEmpty() && !save_qr(path))
    busy_label_->setText(tr("The QR code could not be saved to %1.").arg(path));
}

bool MainWindow::save_qr(const QString& path) const {
  const QImage image = done_page_->qr().image();
  return !image.isNull() && image.save(path, "PNG");
}

void MainWindow::failed(const Failure& failure) {
  problem_->show_failure(failure);
  // After a failed login the voter enters PIN1 again on the card page; a
  // failed cast of a card problem needs the card page (and a new login).
}

void MainWindow::restart_from_card() {
  card_page_->clear_cards();
  show_page(card_page_);
  backend_->find_cards();
}

void MainWindow::try_again(const Failure& failure) {
  const bool card = failure.source == Failure::Source::card;
  switch (failure.step) {
    case Step::connect:
      show_page(connect_page_);
      backend_->connect_collector();
      return;
    case Step::find_cards:
      restart_from_card();
      return;
    case Step::log_in:
      if (Messages::pin_again(failure)) {
        card_page_->focus_pin();
      } else if (card) {
        restart_from_card();
      } else {
        show_page(connect_page_);
        backend_->connect_collector();  // a new session, then the cards again
      }
      return;
    case Step::cast:
      if (Messages::pin_again(failure)) {
        sign_page_->focus_first();
      } else if (card || failure.collector_code == "session_expired" ||
                 failure.collector_code == "no_session") {
        restart_from_card();
      } else if (failure.voter_kind == voter::ErrorKind::invalid_choice) {
        show_page(choose_page_);
      } else {
        show_page(sign_page_);
      }
      return;
    case Step::record:
      backend_->load_record();
      return;
  }
}

}  // namespace evote::gui
