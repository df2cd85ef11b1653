// The signed statement each evote-tally step leaves beside its outputs
// (specs/tally.md §2): which step ran on which election, the hash of every
// file it read and wrote, its counts, and the statement of the step before
// it, signed by the tally operator's key (the config's tally_key). The
// statements of one tally form a chain: check → squash → revoke →
// anonymize → count, each naming its predecessor's statement by hash.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/error.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::tally {

inline constexpr std::string_view kStepStatementType = "tally-step";
inline constexpr std::uint64_t kStepStatementVersion = 1;

// One file a step read or wrote, by its name in the tally folder (or, for an
// input from elsewhere, a role such as "ballot-box"), with its file_hash.
struct StepFile {
  std::string name;    // a record path (election_record.hpp is_record_path)
  crypto::Bytes hash;  // 32 bytes
  std::uint64_t size = 0;
};

struct StepStatement {
  std::string step;  // "check", "squash", "revoke", "anonymize", "count"
  std::string election_id;
  crypto::Bytes config_hash;  // 32 bytes
  std::optional<crypto::Bytes>
      previous;                   // file_hash of the previous step's statement; none for check
  std::vector<StepFile> inputs;   // sorted by name on signing
  std::vector<StepFile> outputs;  // sorted by name on signing
  std::map<std::string, std::uint64_t> counts;  // e.g. "accepted": 98211
  crypto::Ed25519PublicKey signer;              // filled by sign / read
};

// The statement file of `step` in a tally folder: "<step>.statement.json".
std::filesystem::path statement_path(const std::filesystem::path& folder, std::string_view step);

// The StepFile of a file on disk (hashed by streaming), under `name`.
StepFile describe_step_file(const std::filesystem::path& path, std::string name);

// Signs and writes the statement to statement_path(folder, step), never
// replacing a file. Throws std::invalid_argument for a bad field.
void write_statement(const std::filesystem::path& folder, StepStatement statement,
                     const crypto::Ed25519SigningKey& tally_key);

// Reads a statement file, checks its form, that it is of `step` and of the
// config (election id and config hash), and that the config's tally_key
// signed it. Throws protocol::FormatError naming the file and the problem.
StepStatement read_statement(const std::filesystem::path& path, std::string_view step,
                             const protocol::ElectionConfig& config,
                             const crypto::Bytes& config_hash);

// The output named `name` of `statement`; FormatError if it lists none.
const StepFile& statement_output(const StepStatement& statement, std::string_view name,
                                 const std::string& what);

// Whether the file at `path` has the size and hash `expected` lists; the
// reason names the file.
crypto::Verdict check_step_file(const std::filesystem::path& path, const StepFile& expected);

}  // namespace evote::tally
