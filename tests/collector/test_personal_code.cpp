// The Estonian personal code check digit (specs/collector-auth.md §3):
// both weight rounds, the fall-back to 0, and codes that must be refused.
#include <boost/test/unit_test.hpp>

#include "auth/personal_code.hpp"

using evote::collector::auth::is_valid_personal_code;
using evote::collector::auth::personal_code_check_digit;

BOOST_AUTO_TEST_SUITE(personal_code)

BOOST_AUTO_TEST_CASE(first_round_decides) {
  // 3*1 + 8*2 + 0*3 + 0*4 + 1*5 + 0*6 + 8*7 + 5*8 + 7*9 + 1*1 = 184 = 16*11 + 8
  BOOST_TEST(personal_code_check_digit("3800108571").value() == 8);
  BOOST_TEST(is_valid_personal_code("38001085718"));  // the TEST of ESTEID2018 card holder
  BOOST_TEST(is_valid_personal_code("37605030299"));
  BOOST_TEST(is_valid_personal_code("49001010001"));
}

BOOST_AUTO_TEST_CASE(second_round_when_the_first_gives_ten) {
  // 4900101009: first round 43 mod 11 = 10; second 91 mod 11 = 3.
  BOOST_TEST(personal_code_check_digit("4900101009").value() == 3);
  BOOST_TEST(is_valid_personal_code("49001010093"));
  BOOST_TEST(personal_code_check_digit("6010101000").value() == 6);
  BOOST_TEST(is_valid_personal_code("60101010006"));
}

BOOST_AUTO_TEST_CASE(zero_when_both_rounds_give_ten) {
  // 4900101058: first round 87 mod 11 = 10, second 98 mod 11 = 10.
  BOOST_TEST(personal_code_check_digit("4900101058").value() == 0);
  BOOST_TEST(is_valid_personal_code("49001010580"));
  BOOST_TEST(!is_valid_personal_code("49001010581"));
}

BOOST_AUTO_TEST_CASE(wrong_check_digit_is_refused) {
  for (char last = '0'; last <= '9'; ++last) {
    std::string code = std::string("3800108571") + last;
    BOOST_TEST(is_valid_personal_code(code) == (last == '8'), code);
  }
}

BOOST_AUTO_TEST_CASE(not_eleven_ascii_digits_is_refused) {
  BOOST_TEST(!is_valid_personal_code(""));
  BOOST_TEST(!is_valid_personal_code("3800108571"));    // 10 digits
  BOOST_TEST(!is_valid_personal_code("380010857180"));  // 12 digits
  BOOST_TEST(!is_valid_personal_code("3800108571a"));
  BOOST_TEST(!is_valid_personal_code(" 38001085718"));
  BOOST_TEST(!is_valid_personal_code("38001085718 "));
  BOOST_TEST(!is_valid_personal_code("-3800108571"));
  BOOST_TEST(!is_valid_personal_code("3800108571\xd9\xa8"));  // ARABIC-INDIC DIGIT EIGHT
  BOOST_TEST(
      !is_valid_personal_code(std::string("38001\0"
                                          "85718",
                                          11)));
  BOOST_TEST(!personal_code_check_digit("380010857").has_value());
  BOOST_TEST(!personal_code_check_digit("38001085x1").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
