#include "results_site_sources.hpp"

#include "evote/crypto/random.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"
#include "json_lines.hpp"
#include "step_chain.hpp"

namespace evote::tally {

namespace fs = std::filesystem;

std::vector<TrackerEntry> read_tracker_list(const fs::path& path, const std::string& what) {
  std::vector<TrackerEntry> entries;
  JsonLinesReader reader(path, what);
  while (const auto line = reader.next()) {
    const protocol::ObjectReader r(*line, reader.where());
    r.allow_only({"ballot_hash", "district", "row"});
    const crypto::Bytes hash = r.binary("ballot_hash");
    if (hash.size() != 32) r.fail("ballot_hash", "not 32 bytes");
    TrackerEntry e{protocol::base64url_encode(hash), r.string("district"),
                   r.unsigned_integer("row")};
    if (e.row == 0) r.fail("row", "rows count from 1");
    entries.push_back(std::move(e));
  }
  return entries;
}

std::map<std::string, std::map<std::string, std::uint64_t>> statement_counts(
    const std::map<std::string, StepStatement>& statements) {
  std::map<std::string, std::map<std::string, std::uint64_t>> counts;
  for (const auto& [step, s] : statements) counts[step] = s.counts;
  return counts;
}

SiteSources read_site_sources(const TallyContext& context, ElectionResults results,
                              std::vector<protocol::RecordFile> files) {
  std::map<std::string, StepStatement> statements;
  std::optional<crypto::Bytes> previous;
  std::optional<PreviousStep> anonymize;
  for (std::string_view step : {"check", "squash", "revoke", "anonymize", "count"}) {
    PreviousStep s = read_previous_step(context, step);
    if (s.statement.previous != previous) {
      throw protocol::FormatError(statement_path(context.dir, step).string() +
                                  ": previous: does not name the statement of the step before it");
    }
    previous = s.statement_hash;
    statements[std::string(step)] = s.statement;
    if (step == "anonymize") anonymize = std::move(s);
  }
  SiteSources sources;
  sources.config_hash = context.config_hash;
  sources.results = std::move(results);
  sources.counts = statement_counts(statements);
  const fs::path tracker = checked_output(context, *anonymize, "tracker.jsonl");
  sources.tracker = read_tracker_list(tracker, tracker.string());
  sources.files = std::move(files);
  return sources;
}

void write_site(const fs::path& folder, const std::map<std::string, std::string>& site,
                protocol::WriteMode mode) {
  const fs::path target = folder / std::string(kSiteFolder);
  protocol::refuse_existing(target, mode);
  const std::string suffix = crypto::to_hex(crypto::random_bytes(8));
  const fs::path staging = folder / (std::string(kSiteFolder) + ".tmp-" + suffix);
  const fs::path old = folder / (std::string(kSiteFolder) + ".old-" + suffix);
  const std::string prefix = std::string(kSiteFolder) + "/";
  try {
    for (const auto& [path, bytes] : site) {
      if (path.compare(0, prefix.size(), prefix) != 0)
        throw std::invalid_argument("write_site: " + path + " is not under site/");
      const fs::path file = staging / path.substr(prefix.size());
      fs::create_directories(file.parent_path());
      protocol::write_file_atomic(file, crypto::as_bytes(bytes), protocol::WriteMode::new_public());
    }
    fs::create_directories(staging);  // a site has files, but stay whole even without
    const bool replacing = fs::exists(fs::symlink_status(target));
    if (replacing) fs::rename(target, old);
    try {
      fs::rename(staging, target);
    } catch (...) {
      std::error_code ignored;
      if (replacing) fs::rename(old, target, ignored);  // the old site back in place
      throw;
    }
    if (replacing) fs::remove_all(old);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    throw;
  }
}

}  // namespace evote::tally
