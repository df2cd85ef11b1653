// Partial-decryption files (specs/keys.md §16): one trustee's decryption
// shares of one ciphertext file, with Chaum–Pedersen proofs:
//
//   "EVPDEC01" || be32(H) || header (H bytes, canonical JSON)
//   || for each ciphertext (row by row): enc(d) || enc(proof)
//
// and nothing after. The header names the election, the group, the
// trustee, what was decrypted: the hash of the file decrypted (the last
// stage of a mix cascade; also the proofs' batch label), its shape, and the
// cascade it ends: the hash of the cascade's first input and its number of
// stages.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "evote/crypto/threshold.hpp"
#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/canonical_json.hpp"

namespace evote::keys {

inline constexpr std::string_view kPartialFileMagic = "EVPDEC01";
// The most mix stages a cascade may have (a sanity bound for readers).
inline constexpr std::uint32_t kMaxStages = 1000;

struct PartialHeader {
  std::string election_id;
  std::string group;
  std::uint32_t trustee = 0;
  crypto::Bytes input_hash;  // file_hash of the ciphertext file decrypted (the last stage's output)
  std::uint32_t width = 1;
  std::uint64_t count = 0;         // rows
  crypto::Bytes first_input_hash;  // file_hash of the cascade's first input (before any mixing)
  std::uint32_t stages = 0;        // the cascade's stages (>= 1)
};

// The per-ciphertext record: enc(d) || enc(Chaum–Pedersen proof).
crypto::Bytes encode_record(const crypto::PartialDecryption& part);

void write_partial_file(const std::filesystem::path& path, const PartialHeader& header,
                        const crypto::TrusteeDecryptions& decryptions, protocol::WriteMode mode);
// Strict: FormatError naming the file and the place.
struct PartialFile {
  PartialHeader header;
  crypto::TrusteeDecryptions decryptions;
};
PartialFile read_partial_file(const std::filesystem::path& path, const crypto::Group& group);

// "row R column C" of position p = row·width + column, counted from 1 as
// every message a person reads (specs/formats-ballots.md §1).
std::string position_name(std::uint64_t position, std::uint32_t width);

// The batch label B of the proofs: base64url(input_hash).
std::string batch_label(crypto::BytesView input_hash);

}  // namespace evote::keys
