// base64url without padding (RFC 4648 §5), the only binary-in-text encoding
// of evote documents. Decoding is strict: padding, characters outside the
// alphabet, a length of 1 mod 4 and non-zero unused bits are refused, so
// every byte string has exactly one encoding.
#pragma once

#include <string>
#include <string_view>

#include "evote/crypto/bytes.hpp"

namespace evote::protocol {

std::string base64url_encode(crypto::BytesView bytes);
// Throws FormatError("base64url: ...") naming the problem.
crypto::Bytes base64url_decode(std::string_view text);

}  // namespace evote::protocol
