// Who holds which key: each trustee their own keys, trustees and threshold
// fixed while the election key their ceremony made is in the config, the
// collector's signing key apart from the organizer's and the trustees', and
// a collector TLS certificate that is a server's (not a CA, serverAuth when
// it says, valid when set and when signed). specs/formats.md §3, §7.
#include <boost/test/unit_test.hpp>

#include "admin_harness.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/voter_signature.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/signed_document.hpp"

using namespace evote::admin_test;
namespace p = evote::protocol;

namespace {

void ok(const Work& w, const std::string& command) {
  const Run r = w.edit(command);
  BOOST_TEST(r.status == 0, command << "\n" << r.output);
}

p::ElectionConfig read_config(const fs::path& path) {
  return p::election_config_from_json(p::parse_canonical(p::read_file(path), "config"));
}

// Writes `config` signed by a fresh organizer key (the config then names it).
void write_signed(p::ElectionConfig config, const fs::path& path) {
  const evote::crypto::Ed25519SigningKey key = evote::crypto::Ed25519SigningKey::generate();
  config.organizer_key = key.public_key();
  p::Json document = p::to_json(config);
  p::sign_document(document, key);
  write_text(path, p::canonical_string(document));
}

std::string pem_file(const Work& w, const std::string& name, const TlsOptions& options) {
  write_text(w / name, make_tls_certificate(options));
  return q(w / name);
}

std::string election_key() {
  return p::base64url_encode(evote::crypto::group_by_name("ristretto255").generator().encode());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(admin_keys_rules)

BOOST_AUTO_TEST_CASE(a_trustee_reusing_another_trustees_key_is_refused) {
  Work w;
  const TrusteeKeys t1, t2;
  ok(w, "add-trustee " + t1.options(1));
  TrusteeKeys copy = t2;
  copy.signing = t1.signing;
  edit_refused(w, "add-trustee " + copy.options(2),
          "trustees.members[1].signing_key: the same key as trustee 1's (each trustee has their own keys)");
  copy = t2;
  copy.encryption = t1.encryption;
  edit_refused(w, "add-trustee " + copy.options(2), "trustees.members[1].encryption_key: the same key as trustee 1's");
  ok(w, "add-trustee " + t2.options(2));
}

// The issue: a 4th trustee with trustee 1's keys was added under the old election key.
BOOST_AUTO_TEST_CASE(trustees_and_threshold_do_not_change_under_the_election_key) {
  Work w;
  const TrusteeKeys t1, t2, t3, t4;
  ok(w, "add-trustee " + t1.options(1));
  ok(w, "add-trustee " + t2.options(2));
  ok(w, "add-trustee " + t3.options(3, " --threshold 2"));
  ok(w, "set-election-key --key " + election_key());
  const std::string why = "the election key was made by the ceremony of the current trustees; remove it first with "
                          "`evote-admin remove-election-key --config ";
  edit_refused(w, "add-trustee " + t1.options(4), why);
  edit_refused(w, "add-trustee " + t4.options(4), "cannot add a trustee: " + why);
  edit_refused(w, "add-trustee " + t4.options(4, " --threshold 3"), why);
  edit_refused(w, "remove-trustee --index 3", "cannot remove a trustee: " + why);
  // Replacing the key (the ceremony's own, again) stays possible.
  ok(w, "set-election-key --key " + election_key());

  const Run r = w.edit("remove-election-key");
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(!read_config(w.config()).election_public_key.has_value());
  edit_refused(w, "remove-election-key", "has no election public key");
  ok(w, "add-trustee " + t4.options(4, " --threshold 3"));
  ok(w, "remove-trustee --index 4 --threshold 2");
}

BOOST_AUTO_TEST_CASE(the_collector_key_is_neither_the_organizers_nor_a_trustees) {
  Work w;
  edit_refused(w, "set-collector --tls-cert " + q(examples() + "/input/collector-tls.pem") + " --signing-key " +
                 q(w / "organizer.key"),
          "collector.signing_key: is the organizer key (the collector needs a key of its own: new-key)");
  // A trustee holding the collector's key, whichever is set first.
  const p::ElectionConfig config = read_config(w.config());
  TrusteeKeys t1;
  t1.signing = p::base64url_encode(config.collector->signing_key.bytes);
  edit_refused(w, "add-trustee " + t1.options(1), "collector.signing_key: is trustee 1's signing key");
  const TrusteeKeys t2;
  ok(w, "add-trustee " + t2.options(1));
  p::Json key = p::parse_canonical(p::read_file(w / "collector.key"), "key");
  key["public_key"] = t2.signing;
  write_text(w / "trustee-as-collector.key", p::canonical_string(key));
  edit_refused(w, "set-collector --tls-cert " + q(examples() + "/input/collector-tls.pem") + " --signing-key " +
                 q(w / "trustee-as-collector.key"),
          "collector.signing_key: is trustee 1's signing key");
  TrusteeKeys organizer_as_trustee;
  organizer_as_trustee.signing = p::base64url_encode(config.organizer_key.bytes);
  edit_refused(w, "add-trustee " + organizer_as_trustee.options(2), "trustees.members[1].signing_key: is the organizer key");
}

BOOST_AUTO_TEST_CASE(the_collector_tls_certificate_is_a_servers_valid_now) {
  Work w;
  const std::string key = " --signing-key " + q(w / "collector.key");
  TlsOptions ca;
  ca.ca = true;
  edit_refused(w, "set-collector --tls-cert " + pem_file(w, "ca.pem", ca) + key,
          "collector.tls_certificate: is a CA certificate (basicConstraints CA:TRUE), not the collector's server "
          "certificate");
  TlsOptions client;
  client.extended_key_usage = "clientAuth";
  edit_refused(w, "set-collector --tls-cert " + pem_file(w, "client.pem", client) + key,
          "collector.tls_certificate: its extended key usage does not allow TLS servers (serverAuth)");
  TlsOptions expired;
  expired.not_before = std::time(nullptr) - 30 * evote::testing::one_day;
  expired.not_after = std::time(nullptr) - evote::testing::one_day;
  edit_refused(w, "set-collector --tls-cert " + pem_file(w, "expired.pem", expired) + key,
          "expired.pem: the collector TLS certificate has expired (valid until ");
  TlsOptions future;
  future.not_before = std::time(nullptr) + evote::testing::one_day;
  edit_refused(w, "set-collector --tls-cert " + pem_file(w, "future.pem", future) + key,
          "future.pem: the collector TLS certificate is not valid yet (valid from ");

  TlsOptions no_eku;
  no_eku.extended_key_usage = "";
  ok(w, "set-collector --tls-cert " + pem_file(w, "plain.pem", no_eku) + key);
  TlsOptions both;
  both.extended_key_usage = "serverAuth,clientAuth";
  const Run r = w.edit("set-collector --tls-cert " + pem_file(w, "both.pem", both) + key);
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(has(r, "TLS certificate CN=collector.test, valid "), r.output);
  BOOST_TEST(has(admin("show " + q(w.config())), "  TLS certificate CN=collector.test"));
}

BOOST_AUTO_TEST_CASE(sign_refuses_a_collector_certificate_not_valid_now) {
  Work w;
  TlsOptions expired;
  expired.not_before = std::time(nullptr) - 30 * evote::testing::one_day;
  expired.not_after = std::time(nullptr) - evote::testing::one_day;
  p::ElectionConfig config = read_config(w.config());
  const std::string pem = make_tls_certificate(expired);
  config.collector->tls_certificate = evote::crypto::certificate_to_der(evote::crypto::Bytes(pem.begin(), pem.end()));
  p::save_canonical(w.config(), p::to_json(config), p::WriteMode::replace_public());
  const std::string before = read_text(w.config());
  const Run r = admin("sign" + w.config_option() + " --key " + q(w / "organizer.key") + passphrase_option());
  BOOST_TEST(r.status == 1, r.output);
  BOOST_TEST(has(r, "config.json: the collector TLS certificate has expired"), r.output);
  BOOST_TEST(read_text(w.config()) == before);
}

BOOST_AUTO_TEST_CASE(verify_fails_a_signed_config_breaking_the_key_rules) {
  Work w;
  p::ElectionConfig config = read_config(w.config());
  const TrusteeKeys t;
  const auto signing = evote::crypto::Ed25519PublicKey::decode(p::base64url_decode(t.signing));
  const auto encryption = evote::crypto::X25519PublicKey::decode(p::base64url_decode(t.encryption));
  config.trustees = {{1, "T1", signing, encryption}, {2, "T2", signing, encryption}};
  config.threshold = 2;
  write_signed(config, w / "twice.json");
  Run r = admin("verify " + q(w / "twice.json"));
  BOOST_TEST(r.status == 1, r.output);
  BOOST_TEST(has(r, "FAIL " + (w / "twice.json").string() +
                        ": election config: trustees.members[1].signing_key: the same key as trustee 1's"),
             r.output);

  config = read_config(w.config());
  TlsOptions ca;
  ca.ca = true;
  const std::string pem = make_tls_certificate(ca);
  config.collector->tls_certificate = evote::crypto::certificate_to_der(evote::crypto::Bytes(pem.begin(), pem.end()));
  write_signed(config, w / "ca.json");
  r = admin("verify " + q(w / "ca.json"));
  BOOST_TEST(r.status == 1, r.output);
  BOOST_TEST(has(r, "collector.tls_certificate: is a CA certificate"), r.output);
}

BOOST_AUTO_TEST_SUITE_END()
