// Fixed-size binary fields of the ballot-side documents (internal).
#pragma once

#include "evote/protocol/canonical_json.hpp"

namespace evote::protocol {

// The base64url field `key`, which must decode to exactly `size` bytes.
crypto::Bytes read_fixed_binary(const ObjectReader& r, std::string_view key, std::size_t size);

}  // namespace evote::protocol
