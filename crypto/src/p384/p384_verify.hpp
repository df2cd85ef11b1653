// ECDSA P-384 signature verification (SEC1 v2 §4.1.4, FIPS 186-5 §6.4.2),
// written for speed on public inputs: variable time, never for secrets.
// Internal to crypto/ (the callers fall back to OpenSSL for what it refuses
// to decode, e.g. compressed points).
//
// Thread-safety: every function may run on many threads at once; a PublicKey
// is immutable after decoding and may be shared between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "p384_double_mul.hpp"
#include "p384_point.hpp"

namespace evote::crypto::p384 {

// How often a decoded key will verify: a key for many signatures (a CA's,
// an OCSP responder's) gets bigger tables, which cost about half a
// verification to build and make each of its verifications about 40% faster.
enum class KeyUse { once, many };

// An affine P-384 public point, checked: coordinates < p, on the curve, not
// the identity. Holds tables of its odd multiples (0.8 KB for KeyUse::once,
// 6 KB for KeyUse::many): cheap to move; a copy copies them.
class PublicKey {
 public:
  KeyTables tables() const;

 private:
  PublicKey(const Affine& point, KeyUse use);
  friend std::optional<PublicKey> decode_public_key(std::span<const std::uint8_t> sec1_point,
                                                    KeyUse use);

  std::vector<Affine> low_;   // (2i + 1) * Q
  std::vector<Affine> high_;  // (2i + 1) * 2^192 * Q, for KeyUse::many; else empty
  int window_;
};

// From the SEC1 uncompressed encoding 0x04 || X(48) || Y(48); nullopt for
// anything else: wrong length or prefix, a coordinate >= p, a point not on
// the curve, and compressed points (the caller falls back to OpenSSL).
std::optional<PublicKey> decode_public_key(std::span<const std::uint8_t> sec1_point,
                                           KeyUse use = KeyUse::once);

// True iff (r, s) is a valid ECDSA signature by `key` of the hash value
// `digest` (any length: its leftmost min(8 * length, 384) bits are e). r and
// s are big-endian; false if either is 0 or >= n, or the equation fails
// (including when u1*G + u2*Q is the identity). Never throws for bad input.
bool verify_digest(const PublicKey& key, std::span<const std::uint8_t> digest,
                   std::span<const std::uint8_t, 48> r, std::span<const std::uint8_t, 48> s);

}  // namespace evote::crypto::p384
