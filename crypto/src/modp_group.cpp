// The modp groups on GMP: element arithmetic, encoding and membership, the
// constant-time exponentiation, hash to element. Fixed-base tables and
// multi-exponentiation are in modp_fixed_base.cpp and modp_multi_exp.cpp.
#include "modp_group.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/hash.hpp"

namespace evote::crypto {
namespace {

using modp::Limb;

// Limbs wiped when freed: secret exponents and mpn_sec_powm's scratch space.
class WipedLimbs {
 public:
  explicit WipedLimbs(std::size_t count) : limbs_(count, 0) {}
  ~WipedLimbs() { sodium_memzero(limbs_.data(), limbs_.size() * sizeof(Limb)); }
  WipedLimbs(const WipedLimbs&) = delete;
  WipedLimbs& operator=(const WipedLimbs&) = delete;
  Limb* data() { return limbs_.data(); }

 private:
  std::vector<Limb> limbs_;
};

// A read-only mpz view of an element's value, no copy; `storage` must outlive it.
mpz_srcptr view(const Element& a, mpz_t storage) {
  const auto& repr = a.repr();
  return mpz_roinit_n(storage, repr.data(), static_cast<mp_size_t>(repr.size()));
}

std::size_t bit_length(const mpz_class& x) { return mpz_sizeinbase(x.get_mpz_t(), 2); }

}  // namespace

ModpGroup::ModpGroup(std::string name, const mpz_class& p, const mpz_class& q, const mpz_class& g)
    : name_(std::move(name)), p_(p), g_(g), scalars_(q, name_) {
  if (p_ <= 3 || mpz_even_p(p_.get_mpz_t()))
    throw Error(name_ + ": modulus p must be an odd prime");
  if (q < 3 || q >= p_) throw Error(name_ + ": order q must be an odd prime below p");
  const mpz_class p_minus_1 = p_ - 1;
  if (!mpz_divisible_p(p_minus_1.get_mpz_t(), q.get_mpz_t()))
    throw Error(name_ + ": order q does not divide p - 1");
  cofactor_ = p_minus_1 / q;
  safe_prime_ = cofactor_ == 2;
  if (g_ <= 1 || g_ >= p_) throw Error(name_ + ": generator g must satisfy 1 < g < p");
  mpz_class g_to_q;
  mpz_powm(g_to_q.get_mpz_t(), g_.get_mpz_t(), q.get_mpz_t(), p_.get_mpz_t());
  if (g_to_q != 1) throw Error(name_ + ": generator g does not have order q");

  limb_count_ = mpz_size(p_.get_mpz_t());
  element_bytes_ = (bit_length(p_) + 7) / 8;
  secret_exponent_bits_ = bit_length(q) + 1;
  q_padded_.assign((secret_exponent_bits_ + modp::limb_bits - 1) / modp::limb_bits, 0);
  std::copy_n(mpz_limbs_read(q.get_mpz_t()), mpz_size(q.get_mpz_t()), q_padded_.begin());
}

Element ModpGroup::generator() const { return element_from_mpz(g_.get_mpz_t()); }

Element ModpGroup::identity() const { return Element(*this, {1}); }

Element ModpGroup::mul(const Element& a, const Element& b) const {
  check_mine(a);
  check_mine(b);
  mpz_t av, bv;
  mpz_class r;
  mpz_mul(r.get_mpz_t(), view(a, av), view(b, bv));
  mpz_mod(r.get_mpz_t(), r.get_mpz_t(), p_.get_mpz_t());
  return element_from_mpz(r.get_mpz_t());
}

Element ModpGroup::inverse(const Element& a) const {
  check_mine(a);
  mpz_t av;
  mpz_class r;
  // Always invertible: 0 < a < p and p is prime.
  mpz_invert(r.get_mpz_t(), view(a, av), p_.get_mpz_t());
  return element_from_mpz(r.get_mpz_t());
}

Element ModpGroup::exp(const Element& base, const Scalar& e) const {
  check_mine(base);
  check_scalar(e, "exp");
  return exp_secret(base, e);
}

Element ModpGroup::exp_vartime(const Element& base, const Scalar& e) const {
  check_mine(base);
  check_scalar(e, "exp_vartime");
  mpz_t bv;
  mpz_class r;
  mpz_powm(r.get_mpz_t(), view(base, bv), e.value().get_mpz_t(), p_.get_mpz_t());
  return element_from_mpz(r.get_mpz_t());
}

Element ModpGroup::exp_generator(const Scalar& e) const {
  check_scalar(e, "exp_generator");
  return exp_secret(generator(), e);
}

Element ModpGroup::exp_secret(const Element& base, const Scalar& e) const {
  // mpn_sec_powm's running time depends on the exponent's bit budget `enb`,
  // not on its value, but it needs 0 < E < 2^enb. Raise to E = e + q instead
  // of e: the same power (base has order q), q <= E < 2q for every e, so one
  // fixed budget bits(q) + 1 fits all. (Copying e's limbs depends on e's limb
  // count, which is below full width with probability ~2^-64.)
  const std::size_t exponent_limbs = q_padded_.size();
  const mpz_srcptr ev = e.value().get_mpz_t();
  WipedLimbs exponent(exponent_limbs);
  std::copy_n(mpz_limbs_read(ev), mpz_size(ev), exponent.data());
  mpn_add_n(exponent.data(), exponent.data(), q_padded_.data(),
            static_cast<mp_size_t>(exponent_limbs));

  const auto& b = base.repr();
  const auto bn = static_cast<mp_size_t>(b.size());
  const auto n = static_cast<mp_size_t>(limb_count_);
  WipedLimbs scratch(static_cast<std::size_t>(mpn_sec_powm_itch(bn, secret_exponent_bits_, n)));
  WipedLimbs result(limb_count_);
  mpn_sec_powm(result.data(), b.data(), bn, exponent.data(), secret_exponent_bits_, modulus_limbs(),
               n, scratch.data());
  return element_from_limbs(result.data(), limb_count_);
}

std::shared_ptr<const FixedBase> ModpGroup::precompute(const Element& base) const {
  check_mine(base);
  mpz_t bv;
  if (mpz_cmp(view(base, bv), g_.get_mpz_t()) == 0) return generator_table();
  return modp::make_fixed_base(*this, base, modp::base_window);
}

const std::shared_ptr<const FixedBase>& ModpGroup::generator_table() const {
  std::call_once(generator_table_once_, [this] {
    generator_table_ = modp::make_fixed_base(*this, generator(), modp::generator_window);
  });
  return generator_table_;
}

Element ModpGroup::multi_exp(std::span<const Element> bases, std::span<const Scalar> exps) const {
  if (bases.size() != exps.size())
    throw Error(name_ + ": multi_exp: " + std::to_string(bases.size()) + " bases but " +
                std::to_string(exps.size()) + " exponents");
  for (const Element& base : bases) check_mine(base);
  for (const Scalar& e : exps) check_scalar(e, "multi_exp");
  if (bases.empty()) return identity();
  if (bases.size() == 1) return exp_vartime(bases[0], exps[0]);
  return modp::multi_exp(*this, bases, exps);
}

// Hash to element, modp groups (specs/crypto.md, "Hash to element"):
//   for counter = 0, 1, 2, ...:
//     m = msg                      if counter = 0
//       = msg || be32(counter)     otherwise
//     x = int(xof(tag, m, L + 16)) mod p     (big-endian; L = element_bytes)
//     h = x^((p - 1) / q) mod p
//     return h unless h = 0 or h = 1
// Raising to the cofactor (p - 1)/q lands in the order-q subgroup; the 16
// extra bytes make x statistically close to uniform mod p. h = 0 or 1 only
// happens for x = 0 or x in the cofactor-order subgroup: never in practice.
Element ModpGroup::hash_to_element(std::string_view tag, BytesView msg) const {
  for (std::uint32_t counter = 0; counter < std::numeric_limits<std::uint32_t>::max(); ++counter) {
    Bytes input(msg.begin(), msg.end());
    if (counter != 0) append_be32(input, counter);
    const Bytes wide = xof(tag, input, element_bytes_ + 16);
    mpz_class x;
    mpz_import(x.get_mpz_t(), wide.size(), 1, 1, 0, 0, wide.data());
    mpz_mod(x.get_mpz_t(), x.get_mpz_t(), p_.get_mpz_t());
    mpz_powm(x.get_mpz_t(), x.get_mpz_t(), cofactor_.get_mpz_t(), p_.get_mpz_t());
    if (x > 1) return element_from_mpz(x.get_mpz_t());
  }
  throw Error(name_ + ": hash_to_element: no element found");  // unreachable
}

Bytes ModpGroup::encode(const Element& a) const {
  check_mine(a);
  const auto& limbs = a.repr();
  Bytes out(element_bytes_, 0);
  const std::size_t significant = std::min(element_bytes_, limbs.size() * sizeof(Limb));
  for (std::size_t i = 0; i < significant; ++i)
    out[element_bytes_ - 1 - i] =
        static_cast<std::uint8_t>(limbs[i / sizeof(Limb)] >> (8 * (i % sizeof(Limb))));
  return out;
}

Element ModpGroup::decode(BytesView bytes) const {
  if (bytes.size() != element_bytes_)
    decode_error("wrong length (" + std::to_string(bytes.size()) + " bytes, expected " +
                 std::to_string(element_bytes_) + ")");
  std::vector<std::uint64_t> limbs((bytes.size() + sizeof(Limb) - 1) / sizeof(Limb), 0);
  for (std::size_t i = 0; i < bytes.size(); ++i)
    limbs[i / sizeof(Limb)] |= Limb{bytes[bytes.size() - 1 - i]} << (8 * (i % sizeof(Limb)));
  while (!limbs.empty() && limbs.back() == 0) limbs.pop_back();

  mpz_t xv;
  const mpz_srcptr x = mpz_roinit_n(xv, limbs.data(), static_cast<mp_size_t>(limbs.size()));
  if (mpz_cmp(x, p_.get_mpz_t()) >= 0) decode_error("not canonical (value >= p)");
  if (limbs.empty()) decode_error("zero is not a group element");
  if (!is_member(x)) decode_error("not in the order-q subgroup");
  return Element(*this, std::move(limbs));
}

void ModpGroup::decode_error(const std::string& reason) const {
  throw DecodeError(name_ + " element: " + reason);
}

bool ModpGroup::is_member(mpz_srcptr x) const {
  // For p = 2q + 1 the order-q subgroup is the quadratic residues: Euler's
  // criterion x^q = 1 is the Legendre symbol, far cheaper as a Jacobi symbol.
  if (safe_prime_) return mpz_jacobi(x, p_.get_mpz_t()) == 1;
  mpz_class t;
  mpz_powm(t.get_mpz_t(), x, order().get_mpz_t(), p_.get_mpz_t());
  return t == 1;
}

void ModpGroup::check_scalar(const Scalar& e, std::string_view op) const {
  if (&e.field() != &scalars_)
    throw Error(name_ + ": " + std::string(op) + ": the exponent is a scalar of " +
                e.field().name() + ", not of this group");
}

Element ModpGroup::element_from_limbs(const modp::Limb* limbs, std::size_t n) const {
  while (n > 0 && limbs[n - 1] == 0) --n;
  return Element(*this, std::vector<std::uint64_t>(limbs, limbs + n));
}

Element ModpGroup::element_from_mpz(mpz_srcptr x) const {
  return element_from_limbs(mpz_limbs_read(x), mpz_size(x));
}

void ModpGroup::load_padded(const Element& a, modp::Limb* out) const {
  const auto& repr = a.repr();
  std::copy(repr.begin(), repr.end(), out);
  std::fill(out + repr.size(), out + limb_count_, Limb{0});
}

}  // namespace evote::crypto
