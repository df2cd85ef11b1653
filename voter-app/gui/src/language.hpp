// The app's language: Estonian, English or Russian, from the translations
// embedded at build time (:/i18n/evote_voter_<code>.qm). set() installs the
// translator; Qt then sends every widget a LanguageChange event, and each
// page retranslates itself (changeEvent). GUI thread only.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>
#include <memory>

namespace evote::gui {

class Language : public QObject {
  Q_OBJECT

 public:
  explicit Language(QObject* parent = nullptr);

  // "et", "en", "ru": the order of the language selector.
  static QStringList codes();
  // The language's own name ("Eesti", "English", "Русский"), never translated.
  static QString native_name(const QString& code);
  // The language of the system locale when it is one of codes(), else "et".
  static QString system_default();

  // Installs the language's translation. Returns false (and changes
  // nothing) for a code that is not one of codes() or whose translation is
  // missing from the resources.
  bool set(const QString& code);
  const QString& current() const { return current_; }

 signals:
  void changed(const QString& code);

 private:
  std::unique_ptr<QTranslator> translator_;
  QString current_;
};

}  // namespace evote::gui
