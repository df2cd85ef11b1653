#include "record_page.hpp"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QVBoxLayout>

#include "evote/protocol/base64url.hpp"

namespace evote::gui {

namespace {

QString local_time(std::int64_t seconds) {
  return QDateTime::fromSecsSinceEpoch(seconds).toLocalTime().toString(
      QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QTableWidgetItem* cell(const QString& text) {
  auto* item = new QTableWidgetItem(text);
  item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
  return item;
}

void set_up_table(QTableWidget& table) {
  table.setEditTriggers(QAbstractItemView::NoEditTriggers);
  table.setSelectionBehavior(QAbstractItemView::SelectRows);
  table.verticalHeader()->setVisible(false);
  table.horizontalHeader()->setStretchLastSection(true);
  table.setTabKeyNavigation(false);
}

}  // namespace

RecordPage::RecordPage(QWidget* parent)
    : Page(parent),
      title_(new QLabel(this)),
      eligibility_(new QLabel(this)),
      ballots_label_(new QLabel(this)),
      ballots_(new QTableWidget(0, 4, this)),
      accesses_label_(new QLabel(this)),
      accesses_(new QTableWidget(0, 2, this)),
      refresh_(new QPushButton(this)),
      back_(new QPushButton(this)) {
  setObjectName(QStringLiteral("record_page"));
  title_->setObjectName(QStringLiteral("title"));
  eligibility_->setObjectName(QStringLiteral("eligibility"));
  ballots_->setObjectName(QStringLiteral("record_ballots"));
  accesses_->setObjectName(QStringLiteral("record_accesses"));
  refresh_->setObjectName(QStringLiteral("refresh_button"));
  back_->setObjectName(QStringLiteral("back_button"));
  title_->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: bold"));
  eligibility_->setWordWrap(true);
  ballots_label_->setBuddy(ballots_);
  accesses_label_->setBuddy(accesses_);
  set_up_table(*ballots_);
  set_up_table(*accesses_);
  refresh_->setAutoDefault(true);
  back_->setAutoDefault(true);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(title_);
  layout->addWidget(eligibility_);
  layout->addWidget(ballots_label_);
  layout->addWidget(ballots_, 2);
  layout->addWidget(accesses_label_);
  layout->addWidget(accesses_, 1);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(refresh_);
  buttons->addStretch(1);
  buttons->addWidget(back_);
  layout->addLayout(buttons);
  setTabOrder(ballots_, accesses_);
  setTabOrder(accesses_, back_);
  setTabOrder(back_, refresh_);
  connect(refresh_, &QPushButton::clicked, this, &RecordPage::refresh_requested);
  connect(back_, &QPushButton::clicked, this, &RecordPage::back_requested);
  retranslate();
}

void RecordPage::show_record(std::shared_ptr<const voter::VoterRecord> record) {
  record_ = std::move(record);
  fill();
}

void RecordPage::fill() {
  ballots_->setRowCount(0);
  accesses_->setRowCount(0);
  if (!record_) {
    eligibility_->clear();
    return;
  }
  const voter::RecordEligibility& e = record_->eligibility;
  eligibility_->setText(
      e.eligible
          ? tr("You are on the voter list (version %1), district %2.")
                .arg(e.voter_list_version)
                .arg(QString::fromStdString(e.district.value_or(std::string())))
          : tr("You are not on the voter list in force (version %1).").arg(e.voter_list_version));
  for (const voter::RecordBallot& b : record_->ballots) {
    const int row = ballots_->rowCount();
    ballots_->insertRow(row);
    ballots_->setItem(row, 0, cell(QString::number(b.sequence)));
    ballots_->setItem(row, 1, cell(local_time(b.time)));
    ballots_->setItem(row, 2, cell(QString::fromStdString(protocol::base64url_encode(b.vote_id))));
    ballots_->setItem(row, 3,
                      cell(b.counts_now ? tr("counts now") : tr("replaced by a later vote")));
  }
  for (const voter::RecordAccess& a : record_->accesses) {
    const int row = accesses_->rowCount();
    accesses_->insertRow(row);
    accesses_->setItem(row, 0, cell(local_time(a.time)));
    QString what;
    if (a.kind == voter::AccessKind::verification) {
      what = tr("verification of the vote number %1 in the ballot box").arg(a.sequence);
    } else {
      QStringList sequences;
      for (std::uint64_t s : a.sequences) sequences << QString::number(s);
      what = tr("export %1 requested by %2 (votes %3)")
                 .arg(a.export_id)
                 .arg(QString::fromStdString(a.requested_by), sequences.join(QStringLiteral(", ")));
    }
    accesses_->setItem(row, 1, cell(what));
  }
  ballots_->resizeColumnsToContents();
  accesses_->resizeColumnToContents(0);
}

void RecordPage::retranslate() {
  title_->setText(tr("My record"));
  ballots_label_->setText(tr("&Votes you have cast (the last one counts):"));
  accesses_label_->setText(tr("&Checks and exports of your votes:"));
  ballots_->setHorizontalHeaderLabels({tr("Number"), tr("Time"), tr("Vote id"), tr("Status")});
  accesses_->setHorizontalHeaderLabels({tr("Time"), tr("What")});
  refresh_->setText(tr("Re&fresh"));
  back_->setText(tr("&Back to voting"));
  describe(title_, tr("My record"), tr("What the vote collection server holds about you."));
  describe(eligibility_, tr("Voter list"), eligibility_->text());
  describe(ballots_, tr("Votes you have cast"),
           tr("One row per vote: its number in the ballot box, time, vote id and whether it "
              "counts now."));
  describe(accesses_, tr("Checks and exports of your votes"),
           tr("Every verification of your votes and every export of the ballot box that held "
              "them."));
  describe(refresh_, tr("Refresh"), tr("Reads your record again from the server."));
  describe(back_, tr("Back to voting"), tr("Goes back to the ballot to vote again."));
  fill();
}

}  // namespace evote::gui
