// Standard base64 (RFC 4648 §4, alphabet A-Z a-z 0-9 + /, '=' padding), the
// encoding of every binary field of a Web eID token. Decoding is strict: the
// length is a multiple of 4, padding only at the end, no whitespace or line
// breaks, and the unused low bits of the last character are zero, so each
// byte string has exactly one accepted text. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "evote/crypto/bytes.hpp"

namespace evote::collector::auth {

std::string encode_base64(crypto::BytesView bytes);

// nullopt for text that is not strict base64 (empty text decodes to no
// bytes); `problem` then says what is wrong and where, e.g.
// "character 17 ('*') is not base64".
std::optional<crypto::Bytes> decode_base64(std::string_view text, std::string& problem);

}  // namespace evote::collector::auth
