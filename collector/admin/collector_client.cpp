#include "collector_client.hpp"

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>

// clang-format off
#include <utility>  // before Boost.Asio 1.74: its awaitable.hpp uses std::exchange
#include <boost/asio.hpp>
// clang-format on
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace evote::admin {

namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

constexpr std::string_view kAdminTarget = "/v1/admin";
constexpr std::size_t kMaxAnswerBytes = std::size_t{64} << 20;
constexpr std::size_t kMaxErrorBytes = 64 << 10;

std::string sha256_hex(crypto::BytesView data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr);
  return crypto::to_hex(crypto::BytesView(digest.data(), size));
}

// A step's error, in words a person can act on.
std::string describe(const beast::error_code& error, std::chrono::seconds timeout) {
  if (error == beast::error::timeout) {
    return "no progress for " + std::to_string(timeout.count()) + " s (timed out)";
  }
  if (error == http::error::partial_message || error == http::error::end_of_stream ||
      error == net::error::eof || error == ssl::error::stream_truncated) {
    return "the connection ended before the answer was complete";
  }
  return error.message();
}

// One connection: each step is started asynchronously and the io_context
// run until it completes, so that tcp_stream's timeout bounds it (Beast's
// timeouts do not apply to blocking calls).
class Connection {
 public:
  Connection(const CollectorUrl& url, std::chrono::seconds timeout) : url_(url), timeout_(timeout) {
    SSL_CTX* ctx = tls_.native_handle();
    SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
    SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION);
    // The peer's certificate is checked against the pin after the handshake
    // (pin_matches); no CA is trusted.
    tls_.set_verify_mode(ssl::verify_none);
    stream_ = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(io_, tls_);
    // Server name indication for a host name (not an address), as a proxy
    // or a server with several names may need; the pin is the check.
    beast::error_code not_an_address;
    net::ip::make_address(url_.host, not_an_address);
    if (not_an_address) SSL_set_tlsext_host_name(stream_->native_handle(), url_.host.c_str());
  }

  void connect() {
    tcp::resolver resolver(io_);
    beast::error_code error;
    const auto endpoints = resolver.resolve(url_.host, url_.port, error);
    if (error)
      fail("cannot connect to " + url_.text + ": cannot resolve the host: " + error.message());
    error = run(
        [&](auto handler) { beast::get_lowest_layer(*stream_).async_connect(endpoints, handler); });
    if (error) fail("cannot connect to " + url_.text + ": " + describe(error, timeout_));
    error = run([&](auto handler) { stream_->async_handshake(ssl::stream_base::client, handler); });
    if (error) {
      fail(url_.text + ": TLS 1.3 handshake failed: " + describe(error, timeout_));
    }
  }

  void check_pin(const crypto::Bytes& pin) {
    X509* peer = SSL_get1_peer_certificate(stream_->native_handle());
    if (peer == nullptr) fail(url_.text + ": the server sent no TLS certificate");
    unsigned char* der = nullptr;
    const int size = i2d_X509(peer, &der);
    X509_free(peer);
    if (size <= 0) fail(url_.text + ": cannot encode the server's TLS certificate");
    const crypto::Bytes presented(der, der + size);
    OPENSSL_free(der);
    if (presented != pin) {
      fail(url_.text + ": TLS certificate pin mismatch: the server's certificate (SHA-256 " +
           sha256_hex(presented) + ") is not the collector certificate the config names (SHA-256 " +
           sha256_hex(pin) + "); nothing was sent");
    }
  }

  void send(crypto::Bytes body) {
    http::request<http::vector_body<std::uint8_t>> request(
        http::verb::post, boost::beast::string_view(kAdminTarget.data(), kAdminTarget.size()), 11);
    request.set(http::field::host, host_header());
    request.set(http::field::content_type, "application/json");
    request.set(http::field::user_agent, "evote-admin");
    request.keep_alive(false);
    request.body() = std::move(body);
    request.prepare_payload();
    const beast::error_code error =
        run([&](auto handler) { http::async_write(*stream_, request, handler); });
    if (error) fail(url_.text + ": sending the request: " + describe(error, timeout_));
  }

  // Reads the answer: a 200 body goes to `sink`; anything else throws.
  std::string receive(const CollectorClient::Sink& sink) {
    http::response_parser<http::buffer_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    beast::error_code error =
        run([&](auto handler) { http::async_read_header(*stream_, buffer_, parser, handler); });
    if (error) fail(url_.text + ": waiting for the answer: " + describe(error, timeout_));
    const unsigned status = parser.get().result_int();
    if (status != 200) refuse(status, std::move(parser));
    const std::string content_type(parser.get()[http::field::content_type]);
    std::array<char, 64 * 1024> piece;
    while (!parser.is_done()) {
      parser.get().body().data = piece.data();
      parser.get().body().size = piece.size();
      error = run([&](auto handler) { http::async_read(*stream_, buffer_, parser, handler); });
      if (error == http::error::need_buffer) error = {};
      if (error) fail(url_.text + ": reading the answer: " + describe(error, timeout_));
      const std::size_t got = piece.size() - parser.get().body().size;
      if (got > 0) sink(std::string_view(piece.data(), got));
    }
    beast::error_code ignored;
    beast::get_lowest_layer(*stream_).socket().close(ignored);
    return content_type;
  }

 private:
  template <typename Start>
  beast::error_code run(Start start) {
    beast::error_code result = net::error::operation_aborted;
    beast::get_lowest_layer(*stream_).expires_after(timeout_);
    start([&result](beast::error_code error, auto&&...) { result = error; });
    io_.restart();
    io_.run();
    return result;
  }

  [[noreturn]] void refuse(unsigned status, http::response_parser<http::buffer_body>&& header) {
    if (status >= 300 && status < 400) {
      const std::string location(header.get()[http::field::location]);
      fail(url_.text + ": the server answered " + std::to_string(status) + " (a redirect" +
           (location.empty() ? "" : " to " + location) + "); evote-admin follows no redirect");
    }
    http::response_parser<http::string_body> rest(std::move(header));
    rest.body_limit(kMaxErrorBytes);
    const beast::error_code error =
        run([&](auto handler) { http::async_read(*stream_, buffer_, rest, handler); });
    if (error) {
      fail(url_.text + ": the server answered HTTP " + std::to_string(status) +
           " and then: " + describe(error, timeout_));
    }
    const nlohmann::json document = nlohmann::json::parse(rest.get().body(), nullptr, false);
    if (document.is_object() && document.contains("error") && document["error"].is_string() &&
        document.contains("message") && document["message"].is_string()) {
      throw CollectorRefusal(status, document["error"].get<std::string>(),
                             document["message"].get<std::string>());
    }
    std::string start = rest.get().body().substr(0, 200);
    std::replace_if(
        start.begin(), start.end(), [](char c) { return c < 0x20 || c == 0x7f; }, ' ');
    fail(url_.text + ": the server answered HTTP " + std::to_string(status) +
         " without an error document: \"" + start + "\"");
  }

  std::string host_header() const {
    const bool ipv6 = url_.host.find(':') != std::string::npos;
    return (ipv6 ? "[" + url_.host + "]" : url_.host) + ":" + url_.port;
  }

  [[noreturn]] static void fail(const std::string& message) { throw CollectorError(message); }

  const CollectorUrl& url_;
  std::chrono::seconds timeout_;
  net::io_context io_;
  ssl::context tls_{ssl::context::tls_client};
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> stream_;
  beast::flat_buffer buffer_;
};

}  // namespace

CollectorRefusal::CollectorRefusal(unsigned status, std::string code, std::string server_message)
    : CollectorError("the collector refused the request: " + std::to_string(status) + " " + code +
                     ": " + server_message),
      status_(status),
      code_(std::move(code)),
      server_message_(std::move(server_message)) {}

CollectorUrl parse_collector_url(std::string_view url) {
  const std::string text(url);
  auto bad = [&](const std::string& problem) -> CollectorError {
    return CollectorError(text + ": " + problem + " (expected https://HOST:PORT)");
  };
  constexpr std::string_view scheme = "https://";
  if (!url.starts_with(scheme)) throw bad("not an https:// URL");
  std::string_view authority = url.substr(scheme.size());
  if (authority.ends_with('/')) authority.remove_suffix(1);
  if (authority.find_first_of("/?#") != std::string_view::npos) {
    throw bad("a path, query or fragment is not allowed");
  }
  if (authority.find('@') != std::string_view::npos) throw bad("user information is not allowed");
  CollectorUrl out{text, "", "443"};
  std::string_view port;
  bool has_port = false;
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) throw bad("unclosed '[' in the host");
    out.host = std::string(authority.substr(1, close - 1));
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') throw bad("text after the IPv6 address");
    has_port = !after.empty();
    if (has_port) port = after.substr(1);
  } else {
    const std::size_t colon = authority.find(':');
    out.host = std::string(authority.substr(0, colon));
    has_port = colon != std::string_view::npos;
    if (has_port) port = authority.substr(colon + 1);
  }
  if (out.host.empty()) throw bad("no host");
  if (has_port) {
    const bool digits =
        !port.empty() && port.size() <= 5 &&
        std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoul(std::string(port)) == 0 || std::stoul(std::string(port)) > 65535) {
      throw bad("bad port \"" + std::string(port) + "\"");
    }
    out.port = std::string(port);
  }
  return out;
}

CollectorClient::CollectorClient(CollectorUrl url, crypto::Bytes pinned_certificate,
                                 std::chrono::seconds step_timeout)
    : url_(std::move(url)), pin_(std::move(pinned_certificate)), timeout_(step_timeout) {}

CollectorClient::Answer CollectorClient::post_admin(crypto::Bytes request) {
  Answer answer;
  answer.content_type = post_admin_streaming(std::move(request), [&](std::string_view piece) {
    if (answer.body.size() + piece.size() > kMaxAnswerBytes) {
      throw CollectorError(url_.text + ": the answer is longer than 64 MiB");
    }
    answer.body.append(piece);
  });
  return answer;
}

std::string CollectorClient::post_admin_streaming(crypto::Bytes request, const Sink& sink) {
  Connection connection(url_, timeout_);
  connection.connect();
  connection.check_pin(pin_);
  connection.send(std::move(request));
  return connection.receive(sink);
}

}  // namespace evote::admin
