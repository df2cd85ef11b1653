// ristretto255 (RFC 9496) over libsodium's crypto_core_ristretto255 API.
//
// An element is kept as its canonical 32-byte encoding (four 64-bit words in
// Element::repr()), because libsodium's public API takes and returns
// encodings only: every operation decodes its inputs and encodes its result.
// A later step may keep an internal point representation instead; until then
// precomputed tables and bucket multi-exponentiation cannot pay off, so
// precompute() and multi_exp() stay simple.

#include <gmp.h>
#include <sodium.h>

#include <array>
#include <cstring>
#include <memory>
#include <string>

#include "evote/crypto/error.hpp"
#include "evote/crypto/group.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/hash.hpp"
#include "evote/crypto/init.hpp"

namespace evote::crypto {
namespace {

constexpr std::size_t kElementBytes = crypto_core_ristretto255_BYTES;
constexpr std::size_t kScalarBytes = crypto_core_ristretto255_SCALARBYTES;
constexpr std::size_t kWords = kElementBytes / sizeof(std::uint64_t);
static_assert(kElementBytes == 32 && kScalarBytes == 32 &&
              crypto_core_ristretto255_HASHBYTES == 64);

using Encoding = std::array<unsigned char, kElementBytes>;

// RFC 9496 section 4.4: the generator B.
constexpr Encoding kGeneratorEncoding = {
    0xe2, 0xf2, 0xae, 0x0a, 0x6a, 0xbc, 0x4e, 0x71, 0xa8, 0x84, 0xa9, 0x61, 0xc5, 0x00, 0x51, 0x5f,
    0x58, 0xe3, 0x0b, 0x6a, 0xa5, 0x82, 0xdd, 0x8d, 0xb6, 0xa6, 0x59, 0x45, 0xe0, 0x8d, 0x2d, 0x76};

// The group order ℓ = 2^252 + 27742317777372353535851937790883648493.
ScalarField make_scalar_field() {
  init();  // GMP's wiping allocator must be in place before the first mpz exists
  mpz_class order = (mpz_class(1) << 252) + mpz_class("27742317777372353535851937790883648493");
  return ScalarField(std::move(order), "ristretto255");
}

// An exponent as the 32-byte little-endian string libsodium expects (evote
// scalars are big-endian). Exponents may be secret: the buffer is wiped. The
// conversion is GMP code like all scalar arithmetic (see scalar.hpp); the
// point arithmetic that follows is libsodium's constant-time code.
class LittleEndianScalar {
 public:
  explicit LittleEndianScalar(const Scalar& e) {
    const mpz_class& v = e.value();  // 0 <= v < ℓ < 2^253, so 32 bytes suffice
    if (mpz_sizeinbase(v.get_mpz_t(), 256) > bytes_.size()) {
      throw Error("ristretto255: exponent does not fit in 32 bytes");
    }
    if (v != 0) {
      std::size_t written = 0;
      mpz_export(bytes_.data(), &written, -1, 1, 0, 0, v.get_mpz_t());
    }
  }
  ~LittleEndianScalar() { sodium_memzero(bytes_.data(), bytes_.size()); }
  LittleEndianScalar(const LittleEndianScalar&) = delete;
  LittleEndianScalar& operator=(const LittleEndianScalar&) = delete;

  const unsigned char* data() const { return bytes_.data(); }

 private:
  std::array<unsigned char, kScalarBytes> bytes_{};
};

class Ristretto255Group final : public Group {
 public:
  Ristretto255Group() : scalars_(make_scalar_field()) {}

  std::string_view name() const override { return "ristretto255"; }
  const ScalarField& scalars() const override { return scalars_; }
  std::size_t element_bytes() const override { return kElementBytes; }

  Element generator() const override { return make(kGeneratorEncoding); }
  Element identity() const override { return make(Encoding{}); }

  Element mul(const Element& a, const Element& b) const override {
    Encoding r;
    check_sodium(crypto_core_ristretto255_add(r.data(), bytes_of(a).data(), bytes_of(b).data()),
                 "crypto_core_ristretto255_add");
    return make(r);
  }

  Element inverse(const Element& a) const override {
    const Encoding zero{};  // the identity, a valid encoding for libsodium
    Encoding r;
    check_sodium(crypto_core_ristretto255_sub(r.data(), zero.data(), bytes_of(a).data()),
                 "crypto_core_ristretto255_sub");
    return make(r);
  }

  Element exp(const Element& base, const Scalar& e) const override {
    const Encoding p = bytes_of(base);
    const LittleEndianScalar n(exponent(e));
    Encoding r;
    // -1 means "the result is the identity" here: the base is always valid.
    if (crypto_scalarmult_ristretto255(r.data(), n.data(), p.data()) != 0) return identity();
    return make(r);
  }

  // libsodium offers no faster variable-time multiplication.
  Element exp_vartime(const Element& base, const Scalar& e) const override { return exp(base, e); }

  Element exp_generator(const Scalar& e) const override {
    const LittleEndianScalar n(exponent(e));
    Encoding r;
    // -1 means the result is the identity (e = 0).
    if (crypto_scalarmult_ristretto255_base(r.data(), n.data()) != 0) return identity();
    return make(r);
  }

  std::shared_ptr<const FixedBase> precompute(const Element& base) const override;

  Element multi_exp(std::span<const Element> bases, std::span<const Scalar> exps) const override {
    if (bases.size() != exps.size()) {
      throw Error("ristretto255 multi_exp: " + std::to_string(bases.size()) + " bases but " +
                  std::to_string(exps.size()) + " exponents");
    }
    // A plain product of powers: with libsodium decoding and encoding every
    // point per call, bucket methods would not be faster.
    Element acc = identity();
    for (std::size_t i = 0; i < bases.size(); ++i) {
      check_mine(bases[i]);
      if (exponent(exps[i]).is_zero()) continue;  // variable time is allowed here
      acc = mul(acc, exp_vartime(bases[i], exps[i]));
    }
    return acc;
  }

  // RFC 9496 one-way map (section 4.3.4) of 64 uniform bytes from xof.
  Element hash_to_element(std::string_view tag, BytesView msg) const override {
    const Bytes uniform = xof(tag, msg, crypto_core_ristretto255_HASHBYTES);
    Encoding r;
    check_sodium(crypto_core_ristretto255_from_hash(r.data(), uniform.data()),
                 "crypto_core_ristretto255_from_hash");
    return make(r);
  }

  Bytes encode(const Element& a) const override {
    const Encoding e = bytes_of(a);
    return Bytes(e.begin(), e.end());
  }

  Element decode(BytesView bytes) const override {
    if (bytes.size() != kElementBytes) {
      throw DecodeError("ristretto255 element: wrong length (" + std::to_string(bytes.size()) +
                        " bytes, expected " + std::to_string(kElementBytes) + ")");
    }
    // libsodium checks s < p, the sign, the square root and the other RFC 9496
    // rejections, and accepts the identity (all zero). Before 1.0.19 (fixed
    // upstream in April 2020, after the 1.0.18 that Debian 12 ships) it
    // ignores bit 255, so s >= 2^255 would decode as a second encoding of
    // the element: check that bit here.
    const bool top_bit_set = (bytes[kElementBytes - 1] & 0x80) != 0;
    if (top_bit_set || crypto_core_ristretto255_is_valid_point(bytes.data()) != 1) {
      throw DecodeError("ristretto255 element: not a canonical encoding of a group element");
    }
    Encoding e;
    std::memcpy(e.data(), bytes.data(), e.size());
    return make(e);
  }

 private:
  Element make(const Encoding& e) const {
    std::vector<std::uint64_t> words(kWords);
    std::memcpy(words.data(), e.data(), e.size());
    return Element(*this, std::move(words));
  }

  Encoding bytes_of(const Element& a) const {
    check_mine(a);
    if (a.repr().size() != kWords) throw Error("ristretto255: malformed element representation");
    Encoding e;
    std::memcpy(e.data(), a.repr().data(), e.size());
    return e;
  }

  const Scalar& exponent(const Scalar& e) const {
    if (&e.field() != &scalars_) {
      throw Error("exponent of scalar field " + e.field().name() + " used in group ristretto255");
    }
    return e;
  }

  // Our inputs are always valid encodings, so a failure is a bug, not bad input.
  static void check_sodium(int rc, const char* function) {
    if (rc != 0)
      throw Error(std::string("ristretto255: ") + function + " failed on a group element");
  }

  ScalarField scalars_;
};

// The generator uses libsodium's fixed-base routine (precomputed tables inside
// libsodium); any other base falls back to exp, as the public API offers no
// way to keep a table of our own.
class GeneratorPowers final : public FixedBase {
 public:
  explicit GeneratorPowers(const Ristretto255Group& group)
      : group_(group), base_(group.generator()) {}
  Element exp(const Scalar& e) const override { return group_.exp_generator(e); }
  const Element& base() const override { return base_; }

 private:
  const Ristretto255Group& group_;
  Element base_;
};

class PlainPowers final : public FixedBase {
 public:
  PlainPowers(const Ristretto255Group& group, Element base)
      : group_(group), base_(std::move(base)) {}
  Element exp(const Scalar& e) const override { return group_.exp_vartime(base_, e); }
  const Element& base() const override { return base_; }

 private:
  const Ristretto255Group& group_;
  Element base_;
};

std::shared_ptr<const FixedBase> Ristretto255Group::precompute(const Element& base) const {
  check_mine(base);
  if (base == generator()) return std::make_shared<GeneratorPowers>(*this);
  return std::make_shared<PlainPowers>(*this, base);
}

}  // namespace

const Group& ristretto255() {
  static const Ristretto255Group group;  // its constructor calls init() first
  return group;
}

}  // namespace evote::crypto
