// The ballot: every contest of the voter's district (ContestWidget), one
// under the other, and the button to review the choices. A contest left
// empty is voted blank.
#pragma once

#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <memory>
#include <vector>

#include "contest_widget.hpp"
#include "evote/protocol/ballot.hpp"
#include "evote/voter/voter_ballot.hpp"
#include "page.hpp"

namespace evote::gui {

class ChoosePage : public Page {
  Q_OBJECT

 public:
  explicit ChoosePage(QWidget* parent = nullptr);
  void retranslate() override;
  void focus_first() override;

  // Builds the contests anew (nothing chosen).
  void set_ballot(const QString& voter_name, std::shared_ptr<const voter::VoterBallot> ballot,
                  const QString& language);
  void set_language(const QString& language);
  void clear_selections();
  protocol::Selections selections() const;
  const std::vector<ContestWidget*>& contests() const { return contests_; }
  bool has_ballot() const { return ballot_ != nullptr; }

 signals:
  void review_requested();

 private:
  QString voter_name_;
  QString language_;
  std::shared_ptr<const voter::VoterBallot> ballot_;
  std::vector<ContestWidget*> contests_;
  QLabel* title_;
  QLabel* greeting_;
  QScrollArea* scroll_;
  QWidget* contests_box_;
  QVBoxLayout* contests_layout_;
  QPushButton* review_;
};

}  // namespace evote::gui
