#include "auth/personal_code.hpp"

#include <algorithm>
#include <array>

namespace evote::collector::auth {
namespace {

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int weighted_sum_mod_11(std::string_view digits, const std::array<int, 10>& weights) {
  int sum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) sum += (digits[i] - '0') * weights[i];
  return sum % 11;
}

}  // namespace

std::optional<int> personal_code_check_digit(std::string_view first_ten) {
  if (first_ten.size() != 10 || !all_digits(first_ten)) return std::nullopt;
  constexpr std::array<int, 10> first_weights{1, 2, 3, 4, 5, 6, 7, 8, 9, 1};
  constexpr std::array<int, 10> second_weights{3, 4, 5, 6, 7, 8, 9, 1, 2, 3};
  int check = weighted_sum_mod_11(first_ten, first_weights);
  if (check < 10) return check;
  check = weighted_sum_mod_11(first_ten, second_weights);
  return check < 10 ? check : 0;
}

bool is_valid_personal_code(std::string_view code) {
  if (code.size() != 11 || !all_digits(code)) return false;
  std::optional<int> check = personal_code_check_digit(code.substr(0, 10));
  return check && *check == code[10] - '0';
}

}  // namespace evote::collector::auth
