#include "count_batch.hpp"

#include <filesystem>
#include <fstream>

#include "evote/count/plaintext_row.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/error.hpp"
#include "results_json.hpp"

namespace evote::tally {

namespace {

namespace fs = std::filesystem;
using protocol::FormatError;

std::string stage_file_name(std::uint32_t stage) {
  return "stage-" + std::to_string(stage) + ".ctxt";
}

// The highest K with stage-1.ctxt … stage-K.ctxt all present; 0 for none.
std::uint32_t last_stage(const fs::path& folder) {
  std::uint32_t stage = 0;
  std::error_code error;
  while (fs::exists(folder / stage_file_name(stage + 1), error)) ++stage;
  return stage;
}

// A ciphertext file of the batch must hold this batch's rows.
protocol::CiphertextFileHeader batch_header(const fs::path& path,
                                            const protocol::ElectionConfig& config,
                                            const protocol::Contest& contest,
                                            const std::string& district) {
  const protocol::CiphertextFileHeader h = protocol::CiphertextFileReader(path).header();
  const auto fail = [&](const std::string& problem) {
    throw FormatError("ciphertext file " + path.string() + ": " + problem);
  };
  if (h.election_id != config.election_id)
    fail("election \"" + h.election_id + "\", not this election (" + config.election_id + ")");
  if (h.contest_id != contest.id || h.district != district)
    fail("holds contest \"" + h.contest_id + "\" district \"" + h.district +
         "\", not this batch's " + contest.id + "/" + district);
  if (h.group != config.group) fail("group " + h.group + ", not the election's " + config.group);
  if (h.width != contest.max_selections)
    fail("rows of " + std::to_string(h.width) + " ciphertexts; contest " + contest.id + " has " +
         std::to_string(contest.max_selections) + " selections");
  return h;
}

// Counts every line; returns the number of lines.
std::uint64_t count_lines(const fs::path& path, std::uint32_t width, std::uint64_t expected,
                          const std::string& stage, count::DistrictCounter& counter) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FormatError(path.string() + ": cannot read");
  std::string line;
  std::uint64_t lines = 0;
  while (std::getline(in, line)) {
    ++lines;
    const std::string at = path.string() + ":" + std::to_string(lines) + ": ";
    if (lines > expected)
      throw FormatError(at + "one line more than the " + std::to_string(expected) +
                        " rows of the last mix stage " + stage + " (one line per row)");
    if (in.eof()) throw FormatError(at + "does not end in a newline (is the file cut short?)");
    try {
      counter.add(count::parse_plaintext_row(line, width));
    } catch (const FormatError& e) {
      throw FormatError(at + e.what());
    }
  }
  if (in.bad()) throw FormatError(path.string() + ": cannot read");
  if (lines < expected)
    throw FormatError(path.string() + ": " + std::to_string(lines) +
                      " lines, but the last mix stage " + stage + " has " +
                      std::to_string(expected) + " rows (one line per row): line " +
                      std::to_string(lines + 1) + " is missing");
  return lines;
}

}  // namespace

std::string batch_name(std::string_view contest_id, std::string_view district) {
  return "batches/" + std::string(contest_id) + "/" + std::string(district);
}

std::vector<Batch> list_batches(const protocol::ElectionConfig& config,
                                const StepStatement& anonymize) {
  std::vector<Batch> batches;
  for (const protocol::Contest& contest : config.contests) {
    for (const std::string& district : contest_districts(config, contest))
      batches.push_back({contest.id, district, std::nullopt});
  }
  const std::string suffix = "/" + std::string(kBatchInputFileName);
  for (const StepFile& f : anonymize.outputs) {
    if (f.name.rfind("batches/", 0) != 0 || f.name.size() < suffix.size() ||
        f.name.compare(f.name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    bool known = false;
    for (Batch& b : batches) {
      if (batch_name(b.contest_id, b.district) + suffix != f.name) continue;
      b.input = f;
      known = true;
    }
    if (!known)
      throw FormatError(
          "anonymize statement: lists " + f.name +
          ", which is no batch of the config (a contest on the ballot of a district)");
  }
  return batches;
}

BatchCount count_batch(const TallyContext& context, const Batch& batch,
                       count::DistrictCounter& counter) {
  const protocol::ElectionConfig& config = context.config;
  const protocol::Contest* contest = config.find_contest(batch.contest_id);
  if (contest == nullptr)
    throw FormatError("contest " + batch.contest_id + " is not in the config");
  const std::string name = batch_name(batch.contest_id, batch.district);
  const fs::path folder = context.dir / name;
  const fs::path plaintexts = folder / kPlaintextsFileName;
  std::error_code error;
  if (!batch.input) {
    if (fs::exists(plaintexts, error))
      throw FormatError(plaintexts.string() + ": the anonymize statement lists no " + name + "/" +
                        std::string(kBatchInputFileName) +
                        " (the district cast no ballot with this contest): these rows are of no "
                        "batch");
    return {};
  }

  const fs::path input = folder / kBatchInputFileName;
  const crypto::Verdict listed = check_step_file(input, *batch.input);
  if (!listed) throw FormatError(listed.reason);
  const std::uint64_t input_rows = batch_header(input, config, *contest, batch.district).count;

  const std::uint32_t stages = last_stage(folder);
  if (stages == 0)
    throw FormatError(folder.string() + ": no mix stage (" + stage_file_name(1) +
                      "): mix the batch (evote-mix cascade) and decrypt its last stage "
                      "(evote-keys combine) first");
  const std::string stage = stage_file_name(stages);
  const StepFile stage_file = describe_step_file(folder / stage, name + "/" + stage);
  const std::uint64_t rows = batch_header(folder / stage, config, *contest, batch.district).count;
  if (rows != input_rows)
    throw FormatError("ciphertext file " + (folder / stage).string() + ": " + std::to_string(rows) +
                      " rows, but " + std::string(kBatchInputFileName) + " has " +
                      std::to_string(input_rows) + " (a shuffle keeps every row)");

  if (!fs::exists(plaintexts, error))
    throw FormatError(plaintexts.string() + ": missing: decrypt the batch's last mix stage " +
                      stage + " (evote-keys combine … --out " + plaintexts.string() + ")");
  const StepFile plaintexts_file =
      describe_step_file(plaintexts, name + "/" + std::string(kPlaintextsFileName));
  count_lines(plaintexts, contest->max_selections, rows, stage, counter);
  if (!check_step_file(plaintexts, plaintexts_file))
    throw FormatError(plaintexts.string() + ": changed while it was counted");
  return {rows, {plaintexts_file, stage_file}};
}

}  // namespace evote::tally
