#include "review_page.hpp"

#include <QHBoxLayout>
#include <QVBoxLayout>

namespace evote::gui {

ReviewPage::ReviewPage(const ChoosePage& ballot, QWidget* parent)
    : Page(parent),
      ballot_(ballot),
      title_(new QLabel(this)),
      choices_(new QLabel(this)),
      back_(new QPushButton(this)),
      continue_(new QPushButton(this)) {
  setObjectName(QStringLiteral("review_page"));
  title_->setObjectName(QStringLiteral("title"));
  choices_->setObjectName(QStringLiteral("choices"));
  back_->setObjectName(QStringLiteral("back_button"));
  continue_->setObjectName(QStringLiteral("continue_button"));
  title_->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: bold"));
  choices_->setWordWrap(true);
  choices_->setTextFormat(Qt::PlainText);
  choices_->setFocusPolicy(Qt::TabFocus);
  back_->setAutoDefault(true);
  continue_->setAutoDefault(true);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(title_);
  layout->addWidget(choices_);
  layout->addStretch(1);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(back_);
  buttons->addStretch(1);
  buttons->addWidget(continue_);
  layout->addLayout(buttons);
  setTabOrder(choices_, back_);
  setTabOrder(back_, continue_);
  connect(back_, &QPushButton::clicked, this, &ReviewPage::back_requested);
  connect(continue_, &QPushButton::clicked, this, &ReviewPage::continue_requested);
  retranslate();
}

void ReviewPage::retranslate() {
  title_->setText(tr("Check your choices"));
  QStringList lines;
  for (const ContestWidget* contest : ballot_.contests()) {
    QStringList chosen;
    const auto& codes = contest->selection();
    for (std::size_t i = 0; i < codes.size(); ++i) {
      const QString text = contest->choice_text(codes[i]);
      chosen << (contest->contest().type == protocol::ContestType::ranked
                     ? QStringLiteral("%1. %2").arg(i + 1).arg(text)
                     : text);
    }
    lines << contest->title() + QStringLiteral(": ") +
                 (chosen.isEmpty() ? tr("blank (nothing chosen)")
                                   : chosen.join(QStringLiteral("; ")));
  }
  choices_->setText(lines.join(QLatin1Char('\n')));
  back_->setText(tr("&Change"));
  continue_->setText(tr("C&ontinue to signing"));
  describe(title_, tr("Check your choices"), tr("The fourth step of voting."));
  describe(choices_, tr("Your choices"), choices_->text());
  describe(back_, tr("Change"), tr("Goes back to the ballot to change your choices."));
  describe(continue_, tr("Continue to signing"), tr("Goes on to sign the vote with PIN2."));
}

}  // namespace evote::gui
