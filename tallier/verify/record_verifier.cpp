#include "record_verifier.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "ceremony.hpp"
#include "combine_stream.hpp"
#include "count_batch.hpp"
#include "count_election.hpp"
#include "evote/crypto/random.hpp"
#include "evote/mix/io/mix_stage.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/config_file.hpp"
#include "evote/protocol/election_record.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/files.hpp"
#include "json_lines.hpp"
#include "record_layout.hpp"
#include "results_csv.hpp"
#include "results_json.hpp"
#include "results_site.hpp"
#include "results_site_sources.hpp"
#include "step_statement.hpp"
#include "tally_context.hpp"
#include "verified_cascade.hpp"

namespace evote::verify {

namespace {

namespace fs = std::filesystem;
using tally::StepStatement;

constexpr std::string_view kSteps[] = {"check", "squash", "revoke", "anonymize", "count"};

struct TrackerLine {
  std::string district;
  std::uint64_t row = 0;
};

class RecordVerifier {
 public:
  RecordVerifier(const VerifyOptions& options, CheckReport& report)
      : dir_(options.record), options_(options), report_(report) {}

  void run() {
    if (!check("manifest", [&] { return check_manifest(); })) return;
    if (!check("files", [&] { return check_files(); })) return;
    if (!check("layout", [&] { return check_layout(); })) return;
    check("key ceremony", [&] { return check_ceremony(); });
    const bool statements_ok = check("statements", [&] { return check_statements(); });
    if (!statements_ok) return;  // the batches and counts below are named by them
    check("tracker list", [&] { return check_tracker(); });
    const std::vector<tally::Batch> batches =
        tally::list_batches(config_, statements_.at("anonymize"));
    std::size_t done = 0, with_rows = 0;
    for (const tally::Batch& b : batches) with_rows += b.input ? 1 : 0;
    for (const tally::Batch& b : batches) {
      if (!b.input) continue;
      const std::string name = tally::batch_name(b.contest_id, b.district);
      report_.progress("mix and decryption", done++, with_rows);
      check("mix " + name, [&] { return check_mix(b); });
      check("decryption " + name, [&] { return check_decryption(b); });
    }
    check("count", [&] { return check_count(); });
    check("results.csv", [&] { return check_csv(); });
    check("charts", [&] { return check_charts(); });
    check("results site", [&] { return check_site(); });
    if (options_.tracker)
      check("tracker " + *options_.tracker, [&] { return find_tracker(*options_.tracker); });
  }

 private:
  // Runs one check: PASS with what it returns, FAIL with the error's text.
  template <typename F>
  bool check(const std::string& name, F&& body) {
    try {
      report_.pass(name, body());
      return true;
    } catch (const std::exception& e) {
      report_.fail(name, e.what());
      return false;
    }
  }

  [[noreturn]] static void fail(const std::string& reason) { throw protocol::FormatError(reason); }

  const protocol::RecordFile& listed(std::string_view path) const {
    const auto found = files_.find(std::string(path));
    if (found == files_.end()) fail("the manifest lists no " + std::string(path));
    return found->second;
  }

  // 1. The manifest, the config in it, and the tally key's signature.
  std::string check_manifest() {
    manifest_ = protocol::decode_election_record(
        protocol::read_file(dir_ / protocol::kManifestFileName), "manifest.json");
    for (const protocol::RecordFile& f : manifest_.files) files_[f.path] = f;
    const protocol::RecordFile& config_file = listed(tally::kRecordConfig);
    if (config_file.role != protocol::kConfigRole)
      fail("config.json has role " + config_file.role + ", expected config");
    const crypto::Bytes config_bytes = protocol::read_file(dir_ / tally::kRecordConfig);
    config_ = protocol::parse_signed_election_config(config_bytes, "config.json");
    config_hash_ = protocol::config_hash(config_bytes);
    if (manifest_.election_id != config_.election_id) {
      fail("manifest.json: election_id " + manifest_.election_id + " is not the config's " +
           config_.election_id);
    }
    if (manifest_.config_hash != config_hash_)
      fail("manifest.json: config_hash is not the hash of config.json");
    if (manifest_.signer_role != protocol::kSignerTally) {
      fail("manifest.json: signed in the role " + manifest_.signer_role +
           "; an election record is signed by the tally");
    }
    if (!config_.tally_key) fail("config.json names no tally key");
    const crypto::Verdict signed_ok =
        protocol::verify_election_record(manifest_, *config_.tally_key);
    if (!signed_ok) fail("manifest.json: " + signed_ok.reason);
    return "election " + config_.election_id + ", " + std::to_string(manifest_.files.size()) +
           " files, signed by the tally key; config signed by the organizer key " +
           protocol::base64url_encode(config_.organizer_key.bytes) +
           " (compare it with the one the organizer published)";
  }

  // 2. Every listed file as listed, and no other file.
  std::string check_files() {
    const crypto::Verdict folder = protocol::check_record_folder(dir_, manifest_);
    if (!folder) fail(folder.reason);
    return "every file has its listed size and hash, and there is no other file";
  }

  // 3. Every file where the layout puts a file of its role; the required ones present.
  std::string check_layout() {
    for (const protocol::RecordFile& f : manifest_.files) {
      const std::optional<std::string> role = tally::record_role(f.path);
      if (!role) fail(f.path + ": not a file of an election record (specs/record.md §1)");
      if (*role != f.role) fail(f.path + ": listed with role " + f.role + ", expected " + *role);
    }
    for (std::string_view required : {"ceremony.json", "tracker.jsonl", "results.json"})
      listed(required);
    for (std::string_view step : kSteps) listed(std::string(step) + ".statement.json");
    return "every file has the role of its place";
  }

  // 4. The key ceremony, against the config's election key.
  std::string check_ceremony() {
    ceremony_ = keys::load_ceremony((dir_ / tally::kRecordCeremony).string(), config_);
    return "every proof holds; its key is the config's election key (" +
           std::to_string(config_.threshold) + " of " + std::to_string(config_.trustees.size()) +
           " trustees)";
  }

  const tally::StepFile& entry(const std::vector<tally::StepFile>& files, std::string_view name,
                               std::string_view step, std::string_view list) const {
    for (const tally::StepFile& f : files) {
      if (f.name == name) return f;
    }
    fail(std::string(step) + ".statement.json: its " + std::string(list) + " list no " +
         std::string(name));
  }

  void same_file(const tally::StepFile& a, std::string_view step_a, const tally::StepFile& b,
                 std::string_view step_b) const {
    if (!(a.hash == b.hash) || a.size != b.size) {
      fail(std::string(step_b) + " did not read the " + a.name + " that " + std::string(step_a) +
           " wrote");
    }
  }

  void same_count(std::string_view step_a, std::string_view count_a, std::string_view step_b,
                  std::string_view count_b) const {
    const auto a = statements_.at(std::string(step_a)).counts.find(std::string(count_a));
    const auto b = statements_.at(std::string(step_b)).counts.find(std::string(count_b));
    const auto& ca = statements_.at(std::string(step_a)).counts;
    const auto& cb = statements_.at(std::string(step_b)).counts;
    if (a == ca.end() || b == cb.end() || a->second != b->second) {
      fail(std::string(step_a) + " " + std::string(count_a) + " and " + std::string(step_b) + " " +
           std::string(count_b) + " differ");
    }
  }

  // 5. The statements: signed, chained, each step reading what the one
  // before wrote, their counts agreeing, the public files they name those
  // of the record.
  std::string check_statements() {
    std::optional<crypto::Bytes> previous;
    for (std::string_view step : kSteps) {
      const fs::path path = dir_ / (std::string(step) + ".statement.json");
      StepStatement s = tally::read_statement(path, step, config_, config_hash_);
      if (s.previous != previous)
        fail(std::string(step) + ".statement.json: previous: does not name the " +
             "statement of the step before it");
      previous = protocol::hash_file(path).hash;
      statements_[std::string(step)] = std::move(s);
    }
    const auto& st = statements_;
    same_file(entry(st.at("check").outputs, "accepted.jsonl", "check", "outputs"), "check",
              entry(st.at("squash").inputs, "accepted.jsonl", "squash", "inputs"), "squash");
    same_file(entry(st.at("squash").outputs, "last.jsonl", "squash", "outputs"), "squash",
              entry(st.at("revoke").inputs, "last.jsonl", "revoke", "inputs"), "revoke");
    same_file(entry(st.at("revoke").outputs, "counted.jsonl", "revoke", "outputs"), "revoke",
              entry(st.at("anonymize").inputs, "counted.jsonl", "anonymize", "inputs"),
              "anonymize");
    same_file(entry(st.at("check").inputs, "ballot-box.jsonl", "check", "inputs"), "check",
              entry(st.at("anonymize").inputs, "ballot-box.jsonl", "anonymize", "inputs"),
              "anonymize");
    same_count("check", "accepted", "squash", "ballots");
    same_count("squash", "voters", "revoke", "ballots");
    same_count("revoke", "counted", "anonymize", "ballots");
    // The public files the statements name are the record's.
    std::set<std::string> named;
    for (const auto& [step, s] : st) {
      for (const auto* list : {&s.inputs, &s.outputs}) {
        for (const tally::StepFile& f : *list) {
          if (!tally::record_role(f.name)) continue;  // private: only its hash is public
          const protocol::RecordFile& r = listed(f.name);
          if (!(r.hash == f.hash) || r.size != f.size) {
            fail(f.name + " is not the file the " + step + " statement lists");
          }
          named.insert(f.name);
        }
      }
    }
    for (const protocol::RecordFile& f : manifest_.files) {
      if ((f.role == "mix-input" || f.role == "plaintexts") && !named.count(f.path)) {
        fail(f.path + ": no tally statement names it");
      }
    }
    const auto& c = st.at("check").counts;
    auto n = [](const std::map<std::string, std::uint64_t>& m, const char* k) {
      const auto it = m.find(k);
      return it == m.end() ? std::string("?") : std::to_string(it->second);
    };
    return "5 signed and chained; ballots " + n(c, "ballots") + ", accepted " + n(c, "accepted") +
           ", rejected " + n(c, "rejected") + ", superseded " +
           n(st.at("squash").counts, "superseded") + ", revoked (paper) " +
           n(st.at("revoke").counts, "revoked") + ", counted " +
           n(st.at("anonymize").counts, "ballots");
  }

  // 6. The tracker list: one line per counted ballot, sorted, each row of
  // each district exactly once.
  std::string check_tracker() {
    std::map<std::string, std::uint64_t> rows_of;  // district -> rows of its batches
    for (const protocol::RecordFile& f : manifest_.files) {
      if (f.role != "mix-input") continue;
      const protocol::CiphertextFileReader reader(dir_ / f.path);
      const std::string& d = reader.header().district;
      const auto [at, inserted] = rows_of.emplace(d, reader.header().count);
      if (!inserted && at->second != reader.header().count) {
        fail(f.path + ": " + std::to_string(reader.header().count) +
             " rows, but other batches of district " + d + " have " + std::to_string(at->second));
      }
    }
    std::map<std::string, std::vector<bool>> seen;
    for (const auto& [d, n] : rows_of) seen[d].assign(n, false);
    tally::JsonLinesReader reader(dir_ / "tracker.jsonl", "tracker.jsonl");
    crypto::Bytes last;
    std::uint64_t lines = 0;
    while (auto line = reader.next()) {
      const protocol::ObjectReader r(*line, reader.where());
      r.allow_only({"ballot_hash", "district", "row"});
      const crypto::Bytes hash = r.binary("ballot_hash");
      if (hash.size() != 32) r.fail("ballot_hash", "not 32 bytes");
      if (lines > 0 && !(last < hash))
        r.fail("ballot_hash", "not after the previous line's (sorted, each once)");
      last = hash;
      const std::string district = r.string("district");
      const std::uint64_t row = r.unsigned_integer("row");
      const auto rows = seen.find(district);
      if (rows == seen.end()) r.fail("district", district + " has no batch");
      if (row == 0 || row > rows->second.size())
        r.fail("row", std::to_string(row) + " is not a row of district " + district);
      if (rows->second[row - 1])
        r.fail("row", "row " + std::to_string(row) + " of district " + district + " twice");
      rows->second[row - 1] = true;
      ++lines;
    }
    for (const auto& [d, rows] : seen) {
      const auto missing = std::find(rows.begin(), rows.end(), false);
      if (missing != rows.end()) {
        fail("tracker.jsonl: no line for row " + std::to_string(missing - rows.begin() + 1) +
             " of district " + d);
      }
    }
    const auto counted = statements_.at("anonymize").counts.find("ballots");
    if (counted == statements_.at("anonymize").counts.end() || counted->second != lines) {
      fail("tracker.jsonl has " + std::to_string(lines) +
           " lines, anonymize counted another number of ballots");
    }
    return std::to_string(lines) + " counted ballots, each row of each district once";
  }

  keys::CascadeOptions cascade_options(const tally::Batch& b) const {
    const fs::path folder = dir_ / tally::batch_name(b.contest_id, b.district);
    return keys::CascadeOptions{dir_ / tally::kRecordConfig, folder / "input.ctxt", folder,
                                keys::kDefaultMinStages};
  }

  const mix::io::MixElection& mix_election() {
    if (!mix_election_) mix_election_ = mix::io::load_mix_election(dir_ / tally::kRecordConfig);
    return *mix_election_;
  }

  // 7. The batch's cascade: every stage's proof and signature.
  std::string check_mix(const tally::Batch& b) {
    const keys::VerifiedCascade cascade =
        keys::verify_cascade(mix_election(), cascade_options(b), [](const std::string&) {});
    cascades_[tally::batch_name(b.contest_id, b.district)] = cascade;
    std::string who;
    for (const protocol::MixServer& m : config_.mix_servers)
      who += (who.empty() ? "" : ", ") + m.name;
    return std::to_string(cascade.stages) + " stages" + (who.empty() ? "" : ", by " + who);
  }

  // 8. Every partial decryption of the batch valid, and plaintexts.txt the
  // combination of the t valid ones with the smallest indices.
  std::string check_decryption(const tally::Batch& b) {
    if (!ceremony_) fail("the key ceremony did not verify");
    const fs::path folder = dir_ / tally::batch_name(b.contest_id, b.district);
    const auto verified = cascades_.find(tally::batch_name(b.contest_id, b.district));
    if (verified == cascades_.end())
      fail("its mix cascade did not verify: nothing it decrypts can be trusted");
    const keys::VerifiedCascade& cascade = verified->second;
    std::vector<std::string> partials;
    for (const protocol::RecordFile& f : manifest_.files) {
      if (f.role == "partial-decryption" &&
          fs::path(f.path).parent_path() == fs::path(tally::batch_name(b.contest_id, b.district))) {
        partials.push_back((dir_ / f.path).string());
      }
    }
    std::sort(partials.begin(), partials.end());
    std::vector<std::string> skipped;
    const fs::path out = fs::temp_directory_path() /
                         ("evote-verify-" + crypto::to_hex(crypto::random_bytes(8)) + ".txt");
    struct Remove {
      fs::path p;
      ~Remove() {
        std::error_code ignored;
        fs::remove(p, ignored);
      }
    } remove_out{out};
    const keys::CombineOutcome outcome = keys::combine_files(
        config_, *ceremony_, cascade, partials, out, protocol::WriteMode::new_public(),
        [&](const std::string& why) { skipped.push_back(why); });
    if (!skipped.empty()) fail("a partial decryption does not verify: " + skipped.front());
    if (protocol::read_file(out) != protocol::read_file(folder / "plaintexts.txt")) {
      fail(tally::batch_name(b.contest_id, b.district) +
           "/plaintexts.txt is not what the partial decryptions give");
    }
    std::string used;
    for (std::uint32_t j : outcome.used) used += (used.empty() ? "" : " ") + std::to_string(j);
    return std::to_string(partials.size()) + " partial decryptions valid; trustees " + used +
           " combined give plaintexts.txt";
  }

  // 9. results.json is the count of the plaintexts.
  std::string check_count() {
    const tally::TallyContext context{config_, config_hash_, dir_};
    const tally::CountOutcome outcome =
        tally::count_tally_folder(context, statements_.at("anonymize"));
    const crypto::Bytes expected =
        protocol::canonical_bytes(tally::results_to_json(config_, outcome.results));
    if (expected != protocol::read_file(dir_ / "results.json")) {
      fail("results.json is not the count of the plaintexts (counted again from them)");
    }
    results_ = outcome.results;
    return "results.json equals the count of every batch's plaintexts";
  }

  std::string check_csv() {
    if (!results_) fail("results.json did not verify");
    if (!files_.count("results.csv")) return "not in the record";
    const std::string expected = tally::results_csv(config_, *results_);
    const crypto::Bytes actual = protocol::read_file(dir_ / "results.csv");
    if (std::string(actual.begin(), actual.end()) != expected)
      fail("results.csv is not results.json written as CSV");
    return "results.json written as CSV";
  }

  std::string check_charts() {
    std::size_t n = 0;
    for (const protocol::RecordFile& f : manifest_.files) n += f.role == "chart" ? 1 : 0;
    return std::to_string(n) + " charts (pictures of results.json; not drawn again)";
  }

  // The results web site: every file what publish writes from this record
  // (specs/results.md §4), byte for byte, and no other file under site/.
  std::string check_site() {
    std::set<std::string> present;
    for (const protocol::RecordFile& f : manifest_.files)
      if (f.role == "results-site") present.insert(f.path);
    if (present.empty()) return "not in the record";
    if (!results_) fail("results.json did not verify");
    tally::SiteSources sources;
    sources.config_hash = config_hash_;
    sources.results = *results_;
    sources.counts = tally::statement_counts(statements_);
    sources.tracker = tally::read_tracker_list(dir_ / "tracker.jsonl", "tracker.jsonl");
    for (const protocol::RecordFile& f : manifest_.files)
      if (tally::site_lists_file(f.path)) sources.files.push_back(f);
    const std::map<std::string, std::string> site = tally::results_site(config_, sources);
    for (const auto& [path, bytes] : site) {
      if (!present.count(path)) fail(path + ": missing (publish writes it for this record)");
      const crypto::Bytes actual = protocol::read_file(dir_ / path);
      if (std::string_view(reinterpret_cast<const char*>(actual.data()), actual.size()) != bytes) {
        fail(path +
             " is not what evote-tally publish writes from this record (a number, a name or a "
             "listed file differs)");
      }
    }
    for (const std::string& path : present)
      if (!site.count(path)) fail(path + ": not a file publish writes for this election");
    return std::to_string(site.size()) +
           " files, each what evote-tally publish writes from this record";
  }

  // --tracker: where a receipt's ballot went.
  std::string find_tracker(const std::string& text) {
    const crypto::Bytes wanted = protocol::base64url_decode(text);
    tally::JsonLinesReader reader(dir_ / "tracker.jsonl", "tracker.jsonl");
    while (auto line = reader.next()) {
      if (line->at("ballot_hash") != text) continue;
      const std::string district = line->at("district").get<std::string>();
      const std::uint64_t row = line->at("row").get<std::uint64_t>();
      std::string where;
      for (const protocol::RecordFile& f : manifest_.files) {
        if (f.role == "mix-input" &&
            f.path.find("/" + district + "/input.ctxt") != std::string::npos) {
          where += (where.empty() ? "" : ", ") + f.path;
        }
      }
      return "counted: district " + district + ", row " + std::to_string(row) + " of " + where +
             " (the first mix input)";
    }
    (void)wanted;
    fail(
        "not in the tracker list: this ballot is not counted (a later ballot of the same voter, a "
        "paper vote, or "
        "rejected)");
  }

  fs::path dir_;
  const VerifyOptions& options_;
  CheckReport& report_;
  protocol::ElectionRecord manifest_;
  std::map<std::string, protocol::RecordFile> files_;
  protocol::ElectionConfig config_;
  crypto::Bytes config_hash_;
  std::optional<keys::Ceremony> ceremony_;
  std::map<std::string, StepStatement> statements_;
  std::optional<mix::io::MixElection> mix_election_;
  std::map<std::string, keys::VerifiedCascade> cascades_;  // by batch, those that verified
  std::optional<tally::ElectionResults> results_;
};

}  // namespace

unsigned verify_record(const VerifyOptions& options, CheckReport& report) {
  RecordVerifier(options, report).run();
  return report.failures();
}

}  // namespace evote::verify
