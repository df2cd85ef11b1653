// The evote-voter program's command line: each wrong option or unusable
// settings file is refused with exit status 2 and a message naming it
// (before any window opens); --version and --help answer.
#include <boost/test/unit_test.hpp>
#include <fstream>

#include "evote/crypto/ed25519.hpp"
#include "evote/protocol/base64url.hpp"
#include "support/run_program.hpp"
#include "support/temp_folder.hpp"

using evote::testing::run_program;
using evote::testing::shell_quote;

namespace {

evote::testing::ProgramRun voter_app(const std::string& arguments) {
  return run_program("QT_QPA_PLATFORM=offscreen " + shell_quote(EVOTE_VOTER_BIN) + " " + arguments +
                     " 2>&1");
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

// A real organizer key, as key files write it.
const std::string kKey = evote::protocol::base64url_encode(
    evote::crypto::Ed25519SigningKey::generate().public_key().bytes);

}  // namespace

BOOST_AUTO_TEST_CASE(version_and_help_answer) {
  const auto version = voter_app("--version");
  BOOST_TEST(version.status == 0, version.output);
  BOOST_TEST(contains(version.output, "evote-voter"), version.output);
  const auto help = voter_app("--help");
  BOOST_TEST(help.status == 0, help.output);
  BOOST_TEST(contains(help.output, "--settings <FILE>"), help.output);
  BOOST_TEST(contains(help.output, "--language <CODE>"), help.output);
}

BOOST_AUTO_TEST_CASE(wrong_options_are_refused_naming_them) {
  const auto language = voter_app("--language fi");
  BOOST_TEST(language.status == 2);
  BOOST_TEST(contains(language.output, "--language fi: must be et, en or ru"), language.output);
  const auto unknown = voter_app("--colour red");
  BOOST_TEST(unknown.status == 2);
  BOOST_TEST(contains(unknown.output, "Unknown option 'colour'"), unknown.output);
  const auto extra = voter_app("app.json");
  BOOST_TEST(extra.status == 2);
  BOOST_TEST(contains(extra.output, "unexpected argument app.json"), extra.output);
}

BOOST_AUTO_TEST_CASE(unusable_settings_are_refused_naming_the_file_and_field) {
  evote::testing::TempFolder folder;
  const auto missing = voter_app("--settings " + shell_quote(folder.path() / "none.json"));
  BOOST_TEST(missing.status == 2);
  BOOST_TEST(contains(missing.output, "none.json"), missing.output);

  const std::filesystem::path http = folder.path() / "http.json";
  write(http, std::string("{\"collector_url\": \"http://collector.example\", "
                          "\"organizer_public_key\": \"") +
                  kKey + "\"}");
  const auto plain = voter_app("--settings " + shell_quote(http));
  BOOST_TEST(plain.status == 2);
  BOOST_TEST(contains(plain.output, "collector_url"), plain.output);

  const std::filesystem::path extra = folder.path() / "extra.json";
  write(extra, std::string("{\"collector_url\": \"https://collector.example\", "
                           "\"organizer_public_key\": \"") +
                   kKey + "\", \"pkcs11_modul\": \"/x.so\"}");
  const auto misspelt = voter_app("--settings " + shell_quote(extra));
  BOOST_TEST(misspelt.status == 2);
  BOOST_TEST(contains(misspelt.output, "pkcs11_modul"), misspelt.output);

  const std::filesystem::path not_json = folder.path() / "broken.json";
  write(not_json, "{\"collector_url\": ");
  const auto broken = voter_app("--settings " + shell_quote(not_json));
  BOOST_TEST(broken.status == 2);
  BOOST_TEST(contains(broken.output, "broken.json"), broken.output);
}
