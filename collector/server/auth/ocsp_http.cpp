#include "auth/ocsp_http.hpp"

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <optional>

namespace evote::collector::auth::detail {
namespace {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using ErrorCode = boost::system::error_code;

constexpr std::size_t kMaxHeaderBytes = 16 * 1024;

struct HttpUrl {
  std::string host;    // as in the URL (brackets removed for an IPv6 literal)
  std::string port;    // "80" by default
  std::string target;  // path, "/" by default
  std::string host_header;
};

// "http://" host [":" port] [path]; "" in `problem` when it fits.
std::optional<HttpUrl> parse_http_url(std::string_view url, std::string& problem) {
  constexpr std::string_view scheme = "http://";
  if (!url.starts_with(scheme)) {
    problem = "not an http:// URL";
    return std::nullopt;
  }
  std::string_view rest = url.substr(scheme.size());
  std::size_t path_at = rest.find('/');
  std::string_view authority = rest.substr(0, path_at);
  HttpUrl out;
  out.target = path_at == std::string_view::npos ? "/" : std::string(rest.substr(path_at));
  out.host_header = std::string(authority);
  std::string_view port;
  if (authority.starts_with('[')) {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      problem = "unclosed '[' in the host";
      return std::nullopt;
    }
    out.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') {
      problem = "text after the IPv6 address";
      return std::nullopt;
    }
    port = after.empty() ? "" : after.substr(1);
  } else {
    std::size_t colon = authority.find(':');
    out.host = std::string(authority.substr(0, colon));
    port = colon == std::string_view::npos ? "" : authority.substr(colon + 1);
  }
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (out.host.empty() || out.host.find('@') != std::string::npos) {
    problem = "no host, or user information in the URL";
    return std::nullopt;
  }
  if (port.size() > 5 || !std::all_of(port.begin(), port.end(), digit) ||
      (!port.empty() && std::stoul(std::string(port)) > 65535)) {
    problem = "bad port";
    return std::nullopt;
  }
  out.port = port.empty() ? "80" : std::string(port);
  return out;
}

// The exchange as a chain of asynchronous steps under one deadline.
class Exchange {
 public:
  Exchange(const HttpUrl& url, std::string_view content_type, crypto::BytesView body,
           std::chrono::milliseconds timeout, std::size_t max_body)
      : url_(url),
        resolver_(io_),
        socket_(io_),
        deadline_(io_, timeout),
        timeout_(timeout),
        max_body_(max_body) {
    request_.method(http::verb::post);
    request_.target(url.target);
    request_.version(11);
    request_.set(http::field::host, url.host_header);
    request_.set(http::field::user_agent, "evote-collector");
    request_.set(http::field::content_type, std::string(content_type));
    request_.set(http::field::accept, "application/ocsp-response");
    request_.set(http::field::connection, "close");
    request_.body().assign(body.begin(), body.end());
    request_.prepare_payload();
    parser_.body_limit(max_body);
    parser_.header_limit(kMaxHeaderBytes);
  }

  HttpAnswer run() {
    deadline_.async_wait([this](ErrorCode ec) {
      if (ec) return;  // cancelled: the exchange ended first
      timed_out_ = true;
      resolver_.cancel();
      ErrorCode ignored;
      socket_.close(ignored);
    });
    resolver_.async_resolve(url_.host, url_.port,
                            [this](ErrorCode ec, tcp::resolver::results_type results) {
                              if (ec) return fail("cannot resolve the host", ec);
                              connect(results);
                            });
    io_.run();
    return std::move(answer_);
  }

 private:
  void connect(const tcp::resolver::results_type& results) {
    net::async_connect(socket_, results, [this](ErrorCode ec, const tcp::endpoint&) {
      if (ec) return fail("cannot connect", ec);
      http::async_write(socket_, request_, [this](ErrorCode ec, std::size_t) {
        if (ec) return fail("cannot send the request", ec);
        read();
      });
    });
  }

  // The header first: Beast 1.74 loses the body_limit error of a response
  // whose Content-Length is over the limit (it parses on into the body), so
  // that length is checked here; chunked and read-to-close bodies are held
  // to the limit by the parser.
  void read() {
    http::async_read_header(socket_, buffer_, parser_, [this](ErrorCode ec, std::size_t) {
      if (ec) return fail("cannot read the answer", ec);
      if (parser_.content_length() && *parser_.content_length() > max_body_)
        return fail("the answer is too large (" + std::to_string(*parser_.content_length()) +
                        " bytes, at most " + std::to_string(max_body_) + ")",
                    {});
      read_body();
    });
  }

  void read_body() {
    http::async_read(socket_, buffer_, parser_, [this](ErrorCode ec, std::size_t) {
      if (ec == http::error::body_limit) return fail("the answer is too large", {});
      if (ec) return fail("cannot read the answer", ec);
      if (parser_.get().body().size() > max_body_) return fail("the answer is too large", {});
      deadline_.cancel();
      auto& response = parser_.get();
      answer_.status = response.result_int();
      answer_.content_type = std::string(response[http::field::content_type]);
      answer_.body = std::move(response.body());
      ErrorCode ignored;
      socket_.shutdown(tcp::socket::shutdown_both, ignored);
    });
  }

  void fail(const std::string& what, ErrorCode ec) {
    deadline_.cancel();
    if (timed_out_)
      answer_.error = "no complete answer within " + std::to_string(timeout_.count()) + " ms";
    else
      answer_.error = ec ? what + ": " + ec.message() : what;
  }

  const HttpUrl& url_;
  net::io_context io_;
  tcp::resolver resolver_;
  tcp::socket socket_;
  net::steady_timer deadline_;
  std::chrono::milliseconds timeout_;
  std::size_t max_body_;
  bool timed_out_ = false;
  http::request<http::vector_body<std::uint8_t>> request_;
  boost::beast::flat_buffer buffer_;
  http::response_parser<http::vector_body<std::uint8_t>> parser_;
  HttpAnswer answer_;
};

}  // namespace

HttpAnswer http_post(std::string_view url, std::string_view content_type, crypto::BytesView body,
                     std::chrono::milliseconds timeout, std::size_t max_body) {
  std::string problem;
  std::optional<HttpUrl> parsed = parse_http_url(url, problem);
  if (!parsed) return HttpAnswer{"bad URL: " + problem, 0, {}, {}};
  Exchange exchange(*parsed, content_type, body, timeout, max_body);
  return exchange.run();
}

}  // namespace evote::collector::auth::detail
