// Shuffle proof files: one mix stage's proof of shuffle with the statement it
// is about (specs/mix.md, "Proof file"):
//
//   "EVSHUF01" (8 bytes) || be32(H) || header (H bytes, canonical JSON)
//   || the proof (specs/mix.md, "Proof encoding")
//
// The header names the election, the rows (contest, district, group, width,
// count), the stage, and the file hashes of the config, the input and the
// output, so that a record lists which files a proof is about.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "evote/crypto/bytes.hpp"
#include "evote/mix/shuffle.hpp"
#include "evote/protocol/canonical_json.hpp"

namespace evote::mix::io {

// A view of an inline array: why, at protocol::kCiphertextFileMagic.
inline constexpr char kShuffleProofMagicBytes[] = "EVSHUF01";
inline constexpr std::string_view kShuffleProofMagic{kShuffleProofMagicBytes,
                                                     sizeof kShuffleProofMagicBytes - 1};
inline constexpr std::string_view kShuffleProofType = "shuffle-proof";
inline constexpr std::uint64_t kShuffleProofVersion = 1;

struct ShuffleProofHeader {
  std::string election_id;
  std::string contest_id;
  std::string district;  // "" for rows of all districts
  std::string group;
  std::uint32_t width = 1;
  std::uint64_t count = 0;
  std::uint32_t stage = 1;    // 1 = the first mix server of the cascade
  crypto::Bytes config_hash;  // protocol::config_hash of the signed config
  crypto::Bytes input_hash;   // protocol::file_hash of the input file
  crypto::Bytes output_hash;  // protocol::file_hash of the output file
  bool operator==(const ShuffleProofHeader&) const = default;
};

struct ShuffleProofFile {
  ShuffleProofHeader header;
  ShuffleProof proof;
};

protocol::Json to_json(const ShuffleProofHeader& header);
// FormatError naming the field.
ShuffleProofHeader shuffle_proof_header_from_json(const protocol::Json& document,
                                                  const std::string& what);

// Writes atomically (temporary file, fsync, rename). The proof's N and w
// must be the header's (std::invalid_argument otherwise).
void write_shuffle_proof_file(const std::filesystem::path& path, const ShuffleProofHeader& header,
                              const ShuffleProof& proof);

// Strict: wrong magic, a bad header, a proof whose size or any element or
// scalar is wrong throws FormatError naming the file and the field
// ("proof file p.bin: shuffle proof: t_hat[3]: not in the group").
ShuffleProofFile read_shuffle_proof_file(const std::filesystem::path& path);

// The header and where the proof encoding starts, without reading the
// proof: for verifiers that stream it. Checks the magic, the header and that
// the proof encoding has exactly the length section 8 gives for the
// header's count and width, with that count and width in its first 16
// bytes; FormatError otherwise. The proof's fields are decoded later.
struct ShuffleProofFileHead {
  ShuffleProofHeader header;
  std::uint64_t body_offset = 0;
};
ShuffleProofFileHead read_shuffle_proof_head(const std::filesystem::path& path);

// 16 + (3N + 3 + 2w)·E + (2N + 3 + w)·L.
std::uint64_t shuffle_proof_length(const crypto::Group& group, std::uint64_t rows,
                                   std::uint64_t width);

}  // namespace evote::mix::io
