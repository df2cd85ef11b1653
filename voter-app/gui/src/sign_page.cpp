#include "sign_page.hpp"

#include <QHBoxLayout>
#include <QVBoxLayout>

#include "pin_input.hpp"

namespace evote::gui {

SignPage::SignPage(QWidget* parent)
    : Page(parent),
      title_(new QLabel(this)),
      explain_(new QLabel(this)),
      pin_label_(new QLabel(this)),
      pin_(new QLineEdit(this)),
      back_(new QPushButton(this)),
      cast_(new QPushButton(this)) {
  setObjectName(QStringLiteral("sign_page"));
  title_->setObjectName(QStringLiteral("title"));
  pin_->setObjectName(QStringLiteral("pin2_field"));
  back_->setObjectName(QStringLiteral("back_button"));
  cast_->setObjectName(QStringLiteral("cast_button"));
  title_->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: bold"));
  explain_->setWordWrap(true);
  make_pin_field(*pin_);
  pin_label_->setBuddy(pin_);
  back_->setAutoDefault(true);
  cast_->setAutoDefault(true);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(title_);
  layout->addWidget(explain_);
  auto* pin_row = new QHBoxLayout;
  pin_row->addWidget(pin_label_);
  pin_row->addWidget(pin_, 1);
  layout->addLayout(pin_row);
  layout->addStretch(1);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(back_);
  buttons->addStretch(1);
  buttons->addWidget(cast_);
  layout->addLayout(buttons);
  setTabOrder(pin_, cast_);
  setTabOrder(cast_, back_);
  connect(back_, &QPushButton::clicked, this, &SignPage::back_requested);
  connect(cast_, &QPushButton::clicked, this, &SignPage::try_cast);
  connect(pin_, &QLineEdit::returnPressed, this, &SignPage::try_cast);
  retranslate();
}

void SignPage::try_cast() {
  if (pin_->text().isEmpty()) return;
  emit cast_requested();
}

void SignPage::retranslate() {
  title_->setText(tr("Sign your vote with PIN2"));
  explain_->setText(
      tr("Your vote is encrypted on this computer, signed with your ID card and "
         "sent to the vote collection server. Nobody can see how you voted."));
  pin_label_->setText(tr("P&IN2:"));
  back_->setText(tr("&Back"));
  cast_->setText(tr("&Sign and send the vote"));
  describe(title_, tr("Sign your vote with PIN2"), tr("The fifth step of voting."));
  describe(explain_, tr("About signing"), explain_->text());
  describe(pin_, tr("PIN2"), tr("The PIN2 of your ID card, 5 to 12 digits. It is hidden."));
  describe(back_, tr("Back"), tr("Goes back to your choices."));
  describe(cast_, tr("Sign and send the vote"),
           tr("Signs the encrypted vote on the ID card with PIN2 and sends it."));
}

}  // namespace evote::gui
