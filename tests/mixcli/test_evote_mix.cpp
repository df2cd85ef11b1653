// evote-mix end to end: the real program shuffles, verifies, runs a cascade
// and checks it; every tampering case fails `verify` / `verify-chain` with
// exit 1 and a message naming the failed check.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "support/run_program.hpp"
#include "support/temp_folder.hpp"
#include "support/test_election.hpp"

namespace fs = std::filesystem;
using evote::testing::read_whole_file;
using evote::testing::run_program;
using evote::testing::shell_quote;
using evote::testing::write_whole_file;

namespace {

const std::string kMix = EVOTE_MIX_BIN;

struct MixSetup {
  const evote::testing::TestElection& election;
  evote::testing::TempFolder folder;
  fs::path config;

  explicit MixSetup(std::string_view group = "ristretto255")
      : election(evote::testing::test_election(group)), config(folder / "config.json") {
    write_whole_file(config, election.signed_config_bytes);
  }

  // A ciphertext file of `codes.size() / width` rows encrypting `codes`.
  fs::path input(const std::string& name, const std::string& contest, std::uint32_t width,
                 const std::vector<std::uint64_t>& codes) const {
    const fs::path path = folder / name;
    evote::protocol::CiphertextFileWriter writer(
        path, {election.config.election_id, contest, "d1", election.config.group, width,
               codes.size() / width});
    for (std::size_t i = 0; i < codes.size(); i += width) {
      std::vector<evote::crypto::Ciphertext> row;
      for (std::size_t k = 0; k < width; ++k)
        row.push_back(evote::crypto::encrypt(election.election_key.public_key, codes[i + k]).ciphertext);
      writer.append(row);
    }
    writer.finish();
    return path;
  }

  std::string common() const { return kMix + " " + "--config " + shell_quote(config); }
  evote::testing::ProgramRun shuffle(const fs::path& in, const fs::path& out, const fs::path& proof,
                                     int stage = 1) const {
    return run_program(kMix + " shuffle --config " + shell_quote(config) + " --input " +
                       shell_quote(in) + " --output " + shell_quote(out) + " --proof " +
                       shell_quote(proof) + " --stage " + std::to_string(stage));
  }
  evote::testing::ProgramRun verify(const fs::path& in, const fs::path& out,
                                    const fs::path& proof, const std::string& extra = "") const {
    return run_program(kMix + " verify --config " + shell_quote(config) + " --input " +
                       shell_quote(in) + " --output " + shell_quote(out) + " --proof " +
                       shell_quote(proof) + extra);
  }
  evote::testing::ProgramRun cascade(const fs::path& in, const fs::path& dir,
                                     const std::string& env = "") const {
    return run_program(env + kMix + " cascade --config " + shell_quote(config) + " --input " +
                       shell_quote(in) + " --cascade " + shell_quote(dir));
  }
  evote::testing::ProgramRun verify_chain(const fs::path& in, const fs::path& dir,
                                          const std::string& extra = "",
                                          const std::string& env = "") const {
    return run_program(env + kMix + " verify-chain --config " + shell_quote(config) + " --input " +
                       shell_quote(in) + " --cascade " + shell_quote(dir) + extra);
  }

  // The decrypted rows of a ciphertext file, sorted (a shuffle keeps this).
  std::vector<std::vector<std::uint64_t>> plaintexts(const fs::path& path) const {
    evote::protocol::CiphertextFileReader reader(path);
    const evote::crypto::Group& group = reader.group();
    std::vector<std::uint64_t> codes;
    for (std::uint64_t c = 1; c < 300; ++c) codes.push_back(c);
    const evote::crypto::CodeTable table(group, codes);
    std::vector<std::vector<std::uint64_t>> rows;
    for (const auto& row : reader.read_rows(1u << 20)) {
      std::vector<std::uint64_t> plain;
      for (const auto& c : row)
        plain.push_back(
            evote::crypto::decrypt_code(election.election_key.secret, c, table).value_or(0));
      rows.push_back(plain);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
  }
};

// The byte offset of row `row` in a ciphertext file, and its size.
struct RowPlace {
  std::size_t offset;
  std::size_t size;
};
RowPlace row_place(const evote::crypto::Bytes& file, std::size_t row, std::size_t width,
                   std::size_t element_bytes) {
  const std::size_t header = evote::crypto::read_be32(evote::crypto::BytesView(file).subspan(8, 4));
  const std::size_t size = width * 2 * element_bytes;
  return {12 + header + row * size, size};
}

void expect_fail(const evote::testing::ProgramRun& r, const std::string& named) {
  BOOST_TEST_INFO("output: " << r.output);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("FAIL") != std::string::npos);
  BOOST_TEST(r.output.find(named) != std::string::npos);
}

void expect_pass(const evote::testing::ProgramRun& r) {
  BOOST_TEST_INFO("output: " << r.output);
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.output.find("PASS") != std::string::npos);
}

// The names in a folder, sorted: what a run left behind.
std::vector<std::string> names_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// A copy of `in` whose row `row` (counted from 0 here) is not a group element.
fs::path with_non_member_row(const MixSetup& s, const fs::path& in, const std::string& name,
                             std::size_t row) {
  evote::crypto::Bytes bytes = read_whole_file(in);
  std::fill_n(bytes.begin() + static_cast<std::ptrdiff_t>(row_place(bytes, row, 1, 32).offset), 32,
              0xff);
  write_whole_file(s.folder / name, bytes);
  return s.folder / name;
}

std::vector<std::uint64_t> mayor_codes(std::size_t n) {
  std::vector<std::uint64_t> codes;
  for (std::size_t i = 0; i < n; ++i) codes.push_back(101 + i % 3);
  return codes;
}

}  // namespace

BOOST_AUTO_TEST_CASE(shuffle_then_verify_passes_and_keeps_the_votes) {
  const MixSetup s;
  const fs::path in = s.input("in.ctxt", "mayor", 1, mayor_codes(20));
  const auto shuffled = s.shuffle(in, s.folder / "out.ctxt", s.folder / "out.proof");
  BOOST_TEST_INFO(shuffled.output);
  BOOST_REQUIRE_EQUAL(shuffled.status, 0);
  expect_pass(s.verify(in, s.folder / "out.ctxt", s.folder / "out.proof"));
  expect_pass(s.verify(in, s.folder / "out.ctxt", s.folder / "out.proof", " --stage 1"));
  BOOST_TEST(s.plaintexts(in) == s.plaintexts(s.folder / "out.ctxt"));
  BOOST_TEST(read_whole_file(in) != read_whole_file(s.folder / "out.ctxt"));
}

BOOST_AUTO_TEST_CASE(width_three_rows_stay_together) {
  const MixSetup s;
  std::vector<std::uint64_t> codes;
  for (std::uint64_t i = 0; i < 8; ++i) {
    codes.push_back(21 + i % 4);
    codes.push_back(21 + (i + 1) % 4);
    codes.push_back(1);
  }
  const fs::path in = s.input("in.ctxt", "ranking", 3, codes);
  BOOST_REQUIRE_EQUAL(s.shuffle(in, s.folder / "out.ctxt", s.folder / "p").status, 0);
  expect_pass(s.verify(in, s.folder / "out.ctxt", s.folder / "p"));
  BOOST_TEST(s.plaintexts(in) == s.plaintexts(s.folder / "out.ctxt"));
}

BOOST_AUTO_TEST_CASE(modp3072_stage_passes) {
  const MixSetup s("modp3072-rfc3526");
  const fs::path in = s.input("in.ctxt", "mayor", 1, mayor_codes(4));
  BOOST_REQUIRE_EQUAL(s.shuffle(in, s.folder / "out.ctxt", s.folder / "p").status, 0);
  expect_pass(s.verify(in, s.folder / "out.ctxt", s.folder / "p"));
  BOOST_TEST(s.plaintexts(in) == s.plaintexts(s.folder / "out.ctxt"));
}

BOOST_AUTO_TEST_CASE(every_tampered_output_fails_verify_naming_the_check) {
  const MixSetup s;
  const fs::path in = s.input("in.ctxt", "mayor", 1, mayor_codes(12));
  const fs::path out = s.folder / "out.ctxt", proof = s.folder / "out.proof";
  BOOST_REQUIRE_EQUAL(s.shuffle(in, out, proof).status, 0);
  const evote::crypto::Bytes good = read_whole_file(out);
  const fs::path bad = s.folder / "bad.ctxt";
  const auto place = [&](std::size_t row) { return row_place(good, row, 1, 32); };

  {  // a changed row: another valid encryption in its place
    const fs::path other = s.input("other.ctxt", "mayor", 1, {102});
    evote::crypto::Bytes b = good;
    const evote::crypto::Bytes o = read_whole_file(other);
    std::copy_n(o.begin() + static_cast<std::ptrdiff_t>(row_place(o, 0, 1, 32).offset), 64,
                b.begin() + static_cast<std::ptrdiff_t>(place(5).offset));
    write_whole_file(bad, b);
    expect_fail(s.verify(in, bad, proof), "shuffle proof:");
  }
  {  // a duplicated row
    evote::crypto::Bytes b = good;
    std::copy_n(good.begin() + static_cast<std::ptrdiff_t>(place(2).offset), 64,
                b.begin() + static_cast<std::ptrdiff_t>(place(7).offset));
    write_whole_file(bad, b);
    expect_fail(s.verify(in, bad, proof), "shuffle proof:");
  }
  {  // two rows swapped after proving
    evote::crypto::Bytes b = good;
    std::swap_ranges(b.begin() + static_cast<std::ptrdiff_t>(place(0).offset),
                     b.begin() + static_cast<std::ptrdiff_t>(place(0).offset + 64),
                     b.begin() + static_cast<std::ptrdiff_t>(place(11).offset));
    write_whole_file(bad, b);
    expect_fail(s.verify(in, bad, proof), "shuffle proof:");
  }
  {  // a row that is not a group element
    evote::crypto::Bytes b = good;
    std::fill_n(b.begin() + static_cast<std::ptrdiff_t>(place(3).offset), 32, 0xff);
    write_whole_file(bad, b);
    expect_fail(s.verify(in, bad, proof), "output: ciphertext file");
    expect_fail(s.verify(bad, out, proof), "input: ciphertext file");
  }
  {  // a dropped row (the header rewritten to match) and an added one
    evote::protocol::CiphertextFileReader reader(out);
    auto rows = reader.read_rows(100);
    for (int extra : {-1, +1}) {
      auto header = reader.header();
      header.count = static_cast<std::uint64_t>(static_cast<int>(rows.size()) + extra);
      fs::remove(bad);
      evote::protocol::CiphertextFileWriter writer(bad, header);
      for (std::size_t i = 0; i < header.count; ++i) writer.append(rows[i % rows.size()]);
      writer.finish();
      expect_fail(s.verify(in, bad, proof), "output header differs from the input header");
    }
  }
  {  // a truncated output file
    write_whole_file(bad, evote::crypto::BytesView(good).first(good.size() - 10));
    expect_fail(s.verify(in, bad, proof), "truncated");
  }
}

BOOST_AUTO_TEST_CASE(tampered_replayed_or_restaged_proofs_fail) {
  const MixSetup s;
  const fs::path in = s.input("in.ctxt", "mayor", 1, mayor_codes(10));
  const fs::path out = s.folder / "out.ctxt", proof = s.folder / "out.proof";
  BOOST_REQUIRE_EQUAL(s.shuffle(in, out, proof).status, 0);
  const evote::crypto::Bytes good = read_whole_file(proof);
  const fs::path bad = s.folder / "bad.proof";
  const std::size_t header = 12 + evote::crypto::read_be32(evote::crypto::BytesView(good).subspan(8, 4));
  // Every proof field: a changed byte in each 32-byte field of the proof body
  // (N = 10, w = 1: 35 element fields then 24 scalar fields) fails.
  std::size_t changed = 0;
  for (std::size_t at = header + 16; at < good.size(); at += 32) {
    evote::crypto::Bytes b = good;
    b[at + 7] ^= 0x01;
    write_whole_file(bad, b);
    const auto r = s.verify(in, out, bad);
    BOOST_TEST_INFO("byte " << at << ": " << r.output);
    BOOST_TEST(r.status == 1);
    BOOST_TEST(r.output.find("FAIL") != std::string::npos);
    ++changed;
  }
  BOOST_TEST(changed == 35u + 24u);
  {  // truncated proof file
    write_whole_file(bad, evote::crypto::BytesView(good).first(good.size() - 1));
    expect_fail(s.verify(in, out, bad), "wrong length");
  }
  {  // the proof of another shuffle of another input
    const fs::path in2 = s.input("in2.ctxt", "mayor", 1, mayor_codes(10));
    BOOST_REQUIRE_EQUAL(s.shuffle(in2, s.folder / "out2.ctxt", s.folder / "out2.proof").status, 0);
    expect_fail(s.verify(in2, s.folder / "out2.ctxt", proof), "shuffle proof:");
    expect_fail(s.verify(in, out, s.folder / "out2.proof"), "shuffle proof:");
  }
  {  // a proof said to be for stage 2: other generators, the proof fails
    std::string text(good.begin(), good.end());
    const std::size_t at = text.find("\"stage\":1");
    BOOST_REQUIRE(at != std::string::npos);
    text[at + 8] = '2';
    write_whole_file(bad, evote::crypto::Bytes(text.begin(), text.end()));
    expect_fail(s.verify(in, out, bad), "shuffle proof:");
    expect_fail(s.verify(in, out, bad, " --stage 1"), "proof file is for stage 2, expected 1");
  }
  {  // wrong magic
    evote::crypto::Bytes b = good;
    b[0] = 'X';
    write_whole_file(bad, b);
    expect_fail(s.verify(in, out, bad), "not a shuffle proof file");
  }
}

BOOST_AUTO_TEST_CASE(a_cascade_of_three_processes_verifies_and_catches_tampering) {
  const MixSetup s;
  const fs::path in = s.input("in.ctxt", "mayor", 1, mayor_codes(15));
  const fs::path dir = s.folder / "cascade";
  // Stage 2 runs in chunks of 4 rows (15 rows: 4 chunks).
  for (int stage = 1; stage <= 3; ++stage) {
    const auto r = s.cascade(in, dir, stage == 2 ? "EVOTE_MIX_CHUNK_ROWS=4 " : "");
    BOOST_TEST_INFO(r.output);
    BOOST_REQUIRE_EQUAL(r.status, 0);
    BOOST_TEST(r.output.find("stage-" + std::to_string(stage) + ": shuffled") != std::string::npos);
  }
  expect_pass(s.verify_chain(in, dir));
  expect_pass(s.verify_chain(in, dir, " --stages 3", "EVOTE_MIX_CHUNK_ROWS=2 "));
  expect_fail(s.verify_chain(in, dir, " --stages 4"), "cascade has 3 stages, expected 4");
  BOOST_TEST(s.plaintexts(in) == s.plaintexts(dir / "stage-3.ctxt"));

  // Stage 2's output with two rows swapped: stage 2 fails (and stage 3's
  // input is no longer what it proved, so the chain names stage 2 first).
  const fs::path middle = dir / "stage-2.ctxt";
  const evote::crypto::Bytes good = read_whole_file(middle);
  evote::crypto::Bytes b = good;
  const RowPlace r0 = row_place(b, 0, 1, 32), r1 = row_place(b, 1, 1, 32);
  std::swap_ranges(b.begin() + static_cast<std::ptrdiff_t>(r0.offset),
                   b.begin() + static_cast<std::ptrdiff_t>(r0.offset + r0.size),
                   b.begin() + static_cast<std::ptrdiff_t>(r1.offset));
  write_whole_file(middle, b);
  expect_fail(s.verify_chain(in, dir), "stage-2: shuffle proof:");
  // The next mix server refuses to shuffle on top of a broken chain.
  const auto refused = s.cascade(in, dir);
  BOOST_TEST_INFO(refused.output);
  BOOST_TEST(refused.status == 1);
  BOOST_TEST(refused.output.find("does not verify, not shuffling") != std::string::npos);
  BOOST_TEST(!fs::exists(dir / "stage-4.ctxt"));
  write_whole_file(middle, good);
  expect_pass(s.verify_chain(in, dir));

  // A missing proof or a stray stage file is named.
  fs::rename(dir / "stage-3.proof", s.folder / "kept.proof");
  expect_fail(s.verify_chain(in, dir), "stage-3.ctxt is not part of stages 1..2");
  fs::rename(s.folder / "kept.proof", dir / "stage-3.proof");
  // A verifier given another input (another election's first stage) fails.
  const fs::path other = s.input("other.ctxt", "mayor", 1, mayor_codes(15));
  expect_fail(s.verify_chain(other, dir), "stage-1: shuffle proof:");
}

BOOST_AUTO_TEST_CASE(bad_calls_and_foreign_inputs_are_refused_clearly) {
  const MixSetup s;
  const fs::path in = s.input("in.ctxt", "mayor", 1, mayor_codes(5));
  auto r = run_program(kMix + " shuffle --config " + shell_quote(s.config) + " --input " +
                       shell_quote(in) + " --output x --proof y");
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.output.find("missing --stage") != std::string::npos);
  r = s.shuffle(in, s.folder / "out.ctxt", s.folder / "p", 0);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.output.find("--stage must be a whole number from 1") != std::string::npos);
  r = run_program(kMix + " frobnicate");
  BOOST_TEST(r.status == 2);

  // Rows of a contest the config does not have, with the wrong width.
  const fs::path wrong = s.input("wrong.ctxt", "council", 1, {11, 12});
  r = s.shuffle(wrong, s.folder / "o", s.folder / "p");
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("width 1, contest \"council\" has 2 selections") != std::string::npos);
  BOOST_TEST(!fs::exists(s.folder / "o"));
  BOOST_TEST(!fs::exists(s.folder / "p"));

  // A row that is not a group element: refused by name (the 4th row: rows
  // and columns count from 1 in messages), nothing written.
  {
    with_non_member_row(s, in, "nonmember.ctxt", 3);
    r = s.shuffle(s.folder / "nonmember.ctxt", s.folder / "o", s.folder / "p");
    BOOST_TEST_INFO(r.output);
    BOOST_TEST(r.status == 1);
    BOOST_TEST(r.output.find("nonmember.ctxt: row 4 column 1: ciphertext a: ") !=
               std::string::npos);
    BOOST_TEST(!fs::exists(s.folder / "o"));
    BOOST_TEST(!fs::exists(s.folder / "p"));
    for (const auto& entry : fs::directory_iterator(s.folder.path()))  // no temporary left
      BOOST_TEST(entry.path().filename().string().rfind("o.tmp", 0) != 0);
  }

  // An existing output is never replaced.
  write_whole_file(s.folder / "taken", evote::crypto::Bytes{1, 2, 3});
  r = s.shuffle(in, s.folder / "taken", s.folder / "p");
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("already exists") != std::string::npos);
  BOOST_TEST(read_whole_file(s.folder / "taken") == (evote::crypto::Bytes{1, 2, 3}));

  // Rows of another election are refused by name.
  const fs::path foreign = s.folder / "foreign.ctxt";
  {
    evote::protocol::CiphertextFileWriter writer(
        foreign, {"OTHER_2027", "mayor", "d1", s.election.config.group, 1, 1});
    writer.append(std::vector{
        evote::crypto::encrypt(s.election.election_key.public_key, 101).ciphertext});
    writer.finish();
  }
  r = s.shuffle(foreign, s.folder / "o", s.folder / "p");
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("election \"OTHER_2027\", the config's is") != std::string::npos);

  // A config whose bytes were changed is named.
  evote::crypto::Bytes changed_config = read_whole_file(s.config);
  changed_config.back() = ' ';
  write_whole_file(s.folder / "broken.json", changed_config);
  r = run_program(kMix + " shuffle --config " + shell_quote(s.folder / "broken.json") +
                  " --input " + shell_quote(in) + " --output o --proof p --stage 1");
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("broken.json") != std::string::npos);
}

// specs/mix.md §10: a contest or district with no ballots is not mixed. Its
// (empty) ciphertext file gets no stage: shuffle and cascade refuse it by
// name, write nothing and make no folder, so no proof of 0 rows (which no
// verifier accepts) can block the cascade.
BOOST_AUTO_TEST_CASE(an_empty_batch_is_not_mixed) {
  const MixSetup s;
  const fs::path empty = s.input("empty.ctxt", "mayor", 1, {});
  const std::vector<std::string> before = names_in(s.folder.path());
  const std::string refusal =
      empty.string() + ": has no rows; an empty batch is not mixed (specs/mix.md §10)";

  auto r = s.shuffle(empty, s.folder / "o", s.folder / "p");
  BOOST_TEST_INFO(r.output);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find(refusal) != std::string::npos);
  BOOST_TEST(names_in(s.folder.path()) == before);

  r = s.cascade(empty, s.folder / "cascade");
  BOOST_TEST_INFO(r.output);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find(refusal) != std::string::npos);
  BOOST_TEST(!fs::exists(s.folder / "cascade"));
  BOOST_TEST(names_in(s.folder.path()) == before);

  fs::create_directory(s.folder / "cascade");  // an existing, empty cascade folder stays empty
  r = s.cascade(empty, s.folder / "cascade");
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find(refusal) != std::string::npos);
  BOOST_TEST(fs::is_empty(s.folder / "cascade"));
}

// specs/mix.md §10: a batch of one row is mixed like any other (the proof
// shows that the one output row is a re-encryption of the input row).
BOOST_AUTO_TEST_CASE(a_one_row_batch_is_mixed) {
  const MixSetup s;
  const fs::path in = s.input("one.ctxt", "mayor", 1, {102});
  const fs::path dir = s.folder / "cascade";
  for (int stage = 1; stage <= 2; ++stage) {
    const auto r = s.cascade(in, dir);
    BOOST_TEST_INFO(r.output);
    BOOST_REQUIRE_EQUAL(r.status, 0);
  }
  expect_pass(s.verify_chain(in, dir, " --stages 2"));
  BOOST_TEST(s.plaintexts(dir / "stage-2.ctxt") ==
             (std::vector<std::vector<std::uint64_t>>{{102}}));
  BOOST_TEST(read_whole_file(in) != read_whole_file(dir / "stage-2.ctxt"));
}

// A failed shuffle or cascade leaves nothing behind: no output, no proof, no
// temporary file and no folder it created, even when it fails halfway
// through the rows (chunks of 2 rows: the bad row is found after some
// output rows were written).
BOOST_AUTO_TEST_CASE(a_failed_run_leaves_nothing_behind) {
  const MixSetup s;
  const fs::path in = s.input("in.ctxt", "mayor", 1, mayor_codes(12));
  const fs::path bad = with_non_member_row(s, in, "bad.ctxt", 9);
  const std::vector<std::string> before = names_in(s.folder.path());
  const std::string chunks = "EVOTE_MIX_CHUNK_ROWS=2 ";

  auto r = run_program(chunks + kMix + " shuffle --config " + shell_quote(s.config) + " --input " +
                       shell_quote(bad) + " --output " + shell_quote(s.folder / "o") + " --proof " +
                       shell_quote(s.folder / "p") + " --stage 1");
  BOOST_TEST_INFO(r.output);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("bad.ctxt: row 10 column 1: ") != std::string::npos);
  BOOST_TEST(names_in(s.folder.path()) == before);

  // The cascade folder is made only for a stage that succeeds (missing
  // parents too: test_mix_stage_files.cpp).
  const fs::path dir = s.folder / "cascade";
  r = s.cascade(bad, dir, chunks);
  BOOST_TEST_INFO(r.output);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("bad.ctxt: row 10 column 1: ") != std::string::npos);
  BOOST_TEST(names_in(s.folder.path()) == before);

  // Rows of a contest the config does not have: refused before any work.
  const fs::path council = s.input("council.ctxt", "council", 1, {11, 12});
  r = s.cascade(council, dir);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("contest \"council\" has 2 selections") != std::string::npos);
  BOOST_TEST(!fs::exists(dir));

  // A proof whose folder does not exist: the output is not left behind.
  r = s.shuffle(in, s.folder / "o", s.folder / "missing" / "p");
  BOOST_TEST_INFO(r.output);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("missing") != std::string::npos);
  BOOST_TEST(!fs::exists(s.folder / "o"));
  BOOST_TEST(!fs::exists(s.folder / "missing"));

  // The same name for output and proof.
  r = s.shuffle(in, s.folder / "o", s.folder / "o");
  BOOST_TEST_INFO(r.output);
  BOOST_TEST(r.status == 1);
  BOOST_TEST(!fs::exists(s.folder / "o"));

  // After all this, a good run in the same places works.
  r = s.cascade(in, dir);
  BOOST_TEST_INFO(r.output);
  BOOST_TEST(r.status == 0);
  expect_pass(s.verify_chain(in, dir, " --stages 1"));
}
