// The HTTPS client of evote-admin's collector commands: sends one admin
// request (specs/collector-admin.md) to the collector's admin listener and
// returns or streams the answer.
//
// Security: TLS 1.3 only, and the server must present exactly the
// certificate the signed election config names (collector.tls_certificate,
// compared as DER bytes after the handshake, before the request is sent).
// No CA is trusted and the host name is not checked: the pin is a stronger
// check than either, since only the holder of that certificate's private key
// can complete the handshake. Redirects are not followed (a 3xx is an
// error). Every network step (connect, handshake, sending the request,
// waiting for the answer, each piece of a streamed body) has its own timeout.
//
// Not thread-safe; one request per connection.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "evote/crypto/bytes.hpp"

namespace evote::admin {

// A failure to talk to the collector; the message names the URL and the step.
class CollectorError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The collector answered with an error ({"error","message"}, specs/collector-admin.md §3.1).
class CollectorRefusal : public CollectorError {
 public:
  CollectorRefusal(unsigned status, std::string code, std::string server_message);
  unsigned status() const { return status_; }
  const std::string& code() const { return code_; }  // e.g. "auth_failed"
  const std::string& server_message() const { return server_message_; }

 private:
  unsigned status_;
  std::string code_;
  std::string server_message_;
};

// "https://" HOST [":" PORT] ["/"]: HOST a name, an IPv4 address or a
// bracketed IPv6 address; PORT 1-65535, 443 when absent. No user
// information, path, query or fragment.
struct CollectorUrl {
  std::string text;  // as given
  std::string host;  // brackets removed
  std::string port;
};
// Throws CollectorError("<url>: <problem>").
CollectorUrl parse_collector_url(std::string_view url);

class CollectorClient {
 public:
  // `pinned_certificate` is the DER of the config's collector.tls_certificate.
  CollectorClient(CollectorUrl url, crypto::Bytes pinned_certificate,
                  std::chrono::seconds step_timeout);

  // POSTs `request` (an admin request's canonical bytes) to /v1/admin and
  // returns the body of a 200 answer (at most 64 MiB) and its content type.
  // Throws CollectorRefusal for a 4xx/5xx with an error document, and
  // CollectorError for everything else (no connection, TLS, pin, timeout,
  // redirect, an answer that is not HTTP or is cut short).
  struct Answer {
    std::string content_type;
    std::string body;
  };
  Answer post_admin(crypto::Bytes request);

  // The same, but a 200 body of any length is handed to `sink` piece by
  // piece as it arrives; returns its content type. A connection that ends
  // before the body's end is a CollectorError (what `sink` got is then
  // incomplete).
  using Sink = std::function<void(std::string_view piece)>;
  std::string post_admin_streaming(crypto::Bytes request, const Sink& sink);

  const CollectorUrl& url() const { return url_; }

 private:
  CollectorUrl url_;
  crypto::Bytes pin_;
  std::chrono::seconds timeout_;
};

}  // namespace evote::admin
