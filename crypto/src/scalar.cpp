#include "evote/crypto/scalar.hpp"

#include <sodium.h>

#include "evote/crypto/error.hpp"
#include "evote/crypto/hash.hpp"
#include "evote/crypto/init.hpp"
#include "evote/crypto/secret_bytes.hpp"
#include "mpz_bytes.hpp"

namespace evote::crypto {

ScalarField::ScalarField(mpz_class q, std::string name)
    : q_(std::move(q)),
      bits_(mpz_sizeinbase(q_.get_mpz_t(), 2)),
      bytes_((bits_ + 7) / 8),
      name_(std::move(name)) {
  init();
  if (q_ < 3 || mpz_even_p(q_.get_mpz_t()))
    throw Error(name_ + ": scalar field order must be an odd prime");
}

Scalar ScalarField::zero() const { return Scalar(*this, 0); }
Scalar ScalarField::one() const { return Scalar(*this, 1); }

Scalar ScalarField::from_u64(std::uint64_t value) const {
  mpz_class v;
  mpz_set_ui(v.get_mpz_t(), value);  // unsigned long is 64-bit on our targets
  return from_integer(v);
}

Scalar ScalarField::from_integer(const mpz_class& value) const {
  if (value < 0) throw Error(name_ + " scalar: negative integer");
  mpz_class r;
  mpz_mod(r.get_mpz_t(), value.get_mpz_t(), q_.get_mpz_t());
  return Scalar(*this, std::move(r));
}

Scalar ScalarField::random() const {
  // 128 extra bits make the bias of the reduction negligible (< 2^-128).
  SecretBytes wide(bytes_ + 16);
  randombytes_buf(wide.data(), wide.size());
  return from_integer(mpz_from_be(wide.view()));
}

Scalar ScalarField::random_nonzero() const {
  for (;;) {
    Scalar s = random();
    if (!s.is_zero()) return s;
  }
}

Scalar ScalarField::from_hash(std::string_view tag, BytesView msg) const {
  Bytes wide = xof(tag, msg, bytes_ + 16);  // may derive a secret: wiped
  Scalar out = from_integer(mpz_from_be(wide));
  sodium_memzero(wide.data(), wide.size());
  return out;
}

Scalar ScalarField::decode(BytesView bytes) const {
  if (bytes.size() != bytes_) {
    throw DecodeError(name_ + " scalar: wrong length (" + std::to_string(bytes.size()) +
                      " bytes, expected " + std::to_string(bytes_) + ")");
  }
  mpz_class v = mpz_from_be(bytes);
  if (v >= q_) throw DecodeError(name_ + " scalar: not canonical (value >= group order)");
  return Scalar(*this, std::move(v));
}

Scalar::Scalar(const ScalarField& field, mpz_class reduced_value)
    : field_(&field), v_(std::move(reduced_value)) {
  if (v_ < 0 || v_ >= field.order()) throw Error(field.name() + " scalar: value not reduced");
}

void Scalar::check_same_field(const Scalar& other) const {
  if (field_ != other.field_) {
    throw Error("scalar arithmetic across groups (" + field_->name() + ", " + other.field_->name() +
                ")");
  }
}

Scalar Scalar::operator+(const Scalar& other) const {
  check_same_field(other);
  mpz_class r = v_ + other.v_;
  if (r >= field_->order()) r -= field_->order();
  return Scalar(*field_, std::move(r));
}

Scalar Scalar::operator-(const Scalar& other) const {
  check_same_field(other);
  mpz_class r = v_ - other.v_;
  if (r < 0) r += field_->order();
  return Scalar(*field_, std::move(r));
}

Scalar Scalar::operator*(const Scalar& other) const {
  check_same_field(other);
  mpz_class r;
  mpz_mul(r.get_mpz_t(), v_.get_mpz_t(), other.v_.get_mpz_t());
  mpz_mod(r.get_mpz_t(), r.get_mpz_t(), field_->order().get_mpz_t());
  return Scalar(*field_, std::move(r));
}

Scalar Scalar::operator-() const {
  if (v_ == 0) return *this;
  return Scalar(*field_, field_->order() - v_);
}

Scalar& Scalar::operator+=(const Scalar& other) { return *this = *this + other; }
Scalar& Scalar::operator*=(const Scalar& other) { return *this = *this * other; }

Scalar Scalar::inverse() const {
  if (v_ == 0) throw Error(field_->name() + " scalar: zero has no inverse");
  mpz_class r;
  mpz_invert(r.get_mpz_t(), v_.get_mpz_t(), field_->order().get_mpz_t());
  return Scalar(*field_, std::move(r));
}

bool Scalar::operator==(const Scalar& other) const {
  return field_ == other.field_ && v_ == other.v_;
}

Bytes Scalar::encode() const { return mpz_to_be(v_, field_->byte_length()); }

}  // namespace evote::crypto
