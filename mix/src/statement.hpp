// Checks that a shuffle statement (key, input rows, output rows) fits
// together before any exponentiation: sizes, widths, one group.
#pragma once

#include <string>
#include <vector>

#include "evote/crypto/group.hpp"
#include "evote/mix/rows.hpp"
#include "evote/mix/shuffle.hpp"

namespace evote::mix::detail {

// The width of the rows (that of the first input row; 0 if there is none).
std::size_t width_of(const Rows& rows);

// Empty when `rows` are N >= 1 rows of one width w >= 1 whose elements all
// belong to `group`; else what is wrong, naming the row ("input row 3 has
// width 2, expected 1"). `which` is "input" or "output".
std::string rows_problem(const crypto::Group& group, const Rows& rows, const char* which,
                         std::size_t width);

// Empty when the key is a non-identity element and input and output are
// rows_problem-free with the same N and w; else the reason, e.g. "output has
// 9 rows, input has 10".
std::string statement_problem(const crypto::Element& public_key, const Rows& input,
                              const Rows& output);

// Empty when the generators are for the group and the rows' N and w.
std::string generators_problem(const crypto::Group& group, const CommitmentGenerators& generators,
                               const Rows& input);

// Empty when the witness is for N rows of width w in `group`; else what is wrong.
std::string witness_problem(const crypto::Group& group, const ShuffleWitness& witness,
                            std::size_t rows, std::size_t width);

// Column k of every row, in row order: the a halves, or the b halves.
enum class Half { a, b };
std::vector<crypto::Element> column(const Rows& rows, std::size_t k, Half half);

}  // namespace evote::mix::detail
