// Byte strings and the fixed-width integer encodings every evote format uses.
// Plain values; no secrets live here (see secret_bytes.hpp for those).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace evote::crypto {

using Bytes = std::vector<std::uint8_t>;
using BytesView = std::span<const std::uint8_t>;

// Views a string's characters as bytes (no copy).
BytesView as_bytes(std::string_view text);

// Lower-case hex; from_hex rejects odd length and non-hex characters (Error).
std::string to_hex(BytesView bytes);
Bytes from_hex(std::string_view hex);

// Big-endian fixed-width integers, the only integer encoding in evote formats.
void append_be32(Bytes& out, std::uint32_t value);
void append_be64(Bytes& out, std::uint64_t value);
std::uint32_t read_be32(BytesView in);  // requires in.size() >= 4
std::uint64_t read_be64(BytesView in);  // requires in.size() >= 8

void append(Bytes& out, BytesView more);

// Constant-time equality of two byte strings of equal length (false if the
// lengths differ; the length itself is not secret).
bool equal_constant_time(BytesView a, BytesView b);

}  // namespace evote::crypto
