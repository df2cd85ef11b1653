// A small HTTPS client for the collector's tests (Boost.Beast, OpenSSL):
// one request per connection, the server's certificate checked against a
// given CA (or pinned as the trust anchor itself), TLS version bounds
// settable to show that older versions are refused.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace evote::testing {

struct HttpsClientOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::string trusted_pem;  // CA (or the server's own certificate) that must sign the server's
  int max_tls_version = 0;  // 0: any; e.g. TLS1_2_VERSION to offer at most TLS 1.2
  unsigned timeout_seconds = 30;
};

struct HttpsReply {
  unsigned status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
};

// Throws std::runtime_error naming the step (connect, handshake, ...) on failure.
HttpsReply https_request(const HttpsClientOptions& options, const std::string& method,
                         const std::string& target, const std::string& body = "",
                         const std::map<std::string, std::string>& headers = {});

// Writes `raw` (an HTTP request, possibly cut short) after the handshake,
// then half-closes the TCP connection (the client sends nothing more) and
// returns everything the server answered until it closed.
std::string https_raw(const HttpsClientOptions& options, const std::string& raw);

}  // namespace evote::testing
