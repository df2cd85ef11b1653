// Rows of ciphertexts: what a mix server shuffles. A row is one ballot's
// ciphertexts for one contest (width w = the contest's number of
// selections); a shuffle re-encrypts and permutes whole rows, so a row's
// ciphertexts stay together. specs/mix.md, "Rows".
#pragma once

#include <cstddef>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/group.hpp"

namespace evote::mix {

struct Row {
  std::vector<crypto::Ciphertext> items;
  bool operator==(const Row& other) const = default;
};

using Rows = std::vector<Row>;

// Encoding: be64(N) || be64(w) || every row's ciphertexts in order, each
// enc(a) || enc(b). No rows encode as N = w = 0; otherwise w >= 1. Throws
// Error for rows of uneven or zero width.
crypto::Bytes encode_rows(const Rows& rows);
// Strict: wrong length, a zero width with rows (or a width without), or any
// element outside the group throws
// DecodeError naming the row and column (counted from 1).
Rows decode_rows(const crypto::Group& group, crypto::BytesView bytes);

}  // namespace evote::mix
