// Reading one line of combine's PLAINTEXTS file (specs/keys.md §17 step 6)
// as a row of codes for RowJudge.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace evote::count {

// `line` without its "\n": exactly `width` values separated by one space,
// each a decimal code 1 … protocol::kMaxChoiceCode without leading zeros,
// or the word "invalid", read as kNotACode. Throws protocol::FormatError
// naming the value (counted from 1), e.g.
// `value 2: "x" is neither a code nor "invalid"`, `3 values, expected 2`.
std::vector<std::uint64_t> parse_plaintext_row(std::string_view line, std::uint32_t width);

}  // namespace evote::count
