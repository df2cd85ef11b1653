// A tally folder as evote-tally count finds it after anonymize, the mix
// cascade and combine, built from real files: the test election
// (support/test_election.hpp) with a tally key, re-signed by its organizer;
// the tally key sealed under a passphrase; per batch an input.ctxt and
// stage-1.ctxt … stage-K.ctxt (real ciphertext files, of which count reads
// only the headers) and a plaintexts.txt as combine writes it; the
// statements check … anonymize, signed by the tally key and chained, the
// last listing each input.ctxt, and a tracker list. The real evote-tally
// binary runs count, publish and record. Header-only: included by the tests
// of this folder.
//
// Mayor choice 102 is named `Jaan "Juku" Tamm, noorem` here, so that the
// CSV must quote it.
#pragma once

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/passphrase_seal.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/key_file.hpp"
#include "evote/protocol/signed_document.hpp"
#include "step_statement.hpp"
#include "support/run_program.hpp"
#include "support/temp_folder.hpp"
#include "support/test_election.hpp"

namespace evote::tally_test {

namespace fs = std::filesystem;

inline const std::string kTally = EVOTE_TALLY_BIN;
inline constexpr std::string_view kPassphrase = "correct horse battery staple";

struct Run {
  int status = -1;
  std::string output;  // stdout and stderr
  bool has(const std::string& text) const { return output.find(text) != std::string::npos; }
};

inline std::string q(const fs::path& p) { return testing::shell_quote(p); }

inline void write_text(const fs::path& path, const std::string& text) {
  testing::write_whole_file(path, crypto::as_bytes(text));
}

inline std::string read_text(const fs::path& path) {
  const crypto::Bytes bytes = testing::read_whole_file(path);
  return std::string(bytes.begin(), bytes.end());
}

// `count` copies of the line `values`, as the spec writes rows: 3 × "22 23 1".
inline std::vector<std::string> repeat(std::size_t count, const std::string& values) {
  return std::vector<std::string>(count, values);
}

inline std::vector<std::string> joined(std::initializer_list<std::vector<std::string>> parts) {
  std::vector<std::string> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

class TallyFolder {
 public:
  TallyFolder() : dir_(folder_ / "tally"), tally_key_(crypto::Ed25519SigningKey::generate()) {
    const testing::TestElection& e = testing::test_election();
    config_ = e.config;
    config_.tally_key = tally_key_.public_key();
    config_.contests[0].choices[1].names = {{"et", "Jaan \"Juku\" Tamm, noorem"}};
    protocol::validate(config_);
    protocol::Json document = protocol::to_json(config_);
    protocol::sign_document(document, e.organizer_key);
    const crypto::Bytes signed_config = protocol::canonical_bytes(document);
    config_hash_ = protocol::config_hash(signed_config);
    config_path_ = folder_ / "config.json";
    testing::write_whole_file(config_path_, signed_config);
    key_path_ = folder_ / "tally.key";
    protocol::save_canonical(
        key_path_,
        protocol::to_json(protocol::seal_signing_key(tally_key_, "tally", kPassphrase,
                                                     crypto::Argon2Cost::interactive())),
        protocol::WriteMode::new_secret());
    passphrase_path_ = folder_ / "passphrase.txt";
    write_text(passphrase_path_, std::string(kPassphrase) + "\n");
    fs::create_directories(dir_);
  }

  const fs::path& dir() const { return dir_; }
  const protocol::ElectionConfig& config() const { return config_; }
  const crypto::Bytes& config_hash() const { return config_hash_; }
  const crypto::Ed25519SigningKey& tally_key() const { return tally_key_; }
  fs::path batch(const std::string& contest, const std::string& district) const {
    return dir_ / "batches" / contest / district;
  }

  // A ciphertext file of `rows` rows with the batch's header (every value
  // an encryption of the blank code: count reads only the header).
  void write_ciphertexts(const fs::path& path, const std::string& contest,
                         const std::string& district, std::uint64_t rows) const {
    const protocol::Contest* c = config_.find_contest(contest);
    BOOST_REQUIRE(c != nullptr);
    const crypto::Ciphertext one =
        crypto::encrypt(testing::test_election().election_key.public_key, 1).ciphertext;
    const std::vector<crypto::Ciphertext> row(c->max_selections, one);
    protocol::CiphertextFileWriter writer(
        path, {config_.election_id, contest, district, config_.group, c->max_selections, rows});
    for (std::uint64_t i = 0; i < rows; ++i) writer.append(row);
    writer.finish();
  }

  // A batch of `rows` rows mixed in `stages` stages, plaintexts.txt holding
  // `plaintexts` exactly as given (none when `write_plaintexts` is false).
  void add_batch_file(const std::string& contest, const std::string& district, std::uint64_t rows,
                      const std::string& plaintexts, std::uint32_t stages = 2,
                      bool write_plaintexts = true) {
    const fs::path folder = batch(contest, district);
    fs::create_directories(folder);
    write_ciphertexts(folder / "input.ctxt", contest, district, rows);
    for (std::uint32_t k = 1; k <= stages; ++k)
      fs::copy_file(folder / "input.ctxt", folder / ("stage-" + std::to_string(k) + ".ctxt"));
    if (write_plaintexts) write_text(folder / "plaintexts.txt", plaintexts);
    const std::string name = "batches/" + contest + "/" + district + "/input.ctxt";
    inputs_.push_back(tally::describe_step_file(dir_ / name, name));
  }

  // A batch of one row per line; each line gets its "\n".
  void add_batch(const std::string& contest, const std::string& district,
                 const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) text += line + "\n";
    add_batch_file(contest, district, lines.size(), text);
  }

  // The statements check, squash and revoke (with the counts of kTurnout;
  // their private files stand in as made-up hashes), tracker.jsonl (19
  // ballots of d1 and 3 of d2, made-up ballot hashes), and the anonymize
  // statement listing every batch added so far and the tracker list, each
  // naming the one before it, as publish and the results site read them.
  void write_anonymize_statement() const {
    // What each step read and wrote of the private lists, chained as
    // evote-verify's statements check wants it.
    const std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>>
        lists = {{"check", {{"ballot-box.jsonl"}, {"accepted.jsonl"}}},
                 {"squash", {{"accepted.jsonl"}, {"last.jsonl"}}},
                 {"revoke", {{"last.jsonl"}, {"counted.jsonl"}}}};
    std::optional<crypto::Bytes> previous;
    for (const auto& [step, counts] : kTurnout) {
      tally::StepStatement s = statement(step, previous);
      s.inputs = private_files(lists.at(step).first);
      s.outputs = private_files(lists.at(step).second);
      s.counts = counts;
      tally::write_statement(dir_, s, tally_key_);
      previous = protocol::hash_file(tally::statement_path(dir_, step)).hash;
    }
    write_tracker_list();
    tally::StepStatement s = statement("anonymize", previous);
    s.inputs = private_files({"ballot-box.jsonl", "counted.jsonl"});
    s.outputs = inputs_;
    s.outputs.push_back(tally::describe_step_file(dir_ / "tracker.jsonl", "tracker.jsonl"));
    s.counts = {{"ballots", 22}, {"batches", inputs_.size()}};
    tally::write_statement(dir_, s, tally_key_);
  }

  // The counts of the statements before anonymize.
  static inline const std::vector<std::pair<std::string, std::map<std::string, std::uint64_t>>>
      kTurnout = {
          {"check",
           {{"ballots", 30},
            {"accepted", 27},
            {"rejected", 3},
            {"rejected_not_eligible", 2},
            {"rejected_duplicate_ballot", 1}}},
          {"squash", {{"ballots", 27}, {"voters", 24}, {"superseded", 3}}},
          {"revoke", {{"ballots", 24}, {"paper_voters", 5}, {"revoked", 2}, {"counted", 22}}}};

  // The ballot hashes of tracker.jsonl, line by line (sorted bytewise).
  std::vector<crypto::Bytes> tracker_hashes() const {
    std::vector<crypto::Bytes> hashes;
    for (int i = 0; i < 22; ++i)
      hashes.push_back(protocol::file_hash(crypto::as_bytes("ballot " + std::to_string(i))));
    std::sort(hashes.begin(), hashes.end());
    return hashes;
  }

  Run tally(const std::string& command, const std::string& extra) const {
    const std::string line =
        kTally + " " + command + " --config " + q(config_path_) + " --dir " + q(dir_) +
        (command == "count" || command == "record"
             ? " --key " + q(key_path_) + " --passphrase-file " + q(passphrase_path_)
             : std::string()) +
        extra;
    const testing::ProgramRun r = testing::run_program(line);
    return {r.status, r.output};
  }
  Run count(const std::string& extra = "") const { return tally("count", extra); }
  Run publish(const std::string& extra = "") const { return tally("publish", extra); }
  // evote-tally record of this folder into `out`, with a stand-in ceremony
  // file (record copies it; evote-verify's key ceremony check fails on it).
  Run record(const fs::path& out) const {
    const fs::path ceremony = folder_ / "ceremony.json";
    if (!fs::exists(ceremony)) write_text(ceremony, "{}");
    return tally("record", " --ceremony " + q(ceremony) + " --out " + q(out));
  }

  protocol::Json results() const {
    return protocol::parse_canonical(testing::read_whole_file(dir_ / "results.json"),
                                     "results.json");
  }

 private:
  testing::TempFolder folder_;
  fs::path dir_;
  fs::path config_path_, key_path_, passphrase_path_;
  protocol::ElectionConfig config_;
  crypto::Bytes config_hash_;
  crypto::Ed25519SigningKey tally_key_;
  std::vector<tally::StepFile> inputs_;

  // Entries for private lists that are not here: made-up hashes, the same for the same name.
  static std::vector<tally::StepFile> private_files(const std::vector<std::string>& names) {
    std::vector<tally::StepFile> files;
    for (const std::string& name : names)
      files.push_back({name, protocol::file_hash(crypto::as_bytes(name)), 100});
    return files;
  }

  tally::StepStatement statement(const std::string& step,
                                 const std::optional<crypto::Bytes>& previous) const {
    tally::StepStatement s;
    s.step = step;
    s.election_id = config_.election_id;
    s.config_hash = config_hash_;
    s.previous = previous;
    return s;
  }

  // Lines 1-19 in d1, 20-22 in d2, each district's rows from 1.
  void write_tracker_list() const {
    std::string text;
    const std::vector<crypto::Bytes> hashes = tracker_hashes();
    for (std::size_t i = 0; i < hashes.size(); ++i) {
      const bool d1 = i < 19;
      text += "{\"ballot_hash\":\"" + protocol::base64url_encode(hashes[i]) + "\",\"district\":\"" +
              (d1 ? "d1" : "d2") + "\",\"row\":" + std::to_string(d1 ? i + 1 : i - 18) + "}\n";
    }
    write_text(dir_ / "tracker.jsonl", text);
  }
};

// The rows of specs/formats-ballots.md §3.1–§3.3 (the test election's
// contests): mayor, council, and the ranking rows of the runoff vectors.
inline const std::vector<std::string> kMayorD1 = {"101", "101",     "102", "1",
                                                  "201", "invalid", "103"};
inline const std::vector<std::string> kMayorD2 = {"201", "202", "202", "1"};
inline const std::vector<std::string> kCouncilD1 = {"11 13", "13 1",  "1 13",
                                                    "1 1",   "12 12", "12 101"};
inline const std::vector<std::string> kRankingD1 =
    joined({repeat(6, "21 1 1"), repeat(3, "22 23 1"), repeat(1, "22 1 1"), repeat(5, "23 21 1"),
            repeat(1, "24 22 1"), repeat(1, "24 1 1"), repeat(1, "1 1 1"), repeat(1, "21 1 22")});
inline const std::vector<std::string> kRankingD2 = {"31 1 1", "32 1 1", "33 1 1"};

// Every batch of the test election with the rows above, and the statement.
inline void add_all_batches(TallyFolder& t) {
  t.add_batch("mayor", "d1", kMayorD1);
  t.add_batch("mayor", "d2", kMayorD2);
  t.add_batch("council", "d1", kCouncilD1);
  t.add_batch("ranking", "d1", kRankingD1);
  t.add_batch("ranking", "d2", kRankingD2);
  t.write_anonymize_statement();
}

// Runs and requires exit status 0 (the output is shown otherwise).
inline Run ok(const Run& r) {
  BOOST_REQUIRE_MESSAGE(r.status == 0, r.output);
  return r;
}

}  // namespace evote::tally_test
