// Prime-order groups behind one interface.
//
// A Group is an immutable singleton (see groups.hpp); it is thread-safe.
// An Element is a value of one group, held in that group's internal form;
// mixing elements of two groups throws Error. The group is written
// multiplicatively everywhere (mul, exp), also for ristretto255.
//
// Guarantees every implementation keeps:
//  - decode() accepts exactly the canonical encodings of group members and
//    throws DecodeError naming the reason otherwise (wrong length,
//    non-canonical, not in the group). An element never exists outside the
//    group.
//  - exp() and exp_generator() take time independent of the exponent's
//    value (for secret exponents). exp_vartime(), multi_exp() and
//    FixedBase::exp() are variable-time: use them with public exponents or
//    on offline machines (mix servers, tally) only.
//  - hash_to_element() gives elements whose discrete logarithms nobody knows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/scalar.hpp"

namespace evote::crypto {

class Group;

class Element {
 public:
  const Group& group() const { return *group_; }
  bool operator==(const Element& other) const;
  Bytes encode() const;

  // For group implementations only: the internal representation.
  // modp: the value's GMP limbs, least significant first, no leading zero limb.
  // ristretto255: extended Edwards coordinates (X:Y:Z:T), five radix-2^51
  // limbs each, then for decoded elements the encoding as four words. Not
  // unique per element: compare elements with ==, which asks the group
  // (Group::equal), never their repr().
  Element(const Group& group, std::vector<std::uint64_t> repr)
      : group_(&group), repr_(std::move(repr)) {}
  const std::vector<std::uint64_t>& repr() const { return repr_; }

 private:
  const Group* group_;
  std::vector<std::uint64_t> repr_;
};

// Precomputed powers of one base for fast exponentiation (variable-time).
class FixedBase {
 public:
  virtual ~FixedBase() = default;
  virtual Element exp(const Scalar& exponent) const = 0;
  virtual const Element& base() const = 0;
};

class Group {
 public:
  virtual ~Group() = default;
  Group(const Group&) = delete;
  Group& operator=(const Group&) = delete;

  // "ristretto255", "modp3072-rfc3526" or "modp4096-eg".
  virtual std::string_view name() const = 0;
  // Z_q, q the group's prime order.
  virtual const ScalarField& scalars() const = 0;
  // Length of every element encoding.
  virtual std::size_t element_bytes() const = 0;

  virtual Element generator() const = 0;
  virtual Element identity() const = 0;
  virtual Element mul(const Element& a, const Element& b) const = 0;
  virtual Element inverse(const Element& a) const = 0;
  Element div(const Element& a, const Element& b) const { return mul(a, inverse(b)); }

  // base^e, constant time in e.
  virtual Element exp(const Element& base, const Scalar& e) const = 0;
  // base^e, variable time (public exponents only).
  virtual Element exp_vartime(const Element& base, const Scalar& e) const = 0;
  // g^e, constant time in e.
  virtual Element exp_generator(const Scalar& e) const = 0;
  // Table for repeated variable-time exponentiation of one base.
  virtual std::shared_ptr<const FixedBase> precompute(const Element& base) const = 0;
  // prod bases[i]^exps[i], variable time; sizes must match (Error otherwise).
  virtual Element multi_exp(std::span<const Element> bases, std::span<const Scalar> exps) const = 0;

  // An element nobody knows the discrete log of, derived from
  // xof(tag, msg, ...) as specs/crypto.md "Hash to element" says.
  virtual Element hash_to_element(std::string_view tag, BytesView msg) const = 0;

  virtual Bytes encode(const Element& a) const = 0;
  virtual Element decode(BytesView bytes) const = 0;
  bool is_identity(const Element& a) const { return a == identity(); }
  // Whether a and b are the same element (Element::operator== calls this
  // for two elements of this group). The default compares repr(), right for
  // groups with one representation per element (modp); others override it.
  virtual bool equal(const Element& a, const Element& b) const;

 protected:
  Group() = default;
  // Throws Error unless a belongs to this group object.
  void check_mine(const Element& a) const;
};

}  // namespace evote::crypto
