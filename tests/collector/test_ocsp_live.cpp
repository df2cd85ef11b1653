// OCSP against a live responder: `openssl ocsp` serving an index file for a
// test CA (support/ocsp_responder.hpp; the test talks to it on 127.0.0.1),
// plus a small canned HTTP server on 127.0.0.1 for replayed, broken and
// silent answers. Every process the test starts is killed and reaped.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ocsp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <ctime>
#include <memory>
#include <ostream>
#include <thread>
#include <vector>

#include "auth/ocsp.hpp"
#include "support/ocsp_responder.hpp"
#include "support/test_pki.hpp"

using namespace evote;
using namespace evote::collector::auth;
using namespace evote::testing;

namespace {

// Listens on 127.0.0.1 and answers every request with the same bytes; an
// empty answer holds the connection open without a word (a hung responder).
class CannedHttpServer {
 public:
  explicit CannedHttpServer(std::string answer) : answer_(std::move(answer)) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    BOOST_REQUIRE(fd_ >= 0);
    BOOST_REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    BOOST_REQUIRE(listen(fd_, 8) == 0);
    BOOST_REQUIRE(getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~CannedHttpServer() {
    stop_ = true;
    thread_.join();
    close(fd_);
  }
  CannedHttpServer(const CannedHttpServer&) = delete;
  CannedHttpServer& operator=(const CannedHttpServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/ocsp"; }
  int requests() const { return requests_; }

 private:
  bool wait_readable(int fd) const {
    pollfd p{fd, POLLIN, 0};
    while (!stop_)
      if (poll(&p, 1, 50) > 0) return true;
    return false;
  }

  void serve() {
    while (wait_readable(fd_)) {
      int client = accept(fd_, nullptr, nullptr);
      if (client < 0) continue;
      std::string request;
      char buffer[4096];
      while (request.find("\r\n\r\n") == std::string::npos && wait_readable(client)) {
        ssize_t n = read(client, buffer, sizeof buffer);
        if (n <= 0) break;
        request.append(buffer, static_cast<std::size_t>(n));
      }
      ++requests_;
      if (answer_.empty()) {
        while (wait_readable(client) && read(client, buffer, sizeof buffer) > 0) {
        }
      } else {
        std::size_t sent = 0;
        while (sent < answer_.size()) {
          ssize_t n = send(client, answer_.data() + sent, answer_.size() - sent, MSG_NOSIGNAL);
          if (n <= 0) break;
          sent += static_cast<std::size_t>(n);
        }
      }
      close(client);
    }
  }

  std::string answer_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

std::string http_answer(const std::string& status, const std::string& content_type,
                        const crypto::Bytes& body) {
  return "HTTP/1.1 " + status + "\r\nContent-Type: " + content_type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" +
         std::string(body.begin(), body.end());
}

// A port on 127.0.0.1 where nothing listens (bound, then released).
int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

// `response` with the lowest bit flipped of the byte `index` of `part`, a
// piece of the response found by its bytes.
crypto::Bytes flip_bit_in(const crypto::Bytes& response, const ASN1_STRING* part,
                          std::size_t index) {
  const unsigned char* data = ASN1_STRING_get0_data(part);
  auto at = std::search(response.begin(), response.end(), data, data + ASN1_STRING_length(part));
  BOOST_TEST_REQUIRE((at != response.end()));
  crypto::Bytes flipped = response;
  flipped[static_cast<std::size_t>(at - response.begin()) + index] ^= 0x01;
  return flipped;
}

std::shared_ptr<OCSP_BASICRESP> basic_response(const crypto::Bytes& response) {
  const unsigned char* p = response.data();
  OCSP_RESPONSE* decoded = d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(response.size()));
  OCSP_BASICRESP* basic = decoded ? OCSP_response_get1_basic(decoded) : nullptr;
  OCSP_RESPONSE_free(decoded);
  BOOST_TEST_REQUIRE(basic != nullptr);
  return std::shared_ptr<OCSP_BASICRESP>(basic, OCSP_BASICRESP_free);
}

CertOptions card(const std::string& serial) {
  return leaf_options(serial, "TAMM,MARI,49001010001", ku_non_repudiation);
}

// A test CA and three cards: one good, one revoked an hour ago, one the
// responder does not know.
struct LiveCa {
  TestPki pki = TestPki::create("Live", KeyType::ec_p384);
  OcspTrust trust{std::vector<crypto::Bytes>{pki.root.der(), pki.intermediate.der()}};
  TestCertificate good = pki.issue_leaf(KeyType::ec_p384, card("PNOEE-49001010001"));
  TestCertificate revoked = pki.issue_leaf(KeyType::ec_p384, card("PNOEE-49001010093"));
  TestCertificate unknown = pki.issue_leaf(KeyType::ec_p384, card("PNOEE-49001010580"));
  std::time_t revoked_at = std::time(nullptr) - 3600;

  // A responder (by default the CA's delegated one) that knows `good` and `revoked`.
  std::unique_ptr<OcspResponder> serve(OcspResponderOptions options = {}) const {
    auto responder = std::make_unique<OcspResponder>(pki, std::move(options));
    responder->add_good(good);
    responder->revoke(revoked, revoked_at);
    return responder;
  }

  OcspOptions at(const std::string& url) const {
    OcspOptions options;
    options.responder_url = url;
    return options;
  }
  OcspResult check(const TestCertificate& cert, const std::string& url) const {
    OcspResult r = check_certificate_status(cert.der(), trust, std::time(nullptr), at(url));
    BOOST_TEST_MESSAGE(to_string(r.failure) << " " << to_string(r.status) << " " << r.message);
    return r;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(ocsp_live)

BOOST_AUTO_TEST_CASE(good_revoked_unknown) {
  LiveCa ca;
  const auto responder = ca.serve();

  OcspResult good = ca.check(ca.good, responder->url());
  BOOST_TEST_REQUIRE(good.good(), good.message);
  BOOST_TEST(good.responder_url == responder->url());
  BOOST_TEST(!good.response.empty());
  BOOST_TEST(good.next_update == good.this_update + 5 * 60);
  // What the collector stores is evidence for the tally at the vote's time...
  OcspResult stored =
      check_stored_ocsp_response(good.response, ca.good.der(), ca.trust, std::time(nullptr));
  BOOST_TEST(stored.good(), stored.message);
  // ...but not once its nextUpdate has passed.
  OcspResult stale =
      check_stored_ocsp_response(good.response, ca.good.der(), ca.trust, std::time(nullptr) + 3600);
  BOOST_TEST(stale.failure == OcspFailure::bad_response_time, stale.message);

  OcspResult revoked = ca.check(ca.revoked, responder->url());
  BOOST_TEST_REQUIRE(static_cast<bool>(revoked), revoked.message);
  BOOST_TEST(revoked.status == CertStatus::revoked);
  BOOST_TEST(revoked.revocation_time == ca.revoked_at);
  BOOST_TEST(revoked.revocation_reason == 1);  // keyCompromise

  OcspResult unknown = ca.check(ca.unknown, responder->url());
  BOOST_TEST_REQUIRE(static_cast<bool>(unknown), unknown.message);
  BOOST_TEST(unknown.status == CertStatus::unknown);
}

BOOST_AUTO_TEST_CASE(revoked_in_the_index_then_asked_again) {
  LiveCa ca;
  const auto responder = ca.serve();
  BOOST_TEST(ca.check(ca.good, responder->url()).good());
  const std::time_t now = std::time(nullptr);
  responder->revoke(ca.good, now - 60);  // seen by the very next request
  OcspResult r = ca.check(ca.good, responder->url());
  BOOST_TEST_REQUIRE(static_cast<bool>(r), r.message);
  BOOST_TEST(r.status == CertStatus::revoked);
  BOOST_TEST(r.revocation_time == now - 60);
}

// The test responder itself (support/ocsp_responder.hpp): every change is
// answered from the next request on, even several within one second, and it
// comes back on the same port with the index as it was left.
BOOST_AUTO_TEST_CASE(the_test_responder_follows_each_change_and_restarts_on_its_port) {
  LiveCa ca;
  const auto responder = ca.serve();
  for (int i = 0; i < 3; ++i) {
    responder->forget(ca.good);
    OcspResult forgotten = ca.check(ca.good, responder->url());
    BOOST_TEST((forgotten && forgotten.status == CertStatus::unknown), forgotten.message);
    responder->add_good(ca.good);
    BOOST_TEST(ca.check(ca.good, responder->url()).good());
  }
  const std::string url = responder->url();
  responder->stop();
  BOOST_TEST(ca.check(ca.good, url).failure == OcspFailure::responder_unreachable);
  responder->revoke(ca.good, ca.revoked_at);  // while it is down
  responder->start();
  BOOST_TEST(responder->url() == url);
  OcspResult r = ca.check(ca.good, url);
  BOOST_TEST((r && r.status == CertStatus::revoked), r.message);
}

BOOST_AUTO_TEST_CASE(url_from_the_certificate_aia) {
  LiveCa ca;
  const auto responder = ca.serve();
  CertOptions with_aia = card("PNOEE-37605030299");
  with_aia.ocsp_url = responder->url();
  TestCertificate aia_card = ca.pki.issue_leaf(KeyType::ec_p384, with_aia);
  responder->add_good(aia_card);
  OcspResult r = check_certificate_status(aia_card.der(), ca.trust, std::time(nullptr));
  BOOST_TEST(r.good(), r.message);
  BOOST_TEST(r.responder_url == responder->url());
  // The configured URL wins over the AIA.
  CannedHttpServer other(http_answer("503 Service Unavailable", "text/plain", {}));
  BOOST_TEST(ca.check(aia_card, other.url()).failure == OcspFailure::responder_unreachable);
  BOOST_TEST(other.requests() == 1);
  // No URL anywhere.
  OcspResult none = check_certificate_status(ca.good.der(), ca.trust, std::time(nullptr));
  BOOST_TEST(none.failure == OcspFailure::no_responder);
}

BOOST_AUTO_TEST_CASE(responder_down_or_silent) {
  LiveCa ca;
  const std::string url = "http://127.0.0.1:" + std::to_string(free_port()) + "/";
  OcspResult down = ca.check(ca.good, url);
  BOOST_TEST(down.failure == OcspFailure::responder_unreachable);
  BOOST_TEST(down.message.find("OCSP responder " + url + ": cannot connect") == 0, down.message);
  BOOST_TEST(down.responder_url == url);
  BOOST_TEST(down.response.empty());

  CannedHttpServer silent("");
  OcspOptions options = ca.at(silent.url());
  options.timeout = std::chrono::milliseconds(300);
  auto started = std::chrono::steady_clock::now();
  OcspResult hung = check_certificate_status(ca.good.der(), ca.trust, std::time(nullptr), options);
  auto took = std::chrono::steady_clock::now() - started;
  BOOST_TEST(hung.failure == OcspFailure::responder_unreachable);
  BOOST_TEST(hung.message.find("within 300 ms") != std::string::npos, hung.message);
  BOOST_TEST(took < std::chrono::seconds(5));

  OcspResult bad_url = ca.check(ca.good, "https://127.0.0.1/");
  BOOST_TEST(bad_url.failure == OcspFailure::responder_unreachable, bad_url.message);
}

BOOST_AUTO_TEST_CASE(http_answers_that_are_not_ocsp) {
  LiveCa ca;
  CannedHttpServer error(
      http_answer("500 Internal Server Error", "text/html", {'o', 'o', 'p', 's'}));
  OcspResult r = ca.check(ca.good, error.url());
  BOOST_TEST(r.failure == OcspFailure::responder_unreachable);
  BOOST_TEST(r.message.find("answered HTTP 500") != std::string::npos, r.message);
  BOOST_TEST(r.response.empty());

  CannedHttpServer html(http_answer("200 OK", "text/html", {'h', 'i'}));
  r = ca.check(ca.good, html.url());
  BOOST_TEST(r.failure == OcspFailure::responder_unreachable);
  BOOST_TEST(r.message.find("text/html") != std::string::npos, r.message);

  CannedHttpServer garbage(http_answer("200 OK", "application/ocsp-response", {1, 2, 3}));
  r = ca.check(ca.good, garbage.url());
  BOOST_TEST(r.failure == OcspFailure::bad_response, r.message);
  BOOST_TEST(r.response == (crypto::Bytes{1, 2, 3}));

  CannedHttpServer huge(
      http_answer("200 OK", "application/ocsp-response", crypto::Bytes(70000, 0x30)));
  r = ca.check(ca.good, huge.url());
  BOOST_TEST(r.failure == OcspFailure::responder_unreachable, r.message);
}

BOOST_AUTO_TEST_CASE(replayed_response_with_another_nonce) {
  LiveCa ca;
  crypto::Bytes earlier;
  {
    const auto responder = ca.serve();
    OcspResult first = ca.check(ca.good, responder->url());
    BOOST_TEST_REQUIRE(first.good(), first.message);
    earlier = first.response;
  }
  CannedHttpServer replay(http_answer("200 OK", "application/ocsp-response", earlier));
  OcspResult r = ca.check(ca.good, replay.url());
  BOOST_TEST(r.failure == OcspFailure::nonce_mismatch, r.message);
  BOOST_TEST(r.message.find("OCSP responder " + replay.url()) == 0, r.message);
  BOOST_TEST(r.response == earlier);  // kept for the record, though refused
}

BOOST_AUTO_TEST_CASE(responses_signed_by_a_wrong_key) {
  LiveCa ca;
  // A responder certificate of another CA.
  TestPki other = TestPki::create("Other", KeyType::ec_p384);
  TestCertificate foreign =
      issue_certificate(other.intermediate, TestKey::generate(KeyType::ec_p256),
                        ocsp_responder_options("Foreign OCSP"));
  // Issued by the card's CA but without id-kp-OCSPSigning.
  CertOptions plain = ocsp_responder_options("Not a responder");
  plain.extended_key_usage = {"clientAuth"};
  TestCertificate not_delegated =
      issue_certificate(ca.pki.intermediate, TestKey::generate(KeyType::ec_p256), plain);
  // OCSPSigning, but from the root: not the card's issuer.
  TestCertificate by_root = issue_certificate(ca.pki.root, TestKey::generate(KeyType::ec_p256),
                                              ocsp_responder_options("Root's OCSP"));
  const std::pair<const char*, const TestCertificate*> signers[] = {
      {"foreign", &foreign}, {"not_delegated", &not_delegated}, {"by_root", &by_root}};
  for (const auto& [name, signer] : signers) {
    const auto responder = ca.serve({.signer = *signer});
    OcspResult r = ca.check(ca.good, responder->url());
    BOOST_TEST(r.failure == OcspFailure::response_untrusted, std::string(name) + ": " + r.message);
  }
  // The issuing CA signing itself is fine.
  const auto issuer = ca.serve({.signer = ca.pki.intermediate});
  BOOST_TEST(ca.check(ca.good, issuer->url()).good());
}

BOOST_AUTO_TEST_CASE(certificate_of_an_unconfigured_ca) {
  LiveCa ca;
  TestPki other = TestPki::create("Other", KeyType::ec_p384);
  TestCertificate stranger = other.issue_leaf(KeyType::ec_p384, card("PNOEE-49001010001"));
  OcspResult r = ca.check(stranger, "http://127.0.0.1:9/");
  BOOST_TEST(r.failure == OcspFailure::issuer_not_found, r.message);
}

// specs/collector-auth.md §4.4, validated responders: a responder's path is
// validated once; its later responses cost only their signature.
BOOST_AUTO_TEST_CASE(later_responses_of_a_validated_responder_come_from_the_cache) {
  LiveCa ca;
  const auto responder = ca.serve();
  BOOST_TEST(ca.trust.validated_responders() == 0u);
  OcspResult first = ca.check(ca.good, responder->url());
  BOOST_TEST_REQUIRE(first.good(), first.message);
  BOOST_TEST(ca.trust.validated_responders() == 1u);
  BOOST_TEST(ca.trust.responder_cache_hits() == 0u);

  BOOST_TEST(ca.check(ca.good, responder->url()).good());
  BOOST_TEST(ca.trust.responder_cache_hits() == 1u);
  // The response carries only the responder's certificate: opened without it.
  BOOST_TEST(ca.trust.lean_responder_cache_hits() == 1u);
  OcspResult revoked = ca.check(ca.revoked, responder->url());
  BOOST_TEST((revoked && revoked.status == CertStatus::revoked), revoked.message);
  BOOST_TEST(revoked.revocation_time == ca.revoked_at);
  OcspResult stored =
      check_stored_ocsp_response(first.response, ca.good.der(), ca.trust, std::time(nullptr));
  BOOST_TEST(stored.good(), stored.message);
  BOOST_TEST(ca.trust.responder_cache_hits() == 3u);

  // Another delegated responder, and the issuing CA signing itself: each is
  // validated in full once, then served from the cache.
  const auto second = ca.serve();
  const auto issuer = ca.serve({.signer = ca.pki.intermediate});
  for (const std::string& url : {second->url(), issuer->url()}) {
    BOOST_TEST(ca.check(ca.good, url).good());
    BOOST_TEST(ca.check(ca.good, url).good());
  }
  BOOST_TEST(ca.trust.validated_responders() == 3u);
  BOOST_TEST(ca.trust.responder_cache_hits() == 5u);
  // Not the issuer's own response: its signer is the issuer, found apart
  // from the certificates the response carries.
  BOOST_TEST(ca.trust.lean_responder_cache_hits() == 4u);
}

BOOST_AUTO_TEST_CASE(after_warm_up_forged_and_tampered_responses_are_still_refused) {
  LiveCa ca;
  const auto responder = ca.serve();
  const OcspResult warm = ca.check(ca.good, responder->url());
  BOOST_TEST_REQUIRE(warm.good(), warm.message);
  BOOST_TEST_REQUIRE(ca.check(ca.good, responder->url()).good());
  BOOST_TEST_REQUIRE(ca.trust.responder_cache_hits() == 1u);
  const std::time_t now = std::time(nullptr);
  const auto stored_check = [&](const crypto::Bytes& response) {
    return check_stored_ocsp_response(response, ca.good.der(), ca.trust, now);
  };

  // Re-signed by the responder's own key: still its response (the forgery
  // below differs only in the key).
  OcspResult resigned =
      stored_check(resign_ocsp_response(warm.response, responder->signer().key()));
  BOOST_TEST(resigned.good(), resigned.message);
  BOOST_TEST(ca.trust.responder_cache_hits() == 2u);

  // The same responderID and responder certificate, signed by another key.
  OcspResult forged =
      stored_check(resign_ocsp_response(warm.response, TestKey::generate(KeyType::ec_p256)));
  BOOST_TEST(forged.failure == OcspFailure::response_untrusted, forged.message);
  // A flipped bit in the signature, and in tbsResponseData (producedAt's seconds).
  const auto basic = basic_response(warm.response);
  const ASN1_STRING* signature = OCSP_resp_get0_signature(basic.get());
  OcspResult bad_signature = stored_check(flip_bit_in(
      warm.response, signature, static_cast<std::size_t>(ASN1_STRING_length(signature)) - 1));
  BOOST_TEST(bad_signature.failure == OcspFailure::response_untrusted, bad_signature.message);
  OcspResult bad_data =
      stored_check(flip_bit_in(warm.response, OCSP_resp_get0_produced_at(basic.get()), 13));
  BOOST_TEST(bad_data.failure == OcspFailure::response_untrusted, bad_data.message);

  // Another CA's responder certificate with the same name as the delegated one.
  TestPki other = TestPki::create("Other", KeyType::ec_p384);
  TestCertificate impostor =
      issue_certificate(other.intermediate, TestKey::generate(KeyType::ec_p256),
                        ocsp_responder_options("Test OCSP responder"));
  BOOST_TEST_REQUIRE(X509_NAME_cmp(X509_get_subject_name(impostor.get()),
                                   X509_get_subject_name(responder->signer().get())) == 0);
  const auto fake = ca.serve({.signer = impostor});
  OcspResult r = ca.check(ca.good, fake->url());
  BOOST_TEST(r.failure == OcspFailure::response_untrusted, r.message);

  BOOST_TEST(ca.trust.responder_cache_hits() == 2u);
  // The forged and tampered responses were tried without their certificate
  // too, and refused all the same.
  BOOST_TEST(ca.trust.lean_responder_cache_hits() == 2u);
  BOOST_TEST(ca.trust.validated_responders() == 1u);
}

BOOST_AUTO_TEST_CASE(a_responder_certificate_outside_its_validity_is_not_served_from_the_cache) {
  LiveCa ca;
  const std::time_t now = std::time(nullptr);
  CertOptions short_lived = ocsp_responder_options("Short-lived OCSP");
  short_lived.not_before = now - 60;
  short_lived.not_after = now + 600;
  const auto responder =
      ca.serve({.signer = issue_certificate(ca.pki.intermediate,
                                            TestKey::generate(KeyType::ec_p256), short_lived)});
  const OcspResult warm = ca.check(ca.good, responder->url());
  BOOST_TEST_REQUIRE(warm.good(), warm.message);
  BOOST_TEST_REQUIRE(ca.trust.validated_responders() == 1u);
  const auto stored_at = [&](std::time_t t) {
    return check_stored_ocsp_response(warm.response, ca.good.der(), ca.trust, t);
  };
  BOOST_TEST(stored_at(now + 300).good());
  BOOST_TEST(ca.trust.responder_cache_hits() == 1u);
  // The full check answers, with its own reason.
  OcspResult expired = stored_at(now + 700);
  BOOST_TEST(expired.failure == OcspFailure::response_untrusted, expired.message);
  BOOST_TEST(expired.message.find("expired") != std::string::npos, expired.message);
  OcspResult early = stored_at(now - 120);
  BOOST_TEST(early.failure == OcspFailure::response_untrusted, early.message);
  BOOST_TEST(early.message.find("not yet valid") != std::string::npos, early.message);
  BOOST_TEST(ca.trust.responder_cache_hits() == 1u);
}

BOOST_AUTO_TEST_CASE(the_cache_keeps_the_sixteen_latest_responders) {
  LiveCa ca;
  std::vector<crypto::Bytes> responses;
  for (int i = 0; i < 17; ++i) {
    const auto responder = ca.serve();
    OcspResult r = ca.check(ca.good, responder->url());
    BOOST_TEST_REQUIRE(r.good(), r.message);
    responses.push_back(r.response);
  }
  BOOST_TEST(ca.trust.validated_responders() == 16u);
  BOOST_TEST(ca.trust.responder_cache_hits() == 0u);
  const auto stored = [&](const crypto::Bytes& response) {
    return check_stored_ocsp_response(response, ca.good.der(), ca.trust, std::time(nullptr)).good();
  };
  BOOST_TEST(stored(responses[0]));  // dropped: the full check, and remembered again
  BOOST_TEST(ca.trust.responder_cache_hits() == 0u);
  BOOST_TEST(stored(responses[16]));
  BOOST_TEST(stored(responses[0]));
  BOOST_TEST(ca.trust.responder_cache_hits() == 2u);
  BOOST_TEST(ca.trust.validated_responders() == 16u);
}

// specs/collector-auth.md §4.1: the answer is about the serial number under
// the issuer (the CertID), not about these certificate bytes. A copy of the
// good card with a broken signature gets the good card's answer; the
// collector refuses such a certificate at its step 8, before asking.
BOOST_AUTO_TEST_CASE(the_certificate_itself_is_the_callers_to_validate) {
  LiveCa ca;
  const auto responder = ca.serve();
  crypto::Bytes broken = ca.good.der();
  broken.back() ^= 0x01;  // the last byte of the signature
  OcspResult r =
      check_certificate_status(broken, ca.trust, std::time(nullptr), ca.at(responder->url()));
  BOOST_TEST(r.good(), r.message);
}

BOOST_AUTO_TEST_SUITE_END()
