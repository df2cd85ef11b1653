#include "card_page.hpp"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include "pin_input.hpp"

namespace evote::gui {

CardPage::CardPage(QWidget* parent)
    : Page(parent),
      title_(new QLabel(this)),
      cards_label_(new QLabel(this)),
      list_(new QListWidget(this)),
      holder_(new QLabel(this)),
      refresh_(new QPushButton(this)),
      pin_label_(new QLabel(this)),
      pin_(new QLineEdit(this)),
      log_in_(new QPushButton(this)) {
  setObjectName(QStringLiteral("card_page"));
  title_->setObjectName(QStringLiteral("title"));
  list_->setObjectName(QStringLiteral("card_list"));
  holder_->setObjectName(QStringLiteral("holder"));
  refresh_->setObjectName(QStringLiteral("refresh_button"));
  pin_->setObjectName(QStringLiteral("pin1_field"));
  log_in_->setObjectName(QStringLiteral("log_in_button"));
  title_->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: bold"));
  holder_->setWordWrap(true);
  cards_label_->setBuddy(list_);
  pin_label_->setBuddy(pin_);
  make_pin_field(*pin_);
  refresh_->setAutoDefault(true);
  log_in_->setAutoDefault(true);
  list_->setMaximumHeight(110);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(title_);
  layout->addWidget(cards_label_);
  layout->addWidget(list_);
  auto* holder_row = new QHBoxLayout;
  holder_row->addWidget(holder_, 1);
  holder_row->addWidget(refresh_);
  layout->addLayout(holder_row);
  auto* pin_row = new QHBoxLayout;
  pin_row->addWidget(pin_label_);
  pin_row->addWidget(pin_, 1);
  pin_row->addWidget(log_in_);
  layout->addLayout(pin_row);
  layout->addStretch(1);
  setTabOrder(list_, refresh_);
  setTabOrder(refresh_, pin_);
  setTabOrder(pin_, log_in_);

  connect(list_, &QListWidget::currentRowChanged, this, &CardPage::show_holder);
  connect(refresh_, &QPushButton::clicked, this, &CardPage::refresh_requested);
  connect(log_in_, &QPushButton::clicked, this, &CardPage::try_log_in);
  connect(pin_, &QLineEdit::returnPressed, this, &CardPage::try_log_in);
  retranslate();
}

void CardPage::focus_first() {
  // Several cards: the voter first chooses theirs in the list.
  if (cards_.size() > 1)
    list_->setFocus();
  else
    pin_->setFocus();
}

void CardPage::set_cards(const QList<CardChoice>& cards) {
  cards_ = cards;
  list_->clear();
  for (const CardChoice& card : cards_)
    list_->addItem(QStringLiteral("%1 (%2)").arg(card.name, card.personal_code));
  if (!cards_.isEmpty()) list_->setCurrentRow(0);
  show_holder();
}

void CardPage::clear_cards() { set_cards({}); }

QString CardPage::chosen_code() const {
  const int row = list_->currentRow();
  return row >= 0 && row < cards_.size() ? cards_[row].personal_code : QString();
}

void CardPage::try_log_in() {
  if (chosen_code().isEmpty() || pin_->text().isEmpty()) return;
  emit log_in_requested();
}

void CardPage::show_holder() {
  const int row = list_->currentRow();
  if (row < 0 || row >= cards_.size()) {
    holder_->setText(tr("No ID card found yet."));
  } else {
    holder_->setText(
        tr("Card holder: %1, personal code %2").arg(cards_[row].name, cards_[row].personal_code));
  }
  describe(holder_, tr("Card holder"), holder_->text());
}

void CardPage::retranslate() {
  title_->setText(tr("ID card and PIN1"));
  cards_label_->setText(tr("ID &cards in the readers:"));
  refresh_->setText(tr("Look for cards a&gain"));
  pin_label_->setText(tr("&PIN1:"));
  log_in_->setText(tr("&Log in"));
  describe(list_, tr("ID cards"),
           tr("The ID cards in the card readers; choose yours with the arrow keys."));
  describe(refresh_, tr("Look for cards again"),
           tr("Looks for ID cards again, after a card or reader was put in or taken out."));
  describe(pin_, tr("PIN1"), tr("The PIN1 of the chosen ID card, 4 to 12 digits. It is hidden."));
  describe(log_in_, tr("Log in"), tr("Logs in to the vote collection server with the ID card."));
  describe(title_, tr("ID card and PIN1"), tr("The second step of voting."));
  show_holder();
}

}  // namespace evote::gui
