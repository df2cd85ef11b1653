// combine's work (specs/keys.md §17) in memory bounded by a chunk, not by
// the number of rows: the last stage's rows and every partial-decryption
// file are read side by side in chunks of rows. Each chunk's proofs are
// verified for every trustee at once; the t trustees that will be chosen if
// every proof holds are combined in the same pass, and their plaintext lines
// written. Only if one of them turns out bad (or unreadable) is a second
// pass needed, which combines the trustees actually chosen; their files
// must then read the same bytes as in the first pass. The output is the
// same as combining everything in memory: same lines, same messages.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "ceremony.hpp"
#include "choice_table.hpp"
#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/election_config.hpp"
#include "verified_cascade.hpp"

namespace evote::keys {

struct CombineOutcome {
  protocol::CiphertextFileHeader header;  // of the decrypted file
  ChoiceCodes codes;
  std::vector<std::uint32_t> used;  // the t trustees combined, ascending
  CodeCounts counts;
};

// Tells `skipped` "<who>: <why>" per rejected file (before any error);
// FormatError naming the problem (the input changed, too few valid
// trustees, ...) and no output file then. Positions per chunk:
// `chunk_positions` (rows of width w take w positions each; at least one
// row per chunk); memory grows with it and with the number of files.
CombineOutcome combine_files(const protocol::ElectionConfig& config, const Ceremony& ceremony,
                             const VerifiedCascade& cascade,
                             const std::vector<std::string>& partial_paths,
                             const std::filesystem::path& out, protocol::WriteMode mode,
                             const std::function<void(const std::string&)>& skipped,
                             std::size_t chunk_positions = 8192);

}  // namespace evote::keys
