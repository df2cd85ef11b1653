// The Estonian personal identification code (isikukood): 11 decimal digits
// G YY MM DD SSS C — G century and sex, then the birth date, a serial
// number, and a check digit C over the first ten (specs/collector-auth.md §3).
// Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string_view>

namespace evote::collector::auth {

// The check digit of ten ASCII digits: the weighted sum with weights
// 1 2 3 4 5 6 7 8 9 1, modulo 11; if that is 10, the sum with weights
// 3 4 5 6 7 8 9 1 2 3, modulo 11; if that is 10 again, 0.
// nullopt unless `first_ten` is exactly ten ASCII digits.
std::optional<int> personal_code_check_digit(std::string_view first_ten);

// True for exactly 11 ASCII digits whose last is the check digit of the
// first ten. The birth date is not checked (the population register decides
// which codes exist).
bool is_valid_personal_code(std::string_view code);

}  // namespace evote::collector::auth
