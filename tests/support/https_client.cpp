#include "support/https_client.hpp"

#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/time.h>

// clang-format off
#include <utility>  // before Boost.Asio 1.74: its awaitable.hpp uses std::exchange
#include <boost/asio.hpp>
// clang-format on
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <stdexcept>

namespace evote::testing {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

struct Session {
  net::io_context io;
  ssl::context tls{ssl::context::tls_client};
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> stream;

  explicit Session(const HttpsClientOptions& options) {
    if (options.max_tls_version != 0)
      SSL_CTX_set_max_proto_version(tls.native_handle(), options.max_tls_version);
    tls.set_verify_mode(ssl::verify_peer);
    tls.add_certificate_authority(net::buffer(options.trusted_pem));
    // The trusted certificate may be the server's own (pinning): accept it as an anchor.
    X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(tls.native_handle()), X509_V_FLAG_PARTIAL_CHAIN);
    stream = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(io, tls);
    auto& socket = beast::get_lowest_layer(*stream);
    socket.expires_after(std::chrono::seconds(options.timeout_seconds));
    try {
      socket.connect(tcp::endpoint(net::ip::make_address(options.host), options.port));
    } catch (const std::exception& e) {
      throw std::runtime_error("connect to " + options.host + ":" + std::to_string(options.port) +
                               ": " + e.what());
    }
    // Beast's timeouts cover asynchronous operations only: bound the blocking ones.
    const timeval limit{static_cast<time_t>(options.timeout_seconds), 0};
    ::setsockopt(socket.socket().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    ::setsockopt(socket.socket().native_handle(), SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    try {
      stream->handshake(ssl::stream_base::client);
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("handshake: ") + e.what());
    }
  }
};

}  // namespace

HttpsReply https_request(const HttpsClientOptions& options, const std::string& method,
                         const std::string& target, const std::string& body,
                         const std::map<std::string, std::string>& headers) {
  Session session(options);
  http::request<http::string_body> request(http::string_to_verb(method), target, 11);
  request.set(http::field::host, options.host);
  request.set(http::field::content_type, "application/json");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  request.keep_alive(false);
  request.prepare_payload();
  http::write(*session.stream, request);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  http::read(*session.stream, buffer, parser);
  const auto& response = parser.get();
  HttpsReply reply;
  reply.status = response.result_int();
  reply.body = response.body();
  for (const auto& field : response) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[name] = std::string(field.value());
  }
  beast::error_code ignored;
  session.stream->shutdown(ignored);
  return reply;
}

std::string https_raw(const HttpsClientOptions& options, const std::string& raw) {
  Session session(options);
  net::write(*session.stream, net::buffer(raw));
  // The client stops sending (TCP half-close, as a client that dies or gives
  // up would): the server sees the stream end inside the body.
  beast::get_lowest_layer(*session.stream).socket().shutdown(tcp::socket::shutdown_send);
  std::string answer;
  char chunk[4096];
  while (true) {
    beast::error_code error;
    const std::size_t n = session.stream->read_some(net::buffer(chunk), error);
    answer.append(chunk, n);
    if (error) break;
  }
  return answer;
}

}  // namespace evote::testing
