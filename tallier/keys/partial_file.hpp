// Partial-decryption files (specs/keys.md §16): one trustee's decryption
// shares of one ciphertext file, with Chaum–Pedersen proofs:
//
//   "EVPDEC01" || be32(H) || header (H bytes, canonical JSON)
//   || for each ciphertext (row by row): enc(d) || enc(proof)
//
// and nothing after. The header names the election, the group, the
// trustee, the input file's hash (which is also the proofs' batch label)
// and its shape.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "evote/crypto/threshold.hpp"
#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/canonical_json.hpp"

namespace evote::keys {

inline constexpr std::string_view kPartialFileMagic = "EVPDEC01";

struct PartialHeader {
  std::string election_id;
  std::string group;
  std::uint32_t trustee = 0;
  crypto::Bytes input_hash;  // file_hash of the ciphertext file
  std::uint32_t width = 1;
  std::uint64_t count = 0;  // rows
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

// The batch label B of the proofs: base64url(input_hash).
std::string batch_label(crypto::BytesView input_hash);

}  // namespace evote::keys
