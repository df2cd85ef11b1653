// Hashing: SHA-512 and the domain-separated extendable output `xof` that
// derives scalars, elements and challenges (specs/crypto.md, "Hashing").
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "evote/crypto/bytes.hpp"

namespace evote::crypto {

using Digest = std::array<std::uint8_t, 64>;

Digest sha512(BytesView data);

// Incremental SHA-512. The state may have absorbed secrets: it is wiped
// (sodium_memzero) when the object is destroyed, copies included.
class Sha512 {
 public:
  Sha512();
  ~Sha512();
  Sha512(const Sha512&) = default;
  Sha512& operator=(const Sha512&) = default;
  void update(BytesView data);
  Digest finish();  // the object must not be used afterwards

 private:
  alignas(16) unsigned char state_[256];
};

// xof(tag, msg, n): n bytes, n >= 0:
//   seed  = SHA-512(be64(len tag) || tag || msg)
//   out   = SHA-512(seed || be32(1)) || SHA-512(seed || be32(2)) || ...
// truncated to n bytes. msg may be secret (a PRF key): every intermediate
// value is wiped; the output is the caller's to wipe.
Bytes xof(std::string_view tag, BytesView msg, std::size_t n);

}  // namespace evote::crypto
