// Big-endian conversions between GMP integers and fixed-length bytes.
#pragma once

#include <gmpxx.h>

#include "evote/crypto/bytes.hpp"

namespace evote::crypto {

// The non-negative integer whose big-endian bytes are `bytes`.
mpz_class mpz_from_be(BytesView bytes);
// `value` (0 <= value < 256^length) as exactly `length` big-endian bytes.
Bytes mpz_to_be(const mpz_class& value, std::size_t length);
void mpz_to_be(const mpz_class& value, std::uint8_t* out, std::size_t length);

}  // namespace evote::crypto
