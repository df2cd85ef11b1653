#include "choose_page.hpp"

#include <QApplication>
#include <QVBoxLayout>

#include "names.hpp"

namespace evote::gui {

ChoosePage::ChoosePage(QWidget* parent)
    : Page(parent),
      title_(new QLabel(this)),
      greeting_(new QLabel(this)),
      scroll_(new QScrollArea(this)),
      contests_box_(new QWidget),
      contests_layout_(new QVBoxLayout(contests_box_)),
      review_(new QPushButton(this)) {
  setObjectName(QStringLiteral("choose_page"));
  title_->setObjectName(QStringLiteral("title"));
  greeting_->setObjectName(QStringLiteral("greeting"));
  review_->setObjectName(QStringLiteral("review_button"));
  title_->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: bold"));
  greeting_->setWordWrap(true);
  scroll_->setWidgetResizable(true);
  scroll_->setWidget(contests_box_);
  scroll_->setFocusPolicy(Qt::NoFocus);
  review_->setAutoDefault(true);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(title_);
  layout->addWidget(greeting_);
  layout->addWidget(scroll_, 1);
  layout->addWidget(review_, 0, Qt::AlignRight);
  connect(review_, &QPushButton::clicked, this, &ChoosePage::review_requested);
  // The keyboard user sees where the focus went: the ballot scrolls to it.
  connect(qApp, &QApplication::focusChanged, this, [this](QWidget*, QWidget* now) {
    if (now != nullptr && contests_box_->isAncestorOf(now)) scroll_->ensureWidgetVisible(now);
  });
  retranslate();
}

void ChoosePage::focus_first() {
  if (!contests_.empty())
    contests_.front()->search_field()->setFocus();
  else
    review_->setFocus();
}

void ChoosePage::set_ballot(const QString& voter_name,
                            std::shared_ptr<const voter::VoterBallot> ballot,
                            const QString& language) {
  voter_name_ = voter_name;
  language_ = language;
  ballot_ = std::move(ballot);
  for (ContestWidget* contest : contests_) delete contest;
  contests_.clear();
  QWidget* previous = nullptr;
  for (const voter::BallotContestInfo& info : ballot_->contests) {
    auto* contest = new ContestWidget(info, language_, contests_box_);
    contests_layout_->addWidget(contest);
    contests_.push_back(contest);
    // Tab goes through each contest's search, list and clear button in turn.
    if (previous != nullptr) setTabOrder(previous, contest->search_field());
    previous = contest->findChild<QPushButton*>(QStringLiteral("clear"));
  }
  if (previous != nullptr) setTabOrder(previous, review_);
  retranslate();
}

void ChoosePage::set_language(const QString& language) {
  language_ = language;
  for (ContestWidget* contest : contests_) contest->set_language(language);
  retranslate();
}

void ChoosePage::clear_selections() {
  for (ContestWidget* contest : contests_) contest->clear_selection();
}

protocol::Selections ChoosePage::selections() const {
  protocol::Selections selections;
  for (const ContestWidget* contest : contests_)
    if (!contest->selection().empty()) selections[contest->contest().id] = contest->selection();
  return selections;
}

void ChoosePage::retranslate() {
  title_->setText(tr("Your ballot"));
  if (ballot_)
    greeting_->setText(tr("Hello, %1. Your district: %2. Choose in each contest; a contest "
                          "left empty is voted blank.")
                           .arg(voter_name_, localized(ballot_->district_names, language_)));
  review_->setText(tr("&Review your choices"));
  describe(title_, tr("Your ballot"), tr("The third step of voting: choose."));
  describe(greeting_, tr("Voter and district"), greeting_->text());
  describe(review_, tr("Review your choices"),
           tr("Shows what you chose before you sign the vote with PIN2."));
}

}  // namespace evote::gui
