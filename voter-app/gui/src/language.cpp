#include "language.hpp"

#include <QCoreApplication>
#include <QLocale>

namespace evote::gui {

Language::Language(QObject* parent) : QObject(parent) {}

QStringList Language::codes() { return {"et", "en", "ru"}; }

QString Language::native_name(const QString& code) {
  if (code == "et") return QStringLiteral("Eesti");
  if (code == "en") return QStringLiteral("English");
  if (code == "ru") return QStringLiteral("Русский");
  return code;
}

QString Language::system_default() {
  const QString system = QLocale::system().name().left(2);
  return codes().contains(system) ? system : QStringLiteral("et");
}

bool Language::set(const QString& code) {
  if (!codes().contains(code)) return false;
  if (code == current_) return true;
  auto next = std::make_unique<QTranslator>();
  if (!next->load(QStringLiteral(":/i18n/evote_voter_") + code)) return false;
  if (translator_) QCoreApplication::removeTranslator(translator_.get());
  translator_ = std::move(next);
  current_ = code;
  QCoreApplication::installTranslator(translator_.get());
  emit changed(code);
  return true;
}

}  // namespace evote::gui
