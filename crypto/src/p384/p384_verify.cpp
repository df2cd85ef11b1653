// ECDSA P-384 verification (see p384_verify.hpp). The scalar arithmetic mod n
// (s^-1, u1, u2) uses GMP: the values are public, so its variable time is fine.
#include "p384_verify.hpp"

#include <gmp.h>

#include <algorithm>
#include <cstddef>

namespace evote::crypto::p384 {

namespace {

// The group order n of P-384 (SEC 2 / FIPS 186-5), as raw limbs.
constexpr Fe kOrder = fe_raw_from_hex(
    "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf"
    "581a0db248b0a77aecec196accc52973");

// An mpz_t that clears itself.
class Mpz {
 public:
  Mpz() { mpz_init(z_); }
  // The value of six little-endian limbs.
  explicit Mpz(const u64* limbs) {
    mpz_init(z_);
    mpz_import(z_, 6, -1, sizeof(u64), 0, 0, limbs);
  }
  ~Mpz() { mpz_clear(z_); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;
  mpz_ptr get() { return z_; }
  mpz_srcptr get() const { return z_; }

 private:
  mpz_t z_;
};

void set_be(Mpz& out, const std::uint8_t* bytes, std::size_t length) {
  mpz_import(out.get(), length, 1, 1, 0, 0, bytes);  // length 0 gives 0
}

// value (0 <= value < 2^384) as six little-endian limbs.
void get_limbs(const Mpz& value, u64* limbs) {
  std::fill(limbs, limbs + 6, 0);
  std::size_t count = 0;
  mpz_export(limbs, &count, -1, sizeof(u64), 0, 0, value.get());
}

const Mpz& order() {
  static const Mpz n(kOrder.v);
  return n;
}

const Mpz& field_prime() {
  static const Mpz p(kP.v);
  return p;
}

// x(R) mod n == r for R = (X, Y, Z) not the identity, without inverting Z:
// x = X / Z^2 lies in [0, p) and p < 2n, so x mod n == r iff x == r or
// x == r + n (the latter only possible when r + n < p).
bool x_matches(const Jacobian& point, const Mpz& r) {
  const Fe zz = fe_sqr(point.z);
  Fe candidate{};
  get_limbs(r, candidate.v);
  if (fe_equal(fe_mul(fe_to_mont(candidate), zz), point.x)) return true;
  Mpz r_plus_n;
  mpz_add(r_plus_n.get(), r.get(), order().get());
  if (mpz_cmp(r_plus_n.get(), field_prime().get()) >= 0) return false;
  get_limbs(r_plus_n, candidate.v);
  return fe_equal(fe_mul(fe_to_mont(candidate), zz), point.x);
}

}  // namespace

namespace {

// wNAF windows of the key's tables: a key used once keeps its table small
// (8 points, built in a few microseconds); a key used many times gets 32.
constexpr int kOnceWindow = 5;
constexpr int kManyWindow = 7;

}  // namespace

PublicKey::PublicKey(const Affine& point, KeyUse use)
    : window_(use == KeyUse::many ? kManyWindow : kOnceWindow) {
  const std::size_t size = std::size_t{1} << (window_ - 2);
  low_.resize(size);
  p384::odd_multiples(point, low_.data(), size);
  if (use == KeyUse::many) {
    high_.resize(size);
    p384::odd_multiples(times_2_192(point), high_.data(), size);
  }
}

KeyTables PublicKey::tables() const {
  return {low_.data(), high_.empty() ? nullptr : high_.data(), window_};
}

std::optional<PublicKey> decode_public_key(std::span<const std::uint8_t> sec1_point, KeyUse use) {
  if (sec1_point.size() != 97 || sec1_point[0] != 0x04) return std::nullopt;
  Fe x{}, y{};
  if (!fe_raw_from_bytes(sec1_point.data() + 1, x) || !fe_raw_from_bytes(sec1_point.data() + 49, y))
    return std::nullopt;
  const Affine point{fe_to_mont(x), fe_to_mont(y)};
  if (!on_curve(point)) return std::nullopt;
  return PublicKey(point, use);
}

bool verify_digest(const PublicKey& key, std::span<const std::uint8_t> digest,
                   std::span<const std::uint8_t, 48> r_bytes,
                   std::span<const std::uint8_t, 48> s_bytes) {
  const Mpz& n = order();
  Mpz r, s;
  set_be(r, r_bytes.data(), r_bytes.size());
  set_be(s, s_bytes.data(), s_bytes.size());
  if (mpz_sgn(r.get()) == 0 || mpz_cmp(r.get(), n.get()) >= 0) return false;
  if (mpz_sgn(s.get()) == 0 || mpz_cmp(s.get(), n.get()) >= 0) return false;
  // e: the leftmost min(8 * length, 384) bits of the digest; 384 bits are 48 whole bytes.
  Mpz e, w, u1, u2;
  set_be(e, digest.data(), std::min<std::size_t>(digest.size(), 48));
  mpz_invert(w.get(), s.get(), n.get());  // n is prime and 0 < s < n
  mpz_mul(u1.get(), e.get(), w.get());
  mpz_mod(u1.get(), u1.get(), n.get());
  mpz_mul(u2.get(), r.get(), w.get());
  mpz_mod(u2.get(), u2.get(), n.get());
  Scalar u1_limbs{}, u2_limbs{};
  get_limbs(u1, u1_limbs.v);
  get_limbs(u2, u2_limbs.v);
  const Jacobian point = double_mul(u1_limbs, u2_limbs, key.tables());
  if (is_identity(point)) return false;
  return x_matches(point, r);
}

}  // namespace evote::crypto::p384
