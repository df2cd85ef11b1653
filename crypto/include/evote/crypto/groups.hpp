// The named groups evote supports. Each accessor returns a process-wide
// singleton, built on first use (thread-safe).
#pragma once

#include <string_view>
#include <vector>

#include "evote/crypto/group.hpp"

namespace evote::crypto {

// RFC 9496 ristretto255 over libsodium. Default group.
const Group& ristretto255();
// RFC 3526 3072-bit MODP safe prime p, subgroup of quadratic residues
// (order q = (p-1)/2), generator 2 (a residue, as p = 7 mod 8). IVXV's
// deployed group.
const Group& modp3072_rfc3526();
// ElectionGuard 2.x: 4096-bit p, q = 2^256 - 189, its generator g.
const Group& modp4096_eg();

// By name; throws Error naming an unknown group.
const Group& group_by_name(std::string_view name);
std::vector<std::string_view> group_names();

}  // namespace evote::crypto
