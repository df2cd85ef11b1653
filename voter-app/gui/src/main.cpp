// evote-voter: the voter's desktop app. Reads the app settings (the
// collector's address, the organizer's key, the PKCS#11 module) from
// --settings FILE, or evote-voter.json beside the program, and opens the
// voting window in --language et|en|ru (default: the system's when it is
// one of these, else Estonian).
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <cstdio>

#include "evote/voter/app_settings.hpp"
#include "evote/voter/voter_error.hpp"
#include "language.hpp"
#include "main_window.hpp"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("evote-voter"));
  QApplication::setApplicationVersion(QStringLiteral(EVOTE_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("evote-voter: vote with your ID card"));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption settings_option(
      QStringLiteral("settings"),
      QStringLiteral("The app settings file (default: evote-voter.json beside the program)."),
      QStringLiteral("FILE"));
  const QCommandLineOption language_option(QStringLiteral("language"),
                                           QStringLiteral("et, en or ru."), QStringLiteral("CODE"));
  parser.addOption(settings_option);
  parser.addOption(language_option);
  parser.process(app);

  evote::gui::Language language;
  const QString wanted = parser.isSet(language_option) ? parser.value(language_option)
                                                       : evote::gui::Language::system_default();
  if (!evote::gui::Language::codes().contains(wanted)) {
    std::fprintf(stderr, "evote-voter: --language %s: must be et, en or ru\n", qPrintable(wanted));
    return 2;
  }
  language.set(wanted);

  const QString settings_path =
      parser.isSet(settings_option)
          ? parser.value(settings_option)
          : QDir(QApplication::applicationDirPath()).filePath(QStringLiteral("evote-voter.json"));
  evote::voter::AppSettings settings;
  try {
    settings = evote::voter::load_app_settings(settings_path.toStdString());
  } catch (const evote::voter::VoterError& e) {
    std::fprintf(stderr, "evote-voter: %s\n", e.what());
    QMessageBox::critical(
        nullptr, QStringLiteral("evote-voter"),
        QApplication::translate("evote::gui::MainWindow", "The app's settings cannot be read: %1")
            .arg(QString::fromStdString(e.what())));
    return 2;
  }

  evote::gui::MainWindow window(settings, language);
  window.show();
  return QApplication::exec();
}
