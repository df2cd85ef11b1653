// evote-voter: the voter's desktop app. Reads the app settings (the
// collector's address, the organizer's key, the PKCS#11 module) from
// --settings FILE, or evote-voter.json beside the program, and opens the
// voting window in --language et|en|ru (default: the system's when it is
// one of these, else Estonian). Exit status 2: wrong usage or settings
// that cannot be used (the message names the option or the field).
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <cstdio>

#include "evote/voter/app_settings.hpp"
#include "evote/voter/voter_error.hpp"
#include "language.hpp"
#include "main_window.hpp"

namespace {

int usage_error(const QString& message) {
  std::fprintf(stderr, "evote-voter: %s\n(see evote-voter --help)\n", qPrintable(message));
  return 2;
}

// Says why the settings cannot be used: on stderr, and in a dialog where
// someone can see one (not under the offscreen or minimal platforms).
int settings_error(const QString& message) {
  std::fprintf(stderr, "evote-voter: %s\n", qPrintable(message));
  const QString platform = QGuiApplication::platformName();
  if (platform != QStringLiteral("offscreen") && platform != QStringLiteral("minimal"))
    QMessageBox::critical(
        nullptr, QStringLiteral("evote-voter"),
        QApplication::translate("evote::gui::MainWindow", "The app's settings cannot be read: %1")
            .arg(message));
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("evote-voter"));
  QApplication::setApplicationVersion(QStringLiteral(EVOTE_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("evote-voter: vote with your ID card"));
  const QCommandLineOption help_option = parser.addHelpOption();
  const QCommandLineOption version_option = parser.addVersionOption();
  const QCommandLineOption settings_option(
      QStringLiteral("settings"),
      QStringLiteral("The app settings file (default: evote-voter.json beside the program)."),
      QStringLiteral("FILE"));
  const QCommandLineOption language_option(QStringLiteral("language"),
                                           QStringLiteral("et, en or ru."), QStringLiteral("CODE"));
  parser.addOption(settings_option);
  parser.addOption(language_option);
  if (!parser.parse(QApplication::arguments())) return usage_error(parser.errorText());
  if (!parser.positionalArguments().isEmpty())
    return usage_error(
        QStringLiteral("unexpected argument %1").arg(parser.positionalArguments()[0]));
  if (parser.isSet(help_option)) parser.showHelp(0);
  if (parser.isSet(version_option)) parser.showVersion();

  evote::gui::Language language;
  const QString wanted = parser.isSet(language_option) ? parser.value(language_option)
                                                       : evote::gui::Language::system_default();
  if (!evote::gui::Language::codes().contains(wanted))
    return usage_error(QStringLiteral("--language %1: must be et, en or ru").arg(wanted));
  if (!language.set(wanted))
    return usage_error(QStringLiteral("--language %1: the translation is missing").arg(wanted));

  const QString settings_path =
      parser.isSet(settings_option)
          ? parser.value(settings_option)
          : QDir(QApplication::applicationDirPath()).filePath(QStringLiteral("evote-voter.json"));
  evote::voter::AppSettings settings;
  try {
    settings = evote::voter::load_app_settings(settings_path.toStdString());
  } catch (const evote::voter::VoterError& e) {
    return settings_error(QString::fromStdString(e.what()));
  }

  evote::gui::MainWindow window(settings, language);
  window.show();
  return QApplication::exec();
}
