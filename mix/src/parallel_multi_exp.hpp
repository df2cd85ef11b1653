// A multi-exponentiation split over the cores for the long products of the
// shuffle proof (internal).
#pragma once

#include <span>

#include "evote/crypto/group.hpp"

namespace evote::mix::detail {

// prod bases[i]^exps[i] (variable time): in pieces of at least 256 terms
// on crypto::parallel_ranges, one piece on the calling thread when shorter.
crypto::Element parallel_multi_exp(const crypto::Group& group,
                                   std::span<const crypto::Element> bases,
                                   std::span<const crypto::Scalar> exps);

}  // namespace evote::mix::detail
