// One commitment generator: h (index 0) or h_i (index i), specs/mix.md
// section 4; for provers and verifiers that derive them chunk by chunk.
#pragma once

#include <cstdint>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/group.hpp"

namespace evote::mix::detail {

// `seed` = seed_bytes(seed, N, w). Throws Error if the hash gave the identity.
crypto::Element generator_at(const crypto::Group& group, const crypto::Bytes& seed,
                             std::uint64_t index);

}  // namespace evote::mix::detail
