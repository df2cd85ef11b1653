// Times in documents: UTC, whole seconds, written "YYYY-MM-DDTHH:MM:SSZ"
// (RFC 3339 with the Z suffix only). Held as seconds since the Unix epoch.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace evote::protocol {

// Throws FormatError("<what>: <path>: ...") for anything but the exact form
// or an impossible date.
std::int64_t parse_utc(std::string_view text, const std::string& what, const std::string& path);
std::string format_utc(std::int64_t seconds);

}  // namespace evote::protocol
