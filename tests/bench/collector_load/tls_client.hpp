// The load generator's HTTPS client: HTTP/1.1 keep-alive over one TLS 1.3
// connection (Boost.Beast, synchronous), as a voter's app talks to the
// collector. One TlsClient per thread; a TlsClientContext (the trusted,
// pinned server certificate) is shared by all of them.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

namespace evote::bench {

// A request that got no HTTP answer. kind() names the step: "connect",
// "handshake", "write", "read" (the server closed or did not answer).
class TransportError : public std::runtime_error {
 public:
  TransportError(std::string kind, const std::string& message)
      : std::runtime_error(kind + ": " + message), kind_(std::move(kind)) {}
  const std::string& kind() const { return kind_; }

 private:
  std::string kind_;
};

// TLS 1.3 only, the server's certificate pinned (taken as the trust anchor
// itself, as the voter app pins the config's certificate). No session
// resumption: every connection makes a full handshake, as a voter's first
// connection does.
class TlsClientContext {
 public:
  explicit TlsClientContext(const std::string& pinned_certificate_pem);
  ~TlsClientContext();
  struct Impl;
  Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

struct Reply {
  unsigned status = 0;
  std::string body;
  bool keep_alive = true;  // false: the server will close the connection
};

class TlsClient {
 public:
  TlsClient(const TlsClientContext& context, std::string host, std::uint16_t port);
  ~TlsClient();
  TlsClient(const TlsClient&) = delete;
  TlsClient& operator=(const TlsClient&) = delete;

  // TCP connect and TLS handshake; throws TransportError.
  void connect();
  bool connected() const;
  // One request on the open connection (connect() first); throws
  // TransportError, after which the connection is closed.
  Reply request(const std::string& method, const std::string& target, const std::string& body,
                const std::string& bearer = "");
  // TLS close_notify and TCP close; never throws.
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace evote::bench
