// The modp groups: the order-q subgroup of Z_p^*, p prime, q prime, q | p - 1,
// on GMP. Named parameter sets live in modp_params.cpp (groups.hpp).
//
// Elements are residues 0 < x < p with x^q = 1 (for a safe prime p = 2q + 1:
// the quadratic residues). Encoding: big-endian, exactly ceil(bits(p)/8)
// bytes. Internal form (Element::repr): GMP limbs, least significant first,
// no leading zero limb.
//
// Thread-safe: the object is immutable after construction except for the
// generator's fixed-base table, built once on first use (std::call_once).
#pragma once

#include <gmpxx.h>

#include <cstddef>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/group.hpp"
#include "evote/crypto/scalar.hpp"
#include "modp_arith.hpp"

namespace evote::crypto {

class ModpGroup final : public Group {
 public:
  // p an odd prime, q a prime dividing p - 1, g an element of order q. Checks
  // only what is cheap (q | p - 1, 1 < g < p, g^q = 1) and throws Error
  // otherwise; primality is the parameter tests' job.
  ModpGroup(std::string name, const mpz_class& p, const mpz_class& q, const mpz_class& g);

  std::string_view name() const override { return name_; }
  const ScalarField& scalars() const override { return scalars_; }
  std::size_t element_bytes() const override { return element_bytes_; }

  Element generator() const override;
  Element identity() const override;
  Element mul(const Element& a, const Element& b) const override;
  // Not constant-time (mpz_invert); inverted values are public in evote.
  Element inverse(const Element& a) const override;

  Element exp(const Element& base, const Scalar& e) const override;
  Element exp_vartime(const Element& base, const Scalar& e) const override;
  Element exp_generator(const Scalar& e) const override;
  std::shared_ptr<const FixedBase> precompute(const Element& base) const override;
  Element multi_exp(std::span<const Element> bases, std::span<const Scalar> exps) const override;

  Element hash_to_element(std::string_view tag, BytesView msg) const override;

  Bytes encode(const Element& a) const override;
  Element decode(BytesView bytes) const override;

  // The parameters, for tests and the modp sources.
  const mpz_class& modulus() const { return p_; }
  const mpz_class& order() const { return scalars_.order(); }
  const mpz_class& cofactor() const { return cofactor_; }  // (p - 1) / q
  bool safe_prime() const { return safe_prime_; }

  // For the modp sources (modp_multi_exp.cpp).
  std::size_t limb_count() const { return limb_count_; }  // limbs of p
  const modp::Limb* modulus_limbs() const { return mpz_limbs_read(p_.get_mpz_t()); }
  modp::ModMul mod_mul() const { return modp::ModMul(modulus_limbs(), limb_count_); }
  // Throws Error unless e is a scalar of this group's field; `op` names the caller.
  void check_scalar(const Scalar& e, std::string_view op) const;
  // The element with value {limbs, n}, 0 < value < p, already known to be a member.
  Element element_from_limbs(const modp::Limb* limbs, std::size_t n) const;
  // a's value zero-padded to limb_count() limbs.
  void load_padded(const Element& a, modp::Limb* out) const;

 private:
  bool is_member(mpz_srcptr x) const;  // for 0 < x < p
  Element element_from_mpz(mpz_srcptr x) const;
  // base^e for a secret e, time independent of e's value (mpn_sec_powm).
  Element exp_secret(const Element& base, const Scalar& e) const;
  [[noreturn]] void decode_error(const std::string& reason) const;
  const std::shared_ptr<const FixedBase>& generator_table() const;

  std::string name_;
  mpz_class p_;
  mpz_class cofactor_;
  mpz_class g_;
  ScalarField scalars_;
  bool safe_prime_;
  std::size_t limb_count_;
  std::size_t element_bytes_;
  // q zero-padded to the limb count of 2q (exp_secret adds it to exponents).
  std::vector<modp::Limb> q_padded_;
  std::size_t secret_exponent_bits_;  // bits(2q - 1) = bits(q) + 1

  mutable std::once_flag generator_table_once_;
  mutable std::shared_ptr<const FixedBase> generator_table_;
};

namespace modp {

// Window width of the generator's table: ~bits(q)/8 multiplications per exp;
// 37 MB for modp3072-rfc3526, 4 MB for modp4096-eg.
inline constexpr unsigned generator_window = 8;
// Window width of other bases' tables: a third of the generator table's build
// cost (~bits(q)/6 * 63 multiplications), 12 MB for modp3072-rfc3526, 1.4 MB
// for modp4096-eg; ~bits(q)/6 multiplications per exp.
inline constexpr unsigned base_window = 6;

// A table of base^(d * 2^(window * i)) for every window i and digit d.
std::shared_ptr<const FixedBase> make_fixed_base(const ModpGroup& group, const Element& base,
                                                 unsigned window);

// prod bases[i]^exps[i]; arguments already checked (same size, this group's
// elements and scalars). Straus or Pippenger, whichever costs fewer
// multiplications.
Element multi_exp(const ModpGroup& group, std::span<const Element> bases,
                  std::span<const Scalar> exps);

// The two methods with a given window width (Straus: 1..7, Pippenger:
// 1..14); multi_exp picks one. Exposed for the tests.
Element multi_exp_straus(const ModpGroup& group, std::span<const Element> bases,
                         std::span<const Scalar> exps, unsigned w);
Element multi_exp_pippenger(const ModpGroup& group, std::span<const Element> bases,
                            std::span<const Scalar> exps, unsigned c);

}  // namespace modp
}  // namespace evote::crypto
