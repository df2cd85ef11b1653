#include "collector_load/tls_client.hpp"

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
#include <optional>

namespace evote::bench {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

struct TlsClientContext::Impl {
  ssl::context tls{ssl::context::tls_client};
};

TlsClientContext::TlsClientContext(const std::string& pinned_certificate_pem)
    : impl_(std::make_unique<Impl>()) {
  SSL_CTX* native = impl_->tls.native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_3_VERSION);
  // A voter's first connection: a full handshake every time.
  SSL_CTX_set_session_cache_mode(native, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_options(native, SSL_OP_NO_TICKET);
  impl_->tls.set_verify_mode(ssl::verify_peer);
  impl_->tls.add_certificate_authority(net::buffer(pinned_certificate_pem));
  // The pinned certificate is the server's own: accept it as the anchor.
  X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(native), X509_V_FLAG_PARTIAL_CHAIN);
}

TlsClientContext::~TlsClientContext() = default;

struct TlsClient::Impl {
  const TlsClientContext& context;
  std::string host;
  std::uint16_t port;
  net::io_context io;
  std::optional<beast::ssl_stream<beast::tcp_stream>> stream;
  beast::flat_buffer buffer;

  Impl(const TlsClientContext& c, std::string h, std::uint16_t p)
      : context(c), host(std::move(h)), port(p) {}
};

TlsClient::TlsClient(const TlsClientContext& context, std::string host, std::uint16_t port)
    : impl_(std::make_unique<Impl>(context, std::move(host), port)) {}

TlsClient::~TlsClient() { close(); }

bool TlsClient::connected() const { return impl_->stream.has_value(); }

void TlsClient::connect() {
  close();
  impl_->buffer.clear();
  impl_->stream.emplace(impl_->io, impl_->context.impl().tls);
  auto& socket = beast::get_lowest_layer(*impl_->stream).socket();
  beast::error_code error;
  socket.connect(tcp::endpoint(net::ip::make_address(impl_->host), impl_->port), error);
  if (error) {
    impl_->stream.reset();
    throw TransportError("connect", error.message());
  }
  // Requests and answers are single small writes: no Nagle delay.
  socket.set_option(tcp::no_delay(true), error);
  const timeval limit{30, 0};  // the blocking calls below may not hang the run
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  impl_->stream->handshake(ssl::stream_base::client, error);
  if (error) {
    impl_->stream.reset();
    throw TransportError("handshake", error.message());
  }
}

Reply TlsClient::request(const std::string& method, const std::string& target,
                         const std::string& body, const std::string& bearer) {
  if (!impl_->stream) throw TransportError("write", "not connected");
  http::request<http::string_body> request(http::string_to_verb(method), target, 11);
  request.set(http::field::host, impl_->host);
  request.set(http::field::content_type, "application/json");
  if (!bearer.empty()) request.set(http::field::authorization, "Bearer " + bearer);
  request.body() = body;
  request.keep_alive(true);
  request.prepare_payload();
  beast::error_code error;
  http::write(*impl_->stream, request, error);
  if (error) {
    impl_->stream.reset();
    throw TransportError("write", error.message());
  }
  http::response_parser<http::string_body> parser;
  parser.body_limit(1 << 20);
  http::read(*impl_->stream, impl_->buffer, parser, error);
  if (error) {
    impl_->stream.reset();
    throw TransportError("read", error.message());
  }
  Reply reply;
  reply.status = parser.get().result_int();
  reply.keep_alive = parser.get().keep_alive();
  reply.body = std::move(parser.get().body());
  if (!reply.keep_alive) close();
  return reply;
}

void TlsClient::close() {
  if (!impl_->stream) return;
  beast::error_code ignored;
  // TCP close without TLS close_notify: the server sees the stream end between
  // requests and closes its side; the client does not wait a round trip for it.
  beast::get_lowest_layer(*impl_->stream).socket().shutdown(tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(*impl_->stream).socket().close(ignored);
  impl_->stream.reset();
}

}  // namespace evote::bench
