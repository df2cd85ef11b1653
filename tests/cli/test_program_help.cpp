// The same help, version and usage rules in every evote program (cli/):
// `help`, `-h`, `--help`; `help COMMAND` and `COMMAND --help` with a real
// example; `--version`; exit 2 only for wrong usage; options and numbers
// checked before any file is read.
#include <boost/test/unit_test.hpp>
#include <regex>

#include "support/run_program.hpp"

using evote::testing::run_program;

namespace {

const std::vector<std::string> kPrograms = {EVOTE_ADMIN_BIN, EVOTE_KEYS_BIN, EVOTE_MIX_BIN};

std::string name_of(const std::string& path) { return path.substr(path.rfind('/') + 1); }

// The command names listed in the program's usage (two spaces, a name, two spaces).
std::vector<std::string> commands_of(const std::string& program) {
  const auto r = run_program(program + " help");
  std::vector<std::string> names;
  const std::regex line(R"(^  ([a-z][a-z-]+)  )");
  std::istringstream in(r.output);
  for (std::string text; std::getline(in, text);) {
    std::smatch m;
    if (std::regex_search(text, m, line)) names.push_back(m[1]);
  }
  return names;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(program_help)

BOOST_AUTO_TEST_CASE(every_program_prints_its_usage_and_version) {
  for (const std::string& program : kPrograms) {
    BOOST_TEST_CONTEXT(name_of(program)) {
      for (const char* ask : {" help", " -h", " --help"}) {
        const auto r = run_program(program + ask);
        BOOST_TEST(r.status == 0);
        BOOST_TEST(r.output.find("usage: " + name_of(program) + " COMMAND") != std::string::npos,
                   r.output);
      }
      const auto none = run_program(program);
      BOOST_TEST(none.status == 2);
      const auto version = run_program(program + " --version");
      BOOST_TEST(version.status == 0);
      BOOST_TEST(std::regex_search(version.output,
                                   std::regex(name_of(program) + R"( \(evote\) \d+\.\d+\.\d+)")),
                 version.output);
      const auto unknown = run_program(program + " frobnicate");
      BOOST_TEST(unknown.status == 2);
      BOOST_TEST(unknown.output.find("unknown command \"frobnicate\"") != std::string::npos,
                 unknown.output);
    }
  }
}

BOOST_AUTO_TEST_CASE(every_command_has_help_with_a_real_example) {
  for (const std::string& program : kPrograms) {
    const std::vector<std::string> commands = commands_of(program);
    BOOST_TEST(commands.size() >= 4u, name_of(program));
    for (const std::string& command : commands) {
      BOOST_TEST_CONTEXT(name_of(program) << " " << command) {
        const auto help = run_program(program + " help " + command);
        const auto dashed = run_program(program + " " + command + " --help");
        BOOST_TEST(help.status == 0);
        BOOST_TEST(dashed.status == 0);
        BOOST_TEST(help.output == dashed.output);
        BOOST_TEST(help.output.find("usage: " + name_of(program) + " " + command) !=
                   std::string::npos);
        BOOST_TEST(help.output.find("example:\n  " + name_of(program) + " " + command + " ") !=
                       std::string::npos,
                   help.output);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(wrong_usage_is_exit_2_and_named_before_files_are_read) {
  for (const std::string& program : kPrograms) {
    const std::string command = commands_of(program).front();
    BOOST_TEST_CONTEXT(name_of(program) << " " << command) {
      const auto unknown = run_program(program + " " + command + " --no-such-option x");
      BOOST_TEST(unknown.status == 2);
      BOOST_TEST(
          unknown.output.find(command + ": unknown option --no-such-option") != std::string::npos,
          unknown.output);
      BOOST_TEST(unknown.output.find("(see " + name_of(program) + " help " + command + ")") !=
                 std::string::npos);
    }
  }
  // A number out of range is usage (2), named before the missing files are (1).
  const auto stage =
      run_program(std::string(EVOTE_MIX_BIN) +
                  " shuffle --config /nonexistent --input /nonexistent --output /tmp/o --proof "
                  "/tmp/p --stage 0");
  BOOST_TEST(stage.status == 2);
  BOOST_TEST(stage.output.find("--stage must be a whole number from 1 to 1000000, got \"0\"") !=
                 std::string::npos,
             stage.output);
  const auto missing = run_program(std::string(EVOTE_MIX_BIN) +
                                   " verify --config /nonexistent/config.json --input "
                                   "/tmp --output /tmp/o --proof /tmp/p");
  BOOST_TEST(missing.status == 1);
  BOOST_TEST(missing.output.find("/nonexistent/config.json: no such file") != std::string::npos,
             missing.output);
  const auto folder = run_program(std::string(EVOTE_MIX_BIN) +
                                  " verify --config /tmp --input /tmp --output /tmp/o "
                                  "--proof /tmp/p");
  BOOST_TEST(folder.status == 1);
  BOOST_TEST(folder.output.find("/tmp: is a folder, not a file") != std::string::npos,
             folder.output);
}

BOOST_AUTO_TEST_SUITE_END()
