// The prime-order groups of Verificatum protocol info files
// (specs/interop.md §2.4), with Verificatum's byte-tree encodings:
//  - EcGroup: ECqPGroup over the named curves P-256, P-384, P-521
//    (OpenSSL). An element is node(leaf x, leaf y), each coordinate
//    big-endian in bitlen(p)/8 + 1 bytes; the identity is x = y = all 0xFF.
//  - ModPGroup: the order-q subgroup of Z_p^* (GMP). An element is one leaf
//    of bitlen(p)/8 + 1 bytes.
// Scalars (Z_q) are leaves of bitlen(q)/8 + 1 bytes, value < q.
// decode() returns only group members: a wrong length, a coordinate >= p, a
// point off the curve or a residue outside the subgroup is a FormatError
// naming `what`. Every operation is variable-time (public data only).
// Groups are immutable and thread-safe after construction.
#pragma once

#include <gmpxx.h>

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "evote/verificatum/byte_tree.hpp"
#include "evote/verificatum/random_oracle.hpp"

struct ec_group_st;
struct ec_point_st;

namespace evote::verificatum {

// A point of an EcGroup (shared, immutable).
struct EcPoint {
  std::shared_ptr<const ec_point_st> point;
};

class EcGroup {
 public:
  using Elem = EcPoint;
  // name: "P-256", "P-384" or "P-521" (FormatError otherwise).
  explicit EcGroup(std::string_view name);
  ~EcGroup();
  EcGroup(const EcGroup&) = delete;
  EcGroup& operator=(const EcGroup&) = delete;

  std::string description() const { return "ECqPGroup(" + name_ + ")"; }
  const mpz_class& order() const { return q_; }
  std::size_t scalar_bytes() const { return q_bytes_; }

  Elem generator() const;
  Elem identity() const;
  Elem mul(const Elem& a, const Elem& b) const;
  Elem inverse(const Elem& a) const;
  Elem exp(const Elem& base, const mpz_class& exponent) const;
  bool equal(const Elem& a, const Elem& b) const;
  // prod bases[i]^exps[i] (OpenSSL's multi-scalar product, in chunks spread
  // over threads).
  Elem multi_exp(std::span<const Elem> bases, std::span<const mpz_class> exps) const;
  // generator()^g_exp * prod bases[i]^exps[i], the same way.
  Elem g_multi_exp(const mpz_class& g_exp, std::span<const Elem> bases,
                   std::span<const mpz_class> exps) const;

  Elem decode(const ByteTree& tree, std::string_view what) const;
  ByteTree encode(const Elem& a) const;
  // Verificatum's randomElementArray: x from the PRG (bitlen(p) + statdist
  // bits, mod p) until f(x) is a non-zero square; y the smaller root. May
  // draw more from prg than the elements use (candidates are tested in
  // batches): give it a PRG of its own. With `encoded`, also their
  // encodings (from the coordinates at hand: no inversion each).
  std::vector<Elem> random_elements(Prg& prg, std::size_t count, std::size_t statdist,
                                    std::vector<ByteTree>* encoded = nullptr) const;

 private:
  std::string name_;
  ec_group_st* group_;
  mpz_class p_, a_, b_, q_;
  std::size_t p_bytes_, q_bytes_;
  Elem make(const mpz_class& x, const mpz_class& y, std::string_view what) const;
  Elem g_multi_exp(const mpz_class* g_exp, std::span<const Elem> bases,
                   std::span<const mpz_class> exps) const;
  Elem multi_exp_chunk(const mpz_class* g_exp, std::span<const Elem> bases,
                       std::span<const mpz_class> exps) const;
};

class ModPGroup {
 public:
  using Elem = mpz_class;
  // p, q prime, q | p - 1, g of order q (FormatError otherwise).
  ModPGroup(mpz_class p, mpz_class q, mpz_class g);

  std::string description() const;
  const mpz_class& order() const { return q_; }
  std::size_t scalar_bytes() const { return q_bytes_; }

  Elem generator() const { return g_; }
  Elem identity() const { return 1; }
  Elem mul(const Elem& a, const Elem& b) const;
  Elem inverse(const Elem& a) const;
  Elem exp(const Elem& base, const mpz_class& exponent) const;
  bool equal(const Elem& a, const Elem& b) const { return a == b; }
  Elem multi_exp(std::span<const Elem> bases, std::span<const mpz_class> exps) const;
  // generator()^g_exp * prod bases[i]^exps[i].
  Elem g_multi_exp(const mpz_class& g_exp, std::span<const Elem> bases,
                   std::span<const mpz_class> exps) const {
    return mul(exp(g_, g_exp), multi_exp(bases, exps));
  }

  Elem decode(const ByteTree& tree, std::string_view what) const;
  ByteTree encode(const Elem& a) const;
  // t from the PRG (bitlen(p) + statdist bits) mod p, raised to (p-1)/q;
  // with `encoded`, also their encodings.
  std::vector<Elem> random_elements(Prg& prg, std::size_t count, std::size_t statdist,
                                    std::vector<ByteTree>* encoded = nullptr) const;

 private:
  mpz_class p_, q_, g_, co_order_;
  std::size_t p_bytes_, q_bytes_;
  bool safe_prime_;
};

using AnyGroup = std::variant<std::unique_ptr<EcGroup>, std::unique_ptr<ModPGroup>>;

// The group of a protocol info <pgroup> string "<label>::<hex marshalled
// byte tree>" (FormatError naming the reason).
AnyGroup parse_group(const std::string& pgroup);
// The marshalled byte tree of a <pgroup> string.
ByteTree group_byte_tree(const std::string& pgroup);

// Z_q scalar leaf: exactly scalar_bytes long, value < q.
mpz_class decode_scalar(const ByteTree& tree, const mpz_class& q, std::size_t bytes,
                        std::string_view what);

}  // namespace evote::verificatum
