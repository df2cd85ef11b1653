// evote-verify-vote: check a vote on a second device with the verification
// code the voting app showed (specs/voter-app.md, "Checking a vote").
//
//   evote-verify-vote [--settings <app settings file>]      the window
//   evote-verify-vote --cli --settings <file> (--qr-image <png> | --code <text> | --code-file <f>)
//
// Without --settings the window reads $EVOTE_APP_SETTINGS. --cli: see
// cli_mode.hpp (exit 0 verified, 1 not verified, 2 usage, 4 other failure).
#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstring>
#include <optional>

#include "cli_mode.hpp"
#include "evote/voter/app_settings.hpp"
#include "verify_window.hpp"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--cli") == 0) {
      QCoreApplication application(argc, argv);
      return evote::verify::run_cli(argc, argv);
    }
  }
  QApplication application(argc, argv);
  QCoreApplication::setApplicationName("evote-verify-vote");
  QCommandLineParser parser;
  parser.setApplicationDescription("Check your vote with its verification code.");
  parser.addHelpOption();
  const QCommandLineOption settings_option(
      "settings", "The app settings file (default: $EVOTE_APP_SETTINGS).", "file");
  parser.addOption(settings_option);
  parser.process(application);
  QString path = parser.value(settings_option);
  if (path.isEmpty()) path = qEnvironmentVariable("EVOTE_APP_SETTINGS");

  std::optional<evote::voter::AppSettings> settings;
  QString problem;
  if (path.isEmpty()) {
    problem = "No settings file: give --settings <file> or set EVOTE_APP_SETTINGS.";
  } else {
    try {
      settings = evote::voter::load_app_settings(path.toStdString());
    } catch (const std::exception& e) {
      problem = QString::fromStdString(e.what());
    }
  }
  evote::verify::VerifyWindow window(std::move(settings), problem);
  window.show();
  return application.exec();
}
