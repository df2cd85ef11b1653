#include "auth/token_signature.hpp"

#include <openssl/ec.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <climits>
#include <iterator>
#include <memory>
#include <optional>

#include "auth/openssl_helpers.hpp"
#include "evote/crypto/ecdsa_der.hpp"
#include "evote/crypto/p384_signatures.hpp"

namespace evote::collector::auth::detail {
namespace {

using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpensslFree<EVP_MD_CTX_free>>;

constexpr int kMinRsaBits = 2048;

AuthVerdict invalid(std::string message) {
  return {AuthTokenReason::signature_invalid, std::move(message)};
}

// ES256/PS256/RS256 -> SHA-256, ...384 -> SHA-384, ...512 -> SHA-512.
const EVP_MD* digest_for(std::string_view algorithm) {
  std::string_view bits = algorithm.substr(2);
  if (bits == "256") return EVP_sha256();
  if (bits == "384") return EVP_sha384();
  return EVP_sha512();
}

// The curve an ES algorithm requires, and its field size in bytes.
std::pair<int, std::size_t> curve_for(std::string_view algorithm) {
  if (algorithm == "ES256") return {NID_X9_62_prime256v1, 32};
  if (algorithm == "ES384") return {NID_secp384r1, 48};
  return {NID_secp521r1, 66};
}

int key_curve(EVP_PKEY* key) {
  char group[80] = {};
  std::size_t length = 0;
  if (EVP_PKEY_get_group_name(key, group, sizeof group, &length) != 1) return NID_undef;
  int nid = OBJ_txt2nid(group);
  return nid != NID_undef ? nid : EC_curve_nist2nid(group);
}

// H(origin) || H(nonce), the bytes the card signs (hashed once more by the signature).
crypto::Bytes signed_data(const EVP_MD* md, std::string_view origin, std::string_view nonce) {
  crypto::Bytes out(2 * static_cast<std::size_t>(EVP_MD_get_size(md)));
  unsigned int length = 0;
  const std::size_t half = out.size() / 2;
  if (EVP_Digest(origin.data(), origin.size(), out.data(), &length, md, nullptr) != 1 ||
      length != half ||
      EVP_Digest(nonce.data(), nonce.size(), out.data() + half, &length, md, nullptr) != 1 ||
      length != half)
    return {};
  return out;
}

enum class Padding { none, pkcs1, pss };

bool digest_verify(EVP_PKEY* key, const EVP_MD* md, Padding padding, crypto::BytesView message,
                   crypto::BytesView signature) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pkey_ctx = nullptr;
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pkey_ctx, md, nullptr, key) != 1) return false;
  if (padding == Padding::pkcs1 && EVP_PKEY_CTX_set_rsa_padding(pkey_ctx, RSA_PKCS1_PADDING) != 1)
    return false;
  if (padding == Padding::pss &&
      (EVP_PKEY_CTX_set_rsa_padding(pkey_ctx, RSA_PKCS1_PSS_PADDING) != 1 ||
       EVP_PKEY_CTX_set_rsa_pss_saltlen(pkey_ctx, RSA_PSS_SALTLEN_DIGEST) != 1 ||
       EVP_PKEY_CTX_set_rsa_mgf1_md(pkey_ctx, md) != 1))
    return false;
  return EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(),
                          message.size()) == 1;
}

}  // namespace

AuthVerdict verify_token_signature(EVP_PKEY* key, std::string_view algorithm,
                                   crypto::BytesView signature, std::string_view origin,
                                   std::string_view nonce) {
  ErrorQueueGuard clear_errors;
  static constexpr std::string_view kAlgorithms[] = {"ES256", "ES384", "ES512", "PS256", "PS384",
                                                     "PS512", "RS256", "RS384", "RS512"};
  if (std::find(std::begin(kAlgorithms), std::end(kAlgorithms), algorithm) == std::end(kAlgorithms))
    return {AuthTokenReason::unsupported_algorithm, "algorithm is not supported"};
  const EVP_MD* md = digest_for(algorithm);
  const crypto::Bytes message = signed_data(md, origin, nonce);
  if (message.empty()) return invalid("cannot hash the origin and nonce");
  const std::string alg(algorithm);
  if (algorithm.starts_with("ES")) {
    auto [curve, field_bytes] = curve_for(algorithm);
    if (!EVP_PKEY_is_a(key, "EC") || key_curve(key) != curve)
      return invalid(alg + " needs an EC " + OBJ_nid2sn(curve) +
                     " key; the certificate has another");
    if (signature.size() != 2 * field_bytes)
      return invalid(alg + " signature must be " + std::to_string(2 * field_bytes) +
                     " bytes (raw r || s), got " + std::to_string(signature.size()));
    // ES384 on a P-384 key by crypto's own arithmetic; anything else by OpenSSL.
    const std::optional<bool> fast =
        crypto::p384_raw_signature_verifies(key, md, message, signature);
    if (fast && !*fast) return invalid("signature does not verify over H(origin) || H(nonce)");
    if (fast) return {};
    std::optional<crypto::Bytes> der = crypto::ecdsa_raw_to_der(signature);
    if (!der || !digest_verify(key, md, Padding::none, message, *der))
      return invalid("signature does not verify over H(origin) || H(nonce)");
    return {};
  }
  if (!EVP_PKEY_is_a(key, "RSA"))
    return invalid(alg + " needs an RSA key; the certificate has another");
  if (EVP_PKEY_get_bits(key) < kMinRsaBits)
    return invalid("RSA key of " + std::to_string(EVP_PKEY_get_bits(key)) +
                   " bits (at least 2048 required)");
  if (signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(key)))
    return invalid(alg + " signature must be " + std::to_string(EVP_PKEY_get_size(key)) +
                   " bytes (the modulus size), got " + std::to_string(signature.size()));
  const Padding padding = algorithm.starts_with("PS") ? Padding::pss : Padding::pkcs1;
  if (!digest_verify(key, md, padding, message, signature))
    return invalid("signature does not verify over H(origin) || H(nonce)");
  return {};
}

}  // namespace evote::collector::auth::detail
