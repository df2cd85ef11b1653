// The collector's HTTPS front with real TLS: TLS 1.3 only, the certificate
// a client pins, body limits (too large, cut short) answered before any
// handler runs, requests handled concurrently, and a stop that lets the
// requests in flight finish.
#include <openssl/ssl.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <future>
#include <thread>

#include "evote/protocol/base64url.hpp"
#include "http/https_server.hpp"
#include "support/https_client.hpp"
#include "support/test_pki.hpp"

using namespace evote;
using namespace evote::collector;
using namespace evote::testing;

namespace {

std::string private_key_pem(const TestKey& key) {
  const crypto::Bytes der = key.private_key_der();
  std::string b64 = protocol::base64url_encode(der);
  for (char& c : b64) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (b64.size() % 4 != 0) b64 += '=';
  std::string pem = "-----BEGIN PRIVATE KEY-----\n";
  for (std::size_t i = 0; i < b64.size(); i += 64) pem += b64.substr(i, 64) + "\n";
  return pem + "-----END PRIVATE KEY-----\n";
}

CertOptions server_certificate_options() {
  CertOptions options;
  options.common_name = "127.0.0.1";
  options.extended_key_usage = {"serverAuth"};
  return options;
}

struct TlsSetup {
  TestPki pki = TestPki::create("Collector Test");
  TestCertificate server = pki.issue_leaf(KeyType::ec_p384, server_certificate_options());
  HttpsServerOptions server_options() const {
    HttpsServerOptions o;
    o.certificate_pem = server.pem() + pki.intermediate.pem();
    o.private_key_pem = private_key_pem(server.key());
    o.io_threads = 2;
    o.workers = 8;
    o.max_body_bytes = 1000;
    o.read_timeout_seconds = 3;
    return o;
  }
  HttpsClientOptions client(std::uint16_t port) const {
    HttpsClientOptions c;
    c.port = port;
    c.trusted_pem = pki.root.pem();
    return c;
  }
};

HttpResponse echo(const HttpRequest& request) {
  HttpResponse response;
  response.body = request.method + " " + request.target + " " + std::to_string(request.body.size());
  response.content_type = "text/plain";
  return response;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(https_server)

BOOST_AUTO_TEST_CASE(tls_1_3_is_served_and_older_versions_refused) {
  const TlsSetup tls;
  HttpsServer server(tls.server_options(), {{"127.0.0.1", 0, echo}});
  const HttpsReply reply = https_request(tls.client(server.port(0)), "POST", "/v1/echo", "hello");
  BOOST_TEST(reply.status == 200u);
  BOOST_TEST(reply.body == "POST /v1/echo 5");

  HttpsClientOptions old = tls.client(server.port(0));
  old.max_tls_version = TLS1_2_VERSION;
  BOOST_CHECK_EXCEPTION(https_request(old, "GET", "/v1/echo"), std::runtime_error,
                        [](const std::runtime_error& e) {
                          return std::string(e.what()).find("handshake") != std::string::npos;
                        });
}

BOOST_AUTO_TEST_CASE(a_client_pinning_another_certificate_refuses_the_server) {
  const TlsSetup tls;
  const TlsSetup other;
  HttpsServer server(tls.server_options(), {{"127.0.0.1", 0, echo}});
  HttpsClientOptions pinned = other.client(server.port(0));
  BOOST_CHECK_THROW(https_request(pinned, "GET", "/v1/echo"), std::runtime_error);
  pinned.trusted_pem = tls.server.pem();  // the server's own certificate, pinned
  BOOST_TEST(https_request(pinned, "GET", "/v1/echo").status == 200u);
}

BOOST_AUTO_TEST_CASE(bodies_over_the_limit_or_cut_short_never_reach_the_handler) {
  const TlsSetup tls;
  std::atomic<int> handled{0};
  HttpsServer server(tls.server_options(), {{"127.0.0.1", 0, [&](const HttpRequest& r) {
                                               ++handled;
                                               return echo(r);
                                             }}});
  const HttpsReply big =
      https_request(tls.client(server.port(0)), "POST", "/v1/ballots", std::string(1001, 'x'));
  BOOST_TEST(big.status == 413u);
  BOOST_TEST(big.body.find("\"error\":\"body_too_large\"") != std::string::npos, big.body);

  const std::string cut =
      https_raw(tls.client(server.port(0)),
                "POST /v1/ballots HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"half\":");
  BOOST_TEST(cut.find("400 Bad Request") != std::string::npos, cut);
  BOOST_TEST(cut.find("\"error\":\"body_truncated\"") != std::string::npos, cut);
  BOOST_TEST(handled.load() == 0);
  BOOST_TEST(
      https_request(tls.client(server.port(0)), "POST", "/v1/ok", std::string(1000, 'x')).status ==
      200u);
  BOOST_TEST(handled.load() == 1);
}

BOOST_AUTO_TEST_CASE(slow_handlers_run_side_by_side_and_stop_waits_for_them) {
  const TlsSetup tls;
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  HttpsServer server(tls.server_options(),
                     {{"127.0.0.1", 0, [&](const HttpRequest& r) {
                         const int now = ++running;
                         most = std::max(most.load(), now);
                         std::this_thread::sleep_for(std::chrono::milliseconds(300));
                         --running;
                         return echo(r);
                       }}});
  std::vector<std::future<HttpsReply>> replies;
  for (int i = 0; i < 6; ++i)
    replies.push_back(std::async(std::launch::async, [&] {
      return https_request(tls.client(server.port(0)), "GET", "/v1/slow");
    }));
  for (int wait = 0; wait < 500 && server.in_flight() < 6; ++wait)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  BOOST_TEST(server.in_flight() == 6u);
  server.stop(5);  // the six in flight still get their answers
  for (auto& r : replies) BOOST_TEST(r.get().status == 200u);
  BOOST_TEST(most.load() >= 4, "at most " << most.load() << " handlers ran at once");
}

// A streamed answer (the ballot box export) arrives whole with chunked
// encoding; a producer that fails midway cuts the connection, so the
// client gets an error, never a short body that looks complete.
BOOST_AUTO_TEST_CASE(streamed_answers_arrive_whole_or_visibly_cut) {
  const TlsSetup tls;
  HttpsServer server(tls.server_options(),
                     {{"127.0.0.1", 0, [](const HttpRequest& r) {
                         HttpResponse response;
                         response.content_type = "application/x-ndjson";
                         auto next = std::make_shared<int>(0);
                         const bool fail = r.target == "/fail";
                         response.stream = [next, fail]() -> std::optional<std::string> {
                           if (*next == 1000) return std::nullopt;
                           if (fail && *next == 500) throw std::runtime_error("database gone");
                           return std::to_string((*next)++) + "\n";
                         };
                         return response;
                       }}});
  const HttpsReply whole = https_request(tls.client(server.port(0)), "GET", "/whole");
  BOOST_TEST(whole.status == 200u);
  BOOST_TEST(whole.headers.at("transfer-encoding") == "chunked");
  std::string expected;
  for (int i = 0; i < 1000; ++i) expected += std::to_string(i) + "\n";
  BOOST_TEST(whole.body == expected);
  BOOST_CHECK_THROW(https_request(tls.client(server.port(0)), "GET", "/fail"), std::runtime_error);
  // The server goes on serving.
  BOOST_TEST(https_request(tls.client(server.port(0)), "GET", "/whole").body == expected);
  server.stop(5);
  BOOST_TEST(server.in_flight() == 0u);
}

BOOST_AUTO_TEST_CASE(a_listen_address_in_use_is_named) {
  const TlsSetup tls;
  HttpsServer first(tls.server_options(), {{"127.0.0.1", 0, echo}});
  BOOST_CHECK_EXCEPTION(HttpsServer(tls.server_options(), {{"127.0.0.1", first.port(0), echo}}),
                        std::runtime_error, [&](const std::runtime_error& e) {
                          return std::string(e.what()).find("cannot listen on 127.0.0.1:" +
                                                            std::to_string(first.port(0))) !=
                                 std::string::npos;
                        });
}

BOOST_AUTO_TEST_CASE(a_key_that_does_not_match_the_certificate_is_refused) {
  const TlsSetup tls;
  HttpsServerOptions options = tls.server_options();
  options.private_key_pem = private_key_pem(TestKey::generate(KeyType::ec_p384));
  BOOST_CHECK_EXCEPTION(
      HttpsServer(options, {{"127.0.0.1", 0, echo}}), std::runtime_error,
      [](const std::runtime_error& e) {
        return std::string(e.what()).find("TLS key: it is not the key of the TLS certificate") !=
               std::string::npos;
      });
}

BOOST_AUTO_TEST_SUITE_END()
