// The election's results as evote-tally count writes them and publish reads
// them: DIR/results.json (specs/results.md §2), one canonical JSON document
// with every contest's result per district and in total, and the instant
// runoff rounds of ranked contests. The numbers follow
// specs/formats-ballots.md §3.1–§3.3 (tallier/count computes them).
//
// The document carries no names of choices or districts: those are in the
// signed config it is read with. It is not signed itself; the count step's
// signed statement lists its hash.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "evote/count/contest_count.hpp"
#include "evote/crypto/bytes.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::tally {

inline constexpr std::string_view kResultsType = "election-results";
inline constexpr std::uint64_t kResultsVersion = 1;
// Its name in the tally folder.
inline constexpr std::string_view kResultsFileName = "results.json";

// One contest: a result for every district whose ballot carries it (the
// config's choices_for is not empty), in the config's district order, and
// the total over those districts (district ""; for a ranked contest the
// runoff run again over all of them, count::total_result).
struct ContestResults {
  std::string contest_id;
  std::vector<count::ContestResult> districts;
  count::ContestResult total;
};

struct ElectionResults {
  std::string election_id;
  crypto::Bytes config_hash;             // 32 bytes: the config the count was run with
  std::vector<ContestResults> contests;  // every contest of the config, in its order
};

// The document of specs/results.md §2. Contest types and names come from
// `config`. Throws std::invalid_argument when `results` does not match the
// config (a contest missing or out of order, a district or choice code the
// config does not give it).
protocol::Json results_to_json(const protocol::ElectionConfig& config,
                               const ElectionResults& results);

// Reads and checks a results document: its form (canonical, no unknown or
// missing field), that it is of this config (election id, config hash,
// every contest and district in the config's order with the config's type,
// names and choice codes) and that its sums hold (rows = valid + blank +
// invalid, invalid = the sum of the reasons). Throws protocol::FormatError
// naming `what` and the field path.
ElectionResults results_from_json(const protocol::Json& document,
                                  const protocol::ElectionConfig& config,
                                  const crypto::Bytes& config_hash, const std::string& what);

// Writes the canonical bytes to `path`, never replacing a file.
void write_results(const std::filesystem::path& path, const protocol::ElectionConfig& config,
                   const ElectionResults& results);

// read_file + parse_canonical + results_from_json, errors naming the path.
ElectionResults read_results(const std::filesystem::path& path,
                             const protocol::ElectionConfig& config,
                             const crypto::Bytes& config_hash);

// The districts whose ballot carries `contest` (the config's choices_for
// is not empty), in the config's district order.
std::vector<std::string> contest_districts(const protocol::ElectionConfig& config,
                                           const protocol::Contest& contest);

// The Estonian name ("et") of a choice, a contest or a district: every name
// in the config has one.
const std::string& estonian_name(const protocol::Names& names);

}  // namespace evote::tally
