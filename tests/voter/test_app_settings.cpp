// The app settings file (evote/voter/app_settings.hpp): a good file read
// whole, and each bad field refused with a message naming it.
#include <boost/test/unit_test.hpp>
#include <fstream>

#include "evote/crypto/ed25519.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/voter/app_settings.hpp"
#include "evote/voter/voter_error.hpp"
#include "support/temp_folder.hpp"

using namespace evote;

namespace {

const crypto::Ed25519SigningKey& organizer() {
  static const crypto::Ed25519SigningKey key = crypto::Ed25519SigningKey::generate();
  return key;
}

std::string key_text() { return protocol::base64url_encode(organizer().public_key().bytes); }

// The message of the settings refusal of `text`.
std::string refusal(const std::string& text) {
  try {
    voter::parse_app_settings(text, "app.json");
  } catch (const voter::VoterError& e) {
    BOOST_TEST((e.kind() == voter::ErrorKind::settings));
    return e.what();
  }
  BOOST_FAIL("accepted: " << text);
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(app_settings)

BOOST_AUTO_TEST_CASE(a_good_file_is_read_and_the_module_has_its_default) {
  const voter::AppSettings s = voter::parse_app_settings(
      R"({"collector_url": "https://vote.example.ee:8443", "organizer_public_key": ")" +
          key_text() + "\"}",
      "app.json");
  BOOST_TEST(s.collector_url == "https://vote.example.ee:8443");
  BOOST_TEST((s.organizer_key == organizer().public_key()));
  BOOST_TEST(s.pkcs11_module == std::filesystem::path(voter::kDefaultPkcs11Module));

  const testing::TempFolder folder;
  const auto path = folder / "app.json";
  std::ofstream(path) << R"({"collector_url": "https://127.0.0.1:9/", "organizer_public_key": ")" +
                             key_text() + R"(", "pkcs11_module": "/opt/module.so"})";
  const voter::AppSettings from_file = voter::load_app_settings(path);
  BOOST_TEST(from_file.pkcs11_module == std::filesystem::path("/opt/module.so"));
  BOOST_TEST(voter::collector_origin(from_file.collector_url) == "https://127.0.0.1:9");
  BOOST_TEST(voter::collector_origin("https://vote.example.ee") == "https://vote.example.ee");
}

BOOST_AUTO_TEST_CASE(each_bad_field_is_named) {
  const std::string key = "\"organizer_public_key\": \"" + key_text() + "\"";
  BOOST_TEST(contains(refusal("not json"), "not JSON"));
  BOOST_TEST(contains(refusal("[1]"), "not a JSON object"));
  BOOST_TEST(contains(refusal("{" + key + "}"), "collector_url: missing"));
  BOOST_TEST(contains(refusal(R"({"collector_url": 5, )" + key + "}"), "collector_url"));
  BOOST_TEST(contains(refusal(R"({"collector_url": "http://a.ee", )" + key + "}"),
                      "collector_url: collector URL: must start with https://"));
  BOOST_TEST(
      contains(refusal(R"({"collector_url": "https://a.ee/v1", )" + key + "}"), "collector_url"));
  BOOST_TEST(contains(refusal(R"({"collector_url": "https://a.ee:0", )" + key + "}"),
                      "port must be 1..65535"));
  BOOST_TEST(contains(refusal(R"({"collector_url": "https://a.ee:70000", )" + key + "}"),
                      "port must be 1..65535"));
  BOOST_TEST(contains(refusal(R"({"collector_url": "https://:443", )" + key + "}"), "no host"));
  BOOST_TEST(
      contains(refusal(R"({"collector_url": "https://a.ee"})"), "organizer_public_key: missing"));
  BOOST_TEST(
      contains(refusal(R"({"collector_url": "https://a.ee", "organizer_public_key": "AAAA"})"),
               "organizer_public_key: not the base64url of a 32-byte Ed25519 public key"));
  BOOST_TEST(
      contains(refusal(R"({"collector_url": "https://a.ee", "pkcs11_module": "", )" + key + "}"),
               "pkcs11_module: must be a non-empty path"));
  BOOST_TEST(contains(refusal(R"({"collector_url": "https://a.ee", "colector": "x", )" + key + "}"),
                      "colector: unknown field"));
  try {
    voter::load_app_settings("/nonexistent/app.json");
    BOOST_FAIL("a missing file was read");
  } catch (const voter::VoterError& e) {
    BOOST_TEST(contains(e.what(), "/nonexistent/app.json: cannot be read"));
  }
}

BOOST_AUTO_TEST_SUITE_END()
