// A 3-of-5 ceremony run by five evote-keys processes exchanging files: the
// key verifies, ballots under it (mixed by a two-stage evote-mix cascade)
// decrypt with any three trustees and with no two, and combine prints the
// counts per choice; a partial decryption with a wrong proof is named and
// skipped; a changed ceremony file fails verify-ceremony; a wrong passphrase
// is a clear error that leaves the sealed share as it was; the
// partial-decryption file follows specs/keys.md byte by byte.
#include <memory>

#include "ceremony_harness.hpp"
#include "evote/crypto/threshold.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/file_hash.hpp"

using namespace evote::keys_test;
using evote::crypto::Bytes;

namespace {

// 400 is no choice of the contest: an invalid value.
const std::vector<std::vector<std::uint64_t>> kRows = {{101, 1}, {102, 205}, {300, 101},
                                                       {7, 7},   {1, 1},     {400, 2}};

struct Fixture {
  Ceremony ceremony{"RK_2027", 5, 3};
  std::string key;
  fs::path input;
};

// One ceremony for every test of this file (it costs a few seconds).
Fixture& fixture() {
  // Destroyed at exit, which removes its temp folders.
  static const std::unique_ptr<Fixture> f = [] {
    auto made = std::make_unique<Fixture>();
    made->key = made->ceremony.run_all();
    made->input = made->ceremony.encrypt(made->key, kRows);
    made->ceremony.mix(made->input);
    for (std::uint32_t j = 1; j <= 5; ++j)
      ok(made->ceremony.partial_decrypt_command(j, made->input, made->ceremony.partial(j)) +
         made->ceremony.passphrase_option());
    return made;
  }();
  return *f;
}

std::vector<std::vector<std::uint32_t>> subsets(std::uint32_t n, std::uint32_t k) {
  std::vector<std::vector<std::uint32_t>> out;
  for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
    if (static_cast<std::uint32_t>(__builtin_popcount(mask)) != k) continue;
    std::vector<std::uint32_t> s;
    for (std::uint32_t j = 1; j <= n; ++j)
      if (mask & (1u << (j - 1))) s.push_back(j);
    out.push_back(s);
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(keys_3_of_5)

BOOST_AUTO_TEST_CASE(ceremony_gives_one_key_that_verifies) {
  Fixture& f = fixture();
  const Run verified = f.ceremony.verify(f.ceremony.ceremony_file());
  BOOST_TEST(verified.status == 0, verified.output);
  BOOST_TEST(verified.has("PASS"));
  BOOST_TEST(verified.has(f.key));
  // Every trustee's finish statement names the same key.
  for (std::uint32_t j = 1; j <= 5; ++j) {
    BOOST_TEST(
        read_text(f.ceremony.dir(j) / ("finish-" + std::to_string(j) + ".json")).find(f.key) !=
        std::string::npos);
  }
  // The organizer puts the key into the config; the ceremony matches it.
  ok(kAdmin + " set-election-key --config " + q(f.ceremony.config()) + " --key " + f.key);
  f.ceremony.sign_config();
  BOOST_TEST(f.ceremony.verify(f.ceremony.ceremony_file()).status == 0);
  // A config with another election key does not match the ceremony.
  const std::string other =
      evote::protocol::base64url_encode(f.ceremony.group().generator().encode());
  ok(kAdmin + " set-election-key --config " + q(f.ceremony.config()) + " --key " + other);
  f.ceremony.sign_config();
  const Run mismatch = f.ceremony.verify(f.ceremony.ceremony_file());
  BOOST_TEST(mismatch.status == 1);
  BOOST_TEST(mismatch.has("public_key: not the election public key of the election config"),
             mismatch.output);
  ok(kAdmin + " set-election-key --config " + q(f.ceremony.config()) + " --key " + f.key);
  f.ceremony.sign_config();
  // The share is sealed: neither the share file nor the identity holds it in the clear.
  BOOST_TEST(read_text(f.ceremony.dir(1) / "share.json").find("sealed_share") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(any_three_decrypt_and_no_two) {
  Fixture& f = fixture();
  const std::string expected = plaintext_lines(kRows);
  for (const auto& s : subsets(5, 3)) {
    std::vector<fs::path> parts;
    for (std::uint32_t j : s) parts.push_back(f.ceremony.partial(j));
    const fs::path out = f.ceremony.root() / "plain.txt";
    const Run r = f.ceremony.combine(f.input, parts, out);
    BOOST_TEST_CONTEXT("trustees " << s[0] << s[1] << s[2] << ": " << r.output) {
      BOOST_TEST(r.status == 0);
      BOOST_TEST(sorted_lines(read_text(out)) == expected);
    }
    fs::remove(out);
  }
  for (const auto& s : subsets(5, 2)) {
    const fs::path out = f.ceremony.root() / "two.txt";
    const Run r =
        f.ceremony.combine(f.input, {f.ceremony.partial(s[0]), f.ceremony.partial(s[1])}, out);
    BOOST_TEST(r.status == 1, r.output);
    BOOST_TEST(r.has("need 3 valid partial decryptions, have 2"), r.output);
    BOOST_TEST(!fs::exists(out));
  }
  // The same trustee twice does not count twice.
  const Run twice = f.ceremony.combine(
      f.input, {f.ceremony.partial(1), f.ceremony.partial(1), f.ceremony.partial(2)},
      f.ceremony.root() / "twice.txt");
  BOOST_TEST(twice.status == 1, twice.output);
}

BOOST_AUTO_TEST_CASE(combine_prints_the_count_of_each_choice) {
  Fixture& f = fixture();
  const fs::path out = f.ceremony.root() / "counted.txt";
  const Run r = f.ceremony.combine(
      f.input, {f.ceremony.partial(5), f.ceremony.partial(3), f.ceremony.partial(4)}, out);
  BOOST_TEST_REQUIRE(r.status == 0, r.output);
  BOOST_TEST(r.has("combined trustees 3 4 5: 6 rows of 2 in " + out.string() + "\n"), r.output);
  BOOST_TEST(r.has("contest c2 (Küsimus-2), district d1:\n"), r.output);
  // code (left), Estonian name (left, widths in characters), count (right);
  // every choice of the district, blank first, then "invalid".
  for (const char* line : {"code     name           count\n", "1        (blank)            3\n",
                           "2        Valik 2            1\n", "3        Valik 3            0\n",
                           "7        Valik 7            2\n", "101      Mari Maasikas      2\n",
                           "102      Jüri Õunapuu       1\n", "205      Valik 205          1\n",
                           "300      Valik 300          1\n", "invalid                     1\n"})
    BOOST_TEST(r.has(line), line << "\n" << r.output);
  BOOST_TEST(r.output.find("(blank)") < r.output.find("Valik 2 "));
  BOOST_TEST(r.output.find("Valik 300") < r.output.find("invalid"));
  // The file: one row per line, codes or "invalid" (400 is no choice).
  BOOST_TEST(sorted_lines(read_text(out)) == "1 1\n101 1\n102 205\n300 101\n7 7\ninvalid 2\n");
}

BOOST_AUTO_TEST_CASE(wrong_proof_is_named_and_skipped) {
  Fixture& f = fixture();
  const fs::path bad = f.ceremony.root() / "partial-4-bad.bin";
  Bytes bytes = evote::testing::read_whole_file(f.ceremony.partial(4));
  // The last byte of ciphertext 3's record is the low byte of the proof's response.
  const std::uint32_t h = evote::crypto::read_be32(Bytes(bytes.begin() + 8, bytes.begin() + 12));
  const std::size_t record = 3 * 32 + 32;
  bytes[12 + h + 4 * record - 1] ^= 0x01;
  evote::testing::write_whole_file(bad, bytes);

  const fs::path out = f.ceremony.root() / "skip.txt";
  Run r = f.ceremony.combine(
      f.input, {f.ceremony.partial(1), bad, f.ceremony.partial(5), f.ceremony.partial(2)}, out);
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(r.has("skipped trustee 4"), r.output);
  BOOST_TEST(r.has("proof of row 2 column 2 fails"), r.output);  // position 3, counted from 1
  BOOST_TEST(r.has("combined trustees 1 2 5"), r.output);
  BOOST_TEST(sorted_lines(read_text(out)) == plaintext_lines(kRows));

  r = f.ceremony.combine(f.input, {f.ceremony.partial(1), bad, f.ceremony.partial(5)},
                         f.ceremony.root() / "no.txt");
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has("need 3 valid partial decryptions, have 2: trustee 4 (" + bad.string() +
                   "): proof of row 2 column 2 fails"),
             r.output);

  // Trustee 3's shares passed off as trustee 2's: every proof fails.
  Bytes other = evote::testing::read_whole_file(f.ceremony.partial(3));
  Bytes header2 = evote::testing::read_whole_file(f.ceremony.partial(2));
  std::copy(header2.begin(), header2.begin() + 12 + h, other.begin());
  const fs::path swapped = f.ceremony.root() / "partial-2-swapped.bin";
  evote::testing::write_whole_file(swapped, other);
  r = f.ceremony.combine(f.input, {f.ceremony.partial(1), swapped, f.ceremony.partial(3)},
                         f.ceremony.root() / "no.txt");
  BOOST_TEST(r.status == 1);
  BOOST_TEST(
      r.has("trustee 2 (" + swapped.string() + "): proof of row 1 column 1 fails (and 11 more)"),
      r.output);

  // A partial decryption of another input is named and skipped.
  const fs::path other_input = f.ceremony.encrypt(f.key, {{5, 6}}, "other.bin");
  f.ceremony.mix(other_input);
  r = f.ceremony.combine(other_input,
                         {f.ceremony.partial(1), f.ceremony.partial(2), f.ceremony.partial(3)},
                         f.ceremony.root() / "no.txt");
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has("input_hash is not the hash of"), r.output);
}

BOOST_AUTO_TEST_CASE(partial_file_follows_the_spec) {
  // An independent reader of specs/keys.md §16: magic, header, records.
  Fixture& f = fixture();
  const auto& g = f.ceremony.group();
  const Bytes bytes = evote::testing::read_whole_file(f.ceremony.partial(2));
  BOOST_REQUIRE(std::string(bytes.begin(), bytes.begin() + 8) == "EVPDEC01");
  const std::uint32_t h = evote::crypto::read_be32(Bytes(bytes.begin() + 8, bytes.begin() + 12));
  const auto header =
      evote::protocol::parse_canonical(Bytes(bytes.begin() + 12, bytes.begin() + 12 + h), "header");
  // What was decrypted: the cascade's last stage, which the header binds with
  // the cascade's first input and its number of stages.
  const fs::path decrypted = f.ceremony.last_stage(f.input);
  const Bytes input_hash = evote::protocol::hash_file(decrypted).hash;
  BOOST_TEST(header.size() == 10u);
  BOOST_TEST(header["type"] == "partial-decryptions");
  BOOST_TEST(header["version"] == 1);
  BOOST_TEST(header["election_id"] == "RK_2027");
  BOOST_TEST(header["group"] == "ristretto255");
  BOOST_TEST(header["trustee"] == 2);
  BOOST_TEST(header["input_hash"] == evote::protocol::base64url_encode(input_hash));
  BOOST_TEST(header["first_input_hash"] ==
             evote::protocol::base64url_encode(evote::protocol::hash_file(f.input).hash));
  BOOST_TEST(header["stages"] == 2);
  BOOST_TEST(header["width"] == 2);
  BOOST_TEST(header["count"] == kRows.size());
  const std::size_t record = 3 * g.element_bytes() + g.scalars().byte_length();
  BOOST_REQUIRE_EQUAL(bytes.size(), 12 + h + kRows.size() * 2 * record);

  // Y_2 from the ceremony file; the proofs bind the batch label base64url(input_hash).
  const auto ceremony = evote::protocol::parse_canonical(
      evote::testing::read_whole_file(f.ceremony.ceremony_file()), "c");
  const auto y2 = g.decode(
      evote::protocol::base64url_decode(ceremony["verification_keys"][1].get<std::string>()));
  evote::protocol::CiphertextFileReader reader(decrypted);
  std::vector<evote::crypto::Ciphertext> cts;
  for (auto& row : reader.read_rows(100))
    for (auto& c : row) cts.push_back(c);
  const evote::crypto::DecryptionContext context{"RK_2027",
                                                 evote::protocol::base64url_encode(input_hash)};
  for (std::size_t p = 0; p < cts.size(); ++p) {
    const Bytes rec(bytes.begin() + 12 + h + p * record, bytes.begin() + 12 + h + (p + 1) * record);
    const evote::crypto::PartialDecryption part{
        g.decode(Bytes(rec.begin(), rec.begin() + 32)),
        evote::crypto::decode_chaum_pedersen_proof(g, Bytes(rec.begin() + 32, rec.end()))};
    BOOST_TEST(static_cast<bool>(
        evote::crypto::verify_partial_decryption(y2, cts[p], part, context, 2, p)));
  }
}

BOOST_AUTO_TEST_CASE(changed_ceremony_file_fails_verification) {
  Fixture& f = fixture();
  using evote::protocol::Json;
  const Json original = evote::protocol::parse_canonical(
      evote::testing::read_whole_file(f.ceremony.ceremony_file()), "c");
  const fs::path changed = f.ceremony.root() / "changed.json";
  const std::string other_element =
      original["record"]["deals"][0]["commitments"][1].get<std::string>();

  struct Case {
    std::string name;
    std::function<void(Json&)> edit;
    std::string expected;  // in the FAIL line
  };
  const std::vector<Case> cases = {
      {"deal commitment",
       [&](Json& c) { c["record"]["deals"][1]["commitments"][0] = other_element; },
       "record.deals[1] (trustee 2): signature does not verify"},
      {"deal removed", [](Json& c) { c["record"]["deals"].erase(2); },
       "qualified: not the qualified set"},
      {"complaint list",
       [](Json& c) {
         c["record"]["complaints"][0]["complaints"] =
             Json::array({{{"dealer", 2}, {"kind", "no-valid-share"}}});
       },
       "signature does not verify"},
      {"threshold", [](Json& c) { c["record"]["threshold"] = 2; },
       "differ from the election config"},
      {"trustee key",
       [&](Json& c) {
         c["record"]["trustees"][0]["signing_key"] = c["record"]["trustees"][1]["signing_key"];
       },
       "differ from the election config"},
      {"qualified",
       [](Json& c) {
         c["qualified"] = Json::array({1, 2, 3, 4});
       },
       "qualified: not the qualified set"},
      {"disqualified",
       [](Json& c) {
         c["disqualified"] = Json::array({{{"trustee", 5}, {"reason", "x"}}});
       },
       "disqualified: not the trustees"},
      {"public key", [&](Json& c) { c["public_key"] = other_element; },
       "public_key: not the product"},
      {"verification key", [&](Json& c) { c["verification_keys"][3] = other_element; },
       "verification_keys[3]: not trustee 4's verification key"},
      {"finish removed", [](Json& c) { c["finishes"].erase(4); },
       "qualified trustee 5 has no finish statement"},
      {"finish swapped", [](Json& c) { std::swap(c["finishes"][0], c["finishes"][1]); },
       "not in ascending trustee order"},
      {"unknown field", [](Json& c) { c["note"] = "x"; }, "unknown field"},
  };
  for (const Case& k : cases) {
    Json c = original;
    k.edit(c);
    evote::testing::write_whole_file(changed, evote::protocol::canonical_bytes(c));
    const Run r = f.ceremony.verify(changed);
    BOOST_TEST_CONTEXT(k.name << ": " << r.output) {
      BOOST_TEST(r.status == 1);
      BOOST_TEST(r.has("FAIL " + changed.string() + ": "));
      BOOST_TEST(r.has(k.expected));
    }
  }
  // One changed byte anywhere fails too (sampled over the whole file).
  const std::string text = read_text(f.ceremony.ceremony_file());
  for (std::size_t k = 0; k < 40; ++k) {
    const std::size_t at = k * (text.size() - 1) / 39;
    std::string t = text;
    t[at] = t[at] == 'A' ? 'B' : 'A';
    write_text(changed, t);
    const Run r = f.ceremony.verify(changed, false);
    BOOST_TEST_CONTEXT("byte " << at << ": " << r.output) {
      BOOST_TEST(r.status == 1);
      BOOST_TEST(r.has("FAIL "));
    }
  }
}

BOOST_AUTO_TEST_CASE(wrong_passphrase_is_clear_and_keeps_the_share) {
  Fixture& f = fixture();
  const fs::path wrong = f.ceremony.root() / "wrong.txt";
  write_text(wrong, "not the passphrase\n");
  const std::string before = read_text(f.ceremony.dir(3) / "share.json");
  const fs::path out = f.ceremony.root() / "p3.bin";
  const Run r =
      run(f.ceremony.partial_decrypt_command(3, f.input, out) + " --passphrase-file " + q(wrong));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has("share.json: sealed secret: wrong passphrase"), r.output);
  BOOST_TEST(!r.has("not the passphrase"));
  BOOST_TEST(!fs::exists(out));
  BOOST_TEST(read_text(f.ceremony.dir(3) / "share.json") == before);
  // Deal again with a wrong passphrase: refused before anything is written.
  const Run d = run(kKeys + " receive --config " + q(f.ceremony.config()) + " --dir " +
                    q(f.ceremony.dir(3)) + " --passphrase-file " + q(wrong));
  BOOST_TEST(d.status == 1);
  BOOST_TEST(d.has("identity.key: sealed secret: wrong passphrase"), d.output);
  // The right passphrase still works.
  const Run right =
      run(f.ceremony.partial_decrypt_command(3, f.input, out) + f.ceremony.passphrase_option());
  BOOST_TEST(right.status == 0, right.output);
  BOOST_TEST(right.has("cascade stage-1: PASS"), right.output);
  BOOST_TEST(right.has("cascade stage-2: PASS"), right.output);
}

BOOST_AUTO_TEST_SUITE_END()
