#include "http/https_server.hpp"

#include <openssl/ssl.h>

#include <atomic>
// clang-format off
#include <utility>  // before Boost.Asio 1.74: its awaitable.hpp uses std::exchange
#include <boost/asio.hpp>
// clang-format on
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

namespace evote::collector {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

HttpResponse error_response(unsigned status, const std::string& code, const std::string& message) {
  HttpResponse response;
  response.status = status;
  response.body = nlohmann::json{{"error", code}, {"message", message}}.dump();
  return response;
}

// A connection the server can close when it stops.
struct Closable {
  virtual ~Closable() = default;
  virtual void shut() = 0;  // called on the connection's strand
  virtual net::any_io_executor executor() = 0;
};

struct HttpsServer::Impl {
  HttpsServerOptions options;
  net::io_context io;
  // Keeps the I/O threads running while every request is in a handler (no
  // socket operation pending) and the acceptors are closed.
  net::executor_work_guard<net::io_context::executor_type> keep_running = net::make_work_guard(io);
  ssl::context tls{ssl::context::tls_server};
  net::thread_pool workers;
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
  std::vector<HttpHandler> handlers;
  std::vector<std::size_t> body_limits;  // per listener
  std::vector<std::thread> io_threads;
  std::atomic<std::size_t> in_flight{0};
  std::atomic<bool> stopping{false};
  bool stopped = false;
  std::mutex connections_mutex;
  std::vector<std::weak_ptr<Closable>> connections;

  void track(const std::shared_ptr<Closable>& connection) {
    std::lock_guard lock(connections_mutex);
    std::erase_if(connections, [](const std::weak_ptr<Closable>& c) { return c.expired(); });
    connections.push_back(connection);
  }

  explicit Impl(HttpsServerOptions o) : options(std::move(o)), workers(options.workers) {}
  void accept(std::size_t index);
};

namespace {

// One TLS connection: handshake, then read a request, hand it to the worker
// pool, write the answer, and again while the client keeps it alive.
class Connection : public Closable, public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, HttpsServer::Impl& server, const HttpHandler& handler,
             std::size_t body_limit)
      : stream_(std::move(socket), server.tls),
        server_(server),
        handler_(handler),
        body_limit_(body_limit) {
    beast::error_code ignored;
    const auto endpoint = beast::get_lowest_layer(stream_).socket().remote_endpoint(ignored);
    remote_ = endpoint.address().to_string();
  }

  void shut() override {
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(stream_).close();
  }
  net::any_io_executor executor() override { return stream_.get_executor(); }

  void start() {
    beast::get_lowest_layer(stream_).expires_after(
        std::chrono::seconds(server_.options.read_timeout_seconds));
    stream_.async_handshake(ssl::stream_base::server,
                            [self = shared_from_this()](beast::error_code error) {
                              if (!error) self->read();
                            });
  }

 private:
  void read() {
    if (server_.stopping) return close();
    parser_.emplace();
    parser_->body_limit(body_limit_);
    beast::get_lowest_layer(stream_).expires_after(
        std::chrono::seconds(server_.options.read_timeout_seconds));
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code error, std::size_t) {
                       self->on_read(error);
                     });
  }

  void on_read(beast::error_code error) {
    // A request whose head arrived but whose body ended early (the client
    // closed, or went quiet): answered if the connection still can be, and
    // never handed to a handler.
    const bool cut_short = error && error != http::error::body_limit && parser_ &&
                           parser_->is_header_done() && !parser_->is_done();
    if (cut_short)
      return answer(
          error_response(400, "body_truncated", "the request ended before its Content-Length"),
          false);
    if (error == http::error::end_of_stream || error == net::ssl::error::stream_truncated)
      return close();
    if (error == http::error::body_limit) {
      return answer(error_response(413, "body_too_large",
                                   "the request body is larger than " +
                                       std::to_string(body_limit_) + " bytes"),
                    false);
    }
    if (error) return close();
    http::request<http::string_body> message = parser_->release();
    HttpRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers[name] = std::string(field.value());
    }
    request.body = std::move(message.body());
    request.remote = remote_;
    const bool keep_alive = message.keep_alive();
    ++server_.in_flight;
    net::post(server_.workers,
              [self = shared_from_this(), request = std::move(request), keep_alive]() mutable {
                HttpResponse response;
                try {
                  response = self->handler_(request);
                } catch (const std::exception& e) {
                  response = error_response(500, "internal", "internal error");
                }
                net::post(self->stream_.get_executor(),
                          [self, response = std::move(response), keep_alive]() mutable {
                            self->answer(std::move(response), keep_alive, true);
                          });
              });
  }

  // `counted`: the answer to a handled request, in flight until written.
  void answer(HttpResponse response, bool keep_alive, bool counted = false) {
    if (response.stream) return answer_streamed(std::move(response), keep_alive);
    auto message =
        std::make_shared<http::response<http::string_body>>(http::status(response.status), 11);
    message->set(http::field::server, "evote-collector");
    message->set(http::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) message->set(name, value);
    message->body() = std::move(response.body);
    message->keep_alive(keep_alive && !server_.stopping);
    message->prepare_payload();
    beast::get_lowest_layer(stream_).expires_after(
        std::chrono::seconds(server_.options.read_timeout_seconds));
    http::async_write(
        stream_, *message,
        [self = shared_from_this(), message, counted](beast::error_code error, std::size_t) {
          if (counted) --self->server_.in_flight;
          if (error || !message->keep_alive()) return self->close();
          self->read();
        });
  }

  // A streamed answer (HttpResponse::stream): the head with chunked
  // encoding, then each piece the producer gives (produced on a worker, as
  // it may block on the database), then the last chunk. Always counted.
  void answer_streamed(HttpResponse response, bool keep_alive) {
    auto head =
        std::make_shared<http::response<http::empty_body>>(http::status(response.status), 11);
    head->set(http::field::server, "evote-collector");
    head->set(http::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) head->set(name, value);
    head->keep_alive(keep_alive && !server_.stopping);
    head->chunked(true);
    auto serializer = std::make_shared<http::response_serializer<http::empty_body>>(*head);
    auto producer =
        std::make_shared<std::function<std::optional<std::string>()>>(std::move(response.stream));
    beast::get_lowest_layer(stream_).expires_after(
        std::chrono::seconds(server_.options.read_timeout_seconds));
    http::async_write_header(stream_, *serializer,
                             [self = shared_from_this(), head, serializer, producer](
                                 beast::error_code error, std::size_t) {
                               if (error) return self->end_streamed(false, false);
                               self->next_piece(producer, head->keep_alive());
                             });
  }

  void next_piece(std::shared_ptr<std::function<std::optional<std::string>()>> producer,
                  bool keep_alive) {
    net::post(server_.workers, [self = shared_from_this(), producer, keep_alive] {
      std::optional<std::string> piece;
      bool failed = false;
      try {
        piece = (*producer)();
      } catch (const std::exception&) {
        failed = true;  // the producer has logged why
      }
      net::post(self->stream_.get_executor(), [self, producer, keep_alive, failed,
                                               piece = std::move(piece)]() mutable {
        if (failed) return self->end_streamed(false, false);
        beast::get_lowest_layer(self->stream_)
            .expires_after(std::chrono::seconds(self->server_.options.read_timeout_seconds));
        if (!piece) {
          return net::async_write(self->stream_, http::make_chunk_last(),
                                  [self, keep_alive](beast::error_code error, std::size_t) {
                                    self->end_streamed(!error, keep_alive);
                                  });
        }
        if (piece->empty()) return self->next_piece(producer, keep_alive);
        auto data = std::make_shared<std::string>(std::move(*piece));
        net::async_write(self->stream_, http::make_chunk(net::buffer(*data)),
                         [self, producer, keep_alive, data](beast::error_code error, std::size_t) {
                           if (error) return self->end_streamed(false, false);
                           self->next_piece(producer, keep_alive);
                         });
      });
    });
  }

  void end_streamed(bool complete, bool keep_alive) {
    --server_.in_flight;
    if (!complete) return shut();  // no last chunk: the client sees the body cut
    if (!keep_alive || server_.stopping) return close();
    read();
  }

  void close() {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
    stream_.async_shutdown([self = shared_from_this()](beast::error_code) {
      beast::error_code ignored;
      beast::get_lowest_layer(self->stream_).socket().close(ignored);
    });
  }

  beast::ssl_stream<beast::tcp_stream> stream_;
  HttpsServer::Impl& server_;
  const HttpHandler& handler_;
  std::size_t body_limit_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string remote_;
};

void configure_tls(ssl::context& tls, const HttpsServerOptions& options) {
  // TLS 1.3 only: older versions are refused at the handshake.
  if (SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_3_VERSION) != 1)
    throw std::runtime_error("TLS: cannot require TLS 1.3");
  tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                  ssl::context::no_sslv3 | ssl::context::single_dh_use);
  try {
    tls.use_certificate_chain(net::buffer(options.certificate_pem));
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("TLS certificate: ") + e.what());
  }
  try {
    tls.use_private_key(net::buffer(options.private_key_pem), ssl::context::pem);
  } catch (const std::exception& e) {
    const bool mismatch = std::string(e.what()).find("mismatch") != std::string::npos;
    throw std::runtime_error(std::string("TLS key: ") +
                             (mismatch ? "it is not the key of the TLS certificate" : e.what()));
  }
  if (SSL_CTX_check_private_key(tls.native_handle()) != 1)
    throw std::runtime_error("TLS key: it is not the key of the TLS certificate");
}

}  // namespace

void HttpsServer::Impl::accept(std::size_t index) {
  acceptors[index]->async_accept(
      net::make_strand(io), [this, index](beast::error_code error, tcp::socket socket) {
        if (stopping) return;
        if (!error) {
          // Each write goes out at once. With Nagle's algorithm the first
          // answer on a connection waited for the client to acknowledge the
          // TLS 1.3 session tickets sent just before it, and clients delay
          // that acknowledgement up to 40 ms (collector_load measured
          // POST /v1/auth/challenge at 42 ms p50 on an idle collector).
          beast::error_code ignored;
          socket.set_option(tcp::no_delay(true), ignored);
          auto connection = std::make_shared<Connection>(std::move(socket), *this, handlers[index],
                                                         body_limits[index]);
          track(connection);
          connection->start();
        }
        accept(index);
      });
}

HttpsServer::HttpsServer(HttpsServerOptions options, std::vector<Listener> listeners)
    : impl_(std::make_unique<Impl>(std::move(options))) {
  configure_tls(impl_->tls, impl_->options);
  for (Listener& listener : listeners) {
    auto acceptor = std::make_unique<tcp::acceptor>(impl_->io);
    try {
      const tcp::endpoint endpoint(net::ip::make_address(listener.host), listener.port);
      acceptor->open(endpoint.protocol());
      acceptor->set_option(net::socket_base::reuse_address(true));
      acceptor->bind(endpoint);
      acceptor->listen(net::socket_base::max_listen_connections);
    } catch (const std::exception& e) {
      throw std::runtime_error("cannot listen on " + listener.host + ":" +
                               std::to_string(listener.port) + ": " + e.what());
    }
    impl_->acceptors.push_back(std::move(acceptor));
    impl_->handlers.push_back(std::move(listener.handler));
    impl_->body_limits.push_back(listener.max_body_bytes ? listener.max_body_bytes
                                                         : impl_->options.max_body_bytes);
  }
  for (std::size_t i = 0; i < impl_->acceptors.size(); ++i) impl_->accept(i);
  unsigned threads = impl_->options.io_threads;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned t = 0; t < threads; ++t)
    impl_->io_threads.emplace_back([this] { impl_->io.run(); });
}

HttpsServer::~HttpsServer() { stop(0); }

std::uint16_t HttpsServer::port(std::size_t listener) const {
  return impl_->acceptors.at(listener)->local_endpoint().port();
}

std::size_t HttpsServer::in_flight() const { return impl_->in_flight; }

void HttpsServer::stop(unsigned grace_seconds) {
  if (impl_->stopped) return;
  impl_->stopping = true;
  net::post(impl_->io, [this] {
    for (auto& acceptor : impl_->acceptors) {
      beast::error_code ignored;
      acceptor->close(ignored);
    }
  });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(grace_seconds);
  while (impl_->in_flight > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the last answers leave
  {  // every connection still open (idle, or mid-request after the grace) is closed
    std::lock_guard lock(impl_->connections_mutex);
    for (const auto& weak : impl_->connections)
      if (auto connection = weak.lock())
        net::post(connection->executor(), [connection] { connection->shut(); });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  impl_->keep_running.reset();
  impl_->io.stop();
  for (std::thread& t : impl_->io_threads) t.join();
  impl_->workers.join();
  impl_->stopped = true;
}

}  // namespace evote::collector
