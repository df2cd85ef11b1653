// A live OCSP responder for tests and benchmarks: `openssl ocsp` serving an
// index file for the certificates a TestPki's intermediate issues.
//
//   OcspResponder responder(pki);                   // serving at once
//   responder.add_good(card);                       // "good" from now on
//   responder.revoke(card, std::time(nullptr));     // "revoked" from now on
//   settings: "ocsp_url": responder.url()
//
// A certificate never added is "unknown". Answers are signed by a fresh
// responder certificate the intermediate delegated (id-kp-OCSPSigning), or
// by the options' signer; they echo the request's nonce and carry
// nextUpdate = thisUpdate + next_update_minutes.
//
// OpenSSL 3.0's `openssl ocsp` re-reads its index file only when the file's
// mtime, ctime, inode or device changed (whole seconds), and only between
// two requests: a change made while it waits for a connection is seen from
// the second request on. So every change here writes a new file with a
// fresh, strictly increasing mtime, renames it over the index and sends one
// request of its own, after which every request sees the change.
//
// OpenSSL 3.0's -port takes only a number: the responder listens on every
// address ([::]), not only on loopback; this class talks to it on 127.0.0.1.
// It serves one connection at a time. Not thread-safe: one thread drives it.
// Every failure throws std::runtime_error with the responder's output.
#pragma once

#include <sys/types.h>

#include <ctime>
#include <map>
#include <optional>
#include <span>
#include <string>

#include "support/temp_folder.hpp"
#include "support/test_pki.hpp"

namespace evote::testing {

struct OcspResponderOptions {
  // Signs with this certificate and its key instead of a delegated responder
  // certificate (e.g. another CA's responder, whose answers must be refused).
  std::optional<TestCertificate> signer;
  int port = 0;                 // 0: a free port, picked by the responder
  int next_update_minutes = 5;  // openssl ocsp -nmin
};

class OcspResponder {
 public:
  // Starts serving, knowing no certificate yet.
  explicit OcspResponder(const TestPki& ca, OcspResponderOptions options = {});
  ~OcspResponder();  // kills and reaps the responder, removes its files
  OcspResponder(const OcspResponder&) = delete;
  OcspResponder& operator=(const OcspResponder&) = delete;

  // "http://127.0.0.1:<port>/"; the port stays the same across stop/start.
  std::string url() const;
  int port() const { return port_; }
  const TestCertificate& signer() const { return signer_; }

  // From when these return, the responder answers accordingly.
  void add_good(const TestCertificate& certificate);
  void add_good(std::span<const TestCertificate> certificates);  // one reload for all
  // revocationTime `when`; `reason` as an openssl index names it
  // ("keyCompromise", "superseded", "unspecified", ...).
  void revoke(const TestCertificate& certificate, std::time_t when,
              const std::string& reason = "keyCompromise");
  void forget(const TestCertificate& certificate);  // "unknown" again

  void stop();   // kills the responder (nothing listens on the port then)
  void start();  // serves again on the same port, with the index as it is
  bool running() const { return pid_ > 0; }
  std::string log() const;  // what the responder printed since it was last started

 private:
  void write_index();
  void reload();  // the request that makes a running responder re-read its index

  TempFolder folder_;
  TestCertificate issuer_;  // the CA whose certificates are answered for
  TestCertificate root_;    // the issuer's issuer, for the reload request
  TestCertificate signer_;
  int next_update_minutes_;
  std::map<std::string, std::string> index_;  // serial (hex) -> index line
  long generation_ = 0;                       // the index file's mtime, seconds
  pid_t pid_ = -1;
  int port_ = 0;
};

// `response` (a DER OCSPResponse with a basic response) with its signature
// made again by `key`: tbsResponseData, the responderID and the certificates
// are unchanged, so it claims the same responder. A forgery, for tests.
// Throws std::runtime_error when `response` does not decode.
crypto::Bytes resign_ocsp_response(crypto::BytesView response, const TestKey& key);

}  // namespace evote::testing
