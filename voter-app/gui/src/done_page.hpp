// The vote was received: the receipt (vote id, time, sequence in the
// ballot box), the QR code of the verification code for a second device,
// a button to save the QR code as a PNG, the reminder that the voter may
// vote again and only the last vote counts, and the buttons to vote again
// or see the record. The QR code is dropped (clear_code) when the page is
// left.
#pragma once

#include <QLabel>
#include <QPushButton>

#include "page.hpp"
#include "qr_widget.hpp"
#include "worker_results.hpp"

namespace evote::gui {

class DonePage : public Page {
  Q_OBJECT

 public:
  explicit DonePage(QWidget* parent = nullptr);
  void retranslate() override;
  void focus_first() override { vote_again_->setFocus(); }

  void show_receipt(const CastDone& done);
  void clear_code();
  bool has_code() const { return qr_->has_code(); }
  const QrWidget& qr() const { return *qr_; }

 signals:
  void save_qr_requested();
  void vote_again_requested();
  void record_requested();

 private:
  CastDone receipt_;
  QLabel* title_;
  QLabel* receipt_label_;
  QLabel* vote_id_;
  QLabel* time_;
  QLabel* sequence_;
  QLabel* qr_label_;
  QrWidget* qr_;
  QPushButton* save_qr_;
  QLabel* again_;
  QPushButton* vote_again_;
  QPushButton* record_;
};

}  // namespace evote::gui
