// Pieces shared by the streaming prover and verifier (internal).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/transcript.hpp"
#include "row_file.hpp"

namespace evote::mix::io {

// Rows per chunk: about 64k ciphertexts' worth of decoded elements (some
// 60 MB in ristretto255), large enough for efficient multi-exponentiation.
// The environment variable EVOTE_MIX_CHUNK_ROWS (a number >= 1) overrides it:
// less memory, or many chunks in tests.
std::size_t chunk_rows(std::size_t width);

// Absorbs `length` bytes of `file` from `offset` as one transcript item.
void absorb_file_range(crypto::Transcript& transcript, std::string_view label,
                       const FileBytes& file, std::uint64_t offset, std::uint64_t length);

// Half a column of a chunk of rows: x[i·w + k].a (or .b) for every row i.
std::vector<crypto::Element> column_half(std::span<const crypto::Ciphertext> rows,
                                         std::size_t width, std::size_t k, bool a);

// The product of the elements, on every core.
crypto::Element parallel_product(const crypto::Group& group,
                                 std::span<const crypto::Element> elements);

// Encodes the elements into out[i·E ..] on every core.
void encode_into(std::span<const crypto::Element> elements, std::uint8_t* out);

}  // namespace evote::mix::io
