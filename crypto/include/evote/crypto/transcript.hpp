// Fiat–Shamir transcripts. A transcript hashes a domain tag and a sequence of
// labelled, length-prefixed items with SHA-512; the challenge is derived from
// the digest of everything absorbed. specs/crypto.md, "Transcripts":
//   T = be64(len tag) || tag || item*
//   item = be64(len label) || label || be64(len data) || data
//   challenge = Z_q.from_hash("evote/challenge/v1", SHA-512(T))
// Not thread-safe (one transcript, one thread).
#pragma once

#include <cstdint>
#include <string_view>

#include "evote/crypto/group.hpp"
#include "evote/crypto/hash.hpp"

namespace evote::crypto {

class Transcript {
 public:
  explicit Transcript(std::string_view domain_tag);

  void append(std::string_view label, BytesView data);
  void append_text(std::string_view label, std::string_view text);
  void append_u64(std::string_view label, std::uint64_t value);  // data = be64
  void append(std::string_view label, const Element& element);  // canonical encoding
  void append(std::string_view label, const Scalar& scalar);    // canonical encoding

  // Streaming one item of known total length (large arrays): begin_item, then
  // absorb exactly `length` bytes in any number of pieces, then end_item
  // (Error if the count differs).
  void begin_item(std::string_view label, std::uint64_t length);
  void absorb(BytesView piece);
  void end_item();

  // SHA-512 of everything so far; the transcript can keep absorbing.
  Digest digest() const;
  Scalar challenge(const ScalarField& field) const;

 private:
  void put_header(std::string_view label, std::uint64_t length);
  Sha512 hash_;
  std::uint64_t open_item_remaining_ = 0;
  bool item_open_ = false;
};

}  // namespace evote::crypto
