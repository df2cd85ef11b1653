// Voter signature checking with OpenSSL 3 (specs/crypto.md, "Voter
// signatures"): certificate path validation at a given time, the leaf's key
// usage, extended key usage and policies (certificate_purpose.cpp), then the
// signature itself. Everything here comes from a voter, so a
// bad input is a failing Verdict, never an exception.
#include "evote/crypto/voter_signature.hpp"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <climits>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "certificate_purpose.hpp"
#include "evote/crypto/certificate_memo.hpp"
#include "evote/crypto/ecdsa_der.hpp"
#include "evote/crypto/p384_signatures.hpp"
#include "issuing_ca_anchors.hpp"
#include "openssl_ptr.hpp"

namespace evote::crypto {
namespace {

struct X509StackFree {
  void operator()(STACK_OF(X509) * stack) const noexcept { sk_X509_pop_free(stack, X509_free); }
};

using X509Ptr = std::unique_ptr<X509, OpensslFree<X509_free>>;
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackFree>;
using StorePtr = std::unique_ptr<X509_STORE, OpensslFree<X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, OpensslFree<X509_STORE_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, OpensslFree<BIO_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpensslFree<EVP_MD_CTX_free>>;

// More intermediates than any real chain has; bounds the work a voter can ask for.
constexpr std::size_t max_intermediates = 8;
constexpr std::size_t min_rsa_bits = 2048;

// Clears OpenSSL's thread-local error queue on leaving scope, so that the
// failures of one call do not surface in an unrelated later one.
class ErrorQueueGuard {
 public:
  ErrorQueueGuard() = default;
  ErrorQueueGuard(const ErrorQueueGuard&) = delete;
  ErrorQueueGuard& operator=(const ErrorQueueGuard&) = delete;
  ~ErrorQueueGuard() { ERR_clear_error(); }
};

// The whole input, no trailing bytes (the thread's last parse kept, so the
// OCSP check of the same ballot does not parse its certificate again).
X509Ptr parse_der(BytesView bytes) { return X509Ptr(parse_der_certificate_memo(bytes)); }

// A certificate is never encrypted: refuse any password prompt (the default
// callback would read one from the terminal for a "Proc-Type: ENCRYPTED" PEM).
int no_password(char*, int, int, void*) { return 0; }

X509Ptr parse_pem(BytesView bytes) {
  if (bytes.empty() || bytes.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
  BioPtr bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
  if (!bio) return nullptr;
  return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, no_password, nullptr));
}

// DER (the whole input, no trailing bytes) or the first PEM CERTIFICATE block.
X509Ptr parse_certificate(BytesView bytes) {
  if (X509Ptr cert = parse_der(bytes)) return cert;
  return parse_pem(bytes);
}

std::string numbered(std::string_view what, std::size_t index) {
  return std::string(what) + " #" + std::to_string(index + 1);
}

std::string name_entry(const X509_NAME* name, int nid) {
  int index = X509_NAME_get_index_by_NID(name, nid, -1);
  if (index < 0) return {};
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  int length = ASN1_STRING_to_UTF8(&utf8, data);
  if (length < 0) return {};
  std::string text(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
  OPENSSL_free(utf8);
  return text;
}

SignerInfo signer_info(const X509* leaf) {
  const X509_NAME* subject = X509_get_subject_name(leaf);
  return {name_entry(subject, NID_serialNumber), name_entry(subject, NID_commonName)};
}

Verdict fail_chain(std::string why) { return Verdict::fail("signer certificate: " + why); }

std::variant<X509StackPtr, Verdict> parse_intermediates(std::span<const Bytes> intermediates) {
  if (intermediates.size() > max_intermediates)
    return Verdict::fail("intermediate certificates: too many (" +
                         std::to_string(intermediates.size()) + ", at most " +
                         std::to_string(max_intermediates) + ")");
  X509StackPtr stack(sk_X509_new_null());
  if (!stack) return Verdict::fail("intermediate certificates: out of memory");
  for (std::size_t i = 0; i < intermediates.size(); ++i) {
    X509Ptr cert = parse_certificate(intermediates[i]);
    if (!cert)
      return Verdict::fail(numbered("intermediate certificate", i) +
                           ": cannot parse (not DER or PEM X.509)");
    if (sk_X509_push(stack.get(), cert.get()) <= 0)
      return Verdict::fail("intermediate certificates: out of memory");
    cert.release();  // now owned by the stack
  }
  return stack;
}

// Path validation: leaf -> (intermediates) -> one of the CAs, every
// certificate valid at at_time, RFC 5280 strict checks on. A leaf issued
// by an anchored issuing CA is decided by the shorter path (same answer,
// one signature check less); any other, and every failure, by the full one.
Verdict check_chain(X509_STORE* store, const certificate_detail::IssuingCaAnchors& anchors,
                    X509* leaf, std::span<const Bytes> intermediates, std::time_t at_time) {
  auto parsed = parse_intermediates(intermediates);
  if (auto* failed = std::get_if<Verdict>(&parsed)) return *failed;
  if (anchors.verifies(leaf, at_time)) return Verdict::pass();
  X509StackPtr untrusted = std::move(std::get<X509StackPtr>(parsed));

  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!ctx || X509_STORE_CTX_init(ctx.get(), store, leaf, untrusted.get()) != 1)
    return fail_chain("cannot set up verification");
  // Flags go on this context's parameters, never on the shared store.
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  X509_VERIFY_PARAM_set_time(param, at_time);
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_USE_CHECK_TIME | X509_V_FLAG_X509_STRICT);
  if (X509_verify_cert(ctx.get()) == 1) return Verdict::pass();
  int error = X509_STORE_CTX_get_error(ctx.get());
  if (error == X509_V_OK) return fail_chain("verification failed");
  return fail_chain(X509_verify_cert_error_string(error));
}

// EVP verification of a DER/PKCS#1 signature over message, hashed with md.
Verdict digest_verify(EVP_PKEY* key, const EVP_MD* md, BytesView message, BytesView signature,
                      bool rsa_pkcs1) {
  static const unsigned char nothing = 0;  // a valid pointer for empty inputs
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pkey_ctx = nullptr;
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pkey_ctx, md, nullptr, key) != 1)
    return Verdict::fail("voter signature: cannot set up verification");
  if (rsa_pkcs1 && EVP_PKEY_CTX_set_rsa_padding(pkey_ctx, RSA_PKCS1_PADDING) != 1)
    return Verdict::fail("voter signature: cannot set up verification");
  int rc =
      EVP_DigestVerify(ctx.get(), signature.empty() ? &nothing : signature.data(), signature.size(),
                       message.empty() ? &nothing : message.data(), message.size());
  return rc == 1 ? Verdict::pass() : Verdict::fail("voter signature does not verify");
}

struct EcdsaRule {
  const char* name;  // as in messages
  std::size_t field_bytes;
  const EVP_MD* (*digest)();
};

std::optional<EcdsaRule> ecdsa_rule(EVP_PKEY* key) {
  char group[80] = {};
  std::size_t length = 0;
  if (EVP_PKEY_get_group_name(key, group, sizeof group, &length) != 1) return std::nullopt;
  int nid = OBJ_txt2nid(group);
  if (nid == NID_undef) nid = EC_curve_nist2nid(group);
  if (nid == NID_secp384r1) return EcdsaRule{"ECDSA P-384", 48, EVP_sha384};
  if (nid == NID_X9_62_prime256v1) return EcdsaRule{"ECDSA P-256", 32, EVP_sha256};
  return std::nullopt;
}

std::string curve_name(EVP_PKEY* key) {
  char group[80] = {};
  std::size_t length = 0;
  if (EVP_PKEY_get_group_name(key, group, sizeof group, &length) != 1) return "explicit parameters";
  return group;
}

Verdict wrong_length(const std::string& scheme, std::size_t got, std::size_t expected) {
  return Verdict::fail("voter signature: wrong length for " + scheme + " (" + std::to_string(got) +
                       " bytes, expected " + std::to_string(expected) + ")");
}

Verdict check_ecdsa(EVP_PKEY* key, BytesView message, BytesView signature) {
  std::optional<EcdsaRule> rule = ecdsa_rule(key);
  if (!rule)
    return fail_chain("unsupported key: EC curve " + curve_name(key) +
                      " (P-384 or P-256 required)");
  if (signature.size() != 2 * rule->field_bytes)
    return wrong_length(rule->name, signature.size(), 2 * rule->field_bytes);
  if (const std::optional<bool> fast =
          p384_raw_signature_verifies(key, rule->digest(), message, signature)) {
    return *fast ? Verdict::pass() : Verdict::fail("voter signature does not verify");
  }
  std::optional<Bytes> der = ecdsa_raw_to_der(signature);
  if (!der) return Verdict::fail("voter signature: cannot convert r || s");
  return digest_verify(key, rule->digest(), message, *der, false);
}

Verdict check_rsa(EVP_PKEY* key, BytesView message, BytesView signature) {
  int bits = EVP_PKEY_get_bits(key);
  std::string scheme = "RSA-" + std::to_string(bits);
  if (bits < static_cast<int>(min_rsa_bits))
    return fail_chain("unsupported key: " + scheme + " (at least 2048 bits required)");
  auto modulus_bytes = static_cast<std::size_t>(EVP_PKEY_get_size(key));
  if (signature.size() != modulus_bytes)
    return wrong_length(scheme, signature.size(), modulus_bytes);
  return digest_verify(key, EVP_sha256(), message, signature, true);
}

Verdict check_signature(X509* leaf, BytesView message, BytesView signature) {
  EVP_PKEY* key = X509_get0_pubkey(leaf);  // owned by leaf; decoded before
  if (EVP_PKEY_is_a(key, "EC")) return check_ecdsa(key, message, signature);
  if (EVP_PKEY_is_a(key, "RSA")) return check_rsa(key, message, signature);
  const char* type = EVP_PKEY_get0_type_name(key);
  return fail_chain(std::string("unsupported key: ") + (type ? type : "unknown type"));
}

}  // namespace

struct TrustedCas::Impl {
  StorePtr store;
  std::unique_ptr<certificate_detail::IssuingCaAnchors> anchors;
  std::size_t count = 0;
};

namespace {

X509Ptr add_ca(X509_STORE* store, BytesView bytes, std::size_t index) {
  X509Ptr cert = parse_certificate(bytes);
  if (!cert)
    throw DecodeError(numbered("CA certificate", index) + ": cannot parse (not DER or PEM X.509)");
  if (!(X509_get_extension_flags(cert.get()) & EXFLAG_CA))
    throw DecodeError(numbered("CA certificate", index) +
                      ": not a CA certificate (no basicConstraints CA:TRUE)");
  if (X509_STORE_add_cert(store, cert.get()) != 1)  // takes its own reference
    throw Error(numbered("CA certificate", index) + ": cannot add to the trust store");
  return cert;
}

}  // namespace

TrustedCas::TrustedCas(std::span<const Bytes> ca_certificates) : impl_(std::make_unique<Impl>()) {
  ErrorQueueGuard clear_errors;
  if (ca_certificates.empty()) throw Error("no CA certificates given");
  impl_->store.reset(X509_STORE_new());
  if (!impl_->store) throw Error("cannot create the certificate store");
  std::vector<X509Ptr> cas;
  for (std::size_t i = 0; i < ca_certificates.size(); ++i)
    cas.push_back(add_ca(impl_->store.get(), ca_certificates[i], i));
  std::vector<X509*> configured;
  for (const X509Ptr& ca : cas) configured.push_back(ca.get());
  impl_->anchors =
      std::make_unique<certificate_detail::IssuingCaAnchors>(impl_->store.get(), configured);
  impl_->count = ca_certificates.size();
}

TrustedCas::~TrustedCas() = default;
TrustedCas::TrustedCas(TrustedCas&&) noexcept = default;
TrustedCas& TrustedCas::operator=(TrustedCas&&) noexcept = default;

std::size_t TrustedCas::size() const { return impl_->count; }

std::size_t TrustedCas::anchored_issuing_cas() const { return impl_->anchors->size(); }

namespace {

// Steps 1-4 of verify_voter_certificate on a parsed leaf (null: did not parse).
Verdict check_certificate(const TrustedCas& cas, X509* leaf, std::span<const Bytes> intermediates,
                          std::time_t at_time, CertificatePurpose purpose,
                          std::span<const std::string> accepted_policies) {
  if (!leaf) return fail_chain("cannot parse (not DER or PEM X.509)");
  // Checked here: OpenSSL's path validation reports this only as "unspecified".
  if (!X509_get0_pubkey(leaf)) return fail_chain("cannot decode its public key");
  if (Verdict v =
          check_chain(cas.impl().store.get(), *cas.impl().anchors, leaf, intermediates, at_time);
      !v)
    return v;
  if (Verdict v = certificate_detail::check_leaf_purpose(leaf, purpose); !v) return v;
  return certificate_detail::check_leaf_policies(leaf, accepted_policies);
}

}  // namespace

VoterCertificateResult verify_voter_certificate(const TrustedCas& cas, BytesView signer_certificate,
                                                std::span<const Bytes> intermediates,
                                                std::time_t at_time, CertificatePurpose purpose,
                                                std::span<const std::string> accepted_policies) {
  ErrorQueueGuard clear_errors;
  VoterCertificateResult result;
  X509Ptr leaf = parse_certificate(signer_certificate);
  if (leaf) result.signer = signer_info(leaf.get());
  result.verdict =
      check_certificate(cas, leaf.get(), intermediates, at_time, purpose, accepted_policies);
  return result;
}

VoterSignatureResult verify_voter_signature(const TrustedCas& cas, BytesView signer_certificate,
                                            std::span<const Bytes> intermediates, BytesView message,
                                            BytesView signature, std::time_t at_time,
                                            CertificatePurpose purpose,
                                            std::span<const std::string> accepted_policies) {
  ErrorQueueGuard clear_errors;
  VoterSignatureResult result;
  X509Ptr leaf = parse_certificate(signer_certificate);
  if (leaf) result.signer = signer_info(leaf.get());
  result.verdict =
      check_certificate(cas, leaf.get(), intermediates, at_time, purpose, accepted_policies);
  if (result.verdict) result.verdict = check_signature(leaf.get(), message, signature);
  return result;
}

}  // namespace evote::crypto

namespace evote::crypto {

Bytes certificate_to_der(BytesView der_or_pem) {
  ErrorQueueGuard guard;
  X509Ptr cert = parse_certificate(der_or_pem);
  const int length = cert ? i2d_X509(cert.get(), nullptr) : -1;
  if (length <= 0) throw DecodeError("certificate: cannot parse (not DER or PEM X.509)");
  Bytes out(static_cast<std::size_t>(length));
  unsigned char* p = out.data();
  i2d_X509(cert.get(), &p);
  return out;
}

}  // namespace evote::crypto
