// The tally's parties in the config: the mix servers (set-mix-servers,
// add-mix-server, remove-mix-server: stage k made and signed by server k)
// and the tally operator's key (set-tally-key). Each key is the public part
// of a sealed key file; the cascade has 2 to 16 servers, each with its own
// name and its own key, and no key of the config is anybody else's.
// specs/formats.md §3, §7; specs/mix.md §10.
#include <boost/test/unit_test.hpp>
#include <vector>

#include "admin_harness.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/files.hpp"

using namespace evote::admin_test;
namespace p = evote::protocol;

namespace {

Run ok(const Work& w, const std::string& command) {
  const Run r = w.edit(command);
  BOOST_TEST(r.status == 0, command << "\n" << r.output);
  return r;
}

p::ElectionConfig read_config(const fs::path& path) {
  return p::election_config_from_json(p::parse_canonical(p::read_file(path), "config"));
}

// A sealed-key file whose public part is `key` (only the public part is
// read by these commands: no Argon2id run needed).
std::string key_file(const Work& w, const std::string& name,
                     const evote::crypto::Ed25519PublicKey& key) {
  p::Json document = p::parse_canonical(p::read_file(w / "collector.key"), "key");
  document["public_key"] = p::base64url_encode(key.bytes);
  write_text(w / name, p::canonical_string(document));
  return (w / name).string();
}

// A key file of a fresh key, and that key.
struct KeyFile {
  evote::crypto::Ed25519PublicKey key = evote::crypto::Ed25519SigningKey::generate().public_key();
  std::string path;
  KeyFile(const Work& w, const std::string& name) : path(key_file(w, name, key)) {}
  std::string text() const { return p::base64url_encode(key.bytes); }
};

std::string server(const std::string& name, const KeyFile& key) { return q(name + "=" + key.path); }

}  // namespace

BOOST_AUTO_TEST_SUITE(admin_tally_parties)

BOOST_AUTO_TEST_CASE(set_mix_servers_names_the_cascade_in_stage_order) {
  Work w;
  const KeyFile a(w, "mix-a.key"), b(w, "mix-b.key"), c(w, "mix-c.key");
  Run r = ok(w, "set-mix-servers " + server("Org A", a) + " " + server("Org B=Eesti", b));
  BOOST_TEST(has(r, "mix server 1 (stage 1): \"Org A\", signing key " + a.text()), r.output);
  BOOST_TEST(has(r, "mix server 2 (stage 2): \"Org B=Eesti\", signing key " + b.text()), r.output);
  BOOST_TEST(has(r, "its signature was removed; sign it again"), r.output);
  p::ElectionConfig config = read_config(w.config());
  BOOST_REQUIRE(config.mix_servers.size() == 2u);
  BOOST_TEST(config.mix_servers[0].name == "Org A");
  BOOST_TEST((config.mix_servers[0].signing_key == a.key));
  BOOST_TEST(config.mix_servers[1].name == "Org B=Eesti");  // the name ends at the last '='
  BOOST_TEST((config.mix_servers[1].signing_key == b.key));

  r = admin("show " + q(w.config()));
  BOOST_TEST(
      has(r, "mix servers: 2 (stage k is made and signed by server k)\n  1  Org A  signing key " +
                 a.text() + "\n  2  Org B=Eesti  signing key " + b.text() + "\n"),
      r.output);
  BOOST_TEST(has(r, "tally key: (not set)"), r.output);

  // Then changed one at a time, never below 2.
  r = ok(w, "add-mix-server --name 'Org C' --signing-key " + q(c.path));
  BOOST_TEST(has(r, "mix server 3 (stage 3): \"Org C\", signing key " + c.text()), r.output);
  r = ok(w, "remove-mix-server --name 'Org A'");
  BOOST_TEST(
      has(r,
          "removed mix server 1 \"Org A\"\nrenumbered: mix server 2 \"Org B=Eesti\" is now 1\n"
          "renumbered: mix server 3 \"Org C\" is now 2"),
      r.output);
  config = read_config(w.config());
  BOOST_REQUIRE(config.mix_servers.size() == 2u);
  BOOST_TEST((config.mix_servers[0].signing_key == b.key));
  BOOST_TEST((config.mix_servers[1].signing_key == c.key));
  edit_refused(w, "remove-mix-server --index 2",
          "not changed: election config: mix_servers: one mix server; a cascade "
          "needs at least 2");

  // Set again: the whole list is replaced; the signed config verifies.
  ok(w, "set-mix-servers " + server("Org C", c) + " " + server("Org A", a));
  config = read_config(w.config());
  BOOST_TEST(config.mix_servers[0].name == "Org C");
  BOOST_TEST(config.mix_servers[1].name == "Org A");
  r = admin("sign" + w.config_option() + " --key " + q(w / "organizer.key") + passphrase_option());
  BOOST_TEST(r.status == 0, r.output);
  r = admin("verify " + q(w.config()));
  BOOST_TEST(r.status == 0, r.output);

  r = ok(w, "remove-mix-server --all");
  BOOST_TEST(has(r, "removed all 2 mix servers"), r.output);
  BOOST_TEST(read_config(w.config()).mix_servers.empty());
  BOOST_TEST(read_text(w.config()).find("mix_servers") == std::string::npos);  // the member is gone
  BOOST_TEST(has(admin("show " + q(w.config())), "mix servers: (not named)"));
}

BOOST_AUTO_TEST_CASE(a_cascade_of_one_server_or_too_many_is_refused) {
  Work w;
  const KeyFile a(w, "mix-a.key");
  edit_refused(w, "set-mix-servers " + server("Org A", a),
          "config.json: not changed: election config: mix_servers: one mix server; a cascade needs "
          "at least 2 (no "
          "one of them may know the permutation)");
  edit_refused(w, "add-mix-server --name 'Org A' --signing-key " + q(a.path),
          "config.json: names no mix servers yet, and a cascade needs at least 2: name them all at "
          "once with "
          "`evote-admin set-mix-servers --config ");
  std::string seventeen;
  std::vector<KeyFile> keys;
  for (int i = 1; i <= 17; ++i) {
    keys.emplace_back(w, "mix-" + std::to_string(i) + ".key");
    seventeen += " " + server("Org " + std::to_string(i), keys.back());
  }
  edit_refused(w, "set-mix-servers" + seventeen, "mix_servers: 17 mix servers, at most 16");
  edit_refused(w, "set-mix-servers", "missing NAME=KEYFILE", 2);
}

BOOST_AUTO_TEST_CASE(each_mix_server_has_its_own_name_and_key_nobody_elses) {
  Work w;
  const KeyFile a(w, "mix-a.key"), b(w, "mix-b.key");
  edit_refused(w, "set-mix-servers " + server("Org A", a) + " " + server("Org B", a),
          "mix_servers[1].signing_key: the same key as mix server 1's (each mix server has its own "
          "key)");
  edit_refused(w, "set-mix-servers " + server("Org A", a) + " " + server("Org A", b),
          "mix_servers[1].name: the same name as mix server 1");
  edit_refused(
      w,
      "set-mix-servers " + server("Org A", a) + " " + q("Org B=" + (w / "organizer.key").string()),
      "mix_servers[1].signing_key: is the organizer key");
  edit_refused(
      w,
      "set-mix-servers " + q("Org A=" + (w / "collector.key").string()) + " " + server("Org B", b),
      "mix_servers[0].signing_key: is the collector's signing key");
  edit_refused(w, "set-mix-servers " + q("=" + a.path) + " " + server("Org B", b),
          "mix_servers[0].name: empty name");
  edit_refused(w, "set-mix-servers " + q("Org\tA=" + a.path) + " " + server("Org B", b),
          "mix_servers[0].name: name contains a control character");

  // A trustee's signing key, whichever is named first.
  const TrusteeKeys trustee;
  ok(w, "add-trustee " + trustee.options(1));
  const std::string trustee_key =
      key_file(w, "trustee.key",
               evote::crypto::Ed25519PublicKey::decode(p::base64url_decode(trustee.signing)));
  edit_refused(w, "set-mix-servers " + server("Org A", a) + " " + q("Org B=" + trustee_key),
          "mix_servers[1].signing_key: is trustee 1's signing key");
  ok(w, "set-mix-servers " + server("Org A", a) + " " + server("Org B", b));
  TrusteeKeys mix_as_trustee;
  mix_as_trustee.signing = b.text();
  edit_refused(w, "add-trustee " + mix_as_trustee.options(2),
          "mix_servers[1].signing_key: is trustee 2's signing key");
  edit_refused(w, "add-mix-server --name 'Org C' --signing-key " + q(trustee_key),
          "mix_servers[2].signing_key: is trustee 1's signing key");
  edit_refused(w, "add-mix-server --name 'Org A' --signing-key " + q(KeyFile(w, "mix-c.key").path),
          "mix_servers[2].name: the same name as mix server 1");
}

BOOST_AUTO_TEST_CASE(bad_calls_are_named) {
  Work w;
  const KeyFile a(w, "mix-a.key"), b(w, "mix-b.key");
  edit_refused(w, "set-mix-servers " + server("Org A", a) + " " + q("Org B " + b.path),
          "\"Org B " + b.path + "\" is not NAME=KEYFILE (the mix server's name, '=', its key file)",
          2);
  edit_refused(
      w, "set-mix-servers " + server("Org A", a) + " " + q("Org B=" + (w / "missing.key").string()),
      (w / "missing.key").string() + ": cannot read");
  edit_refused(w, "set-mix-servers " + server("Org A", a) + " " + q("Org B=" + w.config().string()),
          "config.json: type: expected \"sealed-signing-key\"");
  ok(w, "set-mix-servers " + server("Org A", a) + " " + server("Org B", b));
  edit_refused(w, "remove-mix-server", "give exactly one of --index, --name and --all", 2);
  edit_refused(w, "remove-mix-server --index 1 --name 'Org A'",
          "give exactly one of --index, --name and --all", 2);
  edit_refused(w, "remove-mix-server --index 3", "config.json: no mix server 3 (it names 2)");
  edit_refused(w, "remove-mix-server --index 17", "--index must be a whole number from 1 to 16", 2);
  edit_refused(w, "remove-mix-server --name 'Org C'", "config.json: no mix server named \"Org C\"");
  edit_refused(w, "add-mix-server --name 'Org C' --signing-key " + q(w / "missing.key"),
          "missing.key: no such file");
  ok(w, "remove-mix-server --all");
  edit_refused(w, "remove-mix-server --all", "config.json: names no mix servers");
}

BOOST_AUTO_TEST_CASE(set_tally_key_names_the_tally_operators_key) {
  Work w;
  const KeyFile tally(w, "tally.key"), other(w, "tally-2.key"), a(w, "mix-a.key"),
      b(w, "mix-b.key");
  Run r = ok(w, "set-tally-key --signing-key " + q(tally.path));
  BOOST_TEST(has(r, "tally key: " + tally.text()), r.output);
  BOOST_TEST((read_config(w.config()).tally_key == tally.key));
  BOOST_TEST(has(admin("show " + q(w.config())), "tally key: " + tally.text() + "\n"));
  ok(w, "set-tally-key --signing-key " + q(other.path));  // replaced
  BOOST_TEST((read_config(w.config()).tally_key == other.key));

  edit_refused(w, "set-tally-key --signing-key " + q(w / "organizer.key"),
          "tally_key: is the organizer key");
  edit_refused(w, "set-tally-key --signing-key " + q(w / "collector.key"),
          "tally_key: is the collector's signing key");
  ok(w, "set-mix-servers " + server("Org A", a) + " " + server("Org B", b));
  edit_refused(w, "set-tally-key --signing-key " + q(b.path),
          "tally_key: is mix server 2's signing key");
  edit_refused(w, "set-mix-servers " + server("Org A", a) + " " + server("Org B", other),
          "tally_key: is mix server 2's signing key");
}

BOOST_AUTO_TEST_SUITE_END()
