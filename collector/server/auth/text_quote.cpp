#include "auth/text_quote.hpp"

namespace evote::collector::auth {

std::string quote_text(std::string_view text) {
  constexpr std::size_t kMaxShown = 40;
  constexpr char hex[] = "0123456789abcdef";
  std::string out = "\"";
  std::size_t shown = 0;
  for (char c : text) {
    if (shown == kMaxShown) {
      out += "...";
      break;
    }
    auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f && c != '"' && c != '\\') {
      out += c;
    } else {
      out += "\\x";
      out += hex[byte >> 4];
      out += hex[byte & 15];
    }
    ++shown;
  }
  return out + "\"";
}

}  // namespace evote::collector::auth
