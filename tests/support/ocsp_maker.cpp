// In-process OCSP responses; see ocsp_maker.hpp.
#include "support/ocsp_maker.hpp"

#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/x509.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace evote::testing {
namespace {

template <auto free_fn>
struct OpensslFree {
  template <class T>
  void operator()(T* p) const noexcept {
    free_fn(p);
  }
};

using CertIdPtr = std::unique_ptr<OCSP_CERTID, OpensslFree<OCSP_CERTID_free>>;
using BasicPtr = std::unique_ptr<OCSP_BASICRESP, OpensslFree<OCSP_BASICRESP_free>>;
using ResponsePtr = std::unique_ptr<OCSP_RESPONSE, OpensslFree<OCSP_RESPONSE_free>>;
using TimePtr = std::unique_ptr<ASN1_TIME, OpensslFree<ASN1_TIME_free>>;

[[noreturn]] void fail(const std::string& what) {
  const unsigned long code = ERR_get_error();
  char reason[256] = "no OpenSSL error";
  if (code != 0) ERR_error_string_n(code, reason, sizeof reason);
  ERR_clear_error();
  throw std::runtime_error("OcspMaker: " + what + ": " + reason);
}

TestCertificate make_responder(const TestCertificate& issuer, std::time_t not_before,
                               std::time_t not_after) {
  CertOptions options = ocsp_responder_options("Test voters OCSP responder");
  options.not_before = not_before;
  options.not_after = not_after;
  return issue_certificate(issuer, TestKey::generate(KeyType::ec_p384), options);
}

}  // namespace

OcspMaker::OcspMaker(TestCertificate issuer, std::time_t not_before, std::time_t not_after)
    : issuer_(std::move(issuer)), responder_(make_responder(issuer_, not_before, not_after)) {}

crypto::Bytes OcspMaker::good(const TestCertificate& certificate, std::time_t this_update) const {
  CertIdPtr id(OCSP_cert_to_id(nullptr, certificate.get(), issuer_.get()));
  if (!id) fail("OCSP_cert_to_id");
  BasicPtr basic(OCSP_BASICRESP_new());
  if (!basic) fail("OCSP_BASICRESP_new");
  TimePtr time(ASN1_TIME_set(nullptr, this_update));
  if (!time) fail("ASN1_TIME_set");
  // Copies the CertID and converts thisUpdate to GeneralizedTime.
  if (!OCSP_basic_add1_status(basic.get(), id.get(), V_OCSP_CERTSTATUS_GOOD, 0, nullptr, time.get(),
                              nullptr))
    fail("OCSP_basic_add1_status");
  // Flags 0: responderID by name, the responder's certificate in `certs`.
  if (OCSP_basic_sign(basic.get(), responder_.get(), responder_.key().get(), EVP_sha384(), nullptr,
                      0) != 1)
    fail("OCSP_basic_sign");
  ResponsePtr response(OCSP_response_create(OCSP_RESPONSE_STATUS_SUCCESSFUL, basic.get()));
  if (!response) fail("OCSP_response_create");
  unsigned char* der = nullptr;
  const int length = i2d_OCSP_RESPONSE(response.get(), &der);
  if (length <= 0) fail("i2d_OCSP_RESPONSE");
  crypto::Bytes bytes(der, der + length);
  OPENSSL_free(der);
  return bytes;
}

}  // namespace evote::testing
