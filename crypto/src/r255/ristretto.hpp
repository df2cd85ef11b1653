// ristretto255 (RFC 9496 section 4.3) on edwards25519 points. Private to the
// ristretto255 implementation: a Point here is one internal representation
// of a group element; many Points represent the same element, so compare
// them with equal() only, never limb by limb.
#pragma once

#include "edwards.hpp"

namespace evote::crypto::r255 {

inline constexpr unsigned kEncodingBytes = 32;
inline constexpr unsigned kUniformBytes = 64;

// RFC 9496 section 4.3.1. False unless `in` is the canonical encoding of an
// element: s < p (bit 255 included), s non-negative, and the RFC's checks.
// Variable time (encodings are public).
bool decode(const unsigned char in[kEncodingBytes], Point& out);

// RFC 9496 section 4.3.2; constant time.
void encode(const Point& p, unsigned char out[kEncodingBytes]);

// RFC 9496 section 4.3.3; constant time.
bool equal(const Point& a, const Point& b);

// RFC 9496 section 4.3.4, the element derivation from 64 uniform bytes.
Point from_uniform(const unsigned char in[kUniformBytes]);

// The generator B (RFC 9496 section 4.4), decoded once.
const Point& generator();

}  // namespace evote::crypto::r255
