// HTTPS to the collector: TLS 1.3 only, JSON bodies, synchronous.
//
// Trust (specs/voter-app.md, "Trusting the collector"): the election config
// is fetched once without certificate validation (fetch_unpinned), the
// caller checks the organizer's signature on it and then pins the
// collector TLS certificate the config names (pin). From then on every
// request first checks that the server presented exactly that certificate
// (DER equal) and is aborted before any request byte is sent otherwise.
//
// Each call runs a local QEventLoop until the answer or the timeout, so it
// blocks: call it from a worker thread (the GUI) or the main thread of a
// program without a running event loop (the CLI). A QCoreApplication must
// exist. A client may be used from any one thread at a time (each request
// makes its own QNetworkAccessManager in the calling thread).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "evote/crypto/bytes.hpp"

namespace evote::voter {

inline constexpr std::chrono::milliseconds kDefaultRequestTimeout{30000};

struct UnpinnedAnswer {
  crypto::Bytes body;                   // the answer's body (2xx only)
  crypto::Bytes presented_certificate;  // DER of the server's TLS certificate
};

class CollectorClient {
 public:
  // `collector_url` as check_collector_url accepts (VoterError settings otherwise).
  explicit CollectorClient(std::string collector_url,
                           std::chrono::milliseconds timeout = kDefaultRequestTimeout);
  ~CollectorClient();
  CollectorClient(CollectorClient&&) noexcept;
  CollectorClient& operator=(CollectorClient&&) noexcept;

  // GET `path` without validating the server's certificate (still TLS 1.3
  // only), returning the body and the certificate presented. For
  // GET /v1/election before anything is pinned; nothing secret is sent.
  UnpinnedAnswer fetch_unpinned(std::string_view path);

  // Every later request requires exactly this certificate (DER).
  void pin(crypto::Bytes certificate_der);
  bool pinned() const;

  // GET / POST with the pinned certificate; `session` non-empty adds
  // "Authorization: Bearer <session>"; a POST body is sent as
  // application/json. Returns the body of a 2xx answer. Throws VoterError:
  // wrong_state (nothing pinned), certificate_pin (another certificate:
  // names both SHA-256 fingerprints), tls, network, timeout,
  // collector_refused (any non-2xx: the collector's "error" code and
  // "message" when the body has them, else "http_<status>"), bad_answer.
  crypto::Bytes get(std::string_view path, std::string_view session = {});
  crypto::Bytes post(std::string_view path, crypto::BytesView body, std::string_view session = {});

  const std::string& collector_url() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace evote::voter
