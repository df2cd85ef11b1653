// The shape of a ShuffleProof: how many of each field for N rows of width w.
#pragma once

#include <string>

#include "evote/mix/shuffle.hpp"

namespace evote::mix::detail {

// Identity elements and zero scalars, vectors empty: to be filled in.
ShuffleProof blank_proof(const crypto::Group& group);

// Empty when every vector has its length for N rows of width w and every
// element and scalar belongs to `group`; else what is wrong.
std::string proof_shape_problem(const crypto::Group& group, const ShuffleProof& proof,
                                std::size_t rows, std::size_t width);

}  // namespace evote::mix::detail
