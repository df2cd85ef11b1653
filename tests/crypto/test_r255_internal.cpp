// The private ristretto255 arithmetic (crypto/src/r255/) checked against
// oracles: libsodium's public ristretto255 API for every group operation,
// GMP for the field. Thousands of random inputs plus the edges: identity,
// scalars 0, 1 and q-1, field values near p, non-canonical encodings.
#include <gmpxx.h>
#include <sodium.h>

#include <array>
#include <boost/test/unit_test.hpp>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../../crypto/src/r255/field25519.hpp"
#include "../../crypto/src/r255/fixed_table.hpp"
#include "../../crypto/src/r255/multi_mul.hpp"
#include "../../crypto/src/r255/ristretto.hpp"
#include "../../crypto/src/r255/scalar25519.hpp"
#include "../../crypto/src/r255/scalarmult.hpp"
#include "evote/crypto/bytes.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/init.hpp"
#include "support/sanitizer.hpp"

using namespace evote::crypto;
using namespace evote::crypto::r255;

namespace {

// Sanitizer builds run unoptimised and instrumented: fewer rounds.
#if EVOTE_TEST_UNDER_ASAN
constexpr int kRounds = 150;
constexpr bool kSanitized = true;
#else
constexpr int kRounds = 1000;
constexpr bool kSanitized = false;
#endif

using Enc = std::array<unsigned char, 32>;  // an element encoding
using Sc = std::array<unsigned char, 32>;   // a scalar, little-endian (libsodium's form)

Enc encode_point(const Point& p) {
  Enc e;
  encode(p, e.data());
  return e;
}

Point decode_valid(const Enc& e) {
  Point p;
  BOOST_REQUIRE(decode(e.data(), p));
  return p;
}

Enc random_encoding() {
  Enc e;
  crypto_core_ristretto255_random(e.data());
  return e;
}

Sc random_scalar() {
  Sc s;
  crypto_core_ristretto255_scalar_random(s.data());
  return s;
}

Sc small_scalar(unsigned v) {
  Sc s{};
  s[0] = static_cast<unsigned char>(v);
  s[1] = static_cast<unsigned char>(v >> 8);
  return s;
}

Sc minus(const Sc& s) {
  Sc r;
  crypto_core_ristretto255_scalar_negate(r.data(), s.data());
  return r;
}

ScalarWords words_of(const Sc& s) {
  ScalarWords k{};
  for (int i = 0; i < 32; ++i) k.w[i / 8] |= static_cast<std::uint64_t>(s[i]) << (8 * (i % 8));
  return k;
}

// 0, 1, 2, 8, 9, 16, 2^252 - 1, 2^252, q-2, q-1, and the like.
std::vector<Sc> edge_scalars() {
  std::vector<Sc> out = {small_scalar(0),        small_scalar(1),       small_scalar(2),
                         small_scalar(7),        small_scalar(8),       small_scalar(9),
                         small_scalar(16),       small_scalar(0x88),    minus(small_scalar(1)),
                         minus(small_scalar(2)), minus(small_scalar(8))};
  Sc top{};
  top[31] = 0x10;  // 2^252
  out.push_back(top);
  Sc below;
  below.fill(0xff);
  below[31] = 0x0f;  // 2^252 - 1
  out.push_back(below);
  Sc alternating;
  alternating.fill(0x88);  // every 4-bit digit 8: the largest carries
  alternating[31] = 0x08;
  out.push_back(alternating);
  return out;
}

// libsodium's k*P; its -1 return means "the identity", encoded as zeros.
Enc sodium_mul(const Sc& k, const Enc& p) {
  Enc r{};
  if (crypto_scalarmult_ristretto255(r.data(), k.data(), p.data()) != 0) r.fill(0);
  return r;
}

Enc sodium_base(const Sc& k) {
  Enc r{};
  if (crypto_scalarmult_ristretto255_base(r.data(), k.data()) != 0) r.fill(0);
  return r;
}

Enc sodium_add(const Enc& a, const Enc& b) {
  Enc r;
  BOOST_REQUIRE_EQUAL(crypto_core_ristretto255_add(r.data(), a.data(), b.data()), 0);
  return r;
}

// --- field helpers (GMP as the oracle) ---------------------------------------

const mpz_class& prime() {
  static const mpz_class p = (mpz_class(1) << 255) - 19;
  return p;
}

// The integer sum v[i] * 2^(51 i) of the limbs (not reduced).
mpz_class limbs_value(const Fe& a) {
  mpz_class r = 0;
  for (int i = 4; i >= 0; --i) r = (r << 51) + mpz_class(static_cast<unsigned long>(a.v[i]));
  return r;
}

mpz_class fe_value(const Fe& a) {
  unsigned char b[32];
  fe_to_bytes(a, b);
  mpz_class r;
  mpz_import(r.get_mpz_t(), 32, -1, 1, 0, 0, b);
  return r;
}

Fe fe_of(const mpz_class& v) {  // v < 2^255
  unsigned char b[32] = {};
  mpz_export(b, nullptr, -1, 1, 0, 0, v.get_mpz_t());
  return fe_from_bytes(b);
}

Fe random_fe() {
  unsigned char b[32];
  randombytes_buf(b, sizeof b);
  return fe_from_bytes(b);
}

// Limbs at the bounds field25519.hpp promises to accept, and values near p.
std::vector<Fe> edge_field_elements() {
  const u64 max54 = (u64{1} << 54) - 1, max52 = (u64{1} << 52) - 1;
  std::vector<Fe> out = {kZero,
                         kOne,
                         {{max54, max54, max54, max54, max54}},
                         {{max52, max52, max52, max52, max52}},
                         {{kMask51, kMask51, 0, 0, 0}}};
  for (long delta : {-2L, -1L, 0L, 1L, 2L, 18L}) out.push_back(fe_of(prime() + delta));
  out.push_back(fe_of((mpz_class(1) << 255) - 1));
  return out;
}

bool same_value(const Fe& a, const mpz_class& expected) {
  return fe_value(a) == mpz_class(expected % prime());
}

// --- multi-scalar multiplication cases ---------------------------------------

struct MultiCase {
  std::vector<Point> points;
  std::vector<ScalarWords> scalars;
  Enc expected;
};

// n terms with bases x_i * B from libsodium (every 7th the identity, every
// 5th a repeat of the previous base) and random exponents with 0, 1 and q-1
// mixed in. Expected: (sum e_i x_i) * B by libsodium's scalar arithmetic and
// base multiplication; for small n also the sum of libsodium's e_i * P_i.
MultiCase make_case(std::size_t n) {
  MultiCase c;
  Sc x = random_scalar(), total{};
  std::vector<Enc> bases;
  std::vector<Sc> exps;
  for (std::size_t i = 0; i < n; ++i) {
    if (i % 5 != 4) x = i % 7 == 3 ? small_scalar(0) : random_scalar();
    const Sc e = i % 11 == 1   ? small_scalar(0)
                 : i % 11 == 2 ? small_scalar(1)
                 : i % 11 == 3 ? minus(small_scalar(1))
                               : random_scalar();
    bases.push_back(sodium_base(x));
    exps.push_back(e);
    c.points.push_back(decode_valid(bases.back()));
    c.scalars.push_back(words_of(e));
    Sc product;
    crypto_core_ristretto255_scalar_mul(product.data(), e.data(), x.data());
    crypto_core_ristretto255_scalar_add(total.data(), total.data(), product.data());
  }
  c.expected = sodium_base(total);
  if (n <= 64) {
    Enc sum{};
    for (std::size_t i = 0; i < n; ++i) sum = sodium_add(sum, sodium_mul(exps[i], bases[i]));
    BOOST_REQUIRE(sum == c.expected);
  }
  return c;
}

}  // namespace

// libsodium (the oracle) must be initialised before its first use.
struct SodiumReady {
  SodiumReady() { init(); }
};

BOOST_FIXTURE_TEST_SUITE(r255_internal, SodiumReady)

BOOST_AUTO_TEST_CASE(field_encoding_is_canonical) {
  BOOST_TEST(fe_value(fe_of(prime())) == 0);
  BOOST_TEST(fe_value(fe_of(prime() + 1)) == 1);
  BOOST_TEST(fe_value(fe_of(prime() - 1)) == prime() - 1);
  BOOST_TEST(fe_value(fe_of((mpz_class(1) << 255) - 1)) == 18);
  BOOST_TEST(fe_is_zero(fe_of(prime())) == 1u);
  BOOST_TEST(fe_is_zero(fe_of(prime() + 1)) == 0u);
  BOOST_TEST(fe_is_negative(fe_of(prime() + 1)) == 1u);  // value 1
  BOOST_TEST(fe_is_negative(fe_of(prime() - 1)) == 0u);  // p - 1 is even
  unsigned char b[32];
  std::memset(b, 0xff, sizeof b);
  BOOST_TEST(fe_value(fe_from_bytes(b)) == 18);  // bit 255 ignored, 2^255 - 1 = p + 18
  for (const Fe& a : edge_field_elements()) {
    BOOST_TEST(fe_value(a) == mpz_class(limbs_value(a) % prime()));
  }
}

BOOST_AUTO_TEST_CASE(field_arithmetic_matches_gmp) {
  std::vector<Fe> values = edge_field_elements();
  for (int i = 0; i < kRounds; ++i) values.push_back(random_fe());
  const mpz_class& p = prime();
  for (std::size_t i = 0; i < values.size(); ++i) {
    const Fe& a = values[i];
    const Fe& b = values[(i * 7 + 3) % values.size()];
    const mpz_class x = limbs_value(a), y = limbs_value(b);
    BOOST_TEST_CONTEXT("i = " << i) {
      BOOST_TEST(same_value(fe_mul(a, b), x * y));
      BOOST_TEST(same_value(fe_sq(a), x * x));
      BOOST_TEST(same_value(fe_add(fe_carry(a), fe_carry(b)), x + y));
      BOOST_TEST(same_value(fe_sub(fe_carry(a), b), x - y + p * p));
      BOOST_TEST(same_value(fe_neg(a), p * p - x));
      if (i % 8 == 0) {
        mpz_class inv = 0;
        if (x % p != 0) mpz_invert(inv.get_mpz_t(), x.get_mpz_t(), p.get_mpz_t());
        BOOST_TEST(same_value(fe_invert(a), inv));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(sqrt_ratio_m1_cases) {
  // u = 0: (true, 0). v = 0, u != 0: (false, 0).
  SqrtRatio r = sqrt_ratio_m1(kZero, random_fe());
  BOOST_TEST(r.was_square == 1u);
  BOOST_TEST(fe_is_zero(r.root) == 1u);
  r = sqrt_ratio_m1(kOne, kZero);
  BOOST_TEST(r.was_square == 0u);
  BOOST_TEST(fe_is_zero(r.root) == 1u);
  int squares = 0;
  for (int i = 0; i < kRounds / 4; ++i) {
    const Fe u = random_fe(), v = random_fe();
    r = sqrt_ratio_m1(u, v);
    const Fe lhs = fe_mul(v, fe_sq(r.root));  // v * root^2 is u, or SQRT_M1 * u
    BOOST_TEST(fe_eq(lhs, r.was_square ? u : fe_mul(kSqrtM1, u)) == 1u);
    BOOST_TEST(fe_is_negative(r.root) == 0u);
    // Legendre symbol of u/v decides which case applies.
    const mpz_class ratio = fe_value(fe_mul(u, fe_invert(v)));
    BOOST_TEST((mpz_legendre(ratio.get_mpz_t(), prime().get_mpz_t()) >= 0) == (r.was_square == 1));
    squares += static_cast<int>(r.was_square);
  }
  BOOST_TEST(squares > 0);
}

BOOST_AUTO_TEST_CASE(decode_encode_match_libsodium_on_random_strings) {
  int valid = 0;
  for (int i = 0; i < 4 * kRounds; ++i) {
    Enc e;
    randombytes_buf(e.data(), e.size());
    if (i % 2 == 0) e[0] &= 0xfe;  // non-negative s: more valid encodings
    e[31] &= 0x7f;                 // bit 255 is tested separately (libsodium 1.0.18 ignores it)
    Point p;
    const bool ours = decode(e.data(), p);
    BOOST_TEST(ours == (crypto_core_ristretto255_is_valid_point(e.data()) == 1));
    if (ours) {
      BOOST_TEST(encode_point(p) == e);
      ++valid;
    }
  }
  BOOST_TEST(valid > 0);
}

BOOST_AUTO_TEST_CASE(round_trip_of_valid_points) {
  for (int i = 0; i < kRounds; ++i) {
    const Enc e = random_encoding();
    const Point p = decode_valid(e);
    BOOST_TEST(encode_point(p) == e);
    BOOST_TEST(equal(p, decode_valid(e)));
    Enc top = e;
    top[31] |= 0x80;  // libsodium 1.0.18 accepts this; RFC 9496 does not
    Point q;
    BOOST_TEST(!decode(top.data(), q));
  }
}

BOOST_AUTO_TEST_CASE(non_canonical_field_values_rejected) {
  // s = p + k for small k (s >= p), and 2^255 - 1: never valid, whatever
  // libsodium says about the value reduced mod p.
  for (long k : {0L, 1L, 2L, 4L, 18L}) {
    Enc e{};
    const mpz_class s = prime() + k;
    mpz_export(e.data(), nullptr, -1, 1, 0, 0, s.get_mpz_t());
    Point p;
    BOOST_TEST_CONTEXT("p + " << k) { BOOST_TEST(!decode(e.data(), p)); }
  }
  Enc all_ones;
  all_ones.fill(0xff);
  Point p;
  BOOST_TEST(!decode(all_ones.data(), p));
}

BOOST_AUTO_TEST_CASE(rfc9496_a2_and_top_bit_rejected) {
  const std::vector<std::string_view> invalid = {
      "00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
      "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "0100000000000000000000000000000000000000000000000000000000000000",
      "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20",
      "c34c4e1826e5d403b78e246e88aa051c36ccf0aafebffe137d148a2bf9104562",
      "c940e5a4404157cfb1628b108db051a8d439e1a421394ec4ebccb9ec92a8ac78",
      "47cfc5497c53dc8e61c91d17fd626ffb1c49e2bca94eed052281b510b1117a24",
      "f1c6165d33367351b0da8f6e4511010c68174a03b6581212c71c0e1d026c3c72",
      "87260f7a2f12495118360f02c26a470f450dadf34a413d21042b43b9d93e1309",
      "26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371",
      "4eac077a713c57b4f4397629a4145982c661f48044dd3f96427d40b147d9742f",
      "de6a7b00deadc788eb6b6c8d20c0ae96c2f2019078fa604fee5b87d6e989ad7b",
      "bcab477be20861e01e4a0e295284146a510150d9817763caf1a6f4b422d67042",
      "2a292df7e32cababbd9de088d1d1abec9fc0440f637ed2fba145094dc14bea08",
      "f4a9e534fc0d216c44b218fa0c42d99635a0127ee2e53c712f70609649fdff22",
      "8268436f8c4126196cf64b3c7ddbda90746a378625f9813dd9b8457077256731",
      "2810e5cbc2cc4d4eece54f61c6f69758e289aa7ab440b3cbeaa21995c2f4232b",
      "3eb858e78f5a7254d8c9731174a94f76755fd3941c0ac93735c07ba14579630e",
      "a45fdc55c76448c049a1ab33f17023edfb2be3581e9c7aade8a6125215e04220",
      "d483fe813c6ba647ebbfd3ec41adca1c6130c2beeee9d9bf065c8d151c5f396e",
      "8a2e1d30050198c65a54483123960ccc38aef6848e1ec8f5f780e8523769ba32",
      "32888462f8b486c68ad7dd9610be5192bbeaf3b443951ac1a8118419d9fa097b",
      "227142501b9d4355ccba290404bde41575b037693cef1f438c47f8fbf35d1165",
      "5c37cc491da847cfeb9281d407efc41e15144c876e0170b499a96a22ed31e01e",
      "445425117cb8c90edcbc7c1cc0e74f747f2c1efa5630a967c64f287792a48a4b",
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
  };
  for (std::string_view hex : invalid) {
    const Bytes bytes = from_hex(hex);
    Point p;
    BOOST_TEST_CONTEXT(hex) {
      BOOST_TEST(!decode(bytes.data(), p));
      Bytes top = bytes;
      top[31] |= 0x80;
      BOOST_TEST(!decode(top.data(), p));
    }
  }
  Point p;
  Enc zero{};
  BOOST_TEST(decode(zero.data(), p));
  BOOST_TEST(equal(p, kIdentity));
  zero[31] = 0x80;  // the identity with bit 255 set
  BOOST_TEST(!decode(zero.data(), p));
}

BOOST_AUTO_TEST_CASE(identity_and_equality_of_representations) {
  BOOST_TEST(encode_point(kIdentity) == Enc{});
  const Point p = decode_valid(random_encoding());
  BOOST_TEST(encode_point(add(p, kIdentity)) == encode_point(p));
  BOOST_TEST(encode_point(add(p, neg(p))) == Enc{});
  BOOST_TEST(equal(add(p, neg(p)), kIdentity));
  BOOST_TEST(!equal(p, kIdentity));
  // (lX : lY : lZ : lT) is the same point.
  const Fe l = random_fe();
  const Point scaled = {fe_mul(p.x, l), fe_mul(p.y, l), fe_mul(p.z, l), fe_mul(p.t, l)};
  BOOST_TEST(equal(p, scaled));
  BOOST_TEST(encode_point(scaled) == encode_point(p));
  // p + (0, -1) and p + (i, 0), the other points of p's ristretto class.
  const Point plus_t2 = {fe_neg(p.x), fe_neg(p.y), p.z, p.t};
  const Point plus_t4 = {fe_mul(p.y, kSqrtM1), fe_mul(p.x, kSqrtM1), p.z, fe_neg(p.t)};
  BOOST_TEST(equal(p, plus_t2));
  BOOST_TEST(equal(p, plus_t4));
  BOOST_TEST(encode_point(plus_t2) == encode_point(p));
  BOOST_TEST(encode_point(plus_t4) == encode_point(p));
  BOOST_TEST(!equal(p, add(p, p)));
}

BOOST_AUTO_TEST_CASE(addition_matches_libsodium) {
  std::vector<Enc> encodings = {Enc{}, Enc{}};
  for (int i = 0; i < kRounds; ++i) encodings.push_back(random_encoding());
  for (std::size_t i = 0; i < encodings.size(); ++i) {
    const Enc& a = encodings[i];
    const Enc& b = i % 5 == 0 ? a : encodings[(i * 13 + 1) % encodings.size()];  // some doublings
    const Point pa = decode_valid(a), pb = decode_valid(b);
    BOOST_TEST(encode_point(add(pa, pb)) == sodium_add(a, b));
    BOOST_TEST(encode_point(to_point(add(pa, to_cached(pb)))) == sodium_add(a, b));
    Enc diff;
    BOOST_REQUIRE_EQUAL(crypto_core_ristretto255_sub(diff.data(), a.data(), b.data()), 0);
    BOOST_TEST(encode_point(to_point(sub(pa, to_cached(pb)))) == diff);
    BOOST_TEST(encode_point(dbl(pa)) == sodium_add(a, a));
  }
}

BOOST_AUTO_TEST_CASE(scalar_multiplication_matches_libsodium) {
  std::vector<Sc> scalars = edge_scalars();
  for (int i = 0; i < kRounds / 2; ++i) scalars.push_back(random_scalar());
  const Enc zero{};
  for (std::size_t i = 0; i < scalars.size(); ++i) {
    const Enc e = i % 50 == 7 ? zero : random_encoding();
    const Point p = decode_valid(e);
    const ScalarWords k = words_of(scalars[i]);
    const Enc expected = sodium_mul(scalars[i], e);
    BOOST_TEST_CONTEXT("scalar " << i) {
      BOOST_TEST(encode_point(mul_ct(p, k)) == expected);
      BOOST_TEST(encode_point(mul_vartime(p, k)) == expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(generator_multiplication_matches_libsodium) {
  std::vector<Sc> scalars = edge_scalars();
  for (int i = 0; i < kRounds; ++i) scalars.push_back(random_scalar());
  const FixedTable& table = generator_table();
  for (const Sc& s : scalars) {
    const Enc expected = sodium_base(s);
    BOOST_TEST(encode_point(table.mul_ct(words_of(s))) == expected);
    BOOST_TEST(encode_point(table.mul_vartime(words_of(s))) == expected);
  }
  BOOST_TEST(encode_point(generator()) == sodium_base(small_scalar(1)));
}

BOOST_AUTO_TEST_CASE(fixed_tables_of_every_window_match_libsodium) {
  std::vector<Sc> scalars = edge_scalars();
  for (int i = 0; i < kRounds / 20; ++i) scalars.push_back(random_scalar());
  for (unsigned window = 2; window <= 8; ++window) {
    const Enc base = window == 3 ? Enc{} : random_encoding();  // one identity base
    const FixedTable table(decode_valid(base), window);
    for (const Sc& s : scalars) {
      BOOST_TEST_CONTEXT("window " << window) {
        const Enc expected = sodium_mul(s, base);
        BOOST_TEST(encode_point(table.mul_vartime(words_of(s))) == expected);
        BOOST_TEST(encode_point(table.mul_ct(words_of(s))) == expected);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(from_uniform_matches_libsodium) {
  for (int i = 0; i < kRounds; ++i) {
    std::array<unsigned char, 64> uniform;
    randombytes_buf(uniform.data(), uniform.size());
    if (i % 10 == 1) std::memset(uniform.data(), 0xff, 32);       // t >= p in the first half
    if (i % 10 == 2) std::memset(uniform.data() + 32, 0x00, 32);  // t = 0
    Enc expected;
    BOOST_REQUIRE_EQUAL(crypto_core_ristretto255_from_hash(expected.data(), uniform.data()), 0);
    BOOST_TEST(encode_point(from_uniform(uniform.data())) == expected);
  }
}

BOOST_AUTO_TEST_CASE(recodings_reconstruct_the_scalar) {
  std::vector<Sc> scalars = edge_scalars();
  for (int i = 0; i < 100; ++i) scalars.push_back(random_scalar());
  for (const Sc& s : scalars) {
    mpz_class k;
    mpz_import(k.get_mpz_t(), 32, -1, 1, 0, 0, s.data());
    for (unsigned c = 2; c <= 20; ++c) {
      std::vector<std::int32_t> digits(digit_count(c));
      signed_digits(words_of(s), c, digits);
      mpz_class sum = 0;
      for (std::size_t j = digits.size(); j-- > 0;) {
        BOOST_TEST(std::abs(digits[j]) <= (1 << (c - 1)));
        sum = (sum << c) + digits[j];
      }
      BOOST_TEST(sum == k);
    }
    std::int8_t naf[256];
    const std::size_t top = wnaf(words_of(s), kNafWidth, naf);
    mpz_class sum = 0;
    for (std::size_t i = 256; i-- > 0;) sum = (sum << 1) + naf[i];
    BOOST_TEST(sum == k);
    BOOST_TEST((top == 0 || naf[top - 1] > 0));
  }
}

namespace {

// signed_digits(k) summed back up, for every width c; false if one differs.
bool recodes_for_every_width(const ScalarWords& words, const mpz_class& k) {
  for (unsigned c = 2; c <= 20; ++c) {
    std::vector<std::int32_t> digits(digit_count(c));
    signed_digits(words, c, digits);
    mpz_class sum = 0;
    for (std::size_t j = digits.size(); j-- > 0;) sum = (sum << c) + digits[j];
    if (sum != k) return false;
  }
  return true;
}

}  // namespace

// The recodings are correct below 2^253 only, so the words of an exponent
// are refused from 2^253 on (not only from 2^256).
BOOST_AUTO_TEST_CASE(exponent_words_are_refused_from_2_to_the_253) {
  const mpz_class top = (mpz_class(1) << 253) - 1;
  ScalarWords words{};
  BOOST_REQUIRE_NO_THROW(load_scalar_words(top.get_mpz_t(), words));
  BOOST_TEST(recodes_for_every_width(words, top));
  for (const mpz_class& k : {mpz_class(0), mpz_class(1)}) {
    BOOST_REQUIRE_NO_THROW(load_scalar_words(k.get_mpz_t(), words));
    BOOST_TEST(recodes_for_every_width(words, k));
  }
  const mpz_class too_large[] = {mpz_class(1) << 253, (mpz_class(1) << 255) + 1,
                                 (mpz_class(1) << 256) - 1, mpz_class(1) << 256};
  for (const mpz_class& k : too_large) {
    BOOST_TEST_CONTEXT(k.get_str(16)) {
      BOOST_CHECK_EXCEPTION(load_scalar_words(k.get_mpz_t(), words), Error, [](const Error& e) {
        return std::string(e.what()).find("below 2^253 required") != std::string::npos;
      });
    }
  }
  BOOST_CHECK_THROW(load_scalar_words(mpz_class(-1).get_mpz_t(), words), Error);
  // What the old guard (at most four 64-bit words) let through: 2^256 - 1
  // does not recode correctly for every width.
  const mpz_class wide = (mpz_class(1) << 256) - 1;
  ScalarWords all_ones{{~0ULL, ~0ULL, ~0ULL, ~0ULL}};
  BOOST_TEST(!recodes_for_every_width(all_ones, wide));
}

BOOST_AUTO_TEST_CASE(multi_scalar_multiplication_matches_libsodium) {
  for (std::size_t n : {0u, 1u, 2u, 3u, 64u, 1000u, 5000u}) {
    const MultiCase c = make_case(n);
    BOOST_TEST_CONTEXT("n = " << n) {
      BOOST_TEST(encode_point(pippenger(c.points, c.scalars, 1)) == c.expected);
      BOOST_TEST(encode_point(pippenger(c.points, c.scalars, 2)) == c.expected);
      BOOST_TEST(encode_point(multi_mul(c.points, c.scalars, 2)) == c.expected);
      if (!kSanitized || n <= 1000) {  // else the same code again, slowly
        BOOST_TEST(encode_point(straus(c.points, c.scalars)) == c.expected);
        BOOST_TEST(encode_point(pippenger(c.points, c.scalars, 3)) == c.expected);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(multi_scalar_multiplication_edge_terms) {
  // All exponents q-1 on one repeated base; all zero; identity bases only.
  const Enc base = random_encoding();
  const Sc minus_one = minus(small_scalar(1));
  const std::vector<Point> same(300, decode_valid(base));
  const std::vector<ScalarWords> all_minus_one(300, words_of(minus_one));
  const std::vector<ScalarWords> all_zero(300, words_of(small_scalar(0)));
  const Enc expected = sodium_mul(minus(small_scalar(300)), base);
  BOOST_TEST(encode_point(straus(same, all_minus_one)) == expected);
  BOOST_TEST(encode_point(pippenger(same, all_minus_one, 2)) == expected);
  BOOST_TEST(encode_point(straus(same, all_zero)) == Enc{});
  BOOST_TEST(encode_point(pippenger(same, all_zero, 2)) == Enc{});
  const std::vector<Point> identities(300, kIdentity);
  BOOST_TEST(encode_point(pippenger(identities, all_minus_one, 1)) == Enc{});
  BOOST_TEST(encode_point(straus(identities, all_minus_one)) == Enc{});
}

BOOST_AUTO_TEST_CASE(pippenger_window_grows_with_n) {
  unsigned previous = 0;
  for (std::size_t n = 1; n <= (1u << 22); n *= 2) {
    const unsigned c = pippenger_window(n);
    BOOST_TEST(c >= previous);
    BOOST_TEST((c >= 2 && c <= 12));
    previous = c;
  }
}

BOOST_AUTO_TEST_CASE(group_equality_uses_the_rfc_rule) {
  // Element::operator== asks Group::equal: two representations of one
  // element compare equal although their limbs differ.
  const Group& g = ristretto255();
  const ScalarField& f = g.scalars();
  const Element a = g.generator();
  const Element b = g.mul(g.exp_generator(f.from_u64(3)), g.exp_generator(-f.from_u64(2)));
  BOOST_TEST((a.repr() != b.repr()));
  BOOST_TEST((a == b));
  BOOST_TEST(a.encode() == b.encode());
  BOOST_TEST(!(a == g.identity()));
  BOOST_TEST(g.is_identity(g.mul(b, g.inverse(a))));
  // modp keeps one representation per element: the default compares repr().
  const Group& m = modp3072_rfc3526();
  const Element x = m.exp_generator(m.scalars().from_u64(5));
  BOOST_TEST((m.decode(x.encode()) == x));
  BOOST_TEST(!(x == m.generator()));
}

BOOST_AUTO_TEST_CASE(group_multi_exp_on_threads) {
  // 300 terms: the group loads and multiplies on several threads.
  const Group& g = ristretto255();
  const ScalarField& f = g.scalars();
  std::vector<Element> bases;
  std::vector<Scalar> exps;
  Element expected = g.identity();
  for (int i = 0; i < 300; ++i) {
    bases.push_back(i % 3 == 0
                        ? g.decode(g.exp_generator(f.random()).encode())  // keeps its encoding
                        : g.hash_to_element("evote/test/r255", as_bytes(std::to_string(i))));
    exps.push_back(i % 10 == 0 ? f.zero() : f.random());
    expected = g.mul(expected, g.exp(bases.back(), exps.back()));
  }
  BOOST_TEST((g.multi_exp(bases, exps) == expected));
  // A foreign exponent or element is an Error before any thread starts.
  const ScalarField other(f.order(), "other");
  std::vector<Scalar> foreign = exps;
  foreign[200] = other.one();
  BOOST_CHECK_THROW(g.multi_exp(bases, foreign), Error);
  std::vector<Element> mixed = bases;
  mixed[250] = modp3072_rfc3526().generator();
  BOOST_CHECK_THROW(g.multi_exp(mixed, exps), Error);
}

BOOST_AUTO_TEST_SUITE_END()
