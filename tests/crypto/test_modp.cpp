// The modp groups (GMP): both parameter sets checked from first principles
// (primality, q | p - 1, the order of g, RFC 3526's formula for p, the
// ElectionGuard p's structure), strict decoding with its reasons, and
// agreement of every exponentiation path with each other and with GMP.
#include <gmpxx.h>

#include <boost/test/unit_test.hpp>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "../../crypto/src/modp_group.hpp"  // the parameters and both multi-exp methods
#include "evote/crypto/bytes.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/hash.hpp"

using namespace evote::crypto;

namespace {

constexpr int kPrimalityRounds = 30;

const ModpGroup& rfc3526() { return dynamic_cast<const ModpGroup&>(modp3072_rfc3526()); }
const ModpGroup& eg() { return dynamic_cast<const ModpGroup&>(modp4096_eg()); }
std::vector<const ModpGroup*> both_groups() { return {&rfc3526(), &eg()}; }

mpz_class pow2(unsigned long bits) {
  mpz_class r;
  mpz_ui_pow_ui(r.get_mpz_t(), 2, bits);
  return r;
}

mpz_class powm(const mpz_class& base, const mpz_class& e, const mpz_class& m) {
  mpz_class r;
  mpz_powm(r.get_mpz_t(), base.get_mpz_t(), e.get_mpz_t(), m.get_mpz_t());
  return r;
}

bool is_prime(const mpz_class& x) {
  return mpz_probab_prime_p(x.get_mpz_t(), kPrimalityRounds) > 0;
}

// atan(1/x) * 2^bits, each series term truncated.
mpz_class atan_inverse_fixed(unsigned long x, unsigned long bits) {
  mpz_class power = pow2(bits) / x;  // 2^bits / x^(2k+1)
  mpz_class sum = 0;
  for (unsigned long k = 0; power != 0; ++k) {
    const mpz_class term = power / (2 * k + 1);
    if (k % 2 == 0)
      sum += term;
    else
      sum -= term;
    power /= x * x;
  }
  return sum;
}

// floor(pi * 2^bits), by Machin's formula with 64 guard bits.
mpz_class pi_fixed(unsigned long bits) {
  const unsigned long work = bits + 64;
  const mpz_class pi = 16 * atan_inverse_fixed(5, work) - 4 * atan_inverse_fixed(239, work);
  return pi >> 64;
}

// floor(ln 2 * 2^bits), from ln 2 = sum_{k>=1} 1/(k 2^k), with 64 guard bits.
mpz_class ln2_fixed(unsigned long bits) {
  const unsigned long work = bits + 64;
  mpz_class sum = 0;
  for (unsigned long k = 1; k <= work; ++k) sum += pow2(work - k) / k;
  return sum >> 64;
}

mpz_class value_of(const Element& a) {
  const Bytes bytes = a.encode();
  mpz_class x;
  mpz_import(x.get_mpz_t(), bytes.size(), 1, 1, 0, 0, bytes.data());
  return x;
}

// x as `length` big-endian bytes (x < 256^length).
Bytes bytes_of(const mpz_class& x, std::size_t length) {
  Bytes out(length, 0);
  const std::size_t used = (mpz_sizeinbase(x.get_mpz_t(), 2) + 7) / 8;
  if (x != 0) mpz_export(out.data() + length - used, nullptr, 1, 1, 0, 0, x.get_mpz_t());
  return out;
}

auto decode_error_says(const Group& group, std::string reason) {
  return [name = std::string(group.name()), reason](const DecodeError& e) {
    const std::string what = e.what();
    return what.find(name) != std::string::npos && what.find(reason) != std::string::npos;
  };
}

// n random elements g^k_i with their logs k_i, cheaply (generator table).
struct KnownLogs {
  std::vector<Element> elements;
  std::vector<Scalar> logs;
};

KnownLogs random_elements_with_logs(const ModpGroup& group, std::size_t n) {
  const auto table = group.precompute(group.generator());
  KnownLogs out;
  for (std::size_t i = 0; i < n; ++i) {
    out.logs.push_back(group.scalars().random());
    out.elements.push_back(table->exp(out.logs.back()));
  }
  return out;
}

std::vector<Element> random_elements(const ModpGroup& group, std::size_t n) {
  return random_elements_with_logs(group, n).elements;
}

// Random exponents with zeros, one and q - 1 mixed in.
std::vector<Scalar> test_exponents(const ModpGroup& group, std::size_t n) {
  const ScalarField& f = group.scalars();
  std::vector<Scalar> out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i % 5 == 1)
      out.push_back(f.zero());
    else if (i == 2)
      out.push_back(f.one());
    else if (i == 3)
      out.push_back(-f.one());
    else
      out.push_back(f.random());
  }
  return out;
}

// prod b_i^e_i the slow way, one exp_vartime per term.
Element product_of_powers(const ModpGroup& group, const std::vector<Element>& bases,
                          const std::vector<Scalar>& exps) {
  Element acc = group.identity();
  for (std::size_t i = 0; i < bases.size(); ++i)
    acc = group.mul(acc, group.exp_vartime(bases[i], exps[i]));
  return acc;
}

// prod (g^k_i)^e_i = g^(sum k_i e_i): one exponentiation, for large n.
Element product_by_logs(const ModpGroup& group, const std::vector<Scalar>& logs,
                        const std::vector<Scalar>& exps) {
  Scalar sum = group.scalars().zero();
  for (std::size_t i = 0; i < logs.size(); ++i) sum += logs[i] * exps[i];
  return group.exp_vartime(group.generator(), sum);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(modp_groups)

BOOST_AUTO_TEST_CASE(rfc3526_parameters) {
  const ModpGroup& g = rfc3526();
  const mpz_class& p = g.modulus();
  const mpz_class& q = g.order();
  BOOST_TEST(g.name() == "modp3072-rfc3526");
  // RFC 3526 section 4: p = 2^3072 - 2^3008 - 1 + 2^64 * ([2^2942 pi] + 1690314).
  const mpz_class rfc_p = pow2(3072) - pow2(3008) - 1 + pow2(64) * (pi_fixed(2942) + 1690314);
  BOOST_TEST((p == rfc_p));
  BOOST_TEST(mpz_sizeinbase(p.get_mpz_t(), 2) == 3072u);
  BOOST_TEST(g.element_bytes() == 384u);
  BOOST_TEST((q == (p - 1) / 2));
  BOOST_TEST(g.safe_prime());
  BOOST_TEST(mpz_sizeinbase(q.get_mpz_t(), 2) == 3071u);
  BOOST_TEST(is_prime(p));
  BOOST_TEST(is_prime(q));
  BOOST_TEST((value_of(g.generator()) == 2));
  BOOST_TEST((powm(2, q, p) == 1));
}

BOOST_AUTO_TEST_CASE(eg_parameters) {
  const ModpGroup& g = eg();
  const mpz_class& p = g.modulus();
  const mpz_class& q = g.order();
  const mpz_class gen = value_of(g.generator());
  BOOST_TEST(g.name() == "modp4096-eg");
  BOOST_TEST((q == pow2(256) - 189));
  BOOST_TEST(mpz_sizeinbase(p.get_mpz_t(), 2) == 4096u);
  BOOST_TEST(g.element_bytes() == 512u);
  BOOST_TEST(!g.safe_prime());
  BOOST_TEST(is_prime(p));
  BOOST_TEST(is_prime(q));
  BOOST_TEST(mpz_divisible_p(mpz_class(p - 1).get_mpz_t(), q.get_mpz_t()) != 0);
  const mpz_class r = (p - 1) / q;
  BOOST_TEST((g.cofactor() == r));
  BOOST_TEST(mpz_divisible_p(r.get_mpz_t(), q.get_mpz_t()) == 0);  // one order-q subgroup
  BOOST_TEST((gen != 1));
  BOOST_TEST((powm(gen, q, p) == 1));
  BOOST_TEST((gen == powm(2, r, p)));  // the specification's g = 2^r mod p
  // Structure: 256 leading ones, 256 trailing ones, and the next 3328 bits
  // after the leading ones are those of ln 2 plus a small search offset.
  BOOST_TEST((p >> 3840 == pow2(256) - 1));
  BOOST_TEST((p % pow2(256) == pow2(256) - 1));
  const mpz_class middle = (p >> 512) % pow2(3328);
  const mpz_class offset = middle - ln2_fixed(3328);
  BOOST_TEST((offset >= 0 && offset < pow2(32)));
}

BOOST_AUTO_TEST_CASE(encode_decode_round_trip) {
  for (const ModpGroup* gp : both_groups()) {
    const ModpGroup& g = *gp;
    BOOST_TEST_CONTEXT(g.name()) {
      std::vector<Element> elements = random_elements(g, 4);
      elements.push_back(g.identity());
      elements.push_back(g.generator());
      elements.push_back(g.inverse(g.generator()));
      for (const Element& a : elements) {
        const Bytes enc = g.encode(a);
        BOOST_TEST(enc.size() == g.element_bytes());
        BOOST_TEST((g.decode(enc) == a));
        BOOST_TEST((a.encode() == enc));
      }
      Bytes one(g.element_bytes(), 0);
      one.back() = 1;
      BOOST_TEST((g.decode(one) == g.identity()));
    }
  }
}

BOOST_AUTO_TEST_CASE(decode_rejects_with_reason) {
  for (const ModpGroup* gp : both_groups()) {
    const ModpGroup& g = *gp;
    BOOST_TEST_CONTEXT(g.name()) {
      const std::size_t len = g.element_bytes();
      const mpz_class& p = g.modulus();
      const Bytes good = g.encode(g.generator());
      const std::string expected = " bytes, expected " + std::to_string(len) + ")";

      const Bytes short_enc(good.begin() + 1, good.end());
      BOOST_CHECK_EXCEPTION(
          g.decode(short_enc), DecodeError,
          decode_error_says(g, "wrong length (" + std::to_string(len - 1) + expected));
      Bytes long_enc = good;
      long_enc.insert(long_enc.begin(), 0);
      BOOST_CHECK_EXCEPTION(
          g.decode(long_enc), DecodeError,
          decode_error_says(g, "wrong length (" + std::to_string(len + 1) + expected));
      BOOST_CHECK_EXCEPTION(g.decode(Bytes{}), DecodeError,
                            decode_error_says(g, "wrong length (0" + expected));

      const std::string noncanonical = "not canonical (value >= p)";
      BOOST_CHECK_EXCEPTION(g.decode(bytes_of(p, len)), DecodeError,
                            decode_error_says(g, noncanonical));
      BOOST_CHECK_EXCEPTION(g.decode(bytes_of(p + 1, len)), DecodeError,
                            decode_error_says(g, noncanonical));
      BOOST_CHECK_EXCEPTION(g.decode(Bytes(len, 0xff)), DecodeError,
                            decode_error_says(g, noncanonical));
      BOOST_CHECK_EXCEPTION(g.decode(Bytes(len, 0)), DecodeError,
                            decode_error_says(g, "zero is not a group element"));

      // Non-members: p - 1 (of order 2: a non-residue for the safe prime,
      // outside the odd-order subgroup for EG), the smallest integer x > 1
      // with x^q != 1 as GMP computes it, and x times the generator.
      const std::string outside = "not in the order-q subgroup";
      BOOST_CHECK_EXCEPTION(g.decode(bytes_of(p - 1, len)), DecodeError,
                            decode_error_says(g, outside));
      mpz_class x = 2;
      while (powm(x, g.order(), p) == 1) ++x;
      BOOST_CHECK_EXCEPTION(g.decode(bytes_of(x, len)), DecodeError, decode_error_says(g, outside));
      const mpz_class xg = value_of(g.generator()) * x % p;
      BOOST_CHECK_EXCEPTION(g.decode(bytes_of(xg, len)), DecodeError,
                            decode_error_says(g, outside));
    }
  }
}

BOOST_AUTO_TEST_CASE(group_laws) {
  for (const ModpGroup* gp : both_groups()) {
    const ModpGroup& g = *gp;
    BOOST_TEST_CONTEXT(g.name()) {
      const std::vector<Element> e = random_elements(g, 3);
      const Element& a = e[0];
      const Element& b = e[1];
      const Element& c = e[2];
      const Element one = g.identity();
      BOOST_TEST((g.mul(a, one) == a));
      BOOST_TEST((g.mul(one, a) == a));
      BOOST_TEST((g.mul(a, b) == g.mul(b, a)));
      BOOST_TEST((g.mul(g.mul(a, b), c) == g.mul(a, g.mul(b, c))));
      BOOST_TEST((g.mul(a, g.inverse(a)) == one));
      BOOST_TEST((g.inverse(one) == one));
      BOOST_TEST((g.div(g.mul(a, b), b) == a));
      BOOST_TEST(g.is_identity(one));
      BOOST_TEST(!g.is_identity(a));
      BOOST_TEST((value_of(g.mul(a, b)) == value_of(a) * value_of(b) % g.modulus()));

      const ScalarField& f = g.scalars();
      const Scalar x = f.random();
      const Scalar y = f.random();
      BOOST_TEST((g.exp_vartime(a, x + y) == g.mul(g.exp_vartime(a, x), g.exp_vartime(a, y))));
      BOOST_TEST((g.exp_vartime(g.exp_vartime(a, x), y) == g.exp_vartime(a, x * y)));
      BOOST_TEST((g.exp_vartime(a, -x) == g.inverse(g.exp_vartime(a, x))));
      BOOST_TEST((g.exp_vartime(a, f.zero()) == one));
      BOOST_TEST((g.exp_vartime(one, x) == one));
    }
  }
}

BOOST_AUTO_TEST_CASE(exponentiation_paths_agree) {
  for (const ModpGroup* gp : both_groups()) {
    const ModpGroup& g = *gp;
    BOOST_TEST_CONTEXT(g.name()) {
      const ScalarField& f = g.scalars();
      const Element base = random_elements(g, 1)[0];
      const auto base_table = g.precompute(base);
      const auto gen_table = g.precompute(g.generator());
      BOOST_TEST((base_table->base() == base));
      BOOST_TEST((gen_table->base() == g.generator()));
      for (const Scalar& e : {f.zero(), f.one(), -f.one(), f.random()}) {
        const mpz_class reference = powm(value_of(base), e.value(), g.modulus());
        const Element r = g.exp(base, e);
        BOOST_TEST((value_of(r) == reference));
        BOOST_TEST((g.exp_vartime(base, e) == r));
        BOOST_TEST((base_table->exp(e) == r));
        const Element rg = g.exp_generator(e);
        BOOST_TEST((value_of(rg) == powm(value_of(g.generator()), e.value(), g.modulus())));
        BOOST_TEST((g.exp(g.generator(), e) == rg));
        BOOST_TEST((g.exp_vartime(g.generator(), e) == rg));
        BOOST_TEST((gen_table->exp(e) == rg));
      }
      BOOST_TEST((g.exp(g.identity(), f.random()) == g.identity()));
    }
  }
}

BOOST_AUTO_TEST_CASE(generator_table_is_built_once) {
  const ModpGroup& g = eg();
  std::vector<std::shared_ptr<const FixedBase>> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i)
    threads.emplace_back([&, i] { seen[i] = g.precompute(g.generator()); });
  for (auto& t : threads) t.join();
  for (const auto& table : seen) BOOST_TEST(table.get() == seen[0].get());
  BOOST_TEST(g.precompute(g.generator()).get() == seen[0].get());
}

BOOST_AUTO_TEST_CASE(multi_exp_matches_product_of_powers) {
  for (const ModpGroup* gp : both_groups()) {
    const ModpGroup& g = *gp;
    // modp4096-eg switches to Pippenger from n ~ 400 on (modp3072 only for n in the thousands).
    const std::size_t largest = g.safe_prime() ? 100 : 400;
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{17},
                          std::size_t{100}, largest}) {
      BOOST_TEST_CONTEXT(g.name() << ", n = " << n) {
        KnownLogs known = random_elements_with_logs(g, n);
        if (n > 2) {
          known.elements[2] = g.identity();
          known.logs[2] = g.scalars().zero();
        }
        const std::vector<Scalar> exps = test_exponents(g, n);
        const Element result = g.multi_exp(known.elements, exps);
        BOOST_TEST((result == product_by_logs(g, known.logs, exps)));
        if (n <= 17) BOOST_TEST((result == product_of_powers(g, known.elements, exps)));
      }
    }
    BOOST_TEST_CONTEXT(g.name() << ", all exponents zero") {
      const std::vector<Element> bases = random_elements(g, 3);
      const std::vector<Scalar> zeros(3, g.scalars().zero());
      BOOST_TEST((g.multi_exp(bases, zeros) == g.identity()));
    }
  }
}

BOOST_AUTO_TEST_CASE(straus_and_pippenger_agree_for_several_windows) {
  for (const ModpGroup* gp : both_groups()) {
    const ModpGroup& g = *gp;
    BOOST_TEST_CONTEXT(g.name()) {
      const std::size_t n = 9;
      const KnownLogs known = random_elements_with_logs(g, n);
      const std::vector<Scalar> exps = test_exponents(g, n);
      const Element expected = product_by_logs(g, known.logs, exps);
      for (unsigned w : {1u, 2u, 5u, 7u})
        BOOST_TEST((modp::multi_exp_straus(g, known.elements, exps, w) == expected),
                   "Straus w = " << w);
      // Small n makes wide Pippenger windows slow (2^(c+1) per window): keep c small.
      for (unsigned c : {2u, 5u})
        BOOST_TEST((modp::multi_exp_pippenger(g, known.elements, exps, c) == expected),
                   "Pippenger c = " << c);
    }
  }
}

BOOST_AUTO_TEST_CASE(hash_to_element_is_deterministic_and_separated) {
  for (const ModpGroup* gp : both_groups()) {
    const ModpGroup& g = *gp;
    BOOST_TEST_CONTEXT(g.name()) {
      const Bytes msg(as_bytes("seed-1").begin(), as_bytes("seed-1").end());
      const Bytes other(as_bytes("seed-2").begin(), as_bytes("seed-2").end());
      const Element h = g.hash_to_element("evote/test/h", msg);
      BOOST_TEST((g.hash_to_element("evote/test/h", msg) == h));
      BOOST_TEST(!(g.hash_to_element("evote/test/other", msg) == h));
      BOOST_TEST(!(g.hash_to_element("evote/test/h", other) == h));
      BOOST_TEST(!g.is_identity(h));
      BOOST_TEST((powm(value_of(h), g.order(), g.modulus()) == 1));
      BOOST_TEST((g.decode(g.encode(h)) == h));
      // The rule: int(xof(tag, msg, len + 16)) mod p, raised to the cofactor.
      const Bytes wide = xof("evote/test/h", msg, g.element_bytes() + 16);
      mpz_class x;
      mpz_import(x.get_mpz_t(), wide.size(), 1, 1, 0, 0, wide.data());
      BOOST_TEST((value_of(h) == powm(x % g.modulus(), g.cofactor(), g.modulus())));
    }
  }
}

BOOST_AUTO_TEST_CASE(mixing_groups_and_sizes_is_an_error) {
  const ModpGroup& a = rfc3526();
  const ModpGroup& b = eg();
  BOOST_CHECK_THROW(a.mul(a.generator(), b.generator()), Error);
  BOOST_CHECK_THROW(a.exp(a.generator(), b.scalars().one()), Error);
  BOOST_CHECK_THROW(a.exp_vartime(a.generator(), b.scalars().one()), Error);
  BOOST_CHECK_THROW(a.exp_generator(b.scalars().one()), Error);
  BOOST_CHECK_THROW(a.precompute(b.generator()), Error);
  BOOST_CHECK_THROW(b.precompute(b.generator())->exp(a.scalars().one()), Error);
  BOOST_CHECK_THROW(a.encode(b.generator()), Error);
  const std::vector<Element> bases{a.generator(), a.generator()};
  const std::vector<Scalar> one_exp{a.scalars().one()};
  BOOST_CHECK_THROW(a.multi_exp(bases, one_exp), Error);
  const std::vector<Scalar> foreign{b.scalars().one(), b.scalars().one()};
  BOOST_CHECK_THROW(a.multi_exp(bases, foreign), Error);
}

BOOST_AUTO_TEST_SUITE_END()
