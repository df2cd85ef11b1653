// What the evote-admin end-to-end tests share: running the real binary,
// the committed example election as a starting point (its signed config and
// organizer key, so that no test pays for a new Argon2id key), files, and
// TLS certificates of every kind the collector rules care about.
#pragma once

#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/sealed_box.hpp"
#include "evote/protocol/base64url.hpp"
#include "support/run_program.hpp"
#include "support/spec_vectors.hpp"
#include "support/temp_folder.hpp"
#include "support/test_pki.hpp"

namespace evote::admin_test {

namespace fs = std::filesystem;
using Run = testing::ProgramRun;

// The binary under test; EVOTE_ADMIN in the environment overrides it (to run
// these tests against another build, e.g. to see which fail before a fix).
inline const std::string kAdmin = std::getenv("EVOTE_ADMIN") ? std::getenv("EVOTE_ADMIN") : EVOTE_ADMIN_BIN;
inline std::string q(const fs::path& p) { return "'" + p.string() + "'"; }
inline std::string examples() { return testing::source_path("specs/examples"); }
inline std::string passphrase_file() { return examples() + "/input/passphrase.txt"; }
inline std::string passphrase_option() { return " --passphrase-file " + q(passphrase_file()); }

inline Run run(const std::string& command) { return testing::run_program(command + " </dev/null"); }
// evote-admin with these arguments.
inline Run admin(const std::string& arguments) { return run(kAdmin + " " + arguments); }
inline bool has(const Run& r, const std::string& text) { return r.output.find(text) != std::string::npos; }

inline std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
inline void write_text(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// A work folder holding copies of the example's signed config.json,
// organizer.key and collector.key; config() is edited by the tests.
struct Work {
  testing::TempFolder folder;
  Work() {
    for (const char* name : {"config.json", "organizer.key", "collector.key"})
      fs::copy_file(fs::path(examples()) / name, folder / name);
  }
  fs::path operator/(const std::string& name) const { return folder / name; }
  fs::path config() const { return folder / "config.json"; }
  std::string config_option() const { return " --config " + q(config()); }
  // Runs an editing command on config(): "add-district --id 3 --name-et X".
  Run edit(const std::string& command_and_options) const {
    const std::string::size_type space = command_and_options.find(' ');
    return admin(command_and_options.substr(0, space) + config_option() +
                 (space == std::string::npos ? "" : command_and_options.substr(space)));
  }
};

// A refused editing command on w.config(): exit `status`, the message, the
// config byte for byte as it was.
inline void edit_refused(const Work& w, const std::string& command, const std::string& message,
                         int status = 1) {
  const std::string before = read_text(w.config());
  const Run r = w.edit(command);
  BOOST_TEST_CONTEXT(command << "\n" << r.output) {
    BOOST_TEST(r.status == status);
    BOOST_TEST(has(r, message));
    BOOST_TEST(read_text(w.config()) == before);
  }
}

// A trustee's public keys, fresh.
struct TrusteeKeys {
  std::string signing = protocol::base64url_encode(crypto::Ed25519SigningKey::generate().public_key().bytes);
  std::string encryption = protocol::base64url_encode(crypto::X25519KeyPair::generate().public_key().bytes);
  std::string options(unsigned index, const std::string& extra = "") const {
    return "--index " + std::to_string(index) + " --name T" + std::to_string(index) + " --signing-key " + signing +
           " --encryption-key " + encryption + extra;
  }
};

// A self-signed TLS certificate, PEM, with the given basicConstraints,
// extendedKeyUsage (empty: none) and validity.
struct TlsOptions {
  bool ca = false;
  std::string extended_key_usage = "serverAuth";
  std::time_t not_before = std::time(nullptr) - testing::one_day;
  std::time_t not_after = std::time(nullptr) + 365 * testing::one_day;
};

inline std::string make_tls_certificate(const TlsOptions& o) {
  const testing::TestKey key = testing::TestKey::generate(testing::KeyType::ec_p256);
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  BOOST_REQUIRE(cert);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 7);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("collector.test"), -1,
                             -1, 0);
  X509_set_issuer_name(cert.get(), name);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), o.not_before);
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), o.not_after);
  X509_set_pubkey(cert.get(), key.get());
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  const auto add = [&](int nid, const std::string& value) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    BOOST_REQUIRE(ext);
    X509_add_ext(cert.get(), ext, -1);
    X509_EXTENSION_free(ext);
  };
  add(NID_basic_constraints, o.ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  if (!o.extended_key_usage.empty()) add(NID_ext_key_usage, o.extended_key_usage);
  BOOST_REQUIRE(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0);
  return testing::TestCertificate(std::shared_ptr<X509>(cert.release(), X509_free), key).pem();
}

}  // namespace evote::admin_test
