// Stage signatures (specs/mix.md §10, "Stage signatures"), with the real
// evote-mix: when the election config names the mix servers, stage k is
// made by mix server k with its sealed key (cascade --key, refused before the
// passphrase for any other key) and signed in stage-k.sig; verify-chain
// then requires one signed stage per server, and a missing, foreign,
// re-signed or tampered signature FAILs naming the stage and the check.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/mix/io/stage_signature.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/key_file.hpp"
#include "evote/protocol/signed_document.hpp"
#include "support/run_program.hpp"
#include "support/spec_vectors.hpp"
#include "support/temp_folder.hpp"
#include "support/test_election.hpp"

namespace fs = std::filesystem;
namespace p = evote::protocol;
using evote::crypto::Bytes;
using evote::crypto::Ed25519SigningKey;
using evote::testing::ProgramRun;
using evote::testing::read_whole_file;
using evote::testing::run_program;
using evote::testing::shell_quote;
using evote::testing::write_whole_file;

namespace {

const std::string kMix = EVOTE_MIX_BIN;
const char* const kNames[] = {"Org A", "Org B", "Org C"};

// The shared test election with mix servers "Org A", "Org B" (and "Org C")
// named in its config (signed by its organizer), their sealed keys, and a
// config naming none.
struct Signed {
  const evote::testing::TestElection& election = evote::testing::test_election();
  evote::testing::TempFolder folder;
  std::vector<Ed25519SigningKey> keys;
  Ed25519SigningKey stranger = Ed25519SigningKey::generate();

  Signed() {
    for (int k = 0; k < 3; ++k) keys.push_back(Ed25519SigningKey::generate());
    write_config("config.json", 2);
    write_config("config-3.json", 3);
    write_config("unsigned.json", 0);
    write_whole_file(folder / "passphrase.txt", evote::crypto::as_bytes("mix passphrase\n"));
    write_whole_file(folder / "wrong-passphrase.txt", evote::crypto::as_bytes("not it\n"));
    for (int k = 0; k < 3; ++k) write_key("mix-" + std::to_string(k + 1) + ".key", keys[k]);
    write_key("stranger.key", stranger);
  }

  void write_config(const std::string& name, std::size_t servers) const {
    p::ElectionConfig config = election.config;
    for (std::size_t k = 0; k < servers; ++k)
      config.mix_servers.push_back({kNames[k], keys[k].public_key()});
    p::Json document = p::to_json(config);
    p::sign_document(document, election.organizer_key);
    write_whole_file(folder / name, p::canonical_bytes(document));
  }

  void write_key(const std::string& name, const Ed25519SigningKey& key) const {
    p::save_canonical(folder / name,
                      p::to_json(p::seal_signing_key(key, name, "mix passphrase",
                                                     evote::crypto::Argon2Cost::interactive())),
                      p::WriteMode::new_secret());
  }

  fs::path input(const std::string& name, const std::string& district, std::size_t rows) const {
    const fs::path path = folder / name;
    p::CiphertextFileWriter writer(
        path, {election.config.election_id, "mayor", district, election.config.group, 1, rows});
    for (std::size_t i = 0; i < rows; ++i)
      writer.append(std::vector{
          evote::crypto::encrypt(election.election_key.public_key, 101 + i % 3).ciphertext});
    writer.finish();
    return path;
  }

  // evote-mix cascade with mix server k's key (0: no --key).
  ProgramRun cascade(const fs::path& in, const fs::path& dir, int k,
                     const std::string& config = "config.json",
                     const std::string& passphrase = "passphrase.txt") const {
    std::string command = kMix + " cascade --config " + shell_quote(folder / config) + " --input " +
                          shell_quote(in) + " --cascade " + shell_quote(dir);
    if (k > 0)
      command += " --key " + shell_quote(folder / ("mix-" + std::to_string(k) + ".key")) +
                 " --passphrase-file " + shell_quote(folder / passphrase);
    return run_program(command + " </dev/null");
  }

  ProgramRun verify_chain(const fs::path& in, const fs::path& dir, const std::string& extra = "",
                          const std::string& config = "config.json") const {
    return run_program(kMix + " verify-chain --config " + shell_quote(folder / config) +
                       " --input " + shell_quote(in) + " --cascade " + shell_quote(dir) + extra);
  }

  // A cascade of the first `stages` servers over a new input.
  fs::path mixed(const std::string& name, const std::string& district = "d1",
                 int stages = 2) const {
    const fs::path in = input(name + ".ctxt", district, 6);
    for (int k = 1; k <= stages; ++k) {
      const ProgramRun r = cascade(in, folder / name, k);
      BOOST_REQUIRE_MESSAGE(r.status == 0, r.output);
    }
    return in;
  }

  // A copy of cascade `from` (its folder) as `to`.
  fs::path copy(const std::string& from, const std::string& to) const {
    fs::copy(folder / from, folder / to);
    return folder / to;
  }
};

void expect_fail(const ProgramRun& r, const std::string& named) {
  BOOST_TEST_INFO("output: " << r.output);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("FAIL: " + named) != std::string::npos);
}

// Exit 0 and the last line "PASS".
void expect_pass(const ProgramRun& r) {
  BOOST_TEST_INFO("output: " << r.output);
  BOOST_TEST(r.status == 0);
  const std::string& out = r.output;
  BOOST_TEST(
      (out == "PASS\n" || (out.size() > 6 && out.compare(out.size() - 6, 6, "\nPASS\n") == 0)));
}

void expect_refused(const ProgramRun& r, const std::string& message) {
  BOOST_TEST_INFO("output: " << r.output);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find(message) != std::string::npos);
}

std::vector<std::string> names_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

p::Json read_document(const fs::path& path) {
  return p::parse_canonical(read_whole_file(path), path.string());
}

// `from` with its contents edited, signed again with `key`, written to `to`.
void resign(
    const fs::path& from, const fs::path& to, const Ed25519SigningKey& key,
    const std::function<void(p::Json&)>& edit = [](p::Json&) {}) {
  p::Json document = read_document(from);
  document.erase("signature");
  edit(document);
  p::sign_document(document, key);
  write_whole_file(to, p::canonical_bytes(document));
}

std::string hash_text(const fs::path& path) { return p::base64url_encode(p::hash_file(path).hash); }

}  // namespace

BOOST_AUTO_TEST_SUITE(signed_cascade)

BOOST_AUTO_TEST_CASE(a_cascade_of_two_signed_stages_verifies) {
  const Signed s;
  const fs::path in = s.input("in.ctxt", "d1", 8), dir = s.folder / "cascade";
  ProgramRun r = s.cascade(in, dir, 1);
  BOOST_TEST_INFO(r.output);
  BOOST_REQUIRE_EQUAL(r.status, 0);
  BOOST_TEST(r.output.find("stage-1: shuffled and proved, signed by mix server 1 \"Org A\"") !=
             std::string::npos);
  r = s.cascade(in, dir, 2);
  BOOST_TEST_INFO(r.output);
  BOOST_REQUIRE_EQUAL(r.status, 0);
  BOOST_TEST(r.output.find("stage-1: PASS (signed by mix server 1 \"Org A\")") !=
             std::string::npos);
  BOOST_TEST(r.output.find("stage-2: shuffled and proved, signed by mix server 2 \"Org B\"") !=
             std::string::npos);
  BOOST_TEST(names_in(dir) ==
             (std::vector<std::string>{"stage-1.ctxt", "stage-1.proof", "stage-1.sig",
                                       "stage-2.ctxt", "stage-2.proof", "stage-2.sig"}));

  r = s.verify_chain(in, dir);
  expect_pass(r);
  BOOST_TEST(r.output.find("stage-2: PASS (signed by mix server 2 \"Org B\")") !=
             std::string::npos);
  expect_pass(s.verify_chain(in, dir, " --stages 2"));
  expect_fail(s.verify_chain(in, dir, " --stages 3"),
              "expected 3 stages, but the election config names 2 mix servers (one stage each)");

  // stage-2.sig, byte for byte: the canonical statement, signed by Org B's key.
  const p::Json sig = read_document(dir / "stage-2.sig");
  const p::Json expected = {{"type", "mix-stage"},
                            {"version", 1},
                            {"election_id", s.election.config.election_id},
                            {"contest_id", "mayor"},
                            {"district", "d1"},
                            {"stage", 2},
                            {"mix_server", "Org B"},
                            {"config_hash", hash_text(s.folder / "config.json")},
                            {"input_hash", hash_text(dir / "stage-1.ctxt")},
                            {"output_hash", hash_text(dir / "stage-2.ctxt")},
                            {"proof_hash", hash_text(dir / "stage-2.proof")},
                            {"signature", sig.at("signature")}};
  BOOST_TEST(p::canonical_bytes(expected) == read_whole_file(dir / "stage-2.sig"));
  BOOST_TEST(p::verify_document_signature(sig, s.keys[1].public_key(), "stage-2.sig").ok);
  BOOST_TEST(read_document(dir / "stage-1.sig").at("input_hash") == hash_text(in));

  // One stage on its own: verify checks the signature given, and needs it.
  const std::string one = kMix + " verify --config " + shell_quote(s.folder / "config.json") +
                          " --input " + shell_quote(dir / "stage-1.ctxt") + " --output " +
                          shell_quote(dir / "stage-2.ctxt") + " --proof " +
                          shell_quote(dir / "stage-2.proof");
  expect_pass(run_program(one + " --stage 2 --signature " + shell_quote(dir / "stage-2.sig")));
  expect_fail(run_program(one),
              "no stage signature given (the election config names the mix "
              "servers: each stage is signed by the server that made it)");
  expect_fail(run_program(one + " --signature " + shell_quote(dir / "stage-1.sig")),
              "signature: signed by another key (expected mix server 2 \"Org B\")");

  // The cascade is complete: a third turn is refused, before any passphrase.
  expect_refused(s.cascade(in, dir, 3, "config.json", "wrong-passphrase.txt"),
                 "cascade " + dir.string() +
                     " has all its 2 stages (one per mix server of the election config): nothing "
                     "to add");
}

BOOST_AUTO_TEST_CASE(a_mix_server_signs_only_its_own_stage_and_is_asked_no_passphrase_first) {
  const Signed s;
  const fs::path in = s.input("in.ctxt", "d1", 4), dir = s.folder / "cascade";
  const std::string wrong = "wrong-passphrase.txt";
  // Org B's key for stage 1, a key of no server, no key: refused before the
  // passphrase (a wrong one is never tried), nothing made.
  expect_refused(s.cascade(in, dir, 2, "config.json", wrong),
                 "mix-2.key: not the key of mix server 1 \"Org A\", who makes stage 1 (it is mix "
                 "server 2 \"Org B\"'s key)");
  const ProgramRun r =
      run_program(kMix + " cascade --config " + shell_quote(s.folder / "config.json") +
                  " --input " + shell_quote(in) + " --cascade " + shell_quote(dir) + " --key " +
                  shell_quote(s.folder / "stranger.key") + " --passphrase-file " +
                  shell_quote(s.folder / wrong));
  expect_refused(r,
                 "stranger.key: not the key of mix server 1 \"Org A\", who makes stage 1 (it "
                 "is no mix server's key)");
  expect_refused(s.cascade(in, dir, 0),
                 "config.json: names the mix servers, and each stage is signed by the server that "
                 "makes it: give --key, the sealed signing key of mix server 1 \"Org A\", who "
                 "makes stage 1");
  BOOST_TEST(!fs::exists(dir));
  // The right key with a wrong passphrase: refused, nothing made.
  expect_refused(s.cascade(in, dir, 1, "config.json", wrong), "wrong passphrase");
  BOOST_TEST(!fs::exists(dir));

  BOOST_REQUIRE_EQUAL(s.cascade(in, dir, 1).status, 0);
  expect_refused(s.cascade(in, dir, 1),
                 "mix-1.key: not the key of mix server 2 \"Org B\", who makes stage 2 (it is mix "
                 "server 1 \"Org A\"'s key)");
  BOOST_TEST(!fs::exists(dir / "stage-2.ctxt"));

  // A config naming no mix servers takes no key; `shuffle` makes no stage of
  // a config that names them (stages are made and signed by cascade).
  expect_refused(s.cascade(in, s.folder / "plain", 1, "unsigned.json"),
                 "unsigned.json: names no mix servers, so its stages are not signed: leave out "
                 "--key and --passphrase-file");
  BOOST_TEST(!fs::exists(s.folder / "plain"));
  expect_refused(
      run_program(kMix + " shuffle --config " + shell_quote(s.folder / "config.json") +
                  " --input " + shell_quote(in) + " --output " + shell_quote(s.folder / "o") +
                  " --proof " + shell_quote(s.folder / "p") + " --stage 1"),
      "the election config names the mix servers: each stage is signed by the server "
      "that makes it; make stages with `evote-mix cascade --key`");
  BOOST_TEST(!fs::exists(s.folder / "o"));
}

// Every bad signature FAILs verify-chain naming the stage and what is wrong,
// and the next mix server refuses to shuffle on top of it.
BOOST_AUTO_TEST_CASE(a_wrong_missing_foreign_or_tampered_signature_fails_naming_the_stage) {
  const Signed s;
  const fs::path in = s.mixed("good");
  const fs::path other_in = s.mixed("other", "d2");
  expect_pass(s.verify_chain(in, s.folder / "good"));
  expect_pass(s.verify_chain(other_in, s.folder / "other"));
  const fs::path good_sig = s.folder / "good" / "stage-2.sig";

  struct Case {
    std::string name;
    std::function<void(const fs::path& sig)> spoil;  // of the copy's stage-2.sig
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"signed by another server", [&](const fs::path& sig) { resign(good_sig, sig, s.keys[0]); },
       "stage-2: signature: signed by another key (expected mix server 2 \"Org B\")"},
      {"signed by no server", [&](const fs::path& sig) { resign(good_sig, sig, s.stranger); },
       "stage-2: signature: signed by another key (expected mix server 2 \"Org B\")"},
      {"missing", [&](const fs::path& sig) { fs::remove(sig); },
       "stage-2: signature: no file " + (s.folder / "missing" / "stage-2.sig").string() +
           " (the election config names the mix servers: each stage is signed by the server that "
           "made it)"},
      {"stage 1 signature",
       [&](const fs::path& sig) { fs::copy_file(s.folder / "good" / "stage-1.sig", sig); },
       "stage-2: signature: signed by another key (expected mix server 2 \"Org B\")"},
      {"Org B signing a stage 1",
       [&](const fs::path& sig) { resign(s.folder / "good" / "stage-1.sig", sig, s.keys[1]); },
       "stage-2: signature: is for stage 1, expected 2"},
      {"another batch stage 2",
       [&](const fs::path& sig) { fs::copy_file(s.folder / "other" / "stage-2.sig", sig); },
       "stage-2: signature: is for batch \"mayor/d2\", this stage's is \"mayor/d1\""},
      {"a tampered byte",
       [&](const fs::path& sig) {
         Bytes b = read_whole_file(good_sig);
         const std::string text(b.begin(), b.end());
         const std::size_t at = text.find("\"output_hash\":\"") + 20;
         b[at] = b[at] == 'A' ? 'B' : 'A';
         write_whole_file(sig, b);
       },
       "stage-2: signature: " + (s.folder / "a tampered byte" / "stage-2.sig").string() +
           ": signature does not verify"},
      {"not canonical",
       [&](const fs::path& sig) {
         Bytes b = read_whole_file(good_sig);
         b.push_back('\n');
         write_whole_file(sig, b);
       },
       "stage-2: signature: " + (s.folder / "not canonical" / "stage-2.sig").string() + ": "},
      {"an output_hash not of the proof",
       [&](const fs::path& sig) {
         resign(good_sig, sig, s.keys[1], [&](p::Json& d) { d["output_hash"] = d["input_hash"]; });
       },
       "stage-2: signature: output_hash is not the proof's (another output file)"},
      {"an input_hash not of the proof",
       [&](const fs::path& sig) {
         resign(good_sig, sig, s.keys[1], [&](p::Json& d) { d["input_hash"] = d["output_hash"]; });
       },
       "stage-2: signature: input_hash is not the proof's (another input file)"},
      {"a proof_hash not of the proof file",
       [&](const fs::path& sig) {
         resign(good_sig, sig, s.keys[1], [&](p::Json& d) { d["proof_hash"] = d["input_hash"]; });
       },
       "stage-2: signature: proof_hash is not the hash of "},
      {"another server name",
       [&](const fs::path& sig) {
         resign(good_sig, sig, s.keys[1], [&](p::Json& d) { d["mix_server"] = "Org A"; });
       },
       "stage-2: signature: names mix server \"Org A\", stage 2 is made by mix server 2 \"Org "
       "B\""},
      {"another config",
       [&](const fs::path& sig) {
         resign(good_sig, sig, s.keys[1], [&](p::Json& d) { d["config_hash"] = d["input_hash"]; });
       },
       "stage-2: signature: is for another election config (config hash differs)"},
      {"an unknown member",
       [&](const fs::path& sig) {
         resign(good_sig, sig, s.keys[1], [&](p::Json& d) { d["comment"] = "hi"; });
       },
       "stage-2: signature: " + (s.folder / "an unknown member" / "stage-2.sig").string() +
           ": comment: unknown field"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      const fs::path dir = s.copy("good", c.name);
      fs::remove(dir / "stage-2.sig");
      c.spoil(dir / "stage-2.sig");
      expect_fail(s.verify_chain(in, dir), c.expected);
      // Stage 1 still passes: the verdict is stage 2's.
      BOOST_TEST(s.verify_chain(in, dir).output.find("stage-1: PASS") != std::string::npos);
    }
  }

  // A spoiled stage 1: the next mix server does not shuffle on top of it.
  const fs::path dir = s.copy("good", "stage-1-spoiled");
  for (const char* name : {"stage-2.ctxt", "stage-2.proof", "stage-2.sig"}) fs::remove(dir / name);
  fs::remove(dir / "stage-1.sig");
  resign(s.folder / "good" / "stage-1.sig", dir / "stage-1.sig", s.keys[1]);
  expect_refused(s.cascade(in, dir, 2),
                 "the cascade so far does not verify, not shuffling: stage-1: signature: signed "
                 "by another key (expected mix server 1 \"Org A\")");
  BOOST_TEST(!fs::exists(dir / "stage-2.ctxt"));
}

BOOST_AUTO_TEST_CASE(the_cascade_has_one_stage_per_mix_server) {
  const Signed s;
  // Two stages under a config of three servers: stage 3 is missing.
  const fs::path in = s.input("in.ctxt", "d1", 5), dir = s.folder / "cascade";
  for (int k = 1; k <= 2; ++k)
    BOOST_REQUIRE_EQUAL(s.cascade(in, dir, k, "config-3.json").status, 0);
  const std::string missing =
      "cascade has 2 stages, the election config names 3 mix servers (one stage each): stage-3 "
      "(mix server 3 \"Org C\") is missing";
  expect_fail(s.verify_chain(in, dir, "", "config-3.json"), missing);
  expect_fail(s.verify_chain(in, dir, " --stages 2", "config-3.json"),
              "expected 2 stages, but the election config names 3 mix servers (one stage each)");
  BOOST_REQUIRE_EQUAL(s.cascade(in, dir, 3, "config-3.json").status, 0);
  expect_pass(s.verify_chain(in, dir, " --stages 3", "config-3.json"));

  // A stray signature is named; a signed cascade checked under a config that
  // names no mix servers fails on its .sig files (and its config hash).
  const fs::path two = s.folder / s.mixed("two").stem();
  write_whole_file(two / "stage-3.sig", read_whole_file(two / "stage-2.sig"));
  expect_fail(s.verify_chain(s.folder / "two.ctxt", two),
              "cascade folder " + two.string() + ": stage-3.sig is not part of stages 1..2");
  fs::remove(two / "stage-3.sig");
  expect_fail(s.verify_chain(s.folder / "two.ctxt", two, "", "unsigned.json"),
              "cascade folder " + two.string() +
                  ": stage-1.sig is a stage signature, but the election config names no mix "
                  "servers (its stages are not signed)");
}

// A signed stage that fails leaves nothing: no output, proof, signature,
// temporary file or folder.
BOOST_AUTO_TEST_CASE(a_failed_signed_stage_leaves_nothing_behind) {
  const Signed s;
  const fs::path in = s.input("in.ctxt", "d1", 6);
  Bytes bytes = read_whole_file(in);
  std::fill(bytes.end() - 32, bytes.end(), 0xff);  // the last row's b is not a group element
  write_whole_file(s.folder / "bad.ctxt", bytes);
  const std::vector<std::string> before = names_in(s.folder.path());
  expect_refused(s.cascade(s.folder / "bad.ctxt", s.folder / "cascade", 1), "bad.ctxt: row 6");
  BOOST_TEST(names_in(s.folder.path()) == before);

  // A stage-1.sig already in the folder: the chain so far does not verify.
  fs::create_directory(s.folder / "taken");
  write_whole_file(s.folder / "taken" / "stage-1.sig", Bytes{1});
  expect_refused(s.cascade(in, s.folder / "taken", 1), "stage-1.sig is not part of stages 1..0");
  BOOST_TEST(names_in(s.folder / "taken") == (std::vector<std::string>{"stage-1.sig"}));
}

// specs/mix.md §11, "Stage signature": the statement, the digest and the
// signature file as printed, rebuilt from the seed and the statement.
BOOST_AUTO_TEST_CASE(the_stage_signature_vector_of_the_spec) {
  const auto vectors = evote::testing::load_spec_vectors("specs/mix.md");
  const evote::testing::SpecVector& v = evote::testing::find_vector(vectors, "mix-stage-signature");
  Bytes secret = evote::crypto::from_hex(v.at("seed"));
  const Bytes public_key = evote::crypto::from_hex(v.at("public_key"));
  secret.insert(secret.end(), public_key.begin(), public_key.end());
  const Ed25519SigningKey key = Ed25519SigningKey::from_secret(secret);  // checks the public key

  const std::string& text = v.at("file");
  const Bytes file(text.begin(), text.end());
  const p::Json document = p::parse_canonical(file, "vector file");
  const evote::mix::io::StageStatement statement =
      evote::mix::io::stage_statement_from_json(document, "vector file");
  BOOST_TEST(p::canonical_string(evote::mix::io::to_json(statement)) == v.at("statement"));
  BOOST_TEST(statement.stage == 2u);
  BOOST_TEST(statement.mix_server == "Org B");
  BOOST_TEST(statement.proof_hash == Bytes(32, 4));
  const evote::crypto::Digest digest = p::signing_digest(document);
  BOOST_TEST(evote::crypto::to_hex(digest) == v.at("digest"));
  BOOST_TEST(evote::mix::io::signed_stage_statement(statement, key) == file);
  BOOST_TEST(p::verify_document_signature(document, key.public_key(), "vector").ok);
  BOOST_TEST(v.unread().empty());
}

BOOST_AUTO_TEST_SUITE_END()
