#include "connect_page.hpp"

#include <QVBoxLayout>

namespace evote::gui {

ConnectPage::ConnectPage(const QString& collector_url, QWidget* parent)
    : Page(parent),
      collector_url_(collector_url),
      title_(new QLabel(this)),
      intro_(new QLabel(this)),
      server_(new QLabel(this)),
      connect_(new QPushButton(this)) {
  setObjectName(QStringLiteral("connect_page"));
  title_->setObjectName(QStringLiteral("title"));
  connect_->setObjectName(QStringLiteral("connect_button"));
  title_->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: bold"));
  intro_->setWordWrap(true);
  server_->setWordWrap(true);
  server_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  connect_->setAutoDefault(true);
  connect_->setDefault(true);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(title_);
  layout->addWidget(intro_);
  layout->addWidget(server_);
  layout->addStretch(1);
  layout->addWidget(connect_, 0, Qt::AlignRight);
  connect(connect_, &QPushButton::clicked, this, &ConnectPage::connect_requested);
  retranslate();
}

void ConnectPage::retranslate() {
  title_->setText(tr("Internet voting"));
  intro_->setText(
      tr("You will need your ID card in a card reader and its PIN1 and PIN2. You can change "
         "your vote as often as you like until voting ends: only your last vote counts."));
  server_->setText(tr("Vote collection server: %1").arg(collector_url_));
  connect_->setText(tr("&Connect"));
  describe(connect_, tr("Connect"),
           tr("Connects to the vote collection server and checks that it is the election's."));
  describe(title_, tr("Internet voting"), tr("The first step of voting."));
  describe(intro_, tr("What you need"), intro_->text());
  describe(server_, tr("Server"), server_->text());
}

}  // namespace evote::gui
