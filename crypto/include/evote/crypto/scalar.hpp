// Scalars: integers modulo a group's prime order q (the field Z_q).
//
// A Scalar always holds a reduced value 0 <= v < q and knows its field;
// mixing scalars of two fields throws Error. Arithmetic is GMP based and
// not constant-time; secret scalars are wiped from memory when freed (see
// init.hpp). Encoding: big-endian, exactly byte_length() bytes, the value
// below q (specs/crypto.md, "Scalars").
#pragma once

#include <gmpxx.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "evote/crypto/bytes.hpp"

namespace evote::crypto {

class Scalar;

class ScalarField {
 public:
  // q must be an odd prime; `name` names the group in error messages.
  ScalarField(mpz_class q, std::string name);

  const mpz_class& order() const { return q_; }
  std::size_t byte_length() const { return bytes_; }
  std::size_t bit_length() const { return bits_; }
  const std::string& name() const { return name_; }

  Scalar zero() const;
  Scalar one() const;
  Scalar from_u64(std::uint64_t value) const;
  // Reduces any non-negative integer mod q.
  Scalar from_integer(const mpz_class& value) const;
  // Uniform in [0, q): byte_length()+16 random bytes reduced mod q.
  Scalar random() const;
  // Uniform in [1, q).
  Scalar random_nonzero() const;
  // int(xof(tag, msg, byte_length()+16)) mod q, big-endian.
  Scalar from_hash(std::string_view tag, BytesView msg) const;
  // Strict: wrong length or a value >= q throws DecodeError.
  Scalar decode(BytesView bytes) const;

 private:
  mpz_class q_;
  std::size_t bits_;
  std::size_t bytes_;
  std::string name_;
};

class Scalar {
 public:
  Scalar(const ScalarField& field, mpz_class reduced_value);

  const ScalarField& field() const { return *field_; }
  const mpz_class& value() const { return v_; }

  Scalar operator+(const Scalar& other) const;
  Scalar operator-(const Scalar& other) const;
  Scalar operator*(const Scalar& other) const;
  Scalar operator-() const;
  Scalar& operator+=(const Scalar& other);
  Scalar& operator*=(const Scalar& other);
  // Throws Error for zero.
  Scalar inverse() const;
  bool is_zero() const { return v_ == 0; }
  bool operator==(const Scalar& other) const;

  Bytes encode() const;

 private:
  void check_same_field(const Scalar& other) const;
  const ScalarField* field_;
  mpz_class v_;
};

}  // namespace evote::crypto
