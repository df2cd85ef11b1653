#include "contest_widget.hpp"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QVBoxLayout>
#include <algorithm>

#include "names.hpp"
#include "page.hpp"

namespace evote::gui {

namespace {
constexpr int kCodeRole = Qt::UserRole + 1;
}

ContestWidget::ContestWidget(voter::BallotContestInfo contest, QString language, QWidget* parent)
    : QGroupBox(parent),
      contest_(std::move(contest)),
      language_(std::move(language)),
      hint_(new QLabel(this)),
      search_label_(new QLabel(this)),
      search_(new QLineEdit(this)),
      list_(new QListWidget(this)),
      summary_(new QLabel(this)),
      clear_(new QPushButton(this)) {
  setObjectName(QStringLiteral("contest_") + QString::fromStdString(contest_.id));
  search_->setObjectName(QStringLiteral("search"));
  list_->setObjectName(QStringLiteral("choices"));
  summary_->setObjectName(QStringLiteral("summary"));
  clear_->setObjectName(QStringLiteral("clear"));
  search_->setClearButtonEnabled(true);
  search_label_->setBuddy(search_);
  hint_->setWordWrap(true);
  summary_->setWordWrap(true);
  clear_->setAutoDefault(true);
  list_->setSelectionMode(QAbstractItemView::SingleSelection);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(hint_);
  auto* search_row = new QHBoxLayout;
  search_row->addWidget(search_label_);
  search_row->addWidget(search_, 1);
  layout->addLayout(search_row);
  layout->addWidget(list_);
  auto* summary_row = new QHBoxLayout;
  summary_row->addWidget(summary_, 1);
  summary_row->addWidget(clear_);
  layout->addLayout(summary_row);
  setTabOrder(search_, list_);
  setTabOrder(list_, clear_);

  connect(search_, &QLineEdit::textChanged, this, &ContestWidget::filter);
  connect(list_, &QListWidget::itemChanged, this, &ContestWidget::item_changed);
  connect(clear_, &QPushButton::clicked, this, &ContestWidget::clear_selection);
  list_->installEventFilter(this);
  fill_list();
  retranslate();
}

void ContestWidget::fill_list() {
  updating_ = true;
  list_->clear();
  for (const voter::BallotChoice& choice : contest_.choices) {
    auto* item = new QListWidgetItem(choice_text(choice.code), list_);
    item->setData(kCodeRole, QVariant::fromValue<qulonglong>(choice.code));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    const bool picked = std::find(picked_.begin(), picked_.end(), choice.code) != picked_.end();
    item->setCheckState(picked ? Qt::Checked : Qt::Unchecked);
  }
  if (list_->count() > 0) list_->setCurrentRow(0);
  // Tall enough for every candidate up to eight; a longer list scrolls.
  const int rows = std::clamp(list_->count(), 2, 8);
  list_->setFixedHeight(rows * std::max(list_->sizeHintForRow(0), 18) + 2 * list_->frameWidth() +
                        4);
  updating_ = false;
  filter(search_->text());
}

QString ContestWidget::choice_text(std::uint64_t code) const {
  for (const voter::BallotChoice& choice : contest_.choices) {
    if (choice.code != code) continue;
    QString text =
        QString::number(choice.code) + QStringLiteral("  ") + localized(choice.names, language_);
    if (!choice.party.empty()) text += QStringLiteral(" — ") + localized(choice.party, language_);
    return text;
  }
  return QString::number(code);
}

bool ContestWidget::matches(const voter::BallotChoice& choice, const QString& query) const {
  if (query.isEmpty()) return true;
  if (QString::number(choice.code).startsWith(query)) return true;
  for (const protocol::Names* names : {&choice.names, &choice.party})
    for (const auto& [lang, text] : *names)
      if (QString::fromStdString(text).contains(query, Qt::CaseInsensitive)) return true;
  return false;
}

void ContestWidget::filter(const QString& query) {
  const QString wanted = query.trimmed();
  for (int row = 0; row < list_->count(); ++row)
    list_->item(row)->setHidden(!matches(contest_.choices[static_cast<std::size_t>(row)], wanted));
  // Keep the current row on a visible candidate, so the arrows and Space work at once.
  QListWidgetItem* current = list_->currentItem();
  if (current == nullptr || current->isHidden())
    for (int row = 0; row < list_->count(); ++row)
      if (!list_->item(row)->isHidden()) {
        list_->setCurrentRow(row);
        break;
      }
}

void ContestWidget::item_changed(QListWidgetItem* item) {
  if (updating_) return;
  const auto code = static_cast<std::uint64_t>(item->data(kCodeRole).toULongLong());
  const auto at = std::find(picked_.begin(), picked_.end(), code);
  const bool checked = item->checkState() == Qt::Checked;
  if (checked && at == picked_.end()) {
    if (contest_.type == protocol::ContestType::single_choice) {
      picked_.clear();
      picked_.push_back(code);
    } else if (picked_.size() < contest_.max_selections) {
      picked_.push_back(code);
    }
  } else if (!checked && at != picked_.end()) {
    picked_.erase(at);
  }
  // Make the check boxes show exactly picked_ (a refused tick is undone).
  updating_ = true;
  for (int row = 0; row < list_->count(); ++row) {
    QListWidgetItem* each = list_->item(row);
    const auto each_code = static_cast<std::uint64_t>(each->data(kCodeRole).toULongLong());
    const bool on = std::find(picked_.begin(), picked_.end(), each_code) != picked_.end();
    if ((each->checkState() == Qt::Checked) != on)
      each->setCheckState(on ? Qt::Checked : Qt::Unchecked);
  }
  updating_ = false;
  update_texts();
  emit selection_changed();
}

bool ContestWidget::eventFilter(QObject* watched, QEvent* event) {
  if (watched == list_ && event->type() == QEvent::KeyPress &&
      contest_.type == protocol::ContestType::ranked) {
    const auto* key = static_cast<QKeyEvent*>(event);
    if (key->modifiers() == Qt::ControlModifier &&
        (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down))
      return move_current(key->key() == Qt::Key_Up ? -1 : 1);
  }
  return QGroupBox::eventFilter(watched, event);
}

bool ContestWidget::move_current(int step) {
  const QListWidgetItem* item = list_->currentItem();
  if (item == nullptr) return false;
  const auto code = static_cast<std::uint64_t>(item->data(kCodeRole).toULongLong());
  const auto at = std::find(picked_.begin(), picked_.end(), code);
  if (at == picked_.end()) return false;
  const std::ptrdiff_t from = at - picked_.begin();
  const std::ptrdiff_t to = from + step;
  if (to < 0 || to >= static_cast<std::ptrdiff_t>(picked_.size())) return true;
  std::swap(picked_[static_cast<std::size_t>(from)], picked_[static_cast<std::size_t>(to)]);
  update_texts();
  emit selection_changed();
  return true;
}

void ContestWidget::clear_selection() {
  picked_.clear();
  fill_list();
  update_texts();
  emit selection_changed();
}

void ContestWidget::set_language(const QString& language) {
  language_ = language;
  const int row = list_->currentRow();
  fill_list();
  if (row >= 0) list_->setCurrentRow(row);
  retranslate();
}

void ContestWidget::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QGroupBox::changeEvent(event);
}

void ContestWidget::retranslate() {
  setTitle(localized(contest_.names, language_));
  const int max = static_cast<int>(contest_.max_selections);
  switch (contest_.type) {
    case protocol::ContestType::single_choice:
      hint_->setText(tr("Choose one candidate: move with the arrow keys and tick with Space."));
      break;
    case protocol::ContestType::approval:
      hint_->setText(
          tr("Choose up to %1 candidates: move with the arrow keys and tick with Space.").arg(max));
      break;
    case protocol::ContestType::ranked:
      hint_->setText(tr("Rank up to %1 candidates: tick them with Space in the order you prefer "
                        "them, the first one first. Ctrl+Up and Ctrl+Down move a ticked "
                        "candidate up or down the order.")
                         .arg(max));
      break;
  }
  search_label_->setText(tr("&Search:"));
  search_->setPlaceholderText(tr("name, party or number"));
  clear_->setText(tr("Clear choice"));
  describe(search_, tr("Search candidates of %1").arg(title()),
           tr("Type a name, a party or a candidate number to show only the matching candidates."));
  describe(list_, tr("Candidates of %1").arg(title()), hint_->text());
  describe(clear_, tr("Clear choice"), tr("Unticks every candidate of %1.").arg(title()));
  describe(summary_, tr("Your choice"), tr("What you have chosen in %1.").arg(title()));
  update_texts();
}

void ContestWidget::update_texts() {
  if (picked_.empty()) {
    summary_->setText(tr("Nothing chosen: this contest is voted blank."));
    return;
  }
  QStringList lines;
  for (std::size_t i = 0; i < picked_.size(); ++i) {
    const QString text = choice_text(picked_[i]);
    lines << (contest_.type == protocol::ContestType::ranked
                  ? QStringLiteral("%1. %2").arg(i + 1).arg(text)
                  : text);
  }
  summary_->setText(tr("Chosen: %1").arg(lines.join(QStringLiteral("; "))));
}

}  // namespace evote::gui
