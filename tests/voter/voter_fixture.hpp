// The voter app's core against the real thing: PostgreSQL, evote-collector
// (TLS 1.3, the config's certificate), a test OCSP responder, and SoftHSM2
// ID cards made by `evote-test-card make-card` whose CA is the test
// election's voter PKI (so the config trusts them and the responder answers
// for them). One environment per test executable (VoterEnvironment::get()).
#pragma once

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <QCoreApplication>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "collector/collector_fixture.hpp"
#include "evote/card/id_card.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/voter/app_settings.hpp"
#include "support/run_program.hpp"

namespace evote::testing {

inline const std::string kVoterMari = "38001085718";  // on the list, district d1
inline const std::string kVoterJuri = "49002124277";  // on the list, district d2
inline const std::string kNotListed = "37605030299";  // a card, but not on the voter list
inline const std::string kPin1 = "1234";
inline const std::string kPin2 = "12345";

inline crypto::SecretBytes secret(const std::string& text) {
  return crypto::SecretBytes(crypto::as_bytes(text));
}

// Qt's network classes need an application object; one per process.
struct QtApplication {
  int argc = 1;
  char name[16] = "voter_tests";
  char* argv[2] = {name, nullptr};
  QCoreApplication application{argc, argv};
};

// A certificate read from a PEM file, for OcspResponder::add_good (which
// reads only the certificate; the key beside it is a stand-in).
inline TestCertificate certificate_from_pem(const std::filesystem::path& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_file(pem.c_str(), "r"), BIO_free);
  BOOST_REQUIRE_MESSAGE(bio, "cannot open " << pem);
  std::shared_ptr<X509> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
  BOOST_REQUIRE_MESSAGE(cert, "cannot read " << pem);
  return TestCertificate(cert, TestKey::generate(KeyType::ec_p384));
}

class VoterEnvironment {
 public:
  PostgresCluster db;
  Setup s{db, voting_open_now};
  OcspResponder ocsp{s.election.voter_pki};
  std::optional<RunningCollector> server;
  TempFolder cards_folder;
  std::filesystem::path settings_file;

  // Made on first use; VoterTestsGlobal stops it after the last test.
  static VoterEnvironment& get() {
    if (!instance()) instance().reset(new VoterEnvironment());
    return *instance();
  }
  static std::unique_ptr<VoterEnvironment>& instance() {
    static std::unique_ptr<VoterEnvironment> environment;
    return environment;
  }

  std::string collector_url() const { return "https://127.0.0.1:" + std::to_string(s.port); }
  std::string module() const { return "/usr/lib/softhsm/libsofthsm2.so"; }

  voter::AppSettings settings() const {
    voter::AppSettings settings;
    settings.collector_url = collector_url();
    settings.organizer_key = s.election.organizer_key.public_key();
    settings.pkcs11_module = module();
    return settings;
  }

  // The card of `code`, opened from the SoftHSM2 module.
  card::IdCard open_card(const card::IdCardModule& module, const std::string& code) const {
    for (const card::CardInfo& info : module.cards())
      if (info.holder.personal_code == code) return module.open(info);
    BOOST_FAIL("no test card of " << code);
    throw std::logic_error("unreachable");
  }

 private:
  VoterEnvironment() {
    s.write_settings(ocsp_url_setting(ocsp.url()), collector_url());
    apply_test_voters(s, "add\t" + kVoterMari + "\tMari-Liis Männik\td1\nadd\t" + kVoterJuri +
                             "\tJüri Tamm\td2\n");
    server.emplace(s);
    open_voting(s);
    make_cards();
    settings_file = cards_folder / "app.json";
    write_text(
        settings_file,
        nlohmann::json{{"collector_url", collector_url()},
                       {"organizer_public_key",
                        protocol::base64url_encode(s.election.organizer_key.public_key().bytes)},
                       {"pkcs11_module", module()}}
            .dump());
  }

  void make_cards() {
    const std::filesystem::path tokens = cards_folder / "tokens";
    std::filesystem::create_directories(tokens);
    const std::filesystem::path conf = cards_folder / "softhsm2.conf";
    write_text(conf, "directories.tokendir = " + tokens.string() +
                         "\nobjectstore.backend = file\nlog.level = ERROR\n");
    ::setenv("SOFTHSM2_CONF", conf.c_str(), 1);  // for this process and evote-voter-cli
    const TestCertificate& ca = s.election.voter_pki.intermediate;
    write_text(cards_folder / "ca.pem", ca.pem());
    write_text(cards_folder / "ca.key", ca.key().private_key_pem());
    make_card("MARI-LIIS", "MÄNNIK", kVoterMari);
    make_card("JÜRI", "TAMM", kVoterJuri);
    make_card("MATI", "KASK", kNotListed);
  }

  void make_card(const std::string& given, const std::string& surname, const std::string& code) {
    const std::filesystem::path out = cards_folder / ("card-" + code);
    const ProgramRun made = run_program(
        shell_quote(EVOTE_TEST_CARD_BIN) + " make-card --ca-cert " +
        shell_quote(cards_folder / "ca.pem") + " --ca-key " + shell_quote(cards_folder / "ca.key") +
        " --given-name '" + given + "' --surname '" + surname + "' --personal-code " + code +
        " --pin1 " + kPin1 + " --pin2 " + kPin2 + " --out " + shell_quote(out));
    BOOST_REQUIRE_MESSAGE(made.status == 0, "evote-test-card make-card: " << made.output);
    ocsp.add_good(certificate_from_pem(out / "signing.pem"));
  }
};

// The global fixture of every tests/voter executable:
//   BOOST_TEST_GLOBAL_FIXTURE(evote::testing::VoterTestsGlobal);
struct VoterTestsGlobal {
  QtApplication qt;
  ~VoterTestsGlobal() { VoterEnvironment::instance().reset(); }
};

}  // namespace evote::testing
