#include "problem_panel.hpp"

#include <QEvent>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include "messages.hpp"
#include "page.hpp"

namespace evote::gui {

ProblemPanel::ProblemPanel(QWidget* parent)
    : QFrame(parent),
      text_(new QLabel(this)),
      detail_(new QLabel(this)),
      try_again_(new QPushButton(this)) {
  setObjectName(QStringLiteral("problem_panel"));
  text_->setObjectName(QStringLiteral("problem_text"));
  detail_->setObjectName(QStringLiteral("problem_detail"));
  try_again_->setObjectName(QStringLiteral("try_again_button"));
  setFrameShape(QFrame::StyledPanel);
  setStyleSheet(
      QStringLiteral("#problem_panel { background: #fff4e5; border: 1px solid #e0a040; }"));
  text_->setWordWrap(true);
  text_->setStyleSheet(QStringLiteral("font-weight: bold"));
  detail_->setWordWrap(true);
  detail_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  detail_->setStyleSheet(QStringLiteral("color: #555; font-size: 8pt"));
  try_again_->setAutoDefault(true);
  auto* layout = new QHBoxLayout(this);
  auto* texts = new QVBoxLayout;
  texts->addWidget(text_);
  texts->addWidget(detail_);
  layout->addLayout(texts, 1);
  layout->addWidget(try_again_, 0, Qt::AlignTop);
  connect(try_again_, &QPushButton::clicked, this, [this] {
    if (!failure_) return;
    const Failure failure = *failure_;
    dismiss();
    emit try_again_requested(failure);
  });
  hide();
  retranslate();
}

void ProblemPanel::show_failure(const Failure& failure) {
  failure_ = failure;
  retranslate();
  show();
}

void ProblemPanel::dismiss() {
  failure_.reset();
  hide();
}

void ProblemPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QFrame::changeEvent(event);
}

void ProblemPanel::retranslate() {
  text_->setText(failure_ ? Messages::text(*failure_) : QString());
  detail_->setText(failure_ && !failure_->detail.isEmpty()
                       ? tr("Details for the helpdesk: %1").arg(failure_->detail)
                       : QString());
  try_again_->setText(tr("&Try again"));
  describe(text_, tr("Problem"), text_->text());
  describe(detail_, tr("Details for the helpdesk"), detail_->text());
  describe(try_again_, tr("Try again"), tr("Tries the step that failed once more."));
}

}  // namespace evote::gui
