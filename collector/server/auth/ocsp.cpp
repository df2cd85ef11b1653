// OCSP request, transport and response checks (specs/collector-auth.md §4).
#include "auth/ocsp.hpp"

#include <openssl/ocsp.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>
#include <new>
#include <ostream>
#include <utility>
#include <vector>

#include "auth/ocsp_der.hpp"
#include "auth/ocsp_http.hpp"
#include "auth/ocsp_responder_cache.hpp"
#include "auth/openssl_helpers.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/random.hpp"

namespace evote::collector::auth {

using detail::ErrorQueueGuard;
using detail::OpensslFree;
using detail::X509Ptr;
using detail::X509StackPtr;

struct OcspTrust::Impl {
  std::vector<X509Ptr> cas;
  mutable detail::ResponderCache responders;  // fills as responses pass the full check
};

namespace {

using StorePtr = std::unique_ptr<X509_STORE, OpensslFree<X509_STORE_free>>;
using RequestPtr = std::unique_ptr<OCSP_REQUEST, OpensslFree<OCSP_REQUEST_free>>;
using ResponsePtr = std::unique_ptr<OCSP_RESPONSE, OpensslFree<OCSP_RESPONSE_free>>;
using BasicPtr = std::unique_ptr<OCSP_BASICRESP, OpensslFree<OCSP_BASICRESP_free>>;
using CertIdPtr = std::unique_ptr<OCSP_CERTID, OpensslFree<OCSP_CERTID_free>>;
using OctetsPtr = std::unique_ptr<ASN1_OCTET_STRING, OpensslFree<ASN1_OCTET_STRING_free>>;

constexpr std::size_t kNonceBytes = 32;
constexpr std::size_t kMaxResponseBytes = 64 * 1024;

OcspResult failed(OcspFailure failure, std::string message) {
  OcspResult result;
  result.failure = failure;
  result.message = std::move(message);
  return result;
}

// The configured CA that issued `leaf` by names and key identifiers
// (X509_check_issued). Its signature on the leaf is verified only to choose
// between several such CAs: the caller has validated the leaf's path
// (§4.1), and the CertID binds the issuer's key anyway.
X509* find_issuer(const OcspTrust::Impl& trust, X509* leaf) {
  std::vector<X509*> candidates;
  for (const X509Ptr& ca : trust.cas)
    if (X509_check_issued(ca.get(), leaf) == X509_V_OK) candidates.push_back(ca.get());
  if (candidates.size() == 1) return candidates.front();
  for (X509* ca : candidates)
    if (X509_verify(leaf, X509_get0_pubkey(ca)) == 1) return ca;
  return nullptr;
}

// The path OpenSSL validated for a responder certificate: the verify
// callback sees the final chain at each depth it accepts.
struct VerifiedPath {
  X509StackPtr chain;
  int first_error = X509_V_OK;  // why the path was refused (OpenSSL's queue names no reason)
};

int verified_path_ex_index() {
  static const int index = X509_STORE_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

// Keeps the chain and passes OpenSSL's verdict on unchanged.
int keep_verified_path(int ok, X509_STORE_CTX* context) {
  auto* path = static_cast<VerifiedPath*>(
      X509_STORE_get_ex_data(X509_STORE_CTX_get0_store(context), verified_path_ex_index()));
  if (ok == 1 && path) path->chain.reset(X509_STORE_CTX_get1_chain(context));
  if (ok != 1 && path && path->first_error == X509_V_OK)
    path->first_error = X509_STORE_CTX_get_error(context);
  return ok;
}

// The CAs as a store whose path validation runs at `at_time`, strictly;
// `path` receives the validated chain.
StorePtr make_store(const OcspTrust::Impl& trust, std::time_t at_time, VerifiedPath& path) {
  StorePtr store(X509_STORE_new());
  if (!store) return nullptr;
  for (const X509Ptr& ca : trust.cas)
    if (X509_STORE_add_cert(store.get(), ca.get()) != 1) return nullptr;
  X509_VERIFY_PARAM* param = X509_STORE_get0_param(store.get());
  X509_VERIFY_PARAM_set_time(param, at_time);
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_X509_STRICT);
  if (verified_path_ex_index() < 0 ||
      X509_STORE_set_ex_data(store.get(), verified_path_ex_index(), &path) != 1)
    return nullptr;
  X509_STORE_set_verify_cb(store.get(), keep_verified_path);
  return store;
}

// The response's nonce extension value equals what the request carried.
OcspResult check_nonce(OCSP_BASICRESP* basic, crypto::BytesView expected) {
  int index = OCSP_BASICRESP_get_ext_by_NID(basic, NID_id_pkix_OCSP_Nonce, -1);
  if (index < 0)
    return failed(OcspFailure::nonce_mismatch,
                  "the response carries no nonce (a replayed or pre-produced response?)");
  const ASN1_OCTET_STRING* value = X509_EXTENSION_get_data(OCSP_BASICRESP_get_ext(basic, index));
  crypto::BytesView got(ASN1_STRING_get0_data(value),
                        static_cast<std::size_t>(ASN1_STRING_length(value)));
  if (!std::equal(got.begin(), got.end(), expected.begin(), expected.end()))
    return failed(OcspFailure::nonce_mismatch,
                  "the response's nonce differs from the request's (a replayed response?)");
  return {};
}

// thisUpdate and nextUpdate around the check time (§4.5).
OcspResult check_times(const OcspResult& in, std::time_t at_time, const OcspOptions& options) {
  using detail::utc_text;
  const std::int64_t at = at_time;
  if (in.this_update > at + options.allowed_skew_seconds)
    return failed(OcspFailure::bad_response_time,
                  "thisUpdate " + utc_text(in.this_update) + " is after the check time " +
                      utc_text(at) + " by more than " +
                      std::to_string(options.allowed_skew_seconds) + " s");
  if (in.this_update < at - options.max_age_seconds)
    return failed(OcspFailure::bad_response_time, "thisUpdate " + utc_text(in.this_update) +
                                                      " is more than " +
                                                      std::to_string(options.max_age_seconds) +
                                                      " s before the check time " + utc_text(at));
  if (in.next_update != 0 && in.next_update < in.this_update)
    return failed(OcspFailure::bad_response_time, "nextUpdate " + utc_text(in.next_update) +
                                                      " is before thisUpdate " +
                                                      utc_text(in.this_update));
  if (in.next_update != 0 && in.next_update < at - options.allowed_skew_seconds)
    return failed(
        OcspFailure::bad_response_time,
        "nextUpdate " + utc_text(in.next_update) + " has passed at the check time " + utc_text(at));
  return in;
}

// The one SingleResponse: for our certificate, its status and times.
OcspResult read_single_response(OCSP_BASICRESP* basic, X509* leaf, X509* issuer) {
  if (OCSP_resp_count(basic) != 1)
    return failed(
        OcspFailure::bad_response,
        "the response holds " + std::to_string(OCSP_resp_count(basic)) + " answers (one expected)");
  OCSP_SINGLERESP* single = OCSP_resp_get0(basic, 0);
  const OCSP_CERTID* answered = OCSP_SINGLERESP_get0_id(single);
  ASN1_OBJECT* hash_oid = nullptr;
  OCSP_id_get0_info(nullptr, &hash_oid, nullptr, nullptr, const_cast<OCSP_CERTID*>(answered));
  const EVP_MD* hash = hash_oid ? EVP_get_digestbyobj(hash_oid) : nullptr;
  if (!hash) return failed(OcspFailure::bad_response, "the answer's CertID hash is not known");
  CertIdPtr ours(OCSP_cert_to_id(hash, leaf, issuer));
  if (!ours || OCSP_id_cmp(ours.get(), answered) != 0)
    return failed(OcspFailure::bad_response, "the response answers for another certificate");

  int reason = -1;
  ASN1_GENERALIZEDTIME *revoked_at = nullptr, *this_update = nullptr, *next_update = nullptr;
  int status = OCSP_single_get0_status(single, &reason, &revoked_at, &this_update, &next_update);
  OcspResult result;
  auto this_seconds = detail::asn1_time_seconds(this_update);
  if (!this_seconds) return failed(OcspFailure::bad_response, "thisUpdate does not decode");
  result.this_update = *this_seconds;
  if (next_update) {
    auto next_seconds = detail::asn1_time_seconds(next_update);
    if (!next_seconds) return failed(OcspFailure::bad_response, "nextUpdate does not decode");
    result.next_update = *next_seconds;
  }
  if (status == V_OCSP_CERTSTATUS_GOOD) {
    result.status = CertStatus::good;
  } else if (status == V_OCSP_CERTSTATUS_REVOKED) {
    auto revoked_seconds = detail::asn1_time_seconds(revoked_at);
    if (!revoked_seconds)
      return failed(OcspFailure::bad_response, "revocationTime does not decode");
    result.status = CertStatus::revoked;
    result.revocation_time = *revoked_seconds;
    result.revocation_reason = reason;
  } else if (status == V_OCSP_CERTSTATUS_UNKNOWN) {
    result.status = CertStatus::unknown;
  } else {
    return failed(OcspFailure::bad_response, "the certificate status does not decode");
  }
  return result;
}

// §4.4 steps 1-3: a DER OCSPResponse, status successful, a basic response.
BasicPtr open_response(crypto::BytesView der, OcspResult& problem) {
  const unsigned char* p = der.data();
  ResponsePtr response(der.empty() ? nullptr
                                   : d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(der.size())));
  if (!response || p != der.data() + der.size()) {
    problem = failed(OcspFailure::bad_response, "not a DER OCSPResponse");
    return nullptr;
  }
  int status = OCSP_response_status(response.get());
  if (status != OCSP_RESPONSE_STATUS_SUCCESSFUL) {
    problem = failed(OcspFailure::bad_response, std::string("the responder answered \"") +
                                                    OCSP_response_status_str(status) + "\"");
    return nullptr;
  }
  BasicPtr basic(OCSP_response_get1_basic(response.get()));
  if (!basic) problem = failed(OcspFailure::bad_response, "not a basic OCSP response");
  return basic;
}

// §4.4 step 4: signed by the issuer, or by a responder whose certificate the
// issuer issued with id-kp-OCSPSigning, on a path to a configured root valid
// at at_time. A signer whose path was validated before, inside its window,
// needs only the signature and its authorisation checked (the cache accepts
// nothing the full check would refuse); in any doubt, the full check.
OcspResult verify_signer(OCSP_BASICRESP* basic, X509* issuer, const OcspTrust::Impl& trust,
                         std::time_t at_time) {
  X509* signer = detail::response_signer(basic, issuer);
  if (signer && trust.responders.accepts(basic, signer, issuer, at_time)) return {};
  ERR_clear_error();
  VerifiedPath path;
  StorePtr store = make_store(trust, at_time, path);
  X509StackPtr issuer_only(sk_X509_new_null());
  if (!store || !issuer_only || X509_up_ref(issuer) != 1) throw std::bad_alloc();
  if (sk_X509_push(issuer_only.get(), issuer) <= 0) {
    X509_free(issuer);
    throw std::bad_alloc();
  }
  if (OCSP_basic_verify(basic, issuer_only.get(), store.get(), OCSP_NOEXPLICIT) == 1) {
    if (signer && path.chain)
      trust.responders.remember(signer, issuer, path.chain.get(), trust.cas);
    return {};
  }
  std::string why = detail::take_openssl_error();
  if (path.first_error != X509_V_OK)
    why += std::string(" (") + X509_verify_cert_error_string(path.first_error) + ")";
  return failed(OcspFailure::response_untrusted,
                "the response is not signed by the issuer or a responder it delegated: " +
                    (why.empty() ? std::string("verification failed") : why));
}

}  // namespace

OcspTrust::OcspTrust(std::span<const crypto::Bytes> ca_certificates)
    : impl_(std::make_unique<Impl>()) {
  ErrorQueueGuard clear_errors;
  if (ca_certificates.empty()) throw crypto::Error("no CA certificates given");
  for (std::size_t i = 0; i < ca_certificates.size(); ++i) {
    const std::string name = "CA certificate #" + std::to_string(i + 1);
    X509Ptr cert = detail::parse_certificate(ca_certificates[i]);
    if (!cert) throw crypto::DecodeError(name + ": cannot parse (not DER or PEM X.509)");
    if (!(X509_get_extension_flags(cert.get()) & EXFLAG_CA))
      throw crypto::DecodeError(name + ": not a CA certificate (no basicConstraints CA:TRUE)");
    impl_->cas.push_back(std::move(cert));
  }
}

OcspTrust::~OcspTrust() = default;

std::size_t OcspTrust::validated_responders() const { return impl_->responders.size(); }
std::uint64_t OcspTrust::responder_cache_hits() const { return impl_->responders.hits(); }
std::uint64_t OcspTrust::lean_responder_cache_hits() const { return impl_->responders.lean_hits(); }
OcspTrust::OcspTrust(OcspTrust&&) noexcept = default;
OcspTrust& OcspTrust::operator=(OcspTrust&&) noexcept = default;

std::string_view to_string(CertStatus status) {
  switch (status) {
    case CertStatus::good:
      return "good";
    case CertStatus::revoked:
      return "revoked";
    case CertStatus::unknown:
      return "unknown";
  }
  return "?";
}

std::string_view to_string(OcspFailure failure) {
  switch (failure) {
    case OcspFailure::none:
      return "none";
    case OcspFailure::bad_certificate:
      return "bad_certificate";
    case OcspFailure::issuer_not_found:
      return "issuer_not_found";
    case OcspFailure::no_responder:
      return "no_responder";
    case OcspFailure::responder_unreachable:
      return "responder_unreachable";
    case OcspFailure::bad_response:
      return "bad_response";
    case OcspFailure::response_untrusted:
      return "response_untrusted";
    case OcspFailure::nonce_mismatch:
      return "nonce_mismatch";
    case OcspFailure::bad_response_time:
      return "bad_response_time";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& out, CertStatus status) { return out << to_string(status); }
std::ostream& operator<<(std::ostream& out, OcspFailure failure) {
  return out << to_string(failure);
}

namespace {

// The certificate and its configured issuer, or the failure.
OcspResult find_certificate_and_issuer(crypto::BytesView certificate, const OcspTrust& trust,
                                       X509Ptr& leaf, X509*& issuer) {
  leaf = detail::parse_certificate(certificate);
  if (!leaf)
    return failed(OcspFailure::bad_certificate, "certificate: cannot parse (not DER or PEM X.509)");
  issuer = find_issuer(trust.impl(), leaf.get());
  if (!issuer)
    return failed(OcspFailure::issuer_not_found,
                  "certificate: none of the configured CA certificates issued it");
  return {};
}

// A response whose one certificate is a remembered responder's (every
// ballot's is), opened without that certificate (ocsp_der.hpp) and accepted
// by the cache with the remembered copy as its signer. Null when that does
// not apply or the cache does not decide: the caller then opens and checks
// the response as it is, so this saves work and never changes a verdict.
BasicPtr open_lean_and_accept(crypto::BytesView response_der, X509* issuer,
                              const OcspTrust::Impl& trust, std::time_t at_time) {
  const auto split = detail::split_off_certificates(response_der);
  if (!split || split->certificates.size() != 1) return nullptr;
  X509Ptr known = trust.responders.signer_with_der(split->certificates[0], issuer);
  if (!known) return nullptr;
  OcspResult ignored;
  BasicPtr basic = open_response(split->response, ignored);
  // The signer must be the one the full check finds: not the issuer, and the
  // carried certificate by the responderID.
  if (!basic || detail::response_signer(basic.get(), issuer) != nullptr) return nullptr;
  X509StackPtr extra(sk_X509_new_null());
  if (!extra || X509_up_ref(known.get()) != 1) return nullptr;
  if (sk_X509_push(extra.get(), known.get()) <= 0) {
    X509_free(known.get());
    return nullptr;
  }
  X509* signer = nullptr;
  if (OCSP_resp_get0_signer(basic.get(), &signer, extra.get()) != 1 || signer != known.get())
    return nullptr;
  if (!trust.responders.accepts(basic.get(), known.get(), issuer, at_time)) return nullptr;
  trust.responders.count_lean_hit();
  return basic;
}

OcspResult check_response(crypto::BytesView response_der, X509* leaf, X509* issuer,
                          const OcspTrust& trust, std::time_t at_time,
                          std::optional<crypto::BytesView> request_nonce,
                          const OcspOptions& options) {
  OcspResult problem;
  BasicPtr basic = open_lean_and_accept(response_der, issuer, trust.impl(), at_time);
  if (!basic) {
    ERR_clear_error();
    basic = open_response(response_der, problem);
    if (!basic) return problem;
    if (OcspResult v = verify_signer(basic.get(), issuer, trust.impl(), at_time); !v) return v;
  }
  OcspResult result = read_single_response(basic.get(), leaf, issuer);
  if (!result) return result;
  if (request_nonce)
    if (OcspResult v = check_nonce(basic.get(), *request_nonce); !v) return v;
  auto produced = detail::asn1_time_seconds(OCSP_resp_get0_produced_at(basic.get()));
  if (!produced) return failed(OcspFailure::bad_response, "producedAt does not decode");
  result.produced_at = *produced;
  return check_times(result, at_time, options);
}

// The request for one certificate with a fresh nonce; `nonce_value` gets the
// nonce extension's value as sent.
crypto::Bytes make_request(X509* leaf, X509* issuer, crypto::Bytes& nonce_value) {
  RequestPtr request(OCSP_REQUEST_new());
  CertIdPtr id(OCSP_cert_to_id(EVP_sha1(), leaf, issuer));
  if (!request || !id || !OCSP_request_add0_id(request.get(), id.get()))
    throw crypto::Error("cannot build the OCSP request");
  id.release();  // owned by the request now
  crypto::Bytes nonce = crypto::random_bytes(kNonceBytes);
  if (OCSP_request_add1_nonce(request.get(), nonce.data(), static_cast<int>(nonce.size())) != 1)
    throw crypto::Error("cannot add the OCSP nonce");
  int index = OCSP_REQUEST_get_ext_by_NID(request.get(), NID_id_pkix_OCSP_Nonce, -1);
  const ASN1_OCTET_STRING* value =
      X509_EXTENSION_get_data(OCSP_REQUEST_get_ext(request.get(), index));
  nonce_value.assign(ASN1_STRING_get0_data(value),
                     ASN1_STRING_get0_data(value) + ASN1_STRING_length(value));
  int length = i2d_OCSP_REQUEST(request.get(), nullptr);
  if (length <= 0) throw crypto::Error("cannot encode the OCSP request");
  crypto::Bytes der(static_cast<std::size_t>(length));
  unsigned char* p = der.data();
  i2d_OCSP_REQUEST(request.get(), &p);
  return der;
}

std::string lower_case(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The options' URL, else the certificate's first http:// AIA OCSP URL.
std::string responder_url(X509* leaf, const OcspOptions& options) {
  if (!options.responder_url.empty()) return options.responder_url;
  STACK_OF(OPENSSL_STRING)* urls = X509_get1_ocsp(leaf);
  std::string found;
  for (int i = 0; i < sk_OPENSSL_STRING_num(urls) && found.empty(); ++i) {
    std::string_view url = sk_OPENSSL_STRING_value(urls, i);
    if (url.starts_with("http://")) found = url;
  }
  X509_email_free(urls);
  return found;
}

}  // namespace

OcspResult check_ocsp_response(crypto::BytesView response_der, crypto::BytesView certificate,
                               const OcspTrust& trust, std::time_t at_time,
                               std::optional<crypto::BytesView> request_nonce,
                               const OcspOptions& options) {
  ErrorQueueGuard clear_errors;
  X509Ptr leaf;
  X509* issuer = nullptr;
  if (OcspResult v = find_certificate_and_issuer(certificate, trust, leaf, issuer); !v) return v;
  OcspResult result =
      check_response(response_der, leaf.get(), issuer, trust, at_time, request_nonce, options);
  result.response.assign(response_der.begin(), response_der.end());
  return result;
}

OcspResult check_stored_ocsp_response(crypto::BytesView response_der, crypto::BytesView certificate,
                                      const OcspTrust& trust, std::time_t at_time,
                                      const OcspOptions& options) {
  return check_ocsp_response(response_der, certificate, trust, at_time, std::nullopt, options);
}

OcspResult check_certificate_status(crypto::BytesView certificate, const OcspTrust& trust,
                                    std::time_t at_time, const OcspOptions& options) {
  ErrorQueueGuard clear_errors;
  X509Ptr leaf;
  X509* issuer = nullptr;
  if (OcspResult v = find_certificate_and_issuer(certificate, trust, leaf, issuer); !v) return v;
  const std::string url = responder_url(leaf.get(), options);
  if (url.empty())
    return failed(OcspFailure::no_responder,
                  "no OCSP responder configured and the certificate names none (AIA)");
  crypto::Bytes nonce_value;
  const crypto::Bytes request = make_request(leaf.get(), issuer, nonce_value);
  detail::HttpAnswer answer = detail::http_post(url, "application/ocsp-request", request,
                                                options.timeout, kMaxResponseBytes);
  const std::string where = "OCSP responder " + url + ": ";
  OcspResult result;
  if (!answer.error.empty()) {
    result = failed(OcspFailure::responder_unreachable, where + answer.error);
  } else if (answer.status != 200) {
    result = failed(OcspFailure::responder_unreachable,
                    where + "answered HTTP " + std::to_string(answer.status));
  } else if (!lower_case(answer.content_type).starts_with("application/ocsp-response")) {
    result = failed(OcspFailure::responder_unreachable, where + "answered with content type \"" +
                                                            answer.content_type +
                                                            "\", not application/ocsp-response");
  } else {
    result = check_response(answer.body, leaf.get(), issuer, trust, at_time,
                            crypto::BytesView(nonce_value), options);
    if (!result) result.message = where + result.message;
    result.response = std::move(answer.body);
  }
  result.responder_url = url;
  return result;
}

}  // namespace evote::collector::auth
