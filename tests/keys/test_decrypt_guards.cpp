// What partial-decrypt and combine refuse (specs/keys.md §12, §16, §17): the
// trustees decrypt only the last stage of a mix cascade that verifies from
// its first input, with at least two stages; an unmixed file, an edited last
// stage, a broken stage and a one-stage cascade are refused, naming the
// reason, before the share is opened (a wrong passphrase is never even
// tried). An output never replaces a secret or an input, --force or not,
// and that is checked before any work. Missing or wrong files are named.
#include <memory>

#include "ceremony_harness.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/file_hash.hpp"

using namespace evote::keys_test;
using evote::crypto::Bytes;
using evote::protocol::Json;

namespace {

const std::vector<std::vector<std::uint64_t>> kRows = {{2}, {3}, {101}, {1}, {102}};

struct Fixture {
  Ceremony ceremony{"GV_2030", 3, 2};
  std::string key;
  fs::path input;
  fs::path wrong_passphrase;
};

// One 2-of-3 ceremony and one input mixed in two stages, for every test here.
Fixture& fixture() {
  static const std::unique_ptr<Fixture> f = [] {
    auto made = std::make_unique<Fixture>();
    made->key = made->ceremony.run_all();
    made->input = made->ceremony.encrypt(made->key, kRows);
    made->ceremony.mix(made->input);
    made->wrong_passphrase = made->ceremony.root() / "wrong-passphrase.txt";
    write_text(made->wrong_passphrase, "not the passphrase\n");
    return made;
  }();
  return *f;
}

// A file "MAGIC || be32(H) || header || body" with its JSON header edited
// (ciphertext files and partial-decryption files share this layout).
Bytes with_header(const Bytes& file, const std::function<void(Json&)>& edit,
                  std::size_t drop_tail = 0) {
  const std::uint32_t h = evote::crypto::read_be32(Bytes(file.begin() + 8, file.begin() + 12));
  Json header =
      evote::protocol::parse_canonical(Bytes(file.begin() + 12, file.begin() + 12 + h), "header");
  edit(header);
  const Bytes encoded = evote::protocol::canonical_bytes(header);
  Bytes out(file.begin(), file.begin() + 8);
  evote::crypto::append_be32(out, static_cast<std::uint32_t>(encoded.size()));
  out.insert(out.end(), encoded.begin(), encoded.end());
  out.insert(out.end(), file.begin() + 12 + h, file.end() - static_cast<std::ptrdiff_t>(drop_tail));
  return out;
}

// A copy of the honest cascade to spoil.
fs::path copy_cascade(const Fixture& f, const std::string& name) {
  const fs::path copy = f.ceremony.root() / name;
  fs::remove_all(copy);
  fs::copy(f.ceremony.cascade(f.input), copy);
  return copy;
}

std::string with_cascade(const Fixture& f, const std::string& command, const fs::path& cascade) {
  const std::string honest = "--cascade " + q(f.ceremony.cascade(f.input));
  std::string out = command;
  out.replace(out.find(honest), honest.size(), "--cascade " + q(cascade));
  return out;
}

struct BadCascade {
  std::string name;
  fs::path folder;
  std::string expected;  // after "cascade <folder> "
};

std::vector<BadCascade> bad_cascades(const Fixture& f) {
  std::vector<BadCascade> cases;
  {  // An unmixed file: no stage at all.
    const fs::path empty = f.ceremony.root() / "no-stages";
    fs::create_directories(empty);
    cases.push_back({"no stage", empty, "has 0 stages, at least 2 are needed (--min-stages)"});
  }
  {  // An unmixed file passed off as the last stage's output.
    const fs::path c = copy_cascade(f, "unmixed-last");
    fs::copy_file(f.input, c / "stage-2.ctxt", fs::copy_options::overwrite_existing);
    cases.push_back({"unmixed last stage", c, "does not verify, nothing is decrypted: stage-2: "});
  }
  {  // One row cut from the mixed output (the header's count made to fit).
    const fs::path c = copy_cascade(f, "row-cut");
    const Bytes last = evote::testing::read_whole_file(c / "stage-2.ctxt");
    evote::testing::write_whole_file(
        c / "stage-2.ctxt",
        with_header(
            last, [](Json& h) { h["count"] = h["count"].get<std::uint64_t>() - 1; }, 64));
    cases.push_back({"row cut", c, "does not verify, nothing is decrypted: stage-2: "});
  }
  {  // A broken stage: one byte of the first proof changed.
    const fs::path c = copy_cascade(f, "broken-stage");
    Bytes proof = evote::testing::read_whole_file(c / "stage-1.proof");
    proof[proof.size() / 2] ^= 0x04;
    evote::testing::write_whole_file(c / "stage-1.proof", proof);
    cases.push_back({"broken stage", c, "does not verify, nothing is decrypted: stage-1: "});
  }
  {  // One mix server only.
    const fs::path c = copy_cascade(f, "one-stage");
    fs::remove(c / "stage-2.ctxt");
    fs::remove(c / "stage-2.proof");
    cases.push_back({"one stage", c, "has 1 stage, at least 2 are needed (--min-stages)"});
  }
  return cases;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(keys_decrypt_guards)

BOOST_AUTO_TEST_CASE(an_honest_two_stage_cascade_decrypts_to_the_votes) {
  Fixture& f = fixture();
  for (std::uint32_t j = 1; j <= 3; ++j) {
    const Run r = f.ceremony.partial_decrypt(j, f.input);
    BOOST_TEST_REQUIRE(r.status == 0, r.output);
    BOOST_TEST(r.has("cascade stage-2: PASS"), r.output);
    BOOST_TEST(r.has("(stage 2 of the cascade)"), r.output);
  }
  const fs::path out = f.ceremony.root() / "plain.txt";
  const Run r = f.ceremony.combine(f.input, {f.ceremony.partial(3), f.ceremony.partial(1)}, out);
  BOOST_TEST_REQUIRE(r.status == 0, r.output);
  BOOST_TEST(sorted_lines(read_text(out)) == plaintext_lines(kRows));
  BOOST_TEST(r.has("combined trustees 1 3: 5 rows of 1"), r.output);
  BOOST_TEST(r.has("contest c1 (Küsimus-1), district d1:"), r.output);
  BOOST_TEST(r.has("101      Mari Maasikas      1\n"), r.output);
}

BOOST_AUTO_TEST_CASE(partial_decrypt_refuses_what_is_not_a_verified_cascade_before_the_share) {
  Fixture& f = fixture();
  const fs::path out = f.ceremony.root() / "refused.bin";
  const std::string honest = f.ceremony.partial_decrypt_command(2, f.input, out);
  for (const BadCascade& c : bad_cascades(f)) {
    // With a wrong passphrase: the cascade is named, the passphrase never tried.
    const Run r =
        run(with_cascade(f, honest, c.folder) + " --passphrase-file " + q(f.wrong_passphrase));
    BOOST_TEST_CONTEXT(c.name << ": " << r.output) {
      BOOST_TEST(r.status == 1);
      BOOST_TEST(r.has("cascade " + c.folder.string() + " " + c.expected));
      BOOST_TEST(!r.has("passphrase"));
      BOOST_TEST(!fs::exists(out));
    }
    // With no passphrase at all (and no terminal): not asked for.
    const Run asked = run(with_cascade(f, honest, c.folder) + " </dev/null");
    BOOST_TEST_CONTEXT(c.name << ": " << asked.output) {
      BOOST_TEST(asked.status == 1);
      BOOST_TEST(asked.has(c.expected));
      BOOST_TEST(!asked.has("passphrase"));
    }
  }
  // The cascade's first input must be the one the cascade mixed.
  const fs::path other = f.ceremony.encrypt(f.key, {{2}, {3}, {101}, {1}, {102}}, "other.bin");
  std::string command = honest;
  command.replace(command.find("--input " + q(f.input)), ("--input " + q(f.input)).size(),
                  "--input " + q(other));
  Run r = run(command + " --passphrase-file " + q(f.wrong_passphrase));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has("does not verify, nothing is decrypted: stage-1: "), r.output);
  BOOST_TEST(!r.has("passphrase"), r.output);
  // More stages may be required; fewer than two may not.
  r = run(honest + " --min-stages 3 --passphrase-file " + q(f.wrong_passphrase));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has("has 2 stages, at least 3 are needed (--min-stages)"), r.output);
  r = run(honest + " --min-stages 1" + f.ceremony.passphrase_option());
  BOOST_TEST(r.status == 2, r.output);
  BOOST_TEST(r.has("--min-stages must be a whole number from 2 to"), r.output);
  BOOST_TEST(!fs::exists(out));
}

BOOST_AUTO_TEST_CASE(combine_refuses_what_is_not_a_verified_cascade) {
  Fixture& f = fixture();
  for (std::uint32_t j = 1; j <= 2; ++j)
    if (!fs::exists(f.ceremony.partial(j)))
      ok(f.ceremony.partial_decrypt_command(j, f.input, f.ceremony.partial(j)) +
         f.ceremony.passphrase_option());
  const fs::path out = f.ceremony.root() / "refused.txt";
  const std::string honest =
      f.ceremony.combine_command(f.input, {f.ceremony.partial(1), f.ceremony.partial(2)}, out);
  for (const BadCascade& c : bad_cascades(f)) {
    const Run r = run(with_cascade(f, honest, c.folder));
    BOOST_TEST_CONTEXT(c.name << ": " << r.output) {
      BOOST_TEST(r.status == 1);
      BOOST_TEST(r.has("cascade " + c.folder.string() + " " + c.expected));
      BOOST_TEST(!fs::exists(out));
    }
  }
  // A partial file whose header names another cascade is skipped.
  const fs::path edited = f.ceremony.root() / "partial-2-edited.bin";
  evote::testing::write_whole_file(
      edited, with_header(evote::testing::read_whole_file(f.ceremony.partial(2)),
                          [](Json& h) { h["stages"] = 3; }));
  const Run r = f.ceremony.combine(f.input, {f.ceremony.partial(1), edited}, out);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has("skipped trustee 2 (" + edited.string() +
                   "): first_input_hash and stages are not those of this cascade (2 stages)"),
             r.output);
  BOOST_TEST(!fs::exists(out));
}

BOOST_AUTO_TEST_CASE(partial_decrypt_never_replaces_the_share_even_with_force) {
  Fixture& f = fixture();
  const fs::path share = f.ceremony.dir(1) / "share.json";
  const fs::path identity = f.ceremony.dir(1) / "identity.key";
  const std::string share_before = read_text(share);
  const std::string identity_before = read_text(identity);
  // Without --force: it exists.
  Run r =
      run(f.ceremony.partial_decrypt_command(1, f.input, share) + f.ceremony.passphrase_option());
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has(share.string() + ": already exists; give --force to replace it"), r.output);
  // With --force: still refused, before the cascade is looked at (a broken
  // one here) and with no passphrase asked.
  const fs::path broken = bad_cascades(f)[3].folder;
  for (const fs::path& secret : {share, identity}) {
    r = run(with_cascade(f, f.ceremony.partial_decrypt_command(1, f.input, secret), broken) +
            " --force </dev/null");
    BOOST_TEST_CONTEXT(secret.filename() << ": " << r.output) {
      BOOST_TEST(r.status == 1);
      BOOST_TEST(r.has(secret.string() + ": is this trustee's " + secret.filename().string() +
                       ": a secret is never replaced, even with --force"));
      BOOST_TEST(!r.has("cascade"));
      BOOST_TEST(!r.has("passphrase"));
    }
  }
  // A copy of a secret under another name, another trustee's share, or a
  // sealed signing key: recognised by content.
  const fs::path backup = f.ceremony.root() / "backup.json";
  fs::copy_file(share, backup, fs::copy_options::overwrite_existing);
  struct Case {
    fs::path out;
    std::string type;
  };
  for (const Case& c :
       {Case{backup, "key-share"}, Case{f.ceremony.dir(2) / "identity.key", "trustee-identity"},
        Case{f.ceremony.root() / "organizer.key", "sealed-signing-key"}}) {
    const std::string before = read_text(c.out);
    r = run(f.ceremony.partial_decrypt_command(1, f.input, c.out) + " --force" +
            f.ceremony.passphrase_option());
    BOOST_TEST_CONTEXT(c.out << ": " << r.output) {
      BOOST_TEST(r.status == 1);
      BOOST_TEST(r.has(c.out.string() + ": holds a secret (a \"" + c.type +
                       "\" document): a secret is never replaced, even with --force"));
      BOOST_TEST(read_text(c.out) == before);
    }
  }
  // The cascade's files are inputs, not outputs.
  const fs::path last = f.ceremony.last_stage(f.input);
  const Bytes last_before = evote::testing::read_whole_file(last);
  r = run(f.ceremony.partial_decrypt_command(1, f.input, last) + " --force" +
          f.ceremony.passphrase_option());
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has(last.string() + ": is the --cascade file this command reads"), r.output);
  BOOST_TEST(evote::testing::read_whole_file(last) == last_before);
  // A folder as --out: named, before any work.
  r = run(f.ceremony.partial_decrypt_command(1, f.input, f.ceremony.dir(1)) +
          " --force </dev/null");
  BOOST_TEST(r.status == 1);
  BOOST_TEST(
      r.has(f.ceremony.dir(1).string() + ": is a folder; give the name of the file to write"),
      r.output);
  BOOST_TEST(read_text(share) == share_before);
  BOOST_TEST(read_text(identity) == identity_before);
}

BOOST_AUTO_TEST_CASE(combine_and_publish_key_replace_only_with_force_and_never_an_input) {
  Fixture& f = fixture();
  for (std::uint32_t j = 1; j <= 2; ++j)
    if (!fs::exists(f.ceremony.partial(j)))
      ok(f.ceremony.partial_decrypt_command(j, f.input, f.ceremony.partial(j)) +
         f.ceremony.passphrase_option());
  const std::vector<fs::path> parts = {f.ceremony.partial(1), f.ceremony.partial(2)};
  // combine: an existing output needs --force.
  const fs::path out = f.ceremony.root() / "existing.txt";
  write_text(out, "keep me\n");
  Run r = f.ceremony.combine(f.input, parts, out);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has(out.string() + ": already exists; give --force to replace it"), r.output);
  BOOST_TEST(read_text(out) == "keep me\n");
  r = run(f.ceremony.combine_command(f.input, parts, out) + " --force");
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(sorted_lines(read_text(out)) == plaintext_lines(kRows));
  // ... never a secret, nor a file it reads, nor a folder.
  const fs::path organizer_key = f.ceremony.root() / "organizer.key";
  const std::string key_before = read_text(organizer_key);
  r = run(f.ceremony.combine_command(f.input, parts, organizer_key) + " --force");
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has("holds a secret (a \"sealed-signing-key\" document)"), r.output);
  BOOST_TEST(read_text(organizer_key) == key_before);
  const Bytes part_before = evote::testing::read_whole_file(parts[1]);
  r = run(f.ceremony.combine_command(f.input, parts, parts[1]) + " --force");
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has(parts[1].string() + ": is the PARTIAL file this command reads"), r.output);
  BOOST_TEST(evote::testing::read_whole_file(parts[1]) == part_before);
  r = run(f.ceremony.combine_command(f.input, parts, f.ceremony.election_config()) + " --force");
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has("is the --config file this command reads"), r.output);
  r = run(f.ceremony.combine_command(f.input, parts, f.ceremony.root()) + " --force");
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has("is a folder; give the name of the file to write"), r.output);

  // publish-key --out config.json: refused without --force, and with it.
  const std::string config_before = read_text(f.ceremony.config());
  const std::string publish = kKeys + " publish-key --config " + q(f.ceremony.config()) +
                              " --dir " + q(f.ceremony.public_dir()) + " --out ";
  r = run(publish + q(f.ceremony.config()));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has(f.ceremony.config().string() + ": already exists; give --force to replace it"),
             r.output);
  r = run(publish + q(f.ceremony.config()) + " --force");
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has(f.ceremony.config().string() + ": is the --config file this command reads"),
             r.output);
  BOOST_TEST(read_text(f.ceremony.config()) == config_before);
  // ... nor a trustee's share, nor a ceremony message it reads.
  const fs::path share = f.ceremony.dir(3) / "share.json";
  const std::string share_before = read_text(share);
  r = run(publish + q(share) + " --force");
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has("holds a secret (a \"key-share\" document)"), r.output);
  BOOST_TEST(read_text(share) == share_before);
  const fs::path deal = f.ceremony.public_dir() / "deal-1.json";
  r = run(publish + q(deal) + " --force");
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has(deal.string() + ": is the --dir file this command reads"), r.output);
  // The ceremony file itself may be written again with --force.
  r = run(publish + q(f.ceremony.ceremony_file()) + " --force");
  BOOST_TEST(r.status == 0, r.output);
}

BOOST_AUTO_TEST_CASE(missing_and_wrong_files_are_named) {
  Fixture& f = fixture();
  const fs::path out = f.ceremony.root() / "never.bin";
  const std::string tail =
      f.ceremony.cascade_options(f.input) + " --out " + q(out) + f.ceremony.passphrase_option();
  const auto decrypt = [&](const fs::path& dir, const fs::path& ceremony) {
    return run(kKeys + " partial-decrypt --dir " + q(dir) + " --ceremony " + q(ceremony) + tail);
  };
  // A missing ceremony file.
  const fs::path missing = f.ceremony.root() / "missing.json";
  Run r = decrypt(f.ceremony.dir(1), missing);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has(missing.string() + ": no such file"), r.output);
  // A folder given as the ceremony file.
  r = decrypt(f.ceremony.dir(1), f.ceremony.public_dir());
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has(f.ceremony.public_dir().string() + ": is a folder, not a file"), r.output);
  BOOST_TEST(!r.has("basic_filebuf"), r.output);
  // A missing --dir folder.
  const fs::path nowhere = f.ceremony.root() / "t9";
  r = decrypt(nowhere, f.ceremony.ceremony_file());
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has(nowhere.string() + ": no such folder"), r.output);
  // A trustee folder without its share, or with a folder in its place.
  const fs::path empty = f.ceremony.root() / "empty-trustee";
  fs::create_directories(empty / "identity.key");
  r = decrypt(empty, f.ceremony.ceremony_file());
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has((empty / "share.json").string() + ": cannot read: No such file or directory"),
             r.output);
  fs::create_directories(empty / "share.json");
  r = decrypt(empty, f.ceremony.ceremony_file());
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has((empty / "share.json").string() + ": cannot read: is a folder, not a file"),
             r.output);
  r = run(kKeys + " deal --config " + q(f.ceremony.config()) + " --dir " + q(empty) +
          f.ceremony.passphrase_option());
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has((empty / "identity.key").string() + ": cannot read: is a folder, not a file"),
             r.output);
  BOOST_TEST(!r.has("basic_filebuf"), r.output);
  // A folder as the config of combine, a missing partial file.
  r = run(kKeys + " combine --ceremony " + q(f.ceremony.ceremony_file()) + " --config " +
          q(f.ceremony.root()) + " --input " + q(f.input) + " --cascade " +
          q(f.ceremony.cascade(f.input)) + " --out " + q(out) + " " + q(missing));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has(f.ceremony.root().string() + ": is a folder, not a file"), r.output);
  r = run(f.ceremony.combine_command(f.input, {missing}, out));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has(missing.string() + ": no such file"), r.output);
  BOOST_TEST(!fs::exists(out));
}

BOOST_AUTO_TEST_CASE(help_shows_the_options_and_an_example) {
  for (const std::string command : {"partial-decrypt", "combine"}) {
    for (const std::string& form : {" help " + command, " " + command + " --help"}) {
      const Run r = run(kKeys + form);
      BOOST_TEST_CONTEXT(form << ": " << r.output) {
        BOOST_TEST(r.status == 0);
        BOOST_TEST(r.has("usage: evote-keys " + command));
        BOOST_TEST(r.has("--cascade DIR"));
        BOOST_TEST(r.has("[--min-stages K]"));
        BOOST_TEST(r.has("[--force]"));
        BOOST_TEST(r.has("example:\n  evote-keys " + command + " "));
      }
    }
  }
  const Run all = run(kKeys + " help");
  BOOST_TEST(all.status == 0);
  BOOST_TEST(all.has("never a secret"), all.output);
}

BOOST_AUTO_TEST_SUITE_END()
