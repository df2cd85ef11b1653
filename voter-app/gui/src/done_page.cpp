#include "done_page.hpp"

#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QVBoxLayout>

namespace evote::gui {

DonePage::DonePage(QWidget* parent)
    : Page(parent),
      title_(new QLabel(this)),
      receipt_label_(new QLabel(this)),
      vote_id_(new QLabel(this)),
      time_(new QLabel(this)),
      sequence_(new QLabel(this)),
      qr_label_(new QLabel(this)),
      qr_(new QrWidget(this)),
      save_qr_(new QPushButton(this)),
      again_(new QLabel(this)),
      vote_again_(new QPushButton(this)),
      record_(new QPushButton(this)) {
  setObjectName(QStringLiteral("done_page"));
  title_->setObjectName(QStringLiteral("title"));
  vote_id_->setObjectName(QStringLiteral("vote_id"));
  time_->setObjectName(QStringLiteral("time"));
  sequence_->setObjectName(QStringLiteral("sequence"));
  qr_->setObjectName(QStringLiteral("qr_code"));
  save_qr_->setObjectName(QStringLiteral("save_qr_button"));
  again_->setObjectName(QStringLiteral("vote_again_text"));
  vote_again_->setObjectName(QStringLiteral("vote_again_button"));
  record_->setObjectName(QStringLiteral("record_button"));
  title_->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: bold"));
  again_->setStyleSheet(QStringLiteral("font-weight: bold"));
  for (QLabel* label : {receipt_label_, qr_label_, again_}) label->setWordWrap(true);
  for (QLabel* label : {vote_id_, time_, sequence_}) {
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setFocusPolicy(Qt::TabFocus);
  }
  for (QPushButton* button : {save_qr_, vote_again_, record_}) button->setAutoDefault(true);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(title_);
  auto* columns = new QHBoxLayout;
  auto* left = new QVBoxLayout;
  left->addWidget(receipt_label_);
  left->addWidget(vote_id_);
  left->addWidget(time_);
  left->addWidget(sequence_);
  left->addSpacing(12);
  left->addWidget(again_);
  left->addStretch(1);
  columns->addLayout(left, 1);
  auto* right = new QVBoxLayout;
  right->addWidget(qr_label_);
  right->addWidget(qr_, 1);
  right->addWidget(save_qr_);
  columns->addLayout(right, 1);
  layout->addLayout(columns, 1);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(record_);
  buttons->addStretch(1);
  buttons->addWidget(vote_again_);
  layout->addLayout(buttons);
  setTabOrder(vote_again_, record_);
  setTabOrder(record_, save_qr_);
  setTabOrder(save_qr_, vote_id_);
  setTabOrder(vote_id_, time_);
  setTabOrder(time_, sequence_);

  connect(save_qr_, &QPushButton::clicked, this, &DonePage::save_qr_requested);
  connect(vote_again_, &QPushButton::clicked, this, &DonePage::vote_again_requested);
  connect(record_, &QPushButton::clicked, this, &DonePage::record_requested);
  retranslate();
}

void DonePage::show_receipt(const CastDone& done) {
  receipt_ = done;
  qr_->set_code(done.qr);
  receipt_.qr.reset();  // the widget holds the only copy
  save_qr_->setEnabled(qr_->has_code());
  retranslate();
}

void DonePage::clear_code() {
  qr_->clear();
  save_qr_->setEnabled(false);
}

void DonePage::retranslate() {
  title_->setText(tr("Your vote was received"));
  receipt_label_->setText(tr("The vote collection server signed this receipt:"));
  vote_id_->setText(tr("Vote id: %1").arg(receipt_.vote_id));
  time_->setText(tr("Time: %1")
                     .arg(QDateTime::fromSecsSinceEpoch(receipt_.time)
                              .toLocalTime()
                              .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
  sequence_->setText(tr("Number in the ballot box: %1").arg(receipt_.sequence));
  qr_label_->setText(
      tr("To check that your vote was recorded as you cast it, scan this QR code "
         "with the verification app on another device."));
  save_qr_->setText(tr("Save the QR code as &PNG…"));
  again_->setText(tr("You may vote again; only your last vote counts."));
  vote_again_->setText(tr("&Vote again"));
  record_->setText(tr("See my &record"));
  describe(title_, tr("Your vote was received"), tr("The last step of voting."));
  describe(vote_id_, tr("Vote id"), vote_id_->text());
  describe(time_, tr("Time"), time_->text());
  describe(sequence_, tr("Number in the ballot box"), sequence_->text());
  describe(qr_, tr("QR code of the verification code"), qr_label_->text());
  describe(save_qr_, tr("Save the QR code as PNG"),
           tr("Saves the QR code to a picture file, to scan it from another screen."));
  describe(again_, tr("Voting again"), again_->text());
  describe(vote_again_, tr("Vote again"), tr("Goes back to the ballot to vote again."));
  describe(record_, tr("See my record"),
           tr("Shows every vote you cast and every check of your votes."));
}

}  // namespace evote::gui
