// The voter's own record from the collector (GET /v1/me/record): whether
// they are on the voter list, every ballot they cast (the one that counts
// now marked), and every access to their ballots (verifications,
// exports).
#pragma once

#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <memory>

#include "evote/voter/voter_record.hpp"
#include "page.hpp"

namespace evote::gui {

class RecordPage : public Page {
  Q_OBJECT

 public:
  explicit RecordPage(QWidget* parent = nullptr);
  void retranslate() override;
  void focus_first() override { ballots_->setFocus(); }
  void show_record(std::shared_ptr<const voter::VoterRecord> record);
  const QTableWidget& ballots() const { return *ballots_; }
  const QTableWidget& accesses() const { return *accesses_; }

 signals:
  void back_requested();
  void refresh_requested();

 private:
  void fill();

  std::shared_ptr<const voter::VoterRecord> record_;
  QLabel* title_;
  QLabel* eligibility_;
  QLabel* ballots_label_;
  QTableWidget* ballots_;
  QLabel* accesses_label_;
  QTableWidget* accesses_;
  QPushButton* refresh_;
  QPushButton* back_;
};

}  // namespace evote::gui
