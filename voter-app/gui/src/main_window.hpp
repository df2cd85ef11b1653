// The voter's window: the language selector, the busy indicator and the
// problem band above the pages of the voting flow
//   connect -> ID card and PIN1 -> ballot -> review -> PIN2 -> done (receipt,
//   QR code) -> vote again / my record,
// each page a Page of its own. Every blocking step goes to the one worker
// thread (VotingBackend); while it runs the pages are disabled and the
// indicator shows, and the window keeps answering. Leaving the done page
// drops the QR code and has the worker forget the ballot's randomness.
#pragma once

#include <QComboBox>
#include <QLabel>
#include <QMainWindow>
#include <QProgressBar>
#include <QStackedWidget>

#include "card_page.hpp"
#include "choose_page.hpp"
#include "connect_page.hpp"
#include "done_page.hpp"
#include "evote/voter/app_settings.hpp"
#include "language.hpp"
#include "problem_panel.hpp"
#include "record_page.hpp"
#include "review_page.hpp"
#include "sign_page.hpp"
#include "voting_backend.hpp"

namespace evote::gui {

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  MainWindow(const voter::AppSettings& settings, Language& language, QWidget* parent = nullptr);
  ~MainWindow() override;

  Page* current_page() const;
  const VotingBackend& backend() const { return *backend_; }
  bool busy() const { return backend_->busy(); }
  const ProblemPanel& problem() const { return *problem_; }
  // Writes the QR code shown on the done page as a PNG; false when there
  // is none or the file cannot be written.
  bool save_qr(const QString& path) const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void build_top_bar(QWidget* top);
  void wire_pages();
  void wire_worker();
  void show_page(Page* page);
  void set_busy(bool busy);
  void retranslate();
  void language_chosen(int index);
  void log_in();
  void cast();
  void vote_again();
  void show_record();
  void choose_qr_file();
  void failed(const Failure& failure);
  void try_again(const Failure& failure);
  void restart_from_card();

  Language& language_;
  VotingBackend* backend_;
  QLabel* language_label_;
  QComboBox* language_box_;
  QProgressBar* busy_bar_;
  QLabel* busy_label_;
  ProblemPanel* problem_;
  QStackedWidget* pages_;
  ConnectPage* connect_page_;
  CardPage* card_page_;
  ChoosePage* choose_page_;
  ReviewPage* review_page_;
  SignPage* sign_page_;
  DonePage* done_page_;
  RecordPage* record_page_;
};

}  // namespace evote::gui
