// One contest of the voter's ballot: its candidates as a list of check
// boxes (keyboard: arrows to move, Space to tick), a search field that
// filters the list by name, party or number (the choice code), and a line
// saying what is chosen. Single choice: ticking one unticks the other.
// Approval: at most max_selections ticked. Ranked: the order of ticking is
// the rank order (1., 2., ...), at most max_selections; Ctrl+Up and
// Ctrl+Down move the current candidate one place up or down that order.
#pragma once

#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <cstdint>
#include <vector>

#include "evote/voter/voter_ballot.hpp"

namespace evote::gui {

class ContestWidget : public QGroupBox {
  Q_OBJECT

 public:
  ContestWidget(voter::BallotContestInfo contest, QString language, QWidget* parent = nullptr);

  const voter::BallotContestInfo& contest() const { return contest_; }
  // The chosen codes: in rank order for a ranked contest; empty: blank.
  const std::vector<std::uint64_t>& selection() const { return picked_; }
  void clear_selection();
  // Shows only the candidates matching `query` (all when empty).
  void filter(const QString& query);
  // Names and parties in this language; the fixed texts from tr().
  void set_language(const QString& language);
  void retranslate();

  QLineEdit* search_field() { return search_; }
  QListWidget* choice_list() { return list_; }
  // The candidate's line as the list and the review show it.
  QString choice_text(std::uint64_t code) const;

 signals:
  void selection_changed();

 protected:
  void changeEvent(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void fill_list();
  void item_changed(QListWidgetItem* item);
  void update_texts();
  bool matches(const voter::BallotChoice& choice, const QString& query) const;
  // Ranked: moves the current candidate `step` places in the order (-1 up, +1 down).
  bool move_current(int step);

  voter::BallotContestInfo contest_;
  QString language_;
  std::vector<std::uint64_t> picked_;
  QLabel* hint_;
  QLabel* search_label_;
  QLineEdit* search_;
  QListWidget* list_;
  QLabel* summary_;
  QPushButton* clear_;
  bool updating_ = false;
};

}  // namespace evote::gui
