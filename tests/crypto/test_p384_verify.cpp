// The private ECDSA P-384 verifier (crypto/src/p384/) against OpenSSL:
// thousands of random keys and signatures (SHA-256, SHA-384, SHA-512 digests)
// with single-bit changes in the digest, r, s and the key; r and s at and
// beyond the range edges; special keys (Q = G, -G, 2G, (n-1)/2 G, ...);
// signatures whose u1*G + u2*Q is the identity or whose x(R) lies in [n, p);
// the double multiplication itself against OpenSSL's EC_POINT_mul; the field
// products against GMP; the SEC1 decoding edges; the RFC 6979 A.2.6 vector and a real ID-card
// key. Every verdict of ours is taken for a key decoded with KeyUse::once and
// with KeyUse::many, which must agree.
#include <gmpxx.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <array>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "../../crypto/src/p384/p384_double_mul.hpp"
#include "../../crypto/src/p384/p384_verify.hpp"
#include "evote/crypto/bytes.hpp"
#include "evote/crypto/random.hpp"
#include "support/sanitizer.hpp"
#include "support/spec_vectors.hpp"

using namespace evote::crypto;
namespace p384 = evote::crypto::p384;

namespace {

// Sanitizer builds run unoptimised and instrumented: fewer rounds.
#if EVOTE_TEST_UNDER_ASAN
constexpr int kKeys = 40;
#else
constexpr int kKeys = 500;
#endif
constexpr int kMessagesPerKey = 4;

template <class T, auto free_fn>
struct Free {
  void operator()(T* p) const { free_fn(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Free<EVP_PKEY, EVP_PKEY_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Free<BIGNUM, BN_free>>;
using PointPtr = std::unique_ptr<EC_POINT, Free<EC_POINT, EC_POINT_free>>;

using Scalar48 = std::array<std::uint8_t, 48>;

struct Signature {
  Scalar48 r, s;
};

// ------------------------------------------------------------- numbers

const mpz_class& order_n() {
  static const mpz_class n(
      "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc5"
      "2973",
      16);
  return n;
}

// The curve's b (y^2 = x^3 - 3x + b, SEC 2 / FIPS 186-5).
const mpz_class& curve_b() {
  static const mpz_class b(
      "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec"
      "2aef",
      16);
  return b;
}

const mpz_class& prime_p() {
  static const mpz_class p(
      "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffff"
      "ffff",
      16);
  return p;
}

mpz_class mpz_of(BytesView bytes) {
  mpz_class out;
  mpz_import(out.get_mpz_t(), bytes.size(), 1, 1, 0, 0, bytes.data());
  return out;
}

// value mod 2^384 as 48 big-endian bytes.
Scalar48 be48(const mpz_class& value) {
  Scalar48 out{};
  const mpz_class reduced = value & ((mpz_class(1) << 384) - 1);
  std::size_t count = 0;
  std::uint8_t buffer[48];
  mpz_export(buffer, &count, 1, 1, 0, 0, reduced.get_mpz_t());
  std::copy(buffer, buffer + count, out.begin() + (48 - count));
  return out;
}

mpz_class mod_n(const mpz_class& value) {
  mpz_class out = value % order_n();
  if (out < 0) out += order_n();
  return out;
}

mpz_class random_mod_n() {
  return mod_n(mpz_of(random_bytes(64)));  // bias below 2^-128
}

BnPtr bn_of(const mpz_class& value) {
  const Scalar48 bytes = be48(value);
  return BnPtr(BN_bin2bn(bytes.data(), 48, nullptr));
}

mpz_class mpz_of(const BIGNUM* bn) {
  std::uint8_t bytes[48];
  BN_bn2binpad(bn, bytes, 48);
  return mpz_of(BytesView(bytes, 48));
}

Bytes digest_of(const EVP_MD* md, BytesView message) {
  Bytes out(EVP_MD_get_size(md));
  unsigned int length = 0;
  BOOST_REQUIRE(EVP_Digest(message.data(), message.size(), out.data(), &length, md, nullptr) == 1);
  return out;
}

// ------------------------------------------------------------- OpenSSL keys

const EC_GROUP* group() {
  static const EC_GROUP* g = EC_GROUP_new_by_curve_name(NID_secp384r1);
  return g;
}

Bytes encode_point(const EC_POINT* point) {
  Bytes out(97);
  BOOST_REQUIRE(EC_POINT_point2oct(group(), point, POINT_CONVERSION_UNCOMPRESSED, out.data(),
                                   out.size(), nullptr) == 97);
  return out;
}

// d*G, uncompressed (d mod n != 0).
Bytes public_of(const mpz_class& d) {
  PointPtr point(EC_POINT_new(group()));
  BOOST_REQUIRE(EC_POINT_mul(group(), point.get(), bn_of(d).get(), nullptr, nullptr, nullptr) == 1);
  return encode_point(point.get());
}

// An OpenSSL key from a public encoding and, when given, the private scalar;
// null when OpenSSL refuses the encoding.
PkeyPtr openssl_key(BytesView public_key, const mpz_class* d) {
  std::unique_ptr<OSSL_PARAM_BLD, Free<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>> build(
      OSSL_PARAM_BLD_new());
  BnPtr private_bn = d ? bn_of(*d) : nullptr;
  OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, "P-384", 0);
  OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, public_key.data(),
                                   public_key.size());
  if (d) OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_PRIV_KEY, private_bn.get());
  std::unique_ptr<OSSL_PARAM, Free<OSSL_PARAM, OSSL_PARAM_free>> params(
      OSSL_PARAM_BLD_to_param(build.get()));
  std::unique_ptr<EVP_PKEY_CTX, Free<EVP_PKEY_CTX, EVP_PKEY_CTX_free>> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* key = nullptr;
  if (EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, d ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                        params.get()) != 1)
    return nullptr;
  return PkeyPtr(key);
}

struct KeyPair {
  mpz_class d;
  Bytes public_key;
  PkeyPtr pkey;
};

KeyPair key_from_private(const mpz_class& d) {
  KeyPair k{d, public_of(d), nullptr};
  k.pkey = openssl_key(k.public_key, &k.d);
  BOOST_REQUIRE(k.pkey);
  return k;
}

KeyPair random_key() {
  PkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"));
  BOOST_REQUIRE(pkey);
  BIGNUM* d = nullptr;
  BOOST_REQUIRE(EVP_PKEY_get_bn_param(pkey.get(), OSSL_PKEY_PARAM_PRIV_KEY, &d) == 1);
  const BnPtr owned(d);
  KeyPair k{mpz_of(d), Bytes(97), std::move(pkey)};
  std::size_t length = 0;
  BOOST_REQUIRE(EVP_PKEY_get_octet_string_param(k.pkey.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
                                                k.public_key.data(), 97, &length) == 1);
  BOOST_REQUIRE(length == 97);
  return k;
}

// ------------------------------------------------------------- signatures

// OpenSSL's EVP_DigestSign of `message` with `md`, as r || s.
Signature openssl_sign(const KeyPair& key, const EVP_MD* md, BytesView message) {
  std::unique_ptr<EVP_MD_CTX, Free<EVP_MD_CTX, EVP_MD_CTX_free>> ctx(EVP_MD_CTX_new());
  BOOST_REQUIRE(EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, key.pkey.get()) == 1);
  std::size_t length = 0;
  BOOST_REQUIRE(EVP_DigestSign(ctx.get(), nullptr, &length, message.data(), message.size()) == 1);
  Bytes der(length);
  BOOST_REQUIRE(EVP_DigestSign(ctx.get(), der.data(), &length, message.data(), message.size()) ==
                1);
  const std::uint8_t* cursor = der.data();
  std::unique_ptr<ECDSA_SIG, Free<ECDSA_SIG, ECDSA_SIG_free>> sig(
      d2i_ECDSA_SIG(nullptr, &cursor, long(length)));
  BOOST_REQUIRE(sig);
  Signature out{};
  BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out.r.data(), 48);
  BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out.s.data(), 48);
  return out;
}

// OpenSSL's verdict on (r, s) over the hash value `digest` (EVP_PKEY_verify,
// which truncates the digest as the standard says); false when OpenSSL
// refuses the key encoding.
bool openssl_verify(BytesView public_key, BytesView digest, const Signature& sig) {
  const PkeyPtr key = openssl_key(public_key, nullptr);
  if (!key) return false;
  std::unique_ptr<ECDSA_SIG, Free<ECDSA_SIG, ECDSA_SIG_free>> ecdsa(ECDSA_SIG_new());
  ECDSA_SIG_set0(ecdsa.get(), BN_bin2bn(sig.r.data(), 48, nullptr),
                 BN_bin2bn(sig.s.data(), 48, nullptr));
  unsigned char* der = nullptr;
  const int der_length = i2d_ECDSA_SIG(ecdsa.get(), &der);
  BOOST_REQUIRE(der_length > 0);
  std::unique_ptr<EVP_PKEY_CTX, Free<EVP_PKEY_CTX, EVP_PKEY_CTX_free>> ctx(
      EVP_PKEY_CTX_new(key.get(), nullptr));
  BOOST_REQUIRE(EVP_PKEY_verify_init(ctx.get()) == 1);
  const int verdict =
      EVP_PKEY_verify(ctx.get(), der, std::size_t(der_length), digest.data(), digest.size());
  OPENSSL_free(der);
  return verdict == 1;
}

// Our verdict, the same for a key decoded for one use and for many (checked).
bool ours(BytesView public_key, BytesView digest, const Signature& sig) {
  const std::optional<p384::PublicKey> once = p384::decode_public_key(public_key);
  const std::optional<p384::PublicKey> many =
      p384::decode_public_key(public_key, p384::KeyUse::many);
  BOOST_REQUIRE_EQUAL(once.has_value(), many.has_value());
  if (!once) return false;
  const bool verdict = p384::verify_digest(*once, digest, sig.r, sig.s);
  BOOST_REQUIRE_EQUAL(p384::verify_digest(*many, digest, sig.r, sig.s), verdict);
  return verdict;
}

// A signature with nonce k: r = x(kG) mod n, s = (e + r*d) / k mod n.
Signature sign_with_nonce(const mpz_class& d, const mpz_class& k, const mpz_class& e) {
  const Bytes r_point = public_of(k);
  const mpz_class r = mod_n(mpz_of(BytesView(r_point).subspan(1, 48)));
  mpz_class k_inverse;
  mpz_invert(k_inverse.get_mpz_t(), k.get_mpz_t(), order_n().get_mpz_t());
  return {be48(r), be48(mod_n(k_inverse * (e + r * d)))};
}

// Our Jacobian point equals OpenSSL's point (both the identity, or the same x and y).
bool same_point(const p384::Jacobian& ours_point, const EC_POINT* theirs) {
  if (EC_POINT_is_at_infinity(group(), theirs)) return p384::is_identity(ours_point);
  if (p384::is_identity(ours_point)) return false;
  p384::Affine affine;
  p384::to_affine_batch(&ours_point, &affine, 1);
  const p384::Fe x = p384::fe_from_mont(affine.x), y = p384::fe_from_mont(affine.y);
  Bytes encoded(97);
  encoded[0] = 0x04;
  for (int i = 0; i < 48; ++i) {
    encoded[1 + i] = std::uint8_t(x.v[(47 - i) / 8] >> (8 * ((47 - i) % 8)));
    encoded[49 + i] = std::uint8_t(y.v[(47 - i) / 8] >> (8 * ((47 - i) % 8)));
  }
  return encoded == encode_point(theirs);
}

Bytes flip_bit(Bytes bytes, std::size_t bit) {
  bytes[bit / 8] ^= std::uint8_t(1u << (bit % 8));
  return bytes;
}

std::size_t random_below(std::size_t bound) {
  const Bytes b = random_bytes(4);
  return (std::size_t(b[0]) << 24 | std::size_t(b[1]) << 16 | std::size_t(b[2]) << 8 | b[3]) %
         bound;
}

Scalar48 flip_scalar_bit(Scalar48 value) {
  const std::size_t bit = random_below(384);
  value[bit / 8] ^= std::uint8_t(1u << (bit % 8));
  return value;
}

Bytes hex_bytes(const std::string& hex) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(std::uint8_t(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(p384_verify)

BOOST_AUTO_TEST_CASE(random_keys_agree_with_openssl_with_single_bit_changes) {
  const EVP_MD* mds[] = {EVP_sha384(), EVP_sha256(), EVP_sha512()};
  int accepted = 0, refused = 0;
  for (int i = 0; i < kKeys; ++i) {
    const KeyPair key = random_key();
    const std::optional<p384::PublicKey> decoded = p384::decode_public_key(key.public_key);
    BOOST_REQUIRE(decoded);
    for (int m = 0; m < kMessagesPerKey; ++m) {
      const EVP_MD* md = mds[(i * kMessagesPerKey + m) % 3];
      const Bytes message = random_bytes(1 + random_below(200));
      const Signature sig = openssl_sign(key, md, message);
      const Bytes digest = digest_of(md, message);
      BOOST_REQUIRE(openssl_verify(key.public_key, digest, sig));
      BOOST_REQUIRE(p384::verify_digest(*decoded, digest, sig.r, sig.s));

      const Bytes bad_digest = flip_bit(digest, random_below(digest.size() * 8));
      const Signature bad_r{flip_scalar_bit(sig.r), sig.s};
      const Signature bad_s{sig.r, flip_scalar_bit(sig.s)};
      // Any byte of X or Y (the prefix is tested on its own below).
      const Bytes bad_key = flip_bit(key.public_key, 8 + random_below(96 * 8));
      for (const auto& [k, d, s] :
           {std::tuple{key.public_key, bad_digest, sig}, std::tuple{key.public_key, digest, bad_r},
            std::tuple{key.public_key, digest, bad_s}, std::tuple{bad_key, digest, sig}}) {
        const bool theirs = openssl_verify(k, d, s);
        BOOST_REQUIRE_EQUAL(ours(k, d, s), theirs);
        (theirs ? accepted : refused)++;
      }
      BOOST_REQUIRE_EQUAL(p384::decode_public_key(bad_key).has_value(),
                          openssl_key(bad_key, nullptr) != nullptr);
    }
  }
  BOOST_TEST_MESSAGE("changed inputs: " << accepted << " accepted, " << refused << " refused");
  BOOST_TEST(refused > 0);
}

BOOST_AUTO_TEST_CASE(sha512_digest_is_truncated_to_384_bits) {
  const KeyPair key = random_key();
  const Bytes message = random_bytes(50);
  const Signature sig = openssl_sign(key, EVP_sha512(), message);
  Bytes digest = digest_of(EVP_sha512(), message);
  BOOST_TEST(ours(key.public_key, digest, sig));
  // Bits past the first 384 do not count; the first 48 bytes alone verify too.
  digest[60] ^= 0x10;
  BOOST_TEST(ours(key.public_key, digest, sig));
  BOOST_TEST(openssl_verify(key.public_key, digest, sig));
  digest.resize(48);
  BOOST_TEST(ours(key.public_key, digest, sig));
  digest[47] ^= 1;
  BOOST_TEST(!ours(key.public_key, digest, sig));
}

BOOST_AUTO_TEST_CASE(r_and_s_out_of_range_are_refused) {
  const KeyPair key = random_key();
  const Bytes message = random_bytes(32);
  const Signature sig = openssl_sign(key, EVP_sha384(), message);
  const Bytes digest = digest_of(EVP_sha384(), message);
  const mpz_class& n = order_n();
  const mpz_class all_ones = (mpz_class(1) << 384) - 1;
  for (const mpz_class& bad : std::vector<mpz_class>{0, n, n + 1, all_ones}) {
    for (const Signature& s : {Signature{be48(bad), sig.s}, Signature{sig.r, be48(bad)}}) {
      BOOST_TEST(!ours(key.public_key, digest, s));
      BOOST_TEST(!openssl_verify(key.public_key, digest, s));
    }
  }
  // r or s = n - 1 in a random signature: the same verdict as OpenSSL.
  for (const Signature& s : {Signature{be48(n - 1), sig.s}, Signature{sig.r, be48(n - 1)},
                             Signature{be48(n - 1), be48(n - 1)}})
    BOOST_TEST(ours(key.public_key, digest, s) == openssl_verify(key.public_key, digest, s));
  // A valid signature with s = n - 1: e = s*k - r*d.
  const mpz_class k = random_mod_n();
  const Bytes r_point = public_of(k);
  const mpz_class r = mod_n(mpz_of(BytesView(r_point).subspan(1, 48)));
  const Scalar48 e = be48(mod_n((n - 1) * k - r * key.d));
  const Signature edge{be48(r), be48(n - 1)};
  BOOST_TEST(ours(key.public_key, e, edge));
  BOOST_TEST(openssl_verify(key.public_key, e, edge));
}

BOOST_AUTO_TEST_CASE(special_keys_verify_like_openssl) {
  const mpz_class& n = order_n();
  const std::vector<mpz_class> privates = {
      1, 2, 3, 4, n - 1, n - 2, (n - 1) / 2, (n + 1) / 2, mpz_class(1) << 383};
  for (const mpz_class& d : privates) {
    const KeyPair key = key_from_private(d);
    for (int i = 0; i < 40; ++i) {
      const Bytes message = random_bytes(20);
      const Signature sig = openssl_sign(key, EVP_sha384(), message);
      const Bytes digest = digest_of(EVP_sha384(), message);
      BOOST_REQUIRE(ours(key.public_key, digest, sig));
      const Bytes bad = flip_bit(digest, random_below(384));
      BOOST_REQUIRE_EQUAL(ours(key.public_key, bad, sig), openssl_verify(key.public_key, bad, sig));
    }
    // u1 == u2 (e = r), u1 == 0 (e = 0), u2 == -u1 * 2 ...: made here with a known nonce.
    for (int i = 0; i < 10; ++i) {
      const mpz_class k = random_mod_n();
      const Bytes r_point = public_of(k);
      const mpz_class r = mod_n(mpz_of(BytesView(r_point).subspan(1, 48)));
      for (const mpz_class& e : {r, mpz_class(0), mod_n(2 * r), mod_n(-2 * r * d)}) {
        const Signature sig = sign_with_nonce(d, k, e);
        if (mpz_of(BytesView(sig.s)) == 0) continue;
        BOOST_REQUIRE(ours(key.public_key, be48(e), sig));
        BOOST_REQUIRE(openssl_verify(key.public_key, be48(e), sig));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(identity_result_is_refused) {
  // e = -r*d makes u1 + u2*d = 0, so u1*G + u2*Q is the identity.
  for (int i = 0; i < 50; ++i) {
    const KeyPair key =
        i < 2 ? key_from_private(i == 0 ? mpz_class(1) : order_n() - 1) : random_key();
    const mpz_class r = random_mod_n(), s = random_mod_n();
    const Scalar48 e = be48(mod_n(-r * key.d));
    const Signature sig{be48(r), be48(s)};
    BOOST_TEST(!ours(key.public_key, e, sig));
    BOOST_TEST(!openssl_verify(key.public_key, e, sig));
    // And the double multiplication indeed reaches the identity.
    mpz_class w, u1, u2;
    mpz_invert(w.get_mpz_t(), s.get_mpz_t(), order_n().get_mpz_t());
    u1 = mod_n(mpz_of(BytesView(e)) * w);
    u2 = mod_n(r * w);
    p384::Scalar a{}, b{};
    mpz_export(a.v, nullptr, -1, 8, 0, 0, u1.get_mpz_t());
    mpz_export(b.v, nullptr, -1, 8, 0, 0, u2.get_mpz_t());
    for (p384::KeyUse use : {p384::KeyUse::once, p384::KeyUse::many}) {
      const std::optional<p384::PublicKey> decoded = p384::decode_public_key(key.public_key, use);
      BOOST_REQUIRE(decoded);
      BOOST_TEST(p384::is_identity(p384::double_mul(a, b, decoded->tables())));
    }
  }
}

BOOST_AUTO_TEST_CASE(x_of_r_at_or_above_n_uses_r_plus_n) {
  // A point R with x in [n, p), u1 and u2 at random, Q = (R - u1*G) / u2;
  // then r = x - n, s = r / u2, e = u1 * s verify.
  const mpz_class& n = order_n();
  const mpz_class& p = prime_p();
  const mpz_class& b = curve_b();
  int found = 0;
  for (mpz_class x = n + 1; found < 5; ++x) {
    mpz_class rhs = (x * x * x - 3 * x + b) % p;
    if (mpz_jacobi(rhs.get_mpz_t(), p.get_mpz_t()) != 1) continue;
    mpz_class y;
    const mpz_class exponent = (p + 1) / 4;
    mpz_powm(y.get_mpz_t(), rhs.get_mpz_t(), exponent.get_mpz_t(), p.get_mpz_t());
    PointPtr big_r(EC_POINT_new(group()));
    BOOST_REQUIRE(EC_POINT_set_affine_coordinates(group(), big_r.get(), bn_of(x).get(),
                                                  bn_of(y).get(), nullptr) == 1);
    const mpz_class u1 = random_mod_n(), u2 = random_mod_n();
    mpz_class u2_inverse;
    mpz_invert(u2_inverse.get_mpz_t(), u2.get_mpz_t(), n.get_mpz_t());
    PointPtr t(EC_POINT_new(group()));
    BOOST_REQUIRE(EC_POINT_mul(group(), t.get(), bn_of(u1).get(), nullptr, nullptr, nullptr) == 1);
    BOOST_REQUIRE(EC_POINT_invert(group(), t.get(), nullptr) == 1);
    BOOST_REQUIRE(EC_POINT_add(group(), t.get(), t.get(), big_r.get(), nullptr) == 1);
    PointPtr q(EC_POINT_new(group()));
    BOOST_REQUIRE(
        EC_POINT_mul(group(), q.get(), nullptr, t.get(), bn_of(u2_inverse).get(), nullptr) == 1);
    const Bytes public_key = encode_point(q.get());
    const mpz_class r = x - n;
    const mpz_class s = mod_n(r * u2_inverse);
    const Scalar48 e = be48(mod_n(u1 * s));
    const Signature sig{be48(r), be48(s)};
    BOOST_TEST(ours(public_key, e, sig));
    BOOST_TEST(openssl_verify(public_key, e, sig));
    // x itself (>= n) is no valid r.
    const Signature unreduced{be48(x), be48(s)};
    BOOST_TEST(!ours(public_key, e, unreduced));
    ++found;
  }
}

BOOST_AUTO_TEST_CASE(double_mul_matches_openssl_ec_point_mul) {
  const mpz_class& n = order_n();
  const std::vector<mpz_class> privates = {1, 2, n - 1, n - 2, (n - 1) / 2, random_mod_n()};
  std::vector<mpz_class> scalars = {0, 1, 2, 3, n - 1, n - 2, (n - 1) / 2, (n + 1) / 2};
  scalars.push_back(mpz_class(1) << 192);
  scalars.push_back((mpz_class(1) << 192) - 1);
  scalars.push_back(mpz_class(1) << 383);
  scalars.push_back((mpz_class(1) << 384) - 1);
  for (int i = 0; i < 10; ++i) scalars.push_back(random_mod_n());
  for (const mpz_class& d : privates) {
    const Bytes public_key = public_of(d);
    const std::optional<p384::PublicKey> once = p384::decode_public_key(public_key);
    const std::optional<p384::PublicKey> many =
        p384::decode_public_key(public_key, p384::KeyUse::many);
    BOOST_REQUIRE(once && many);
    PointPtr q(EC_POINT_new(group()));
    BOOST_REQUIRE(EC_POINT_oct2point(group(), q.get(), public_key.data(), 97, nullptr) == 1);
    for (const mpz_class& u1 : scalars) {
      for (const mpz_class& u2 : scalars) {
        PointPtr want(EC_POINT_new(group()));
        BOOST_REQUIRE(EC_POINT_mul(group(), want.get(), bn_of(u1).get(), q.get(), bn_of(u2).get(),
                                   nullptr) == 1);
        p384::Scalar a{}, b{};
        mpz_export(a.v, nullptr, -1, 8, 0, 0, u1.get_mpz_t());
        mpz_export(b.v, nullptr, -1, 8, 0, 0, u2.get_mpz_t());
        for (const p384::PublicKey* key : {&*once, &*many})
          BOOST_REQUIRE(same_point(p384::double_mul(a, b, key->tables()), want.get()));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(field_products_agree_with_gmp) {
  // fe_mul and fe_sqr against GMP, on random values and limbs at the edges
  // (0, all ones, the halves of p's limbs) and p - 1, p - 2, ...
  const mpz_class& p = prime_p();
  const mpz_class r_inverse = [&] {
    mpz_class value, r = mpz_class(1) << 384;
    mpz_invert(value.get_mpz_t(), r.get_mpz_t(), p.get_mpz_t());
    return value;
  }();
  const std::uint64_t edges[] = {0, ~std::uint64_t{0}, 0xffffffff, 0xffffffff00000000,
                                 1, 0xfffffffffffffffe};
  const auto value_of = [](const p384::Fe& f) {
    mpz_class v;
    mpz_import(v.get_mpz_t(), 6, -1, 8, 0, 0, f.v);
    return v;
  };
#if EVOTE_TEST_UNDER_ASAN
  constexpr int kProducts = 20000;
#else
  constexpr int kProducts = 100000;
#endif
  for (int i = 0; i < kProducts; ++i) {
    p384::Fe a{}, b{};
    const Bytes noise = random_bytes(2 * 6 * 8 + 12);
    for (int l = 0; l < 6; ++l) {
      std::uint64_t x = 0, y = 0;
      std::memcpy(&x, noise.data() + 8 * l, 8);
      std::memcpy(&y, noise.data() + 48 + 8 * l, 8);
      a.v[l] = noise[96 + l] % 3 == 0 ? edges[noise[96 + l] % 6] : x;
      b.v[l] = noise[102 + l] % 3 == 0 ? edges[noise[102 + l] % 6] : y;
    }
    if (i % 7 == 0) a = p384::kP, a.v[0] -= 1 + noise[0] % 4;  // p - 1 ... p - 4
    const mpz_class a_value = value_of(a) % p, b_value = value_of(b) % p;
    a = p384::Fe{};
    b = p384::Fe{};
    mpz_export(a.v, nullptr, -1, 8, 0, 0, a_value.get_mpz_t());
    mpz_export(b.v, nullptr, -1, 8, 0, 0, b_value.get_mpz_t());
    const p384::Fe product = p384::fe_mul(a, b), square = p384::fe_sqr(a);
    BOOST_REQUIRE(value_of(product) == mpz_class(a_value * b_value * r_inverse % p));
    BOOST_REQUIRE(value_of(square) == mpz_class(a_value * a_value * r_inverse % p));
  }
}

BOOST_AUTO_TEST_CASE(decode_refuses_malformed_points) {
  const KeyPair key = random_key();
  const Bytes good = key.public_key;
  BOOST_TEST(p384::decode_public_key(good).has_value());
  BOOST_TEST(!p384::decode_public_key(flip_bit(good, 8 * 96)).has_value());  // off the curve
  for (std::uint8_t prefix : {0x00, 0x02, 0x03, 0x05, 0x06, 0x07}) {
    Bytes bad = good;
    bad[0] = prefix;
    BOOST_TEST(!p384::decode_public_key(bad).has_value(), "prefix " << int(prefix));
  }
  // Compressed (0x02/0x03 || X), too short, too long, the identity (0x00).
  Bytes compressed(good.begin(), good.begin() + 49);
  compressed[0] = 0x02 | (good[96] & 1);
  BOOST_TEST(!p384::decode_public_key(compressed).has_value());
  BOOST_TEST(!p384::decode_public_key(BytesView(good).first(96)).has_value());
  Bytes longer = good;
  longer.push_back(0);
  BOOST_TEST(!p384::decode_public_key(longer).has_value());
  BOOST_TEST(!p384::decode_public_key(Bytes{0x00}).has_value());
  BOOST_TEST(!p384::decode_public_key(Bytes{}).has_value());
  // A coordinate equal to p, or to x + p (same value mod p) where x + p < 2^384.
  const Scalar48 p_bytes = be48(prime_p());
  Bytes x_is_p = good;
  std::copy(p_bytes.begin(), p_bytes.end(), x_is_p.begin() + 1);
  BOOST_TEST(!p384::decode_public_key(x_is_p).has_value());
  Bytes y_is_p = good;
  std::copy(p_bytes.begin(), p_bytes.end(), y_is_p.begin() + 49);
  BOOST_TEST(!p384::decode_public_key(y_is_p).has_value());
  const mpz_class y = mpz_of(BytesView(good).subspan(49, 48));
  if (y + prime_p() < (mpz_class(1) << 384)) {
    Bytes y_plus_p = good;
    const Scalar48 bytes = be48(y + prime_p());
    std::copy(bytes.begin(), bytes.end(), y_plus_p.begin() + 49);
    BOOST_TEST(!p384::decode_public_key(y_plus_p).has_value());
  }
  // (0, 0) is not on the curve.
  Bytes zeros(97, 0);
  zeros[0] = 0x04;
  BOOST_TEST(!p384::decode_public_key(zeros).has_value());
  // A point with a small x (below 2^384 - p): x + p also fits in 48 bytes and
  // names the same field element, but is no valid encoding.
  const mpz_class& p = prime_p();
  const mpz_class& b = curve_b();
  mpz_class x = 0;
  mpz_class rhs = b;
  for (; mpz_jacobi(rhs.get_mpz_t(), p.get_mpz_t()) != 1; ++x) {
    rhs = ((x + 1) * (x + 1) * (x + 1) - 3 * (x + 1) + b) % p;
  }
  mpz_class small_y;
  const mpz_class exponent = (p + 1) / 4;
  mpz_powm(small_y.get_mpz_t(), rhs.get_mpz_t(), exponent.get_mpz_t(), p.get_mpz_t());
  Bytes small(97);
  small[0] = 0x04;
  const Scalar48 x_bytes = be48(x), y_bytes = be48(small_y), x_plus_p = be48(x + p);
  std::copy(x_bytes.begin(), x_bytes.end(), small.begin() + 1);
  std::copy(y_bytes.begin(), y_bytes.end(), small.begin() + 49);
  BOOST_TEST(p384::decode_public_key(small).has_value());
  BOOST_TEST(openssl_key(small, nullptr) != nullptr);
  Bytes unreduced = small;
  std::copy(x_plus_p.begin(), x_plus_p.end(), unreduced.begin() + 1);
  BOOST_TEST(!p384::decode_public_key(unreduced).has_value());
  BOOST_TEST(openssl_key(unreduced, nullptr) == nullptr);
}

BOOST_AUTO_TEST_CASE(rfc6979_p384_sha384_sample) {
  // RFC 6979 (Deterministic DSA and ECDSA), appendix A.2.6 "ECDSA, 384 Bits
  // (Prime Field)", key pair on NIST P-384 and the signature "With SHA-384,
  // message = "sample"".
  const Bytes public_key = hex_bytes(
      "04"
      "EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64DEF8F0EA9055866064A254515480"
      "BC13"
      "8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9F54CA84B3F1C9DB1288B231C3AE0D4FE7344FD253326"
      "4720");
  const mpz_class d(
      "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2"
      "EDF5",
      16);
  Signature sig{};
  const Bytes r = hex_bytes(
      "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E80FA"
      "BE46");
  const Bytes s = hex_bytes(
      "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A3862"
      "8AC8");
  std::copy(r.begin(), r.end(), sig.r.begin());
  std::copy(s.begin(), s.end(), sig.s.begin());
  BOOST_TEST(public_of(d) == public_key);  // the vector's U = xG
  const Bytes digest = digest_of(EVP_sha384(), as_bytes("sample"));
  BOOST_TEST(ours(public_key, digest, sig));
  BOOST_TEST(!ours(public_key, digest_of(EVP_sha384(), as_bytes("test")), sig));
}

BOOST_AUTO_TEST_CASE(idcard_certificate_key_decodes) {
  namespace fs = std::filesystem;
  const char* env = std::getenv("EVOTE_IDCARD_DIR");
  const fs::path dir =
      env ? fs::path(env) : fs::path(evote::testing::source_path("../shared/idcard"));
  const fs::path cert_path = dir / "certs" / "JOEORG_auth_2021_639386B2.pem";
  std::error_code ec;
  if (!fs::is_regular_file(cert_path, ec)) {
    BOOST_TEST_MESSAGE("skipped: no " << cert_path);
    return;
  }
  std::unique_ptr<BIO, Free<BIO, BIO_free_all>> bio(BIO_new_file(cert_path.c_str(), "r"));
  BOOST_REQUIRE(bio);
  std::unique_ptr<X509, Free<X509, X509_free>> cert(
      PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  BOOST_REQUIRE(cert);
  EVP_PKEY* pkey = X509_get0_pubkey(cert.get());
  BOOST_REQUIRE(pkey);
  Bytes encoded(200);
  std::size_t length = 0;
  BOOST_REQUIRE(EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
                                                encoded.data(), encoded.size(), &length) == 1);
  encoded.resize(length);
  BOOST_TEST(length == 97u);
  BOOST_TEST(p384::decode_public_key(encoded).has_value());
}

BOOST_AUTO_TEST_CASE(many_threads_verify_at_once) {
  std::vector<KeyPair> keys;
  std::vector<std::pair<Bytes, Signature>> signed_digests;
  for (int i = 0; i < 8; ++i) {
    keys.push_back(random_key());
    const Bytes message = random_bytes(16);
    signed_digests.emplace_back(digest_of(EVP_sha384(), message),
                                openssl_sign(keys.back(), EVP_sha384(), message));
  }
  const std::optional<p384::PublicKey> shared_key =
      p384::decode_public_key(keys[0].public_key, p384::KeyUse::many);
  BOOST_REQUIRE(shared_key);
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        for (std::size_t i = 0; i < keys.size(); ++i) {
          const auto& [digest, sig] = signed_digests[i];
          if (!ours(keys[i].public_key, digest, sig)) ++failures[t];
          if (!p384::verify_digest(*shared_key, signed_digests[0].first, signed_digests[0].second.r,
                                   signed_digests[0].second.s))
            ++failures[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int f : failures) BOOST_TEST(f == 0);
}

BOOST_AUTO_TEST_SUITE_END()
