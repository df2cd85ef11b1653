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

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/hash.hpp"
#include "evote/crypto/threshold.hpp"
#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/canonical_json.hpp"

namespace evote::keys {

// A view of an inline array: why, at protocol::kCiphertextFileMagic.
inline constexpr char kPartialFileMagicBytes[] = "EVPDEC01";
inline constexpr std::string_view kPartialFileMagic{kPartialFileMagicBytes,
                                                    sizeof kPartialFileMagicBytes - 1};
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
// Reads a partial-decryption file in pieces, so that a file of a million
// rows needs no more memory than a piece. Strict: FormatError naming the
// file and the place. The constructor reads and checks the header and that
// the file's length fits it.
class PartialFileReader {
 public:
  PartialFileReader(const std::filesystem::path& path, const crypto::Group& group);

  const PartialHeader& header() const { return header_; }
  // The next `count` records (fewer at the end), decoded with membership
  // checks, parts[i] at position positions_read() + i before the call.
  std::vector<crypto::PartialDecryption> read(std::size_t count);
  std::uint64_t positions_read() const { return read_; }
  // SHA-512 of every byte read so far (magic and header included): two
  // readers of the same file that read everything agree iff they read the
  // same bytes.
  crypto::Digest digest() const;

 private:
  void read_exactly(std::uint8_t* out, std::size_t size);

  std::string name_;
  const crypto::Group& group_;
  std::ifstream in_;
  PartialHeader header_;
  std::size_t record_bytes_ = 0;
  std::uint64_t read_ = 0;
  crypto::Sha512 hash_;
};

// The whole file at once: for small files and the fuzz target.
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
