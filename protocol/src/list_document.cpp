#include "evote/protocol/list_document.hpp"

#include "message_text.hpp"

namespace evote::protocol {

std::optional<PersonalCode> PersonalCode::parse(std::string_view text) {
  if (text.size() != 11) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return PersonalCode{value};
}

std::array<char, 11> PersonalCode::digits() const {
  std::array<char, 11> out{};
  std::uint64_t rest = value;
  for (std::size_t i = out.size(); i-- > 0; rest /= 10) out[i] = static_cast<char>('0' + rest % 10);
  return out;
}

std::string PersonalCode::str() const {
  const std::array<char, 11> d = digits();
  return std::string(d.begin(), d.end());
}

std::string personal_code_problem(std::string_view text) {
  return "personal code must be 11 digits, found " + quote_input(text);
}

}  // namespace evote::protocol
