#include "cli_mode.hpp"

#include <sodium.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "check_report.hpp"
#include "evote/cli/program.hpp"
#include "evote/voter/app_settings.hpp"
#include "evote/voter/verification_code.hpp"
#include "evote/voter/vote_check.hpp"
#include "evote/voter/voter_error.hpp"
#include "qr_image.hpp"

namespace evote::verify {
namespace {

constexpr const char* kProgram = "evote-verify-vote";

struct Options {
  bool cli = false;
  std::string settings;
  std::optional<std::string> qr_image;
  std::optional<std::string> code;
  std::optional<std::string> code_file;
  std::string language = "et";
  unsigned timeout_seconds = 30;
};

class Usage : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

int usage_error(const std::string& message) {
  std::fflush(stdout);
  std::fprintf(stderr, "%s: %s\n(see %s --cli --help)\n", kProgram, message.c_str(), kProgram);
  return 2;
}

int refused(int status, std::string_view what, const std::string& message) {
  std::fflush(stdout);
  std::fprintf(stderr, "%s: %s: %s\n", kProgram, std::string(what).c_str(), message.c_str());
  return status;
}

// The code's text in argv is overwritten, so that it does not stay in
// /proc/<pid>/cmdline for as long as the check runs.
void hide_code_argument(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--code") == 0 && i + 1 < argc) {
      sodium_memzero(argv[i + 1], std::strlen(argv[i + 1]));
    } else if (std::strncmp(argv[i], "--code=", 7) == 0) {
      sodium_memzero(argv[i] + 7, std::strlen(argv[i] + 7));
    }
  }
}

// The first line of the file ("-": standard input), without the line end
// and surrounding spaces.
std::string read_code_file(const std::string& path) {
  std::string line;
  if (path == "-") {
    std::getline(std::cin, line);
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Usage("--code-file " + path + ": cannot be read");
    std::getline(in, line);
  }
  const std::size_t begin = line.find_first_not_of(" \t\r\n");
  const std::size_t end = line.find_last_not_of(" \t\r\n");
  std::string code =
      begin == std::string::npos ? std::string() : line.substr(begin, end - begin + 1);
  voter::wipe_text(line);
  return code;
}

std::string code_of(Options& options) {
  const int given =
      (options.qr_image ? 1 : 0) + (options.code ? 1 : 0) + (options.code_file ? 1 : 0);
  if (given != 1)
    throw Usage("give exactly one of --qr-image, --code and --code-file (" + std::to_string(given) +
                " given)");
  if (options.qr_image) return read_qr_file(QString::fromStdString(*options.qr_image));
  if (options.code_file) return read_code_file(*options.code_file);
  std::string code = std::move(*options.code);
  options.code.reset();
  return code;
}

int check(Options& options) {
  const voter::AppSettings settings = voter::load_app_settings(options.settings);
  std::string code = code_of(options);
  try {
    const voter::VoteCheck result =
        voter::check_vote(settings, code, {}, std::chrono::seconds(options.timeout_seconds));
    voter::wipe_text(code);
    for (const std::string& line : report_lines(result, options.language))
      std::printf("%s\n", line.c_str());
    std::fflush(stdout);
    return 0;
  } catch (...) {
    voter::wipe_text(code);
    throw;
  }
}

}  // namespace

int run_cli(int argc, char** argv) {
  Options options;
  CLI::App app(
      "evote-verify-vote --cli: check a vote with its verification code (the second device)",
      kProgram);
  app.set_version_flag("--version", std::string(kProgram) + " (evote) " + cli::version());
  app.add_flag("--cli", options.cli, "run without a window");
  app.add_option("--settings", options.settings, "the app settings file (organizer key)")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--qr-image", options.qr_image, "a picture of the QR code (PNG, JPEG)")
      ->check(CLI::ExistingFile);
  CLI::Option* code_option =
      app.add_option("--code", options.code, "the verification code text (EVV1:...)");
  app.add_option("--code-file", options.code_file,
                 "the verification code: the first line of FILE, or - for standard input");
  app.add_option("--language", options.language, "names in et, en or ru (default et)")
      ->check(CLI::IsMember({"et", "en", "ru"}));
  app.add_option("--timeout", options.timeout_seconds, "seconds per request (default 30)")
      ->check(CLI::Range(1u, 3600u));
  app.footer(
      "Example: evote-verify-vote --cli --settings app.json --qr-image code.png\n"
      "Exit status: 0 verified, 1 not verified (malformed code, no QR code, not available, "
      "another election, bad signature, does not match), 2 wrong usage, 4 other failure.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  } catch (const CLI::CallForVersion&) {
    std::printf("%s (evote) %s\n", kProgram, cli::version());
    return 0;
  } catch (const CLI::ParseError& e) {
    hide_code_argument(argc, argv);
    return usage_error(e.what());
  }
  hide_code_argument(argc, argv);
  // CLI11 keeps its own copy of each value given: wiped too.
  struct WipeParsed {
    CLI::Option* option;
    ~WipeParsed() {
      for (std::string& value : const_cast<CLI::results_t&>(option->results()))
        voter::wipe_text(value);
    }
  } wipe_parsed{code_option};
  try {
    return check(options);
  } catch (const Usage& e) {
    return usage_error(e.what());
  } catch (const QrImageError& e) {
    return refused(1, "no_qr_code", e.what());
  } catch (const voter::VoteCheckError& e) {
    return refused(exit_status_of(e.problem()), voter::to_string(e.problem()), e.what());
  } catch (const voter::VoterError& e) {
    return refused(4, voter::to_string(e.kind()), e.what());
  } catch (const std::exception& e) {
    return refused(4, "failed", e.what());
  }
}

}  // namespace evote::verify
