// The collector's HTTPS front: Boost.Beast over OpenSSL, TLS 1.3 only,
// HTTP/1.1 with keep-alive. Network I/O runs on `io_threads` threads (the
// cores); each complete request is handed to a worker pool, where the
// handler may block (database, group commit, OCSP), and the answer is
// written back on the connection's strand. A request body over the limit
// is refused with 413 (body_too_large) and one that ends early with 400
// (body_truncated), before any handler sees it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace evote::collector {

struct HttpRequest {
  std::string method;                          // "GET", "POST", ...
  std::string target;                          // path and query, e.g. "/v1/election"
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote;  // peer address, for logs
};

struct HttpResponse {
  unsigned status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers = {};
  // When set, the body is not `body` but what `stream` gives, sent with
  // chunked transfer encoding: each call (on a worker thread, one at a time)
  // returns the next piece, or nullopt at the end. If it throws, the
  // connection is cut without the last chunk, so that a client sees an
  // incomplete body, never a short one that looks whole.
  std::function<std::optional<std::string>()> stream = {};
};

// {"error": code, "message": message} with that status (specs/collector-api.md §1.1).
HttpResponse error_response(unsigned status, const std::string& code, const std::string& message);

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

struct Listener {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0: any free port (tests); see HttpsServer::port
  HttpHandler handler;
  std::size_t max_body_bytes = 0;  // 0: HttpsServerOptions::max_body_bytes
};

struct HttpsServerOptions {
  std::string certificate_pem;  // the server's certificate chain, PEM
  std::string private_key_pem;  // its key, PEM
  unsigned io_threads = 0;      // 0: the machine's cores
  unsigned workers = 32;        // blocking handler threads
  std::size_t max_body_bytes = 1 << 20;
  unsigned read_timeout_seconds = 30;
};

class HttpsServer {
 public:
  // Binds every listener (std::runtime_error naming the address on failure)
  // and starts serving.
  HttpsServer(HttpsServerOptions options, std::vector<Listener> listeners);
  ~HttpsServer();  // stop()
  HttpsServer(const HttpsServer&) = delete;
  HttpsServer& operator=(const HttpsServer&) = delete;

  // The port listener i is bound to.
  std::uint16_t port(std::size_t listener) const;
  // Stops accepting, lets requests in flight finish (up to `grace_seconds`),
  // then closes every connection and joins the threads.
  void stop(unsigned grace_seconds = 10);
  // Requests being handled now.
  std::size_t in_flight() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace evote::collector
