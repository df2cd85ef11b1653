// combine reads the last stage's rows and the partial-decryption files in
// chunks (tallier/keys/combine_stream.hpp): whatever the chunk size, the
// plaintext file is the one evote-keys combine writes, and the trustees
// skipped are named as it names them, also when a trustee of the first
// choice fails in a late chunk (a bad proof, an element that does not
// decode) and a second pass combines others, or when a trustee that
// submitted twice is left with one readable file. (Peak memory is a
// measurement, not a test: see the session note of 071fc49 for the figures.)

#include <cstdlib>
#include <memory>
#include <sstream>

#include "ceremony_harness.hpp"
#include "combine_stream.hpp"
#include "evote/mix/io/mix_stage.hpp"
#include "evote/protocol/error.hpp"

using namespace evote::keys_test;
using evote::crypto::Bytes;

namespace {

// 40 rows of width 2: codes of the contest, the blank code 1 and 400 (invalid).
std::vector<std::vector<std::uint64_t>> rows_of(std::size_t count) {
  std::vector<std::vector<std::uint64_t>> rows;
  for (std::size_t i = 0; i < count; ++i)
    rows.push_back({2 + (i * 7) % 299, i % 9 == 0 ? 400 : (i % 5 == 0 ? 1 : 2 + i % 13)});
  return rows;
}

struct Fixture {
  Ceremony ceremony{"CS_2027", 3, 2};
  std::string key;
  fs::path input;
  fs::path reference;      // evote-keys combine of trustees 1, 2, 3
  std::string ref_output;  // its stdout
};

// One ceremony and cascade for every test of this file.
Fixture& fixture() {
  static const std::unique_ptr<Fixture> f = [] {
    auto made = std::make_unique<Fixture>();
    Ceremony& c = made->ceremony;
    made->key = c.run_all();
    made->input = c.encrypt(made->key, rows_of(40));
    c.mix(made->input);
    for (std::uint32_t j = 1; j <= 3; ++j)
      ok(c.partial_decrypt_command(j, made->input, c.partial(j)) + c.passphrase_option());
    made->reference = c.root() / "reference.txt";
    made->ref_output = ok(c.combine_command(made->input, {c.partial(1), c.partial(2), c.partial(3)},
                                            made->reference))
                           .output;
    return made;
  }();
  return *f;
}

struct Combined {
  evote::keys::CombineOutcome outcome;
  std::vector<std::string> skipped;
};

// combine_files in this process with chunks of `positions`.
Combined combine_in_process(const std::vector<fs::path>& partials, const fs::path& out,
                            std::size_t positions) {
  const Fixture& f = fixture();
  const evote::mix::io::MixElection election =
      evote::mix::io::load_mix_election(f.ceremony.election_config());
  const evote::keys::Ceremony ceremony =
      evote::keys::load_ceremony(f.ceremony.ceremony_file().string(), election.config);
  const evote::keys::CascadeOptions options{f.ceremony.election_config(), f.input,
                                            f.ceremony.cascade(f.input), 2};
  const evote::keys::VerifiedCascade cascade =
      evote::keys::verify_cascade(election, options, [](const std::string&) {});
  std::vector<std::string> paths;
  for (const fs::path& p : partials) paths.push_back(p.string());
  Combined c;
  c.outcome = evote::keys::combine_files(
      election.config, ceremony, cascade, paths, out, evote::protocol::WriteMode::replace_public(),
      [&](const std::string& why) { c.skipped.push_back(why); }, positions);
  return c;
}

std::size_t record_offset(const Bytes& file, std::size_t position) {
  const std::uint32_t h = evote::crypto::read_be32(Bytes(file.begin() + 8, file.begin() + 12));
  return 12 + h + position * (3 * 32 + 32);
}

// Trustee j's file with the proof of `position` wrong (the response's low byte).
fs::path with_bad_proof(std::uint32_t j, std::size_t position) {
  const Fixture& f = fixture();
  Bytes bytes = evote::testing::read_whole_file(f.ceremony.partial(j));
  bytes[record_offset(bytes, position) + 127] ^= 0x01;
  const fs::path out = f.ceremony.root() / ("bad-proof-" + std::to_string(j) + ".bin");
  evote::testing::write_whole_file(out, bytes);
  return out;
}

// Trustee j's file whose share at `position` is no ristretto255 encoding.
fs::path with_undecodable_share(std::uint32_t j, std::size_t position, const std::string& name) {
  const Fixture& f = fixture();
  Bytes bytes = evote::testing::read_whole_file(f.ceremony.partial(j));
  std::fill_n(bytes.begin() + static_cast<std::ptrdiff_t>(record_offset(bytes, position)), 32,
              0xff);
  const fs::path out = f.ceremony.root() / name;
  evote::testing::write_whole_file(out, bytes);
  return out;
}

// The "skipped ..." lines of an evote-keys combine output.
std::vector<std::string> skipped_lines(const std::string& output) {
  std::vector<std::string> out;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("skipped ", 0) == 0) out.push_back(line.substr(8));
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(combine_stream)

BOOST_AUTO_TEST_CASE(every_chunk_size_writes_the_same_file) {
  const Fixture& f = fixture();
  BOOST_TEST(f.ref_output.find("combined trustees 1 2: 40 rows of 2") != std::string::npos,
             f.ref_output);
  const std::string reference = read_text(f.reference);
  BOOST_TEST(sorted_lines(reference) == plaintext_lines(rows_of(40)));
  for (const std::size_t positions : {1, 2, 3, 5, 79, 80, 8192}) {
    const fs::path out = f.ceremony.root() / ("chunks-" + std::to_string(positions) + ".txt");
    const Combined c = combine_in_process(
        {f.ceremony.partial(1), f.ceremony.partial(2), f.ceremony.partial(3)}, out, positions);
    BOOST_TEST(read_text(out) == reference, "chunks of " << positions);
    BOOST_TEST((c.outcome.used == std::vector<std::uint32_t>{1, 2}));
    BOOST_TEST(c.skipped.empty());
    std::uint64_t total = c.outcome.counts.invalid;
    for (const auto& [code, n] : c.outcome.counts.by_code) total += n;
    BOOST_TEST(total == 80u);
  }
}

BOOST_AUTO_TEST_CASE(a_bad_proof_in_a_late_chunk_means_a_second_pass_with_others) {
  const Fixture& f = fixture();
  const fs::path bad = with_bad_proof(1, 57);  // row 29 column 2
  const std::vector<fs::path> files = {bad, f.ceremony.partial(2), f.ceremony.partial(3)};
  const fs::path out = f.ceremony.root() / "late-proof.txt";
  const Combined c = combine_in_process(files, out, 8);
  BOOST_TEST(read_text(out) == read_text(f.reference));  // trustees 2 and 3 give the same rows
  BOOST_TEST((c.outcome.used == std::vector<std::uint32_t>{2, 3}));
  BOOST_REQUIRE(c.skipped.size() == 1u);
  BOOST_TEST(c.skipped[0] == "trustee 1 (" + bad.string() + "): proof of row 29 column 2 fails");
  // What evote-keys says (one chunk) is what the chunks said.
  const Run r = f.ceremony.combine(f.input, files, f.ceremony.root() / "late-proof-cli.txt");
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(skipped_lines(r.output) == c.skipped, r.output);
  BOOST_TEST(read_text(f.ceremony.root() / "late-proof-cli.txt") == read_text(out));
}

BOOST_AUTO_TEST_CASE(an_undecodable_share_in_a_late_chunk_rejects_the_file) {
  const Fixture& f = fixture();
  const fs::path bad = with_undecodable_share(2, 70, "bad-share-2.bin");  // row 36 column 1
  const std::vector<fs::path> files = {f.ceremony.partial(1), bad, f.ceremony.partial(3)};
  const fs::path out = f.ceremony.root() / "late-share.txt";
  const Combined c = combine_in_process(files, out, 6);
  BOOST_TEST(read_text(out) == read_text(f.reference));
  BOOST_TEST((c.outcome.used == std::vector<std::uint32_t>{1, 3}));
  BOOST_REQUIRE(c.skipped.size() == 1u);
  BOOST_TEST(
      c.skipped[0].find("partial decryption file " + bad.string() + ": row 36 column 1: ") == 0u,
      c.skipped[0]);
  const Run r = f.ceremony.combine(f.input, files, f.ceremony.root() / "late-share-cli.txt");
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(skipped_lines(r.output) == c.skipped, r.output);
}

BOOST_AUTO_TEST_CASE(a_twice_submitting_trustee_with_one_readable_file_is_combined) {
  // Trustee 1 submitted twice, but one copy fails to decode in the last
  // chunk: as combine in one piece sees it, trustee 1 has one file.
  const Fixture& f = fixture();
  const fs::path copy = with_undecodable_share(1, 79, "copy-1.bin");
  const std::vector<fs::path> files = {f.ceremony.partial(3), copy, f.ceremony.partial(1)};
  const fs::path out = f.ceremony.root() / "twice.txt";
  const Combined c = combine_in_process(files, out, 16);
  BOOST_TEST(read_text(out) == read_text(f.reference));
  BOOST_TEST((c.outcome.used == std::vector<std::uint32_t>{1, 3}));
  const Run r = f.ceremony.combine(f.input, files, f.ceremony.root() / "twice-cli.txt");
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(skipped_lines(r.output) == c.skipped, r.output);
}

BOOST_AUTO_TEST_CASE(too_few_valid_trustees_leave_no_output) {
  const Fixture& f = fixture();
  const fs::path bad1 = with_bad_proof(1, 33);
  const fs::path bad2 = with_undecodable_share(2, 41, "bad-share-2b.bin");
  const fs::path out = f.ceremony.root() / "none.txt";
  BOOST_CHECK_EXCEPTION(
      combine_in_process({bad1, bad2, f.ceremony.partial(3)}, out, 4), evote::protocol::FormatError,
      [&](const evote::protocol::FormatError& e) {
        const std::string what = e.what();
        BOOST_TEST_INFO(what);
        return what.find("need 2 valid partial decryptions, have 1: partial decryption file " +
                         bad2.string() + ": row 21 column 2: ") == 0 &&
               what.find("trustee 1 (" + bad1.string() + "): proof of row 17 column 2 fails") !=
                   std::string::npos;
      });
  BOOST_TEST(!fs::exists(out));
}

BOOST_AUTO_TEST_SUITE_END()
