// The collector's settings file: a good one reads; each bad setting stops
// the collector with a message naming the file and the setting.
#include <boost/test/unit_test.hpp>

#include "config/collector_config.hpp"
#include "support/temp_folder.hpp"

using namespace evote;
using namespace evote::collector;
using evote::testing::TempFolder;
using evote::testing::write_whole_file;

namespace {

struct Folder {
  TempFolder dir;
  Folder() {
    for (const char* f : {"tls.pem", "tls.key", "collector.key", "passphrase.txt"})
      write_whole_file(dir / f, crypto::as_bytes("x"));
    std::filesystem::create_directories(dir / "election");
  }
  std::filesystem::path write(const std::string& json) const {
    write_whole_file(dir / "collector.json", crypto::as_bytes(json));
    return dir / "collector.json";
  }
};

const std::string kGood = R"({
  "listen": "0.0.0.0:8443",
  "tls_certificate": "tls.pem", "tls_key": "tls.key",
  "signing_key": "collector.key", "passphrase_file": "passphrase.txt",
  "database": "host=127.0.0.1 dbname=evote",
  "election_folder": "election",
  "origin": "https://valimised.example",
  "limits": {"max_body_bytes": 65536}
})";

std::string with(const std::string& from, const std::string& to) {
  std::string s = kGood;
  const std::size_t at = s.find(from);
  BOOST_REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

void refused(const Folder& f, const std::string& json, const std::string& expected) {
  BOOST_CHECK_EXCEPTION(
      load_collector_config(f.write(json)), ConfigError, [&](const ConfigError& e) {
        const bool ok = std::string(e.what()).find(expected) != std::string::npos &&
                        std::string(e.what()).find("collector.json: ") != std::string::npos;
        if (!ok) BOOST_TEST_MESSAGE("message was: " << e.what() << " expected: " << expected);
        return ok;
      });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(collector_config)

BOOST_AUTO_TEST_CASE(a_good_config_reads_with_defaults_and_relative_paths) {
  const Folder f;
  const CollectorConfig c = load_collector_config(f.write(kGood));
  BOOST_TEST(c.listen.host == "0.0.0.0");
  BOOST_TEST(c.listen.port == 8443);
  BOOST_TEST(c.admin_listen.host == "127.0.0.1");
  BOOST_TEST(c.admin_listen.port == 8444);
  BOOST_TEST(c.tls_certificate == f.dir / "tls.pem");
  BOOST_TEST(c.max_body_bytes == 65536u);
  BOOST_TEST(c.session_minutes == 30u);
  BOOST_TEST(c.log_level == "info");
  BOOST_TEST(!c.clock.has_value());
}

// "clock" fixes the certificate check time (tests and rehearsals only).
BOOST_AUTO_TEST_CASE(a_fixed_clock_is_a_utc_time) {
  const Folder f;
  const CollectorConfig c = load_collector_config(
      f.write(with(R"("origin")", R"("clock": "2021-08-01T00:00:00Z", "origin")")));
  BOOST_TEST_REQUIRE(c.clock.has_value());
  BOOST_TEST(*c.clock == 1627776000);
  BOOST_TEST(c.clock_text == "2021-08-01T00:00:00Z");
  for (const char* bad :
       {"2021-08-01", "2021-08-01T00:00:00", "2021-08-01 00:00:00Z", "2021-13-01T00:00:00Z",
        "2021-02-30T00:00:00Z", "2021-08-01T24:00:00Z", "x021-08-01T00:00:00Z"})
    refused(f, with(R"("origin")", std::string(R"("clock": ")") + bad + R"(", "origin")"),
            "clock: must be a UTC time YYYY-MM-DDTHH:MM:SSZ");
}

// The OCSP responder of ballot step 9: plain http:// only (the answers are
// signed; the collector's client does not speak https), and a timeout.
BOOST_AUTO_TEST_CASE(ocsp_url_and_timeout) {
  const Folder f;
  const CollectorConfig defaults = load_collector_config(f.write(kGood));
  BOOST_TEST(!defaults.ocsp_url.has_value());  // the certificates' AIA
  BOOST_TEST(defaults.ocsp_timeout_ms == 5000u);
  const CollectorConfig c = load_collector_config(f.write(with(
      R"("origin")",
      R"("ocsp_url": "http://ocsp.example:8080/esteid2018", "ocsp_timeout_ms": 1500, "origin")")));
  BOOST_TEST(c.ocsp_url.value_or("") == "http://ocsp.example:8080/esteid2018");
  BOOST_TEST(c.ocsp_timeout_ms == 1500u);
  for (const char* bad : {"https://ocsp.example/", "ocsp.example", "http://", "http://a b/", ""})
    refused(f, with(R"("origin")", std::string(R"("ocsp_url": ")") + bad + R"(", "origin")"),
            std::string("ocsp_url: must be ") + (*bad ? "an http://HOST" : "a non-empty string"));
  for (const char* bad : {"99", "60001", "-1", "1.5", "\"5000\""})
    refused(f, with(R"("origin")", std::string(R"("ocsp_timeout_ms": )") + bad + R"(, "origin")"),
            "ocsp_timeout_ms: must be a whole number from 100 to 60000");
}

BOOST_AUTO_TEST_CASE(each_bad_setting_is_named) {
  const Folder f;
  refused(f, "{", "not valid JSON");
  refused(f, with(R"("database": "host=127.0.0.1 dbname=evote",)", ""), "database: missing");
  refused(f, with("0.0.0.0:8443", "0.0.0.0:99999"), "listen: port must be 1 to 65535");
  refused(f, with("0.0.0.0:8443", "8443"), "listen: must be ADDRESS:PORT");
  refused(f, with("tls.key", "missing.key"),
          "tls_key: " + (f.dir / "missing.key").string() + ": no such file");
  refused(f, with(R"("election")", R"("nowhere")"), "election_folder: ");
  refused(f, with("https://valimised.example", "https://valimised.example/"),
          "origin: must be https://HOST");
  refused(f, with("https://valimised.example", "http://valimised.example"),
          "origin: must start with https://");
  refused(f, with("65536", "10"), "limits.max_body_bytes: must be a whole number from 1024");
  refused(f, with(R"("limits")", R"("limitz")"), "limitz: unknown setting");
  refused(f, with(R"("max_body_bytes")", R"("max_body")"), "limits.max_body: unknown setting");
  refused(f, with(R"("origin")", R"("log_level": "loud", "origin")"),
          "log_level: must be error, warning, info or debug");
}

BOOST_AUTO_TEST_SUITE_END()
