// OCSP responses made in process, as a voter CA's delegated responder would
// have answered the collector at vote time: for generated ballot boxes
// (ballot_box_maker.hpp), where starting `openssl ocsp` and asking it once per
// voter (ocsp_responder.hpp) would take far too long.
//
//   OcspMaker maker(pki.intermediate, not_before, not_after);
//   Bytes der = maker.good(card, entry_time);   // store with the ballot
//
// A response is a successful OCSPResponse with one BasicOCSPResponse: one
// SingleResponse for the certificate (SHA-1 CertID, status good, thisUpdate
// the given time, no nextUpdate), no nonce (the collector's request nonce is
// not kept: collector-auth.md §4.7), responderID by name, signed (ECDSA
// P-384, SHA-384) by a responder certificate the issuing CA delegated
// (extendedKeyUsage id-kp-OCSPSigning, critical), which the response
// carries. producedAt is the time the response was made (the check does not
// compare it). Such a response passes collector::auth::check_stored_ocsp_response
// at any time t with thisUpdate in [t - 15 min, t + 15 min] (§4.5).
//
// Thread-safe: good() may run on many threads at once (it only reads the
// issuer and the responder). Failures throw std::runtime_error with OpenSSL's reason.
#pragma once

#include <ctime>

#include "evote/crypto/bytes.hpp"
#include "support/test_pki.hpp"

namespace evote::testing {

class OcspMaker {
 public:
  // A fresh responder key and certificate, issued by `issuer`, valid from
  // `not_before` to `not_after`.
  OcspMaker(TestCertificate issuer, std::time_t not_before, std::time_t not_after);

  // "good" for `certificate` (which `issuer` issued) with thisUpdate `this_update`.
  crypto::Bytes good(const TestCertificate& certificate, std::time_t this_update) const;

  const TestCertificate& issuer() const { return issuer_; }
  const TestCertificate& responder() const { return responder_; }

 private:
  TestCertificate issuer_;
  TestCertificate responder_;
};

}  // namespace evote::testing
