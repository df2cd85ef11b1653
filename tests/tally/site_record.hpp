// An election record with a results site, made by the real programs from
// the test tally folder (tally_folder.hpp): evote-tally count, publish and
// record. Its batches are not a real mix (evote-verify's ceremony, tracker,
// mix and decryption checks fail on it), but everything the site is made of
// is real: the signed statements, results.json counted from plaintexts.txt,
// the tracker list and the manifest. Header-only, for the results site tests.
#pragma once

#include <memory>
#include <string>

#include "evote/protocol/base64url.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_record.hpp"
#include "record_layout.hpp"
#include "results_site.hpp"
#include "results_site_sources.hpp"
#include "tally_folder.hpp"

namespace evote::tally_test {

inline const std::string kVerify = EVOTE_VERIFY_BIN;

struct SiteRecord {
  TallyFolder tally;
  fs::path record;
};

// A fresh one, published and recorded (each caller may change it).
inline std::unique_ptr<SiteRecord> make_site_record() {
  auto made = std::make_unique<SiteRecord>();
  add_all_batches(made->tally);
  ok(made->tally.count());
  ok(made->tally.publish());
  made->record = made->tally.dir().parent_path() / "record";
  ok(made->tally.record(made->record));
  return made;
}

// One shared by the tests that only read it.
inline const SiteRecord& site_record() {
  static const std::unique_ptr<SiteRecord> shared = make_site_record();
  return *shared;
}

inline protocol::ElectionRecord manifest_of(const fs::path& record) {
  return protocol::decode_election_record(
      testing::read_whole_file(record / protocol::kManifestFileName));
}

// The sources of the site as evote-verify reads them from a record.
inline tally::SiteSources sources_of(const SiteRecord& r) {
  tally::SiteSources s;
  s.config_hash = r.tally.config_hash();
  s.results =
      tally::read_results(r.record / "results.json", r.tally.config(), r.tally.config_hash());
  for (const char* step : {"check", "squash", "revoke", "anonymize", "count"}) {
    s.counts[step] = tally::read_statement(tally::statement_path(r.record, step), step,
                                           r.tally.config(), r.tally.config_hash())
                         .counts;
  }
  s.tracker = tally::read_tracker_list(r.record / "tracker.jsonl", "tracker.jsonl");
  for (const protocol::RecordFile& f : manifest_of(r.record).files)
    if (tally::site_lists_file(f.path)) s.files.push_back(f);
  return s;
}

// The manifest made again for the files as they are now (new ones added
// with their layout role), signed by the tally key: an insider's change.
inline void resign_manifest(const SiteRecord& r) {
  protocol::ElectionRecord manifest = manifest_of(r.record);
  std::vector<protocol::RecordFile> files;
  for (const auto& entry : fs::recursive_directory_iterator(r.record)) {
    if (!entry.is_regular_file()) continue;
    const std::string path = fs::relative(entry.path(), r.record).generic_string();
    if (path == protocol::kManifestFileName) continue;
    std::string role = tally::record_role(path).value_or("unknown");
    for (const protocol::RecordFile& f : manifest.files)
      if (f.path == path) role = f.role;
    files.push_back(protocol::describe_record_file(r.record, path, role));
  }
  manifest.files = files;
  protocol::sign_election_record(manifest, r.tally.tally_key());
  testing::write_whole_file(r.record / protocol::kManifestFileName,
                            protocol::encode_election_record(manifest));
}

inline Run verify_record(const fs::path& record) {
  const testing::ProgramRun r = testing::run_program(kVerify + " " + q(record));
  return {r.status, r.output};
}

// The line of `check` in evote-verify's output ("" when there is none).
inline std::string check_line(const Run& run, const std::string& check) {
  for (const char* verdict : {"PASS ", "FAIL "}) {
    const std::size_t at = run.output.find(verdict + check + ":");
    if (at != std::string::npos) return run.output.substr(at, run.output.find('\n', at) - at);
  }
  return "";
}

}  // namespace evote::tally_test
