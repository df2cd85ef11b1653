// Quoting input in error messages (internal).
#pragma once

#include <string>
#include <string_view>

namespace evote::protocol {

// "\"text\"", cut after 64 bytes so that garbage input cannot flood a message.
inline std::string quote_input(std::string_view text) {
  return "\"" + std::string(text.substr(0, 64)) + (text.size() > 64 ? "...\"" : "\"");
}

}  // namespace evote::protocol
