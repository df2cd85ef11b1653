#include "evote/count/plaintext_row.hpp"

#include <string>

#include "evote/count/row_rule.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/error.hpp"

namespace evote::count {

namespace {

std::uint64_t parse_value(std::string_view token, std::size_t position) {
  if (token == "invalid") return kNotACode;
  const auto fail = [&](const std::string& why) {
    return protocol::FormatError("value " + std::to_string(position) + ": \"" + std::string(token) +
                                 "\" " + why);
  };
  if (token.empty()) throw fail("is empty (values are separated by one space)");
  for (const char c : token)
    if (c < '0' || c > '9') throw fail("is neither a code nor \"invalid\"");
  if (token.size() > 1 && token[0] == '0') throw fail("has a leading zero");
  if (token.size() > 7) throw fail("is above the largest choice code 999999");
  std::uint64_t value = 0;
  for (const char c : token) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  if (value == 0) throw fail("is no code (codes start at 1, the blank code)");
  if (value > protocol::kMaxChoiceCode) throw fail("is above the largest choice code 999999");
  return value;
}

}  // namespace

std::vector<std::uint64_t> parse_plaintext_row(std::string_view line, std::uint32_t width) {
  std::vector<std::uint64_t> row;
  row.reserve(width);
  std::size_t start = 0;
  while (true) {
    const std::size_t space = line.find(' ', start);
    const std::string_view token = line.substr(
        start, space == std::string_view::npos ? std::string_view::npos : space - start);
    row.push_back(parse_value(token, row.size() + 1));
    if (space == std::string_view::npos) break;
    start = space + 1;
  }
  if (row.size() != width)
    throw protocol::FormatError(std::to_string(row.size()) + " values, expected " +
                                std::to_string(width));
  return row;
}

}  // namespace evote::count
