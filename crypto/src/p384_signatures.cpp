// OpenSSL's signature structures handed to crypto/src/p384 (p384_signatures.hpp).
#include "evote/crypto/p384_signatures.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/objects.h>

#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <utility>

#include "openssl_ptr.hpp"
#include "p384/p384_verify.hpp"

namespace evote::crypto {
namespace {

using EcdsaSigPtr = OpensslPtr<ECDSA_SIG, ECDSA_SIG_free>;

using Point = std::array<std::uint8_t, 97>;

// The key's uncompressed point: nullopt unless EC on secp384r1 with an
// uncompressed point.
std::optional<Point> p384_point(EVP_PKEY* key) {
  if (!key || !EVP_PKEY_is_a(key, "EC")) return std::nullopt;
  char group[32] = {};
  std::size_t length = 0;
  if (EVP_PKEY_get_group_name(key, group, sizeof group, &length) != 1) return std::nullopt;
  if (std::strcmp(group, "secp384r1") != 0) return std::nullopt;
  Point point{};
  std::size_t point_length = 0;
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size(),
                                      &point_length) != 1 ||
      point_length != point.size()) {
    ERR_clear_error();
    return std::nullopt;
  }
  return point;
}

// A key that signs once (a voter's): decoded for this signature alone.
std::optional<p384::PublicKey> key_for_once(EVP_PKEY* key) {
  const std::optional<Point> point = p384_point(key);
  if (!point) return std::nullopt;
  return p384::decode_public_key(*point, p384::KeyUse::once);
}

// A key that signs many times (a CA's, an OCSP responder's): its bigger
// tables (p384::KeyUse::many) cost about one verification to build, so the
// last few such keys are kept, by their point, for the whole process.
std::shared_ptr<const p384::PublicKey> key_for_many(EVP_PKEY* key) {
  constexpr std::size_t kKept = 16;
  static std::shared_mutex mutex;
  static std::deque<std::pair<Point, std::shared_ptr<const p384::PublicKey>>> kept;
  const std::optional<Point> point = p384_point(key);
  if (!point) return nullptr;
  {
    std::shared_lock lock(mutex);
    for (const auto& [p, k] : kept)
      if (p == *point) return k;
  }
  std::optional<p384::PublicKey> decoded = p384::decode_public_key(*point, p384::KeyUse::many);
  if (!decoded) return nullptr;
  auto shared = std::make_shared<const p384::PublicKey>(std::move(*decoded));
  std::unique_lock lock(mutex);
  if (kept.size() >= kKept) kept.pop_front();
  kept.emplace_back(*point, shared);
  return shared;
}

// SHA-256, -384 or -512 of `message`; nullopt for any other digest.
std::optional<Bytes> message_digest(const EVP_MD* md, BytesView message) {
  const int type = md ? EVP_MD_get_type(md) : NID_undef;
  if (type != NID_sha256 && type != NID_sha384 && type != NID_sha512) return std::nullopt;
  Bytes digest(static_cast<std::size_t>(EVP_MD_get_size(md)));
  unsigned int written = 0;
  static const unsigned char nothing = 0;  // a valid pointer for an empty message
  if (EVP_Digest(message.empty() ? &nothing : message.data(), message.size(), digest.data(),
                 &written, md, nullptr) != 1 ||
      written != digest.size()) {
    ERR_clear_error();
    return std::nullopt;
  }
  return digest;
}

// r and s as 48-byte big-endian numbers from a DER ECDSA-Sig-Value. As
// OpenSSL's ECDSA verification: the bytes must be exactly the DER encoding
// of what they decode to (so no trailing or non-minimal bytes), and a
// negative or over-long number fails. False: the signature fails.
bool split_der_signature(BytesView der, std::array<std::uint8_t, 48>& r,
                         std::array<std::uint8_t, 48>& s) {
  if (der.empty() || der.size() > static_cast<std::size_t>(INT_MAX)) return false;
  const unsigned char* p = der.data();
  EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig) {
    ERR_clear_error();
    return false;
  }
  unsigned char* encoded = nullptr;
  const int length = i2d_ECDSA_SIG(sig.get(), &encoded);
  const bool exact = length > 0 && static_cast<std::size_t>(length) == der.size() &&
                     std::memcmp(encoded, der.data(), der.size()) == 0;
  OPENSSL_free(encoded);
  if (!exact) return false;
  const BIGNUM* r_number = nullptr;
  const BIGNUM* s_number = nullptr;
  ECDSA_SIG_get0(sig.get(), &r_number, &s_number);
  if (BN_is_negative(r_number) || BN_is_negative(s_number)) return false;
  return BN_bn2binpad(r_number, r.data(), static_cast<int>(r.size())) == 48 &&
         BN_bn2binpad(s_number, s.data(), static_cast<int>(s.size())) == 48;
}

// The digest an X.509 AlgorithmIdentifier names for ECDSA, with its
// parameters absent as RFC 5758 §3.2 requires; null for anything else.
const EVP_MD* ecdsa_digest(const X509_ALGOR* algorithm) {
  if (!algorithm) return nullptr;
  const ASN1_OBJECT* oid = nullptr;
  int parameter_type = 0;
  const void* parameter = nullptr;
  X509_ALGOR_get0(&oid, &parameter_type, &parameter, algorithm);
  if (parameter_type != V_ASN1_UNDEF) return nullptr;
  switch (OBJ_obj2nid(oid)) {
    case NID_ecdsa_with_SHA256:
      return EVP_sha256();
    case NID_ecdsa_with_SHA384:
      return EVP_sha384();
    case NID_ecdsa_with_SHA512:
      return EVP_sha512();
    default:
      return nullptr;
  }
}

// The first element of a DER SEQUENCE (a certificate's tbsCertificate),
// tag and length included; empty when `der` is not a SEQUENCE whose first
// element is one, with definite lengths that fit.
BytesView first_element(BytesView der) {
  // Header of a constructed SEQUENCE at `at`: returns its content's offset and length.
  auto sequence = [&](std::size_t at, std::size_t& content, std::size_t& length) {
    if (at + 2 > der.size() || der[at] != 0x30) return false;
    std::size_t first = der[at + 1];
    std::size_t offset = at + 2;
    if (first < 0x80) {
      length = first;
    } else {
      const std::size_t count = first & 0x7f;
      if (count == 0 || count > 4 || offset + count > der.size()) return false;
      length = 0;
      for (std::size_t k = 0; k < count; ++k) length = (length << 8) | der[offset + k];
      offset += count;
    }
    if (length > der.size() - offset) return false;
    content = offset;
    return true;
  };
  std::size_t outer = 0, outer_length = 0, inner = 0, inner_length = 0;
  if (!sequence(0, outer, outer_length) || !sequence(outer, inner, inner_length)) return {};
  if (inner + inner_length > outer + outer_length) return {};
  return der.subspan(outer, inner + inner_length - outer);
}

}  // namespace

std::optional<bool> p384_signature_verifies(EVP_PKEY* key, const X509_ALGOR* algorithm,
                                            const ASN1_BIT_STRING* signature,
                                            BytesView signed_bytes) {
  const EVP_MD* md = ecdsa_digest(algorithm);
  if (!md || !signature) return std::nullopt;
  // OpenSSL refuses a signature BIT STRING with unused bits: let it say so.
  if ((signature->flags & 0x07) != 0) return std::nullopt;
  // Certificates and OCSP responses are signed by CAs and responders.
  const std::shared_ptr<const p384::PublicKey> public_key = key_for_many(key);
  if (!public_key) return std::nullopt;
  const std::optional<Bytes> digest = message_digest(md, signed_bytes);
  if (!digest) return std::nullopt;
  std::array<std::uint8_t, 48> r{}, s{};
  const BytesView der(ASN1_STRING_get0_data(signature),
                      static_cast<std::size_t>(ASN1_STRING_length(signature)));
  if (!split_der_signature(der, r, s)) return false;
  return p384::verify_digest(*public_key, *digest, r, s);
}

std::optional<bool> p384_certificate_verifies(X509* certificate, EVP_PKEY* issuer_key) {
  if (!certificate) return std::nullopt;
  const ASN1_BIT_STRING* signature = nullptr;
  const X509_ALGOR* outer_algorithm = nullptr;
  X509_get0_signature(&signature, &outer_algorithm, certificate);
  const X509_ALGOR* inner_algorithm = X509_get0_tbs_sigalg(certificate);
  if (!ecdsa_digest(outer_algorithm)) return std::nullopt;
  if (X509_ALGOR_cmp(outer_algorithm, inner_algorithm) != 0) return false;  // as X509_verify
  // The tbsCertificate exactly as parsed: OpenSSL keeps its original bytes
  // and i2d_X509 writes them back.
  unsigned char* der = nullptr;
  const int length = i2d_X509(certificate, &der);
  if (length <= 0) {
    ERR_clear_error();
    return std::nullopt;
  }
  const BytesView tbs = first_element(BytesView(der, static_cast<std::size_t>(length)));
  std::optional<bool> verdict;
  if (!tbs.empty()) verdict = p384_signature_verifies(issuer_key, outer_algorithm, signature, tbs);
  OPENSSL_free(der);
  return verdict;
}

std::optional<bool> p384_raw_signature_verifies(EVP_PKEY* key, const EVP_MD* md, BytesView message,
                                                BytesView r_and_s) {
  const std::optional<p384::PublicKey> public_key = key_for_once(key);
  if (!public_key) return std::nullopt;
  const std::optional<Bytes> digest = message_digest(md, message);
  if (!digest) return std::nullopt;
  if (r_and_s.size() != 96) return false;
  std::array<std::uint8_t, 48> r{}, s{};
  std::memcpy(r.data(), r_and_s.data(), 48);
  std::memcpy(s.data(), r_and_s.data() + 48, 48);
  return p384::verify_digest(*public_key, *digest, r, s);
}

}  // namespace evote::crypto
