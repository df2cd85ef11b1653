// evote-admin's collector commands (specs/collector-admin.md), run as the
// real program. This part needs no collector: what the client refuses before
// or while connecting (a bad URL, nothing listening, a server that does not
// answer, another TLS certificate than the config's, TLS 1.2, a TLS server
// that is not a collector), what it checks locally before asking for the
// passphrase, and what it does with answers the collector would not give
// (a redirect, a non-evote error, an export cut short or without its
// trailer). Each run must fail with exit status 1 and name the cause.
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <sstream>
#include <thread>

#include "admin_commands_fixture.hpp"
#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/file_hash.hpp"

using namespace evote;
using namespace evote::testing;

namespace {

// A signed config naming a collector TLS certificate, the organizer's
// sealed key and its passphrase file; no collector, no database.
struct Files {
  const TestElection& election = test_election();
  TestPki tls_pki = TestPki::create("Collector TLS");
  TestCertificate tls = tls_pki.issue_leaf(KeyType::ec_p384, server_options());
  TempFolder dir;

  Files() {
    protocol::ElectionConfig config = election.config;
    config.collector = protocol::CollectorKeys{tls.der(), election.collector_key.public_key()};
    write_signed_config(dir / "config.json", config, election.organizer_key);
    config.collector.reset();
    write_signed_config(dir / "no-collector.json", config, election.organizer_key);
    write_sealed_key(dir.path(), "organizer.key", election.organizer_key);
    write_text(dir / "tls.pem", tls.pem());
    write_text(dir / "tls.key", tls.key().private_key_pem());
  }

  ProgramRun admin(const std::string& command, const std::string& url,
                   const std::string& extra = "", const std::string& config = "config.json") const {
    return run_admin(command, url, dir / config, dir / "organizer.key", extra);
  }
};

std::string url_of(int port) { return admin_url(port); }

void expect_failure(const ProgramRun& run, const std::string& text) {
  expect_admin_failure(run, text);
}

bool port_answers(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

// `openssl s_server -www` on a free port with the given certificate: a real
// TLS server that is not a collector (it answers only GET requests).
struct OpensslServer {
  pid_t pid = -1;
  int port = free_tcp_port();
  OpensslServer(const std::filesystem::path& cert, const std::filesystem::path& key,
                const std::string& version_flag) {
    pid = ::fork();
    if (pid == 0) {
      const std::string accept = std::to_string(port);
      ::execlp("openssl", "openssl", "s_server", "-quiet", "-www", version_flag.c_str(), "-accept",
               accept.c_str(), "-cert", cert.c_str(), "-key", key.c_str(), nullptr);
      ::_exit(127);
    }
    for (int i = 0; i < 100 && !port_answers(port); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    BOOST_REQUIRE_MESSAGE(port_answers(port), "openssl s_server did not start");
  }
  OpensslServer(const OpensslServer&) = delete;
  OpensslServer& operator=(const OpensslServer&) = delete;
  ~OpensslServer() {
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
  }
};

// A TCP port that accepts connections (the kernel completes them) but never
// reads or answers: a hung server.
struct SilentListener {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  int port = 0;
  SilentListener() {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    BOOST_REQUIRE(::listen(fd, 8) == 0);
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    port = ntohs(address.sin_port);
  }
  ~SilentListener() { ::close(fd); }
};

// A TLS 1.3 server in a thread of the test (OpenSSL) with the given
// certificate: it reads one HTTP request and sends `answer` byte for byte,
// then drops the connection without a TLS close_notify. It plays a server
// that misbehaves where the collector does not (a redirect, an answer that is
// not evote's, a body cut short), to show what the client then does.
struct ScriptedTlsServer {
  SilentListener listener;
  std::thread thread;
  ScriptedTlsServer(const std::filesystem::path& cert, const std::filesystem::path& key,
                    std::string answer) {
    thread = std::thread([this, cert, key, answer] { serve_one(cert, key, answer); });
  }
  ~ScriptedTlsServer() { thread.join(); }
  ScriptedTlsServer(const ScriptedTlsServer&) = delete;
  ScriptedTlsServer& operator=(const ScriptedTlsServer&) = delete;
  int port() const { return listener.port; }

 private:
  void serve_one(const std::filesystem::path& cert, const std::filesystem::path& key,
                 const std::string& answer) {
    pollfd waiting{listener.fd, POLLIN, 0};
    if (::poll(&waiting, 1, 60000) != 1) return;  // the client never came
    const int client = ::accept(listener.fd, nullptr, nullptr);
    SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
    SSL_CTX_use_certificate_chain_file(ctx, cert.c_str());
    SSL_CTX_use_PrivateKey_file(ctx, key.c_str(), SSL_FILETYPE_PEM);
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, client);
    if (SSL_accept(ssl) == 1) {
      // The request: headers, then Content-Length bytes of body.
      std::string request;
      char buffer[16384];
      std::size_t wanted = std::string::npos;
      while (request.size() < wanted) {
        const int n = SSL_read(ssl, buffer, sizeof buffer);
        if (n <= 0) break;
        request.append(buffer, static_cast<std::size_t>(n));
        const std::size_t end = request.find("\r\n\r\n");
        if (wanted == std::string::npos && end != std::string::npos) {
          const std::size_t at = request.find("Content-Length: ");
          wanted = end + 4 + (at < end ? std::stoul(request.substr(at + 16)) : 0);
        }
      }
      SSL_write(ssl, answer.data(), static_cast<int>(answer.size()));
    }
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    ::close(client);
  }
};

// "HTTP/1.1 200 OK" with `content_type` and `body` in chunked encoding,
// the closing chunk only when `complete`.
std::string chunked_answer(const std::string& content_type, const std::string& body,
                           bool complete) {
  std::ostringstream out;
  out << "HTTP/1.1 200 OK\r\nContent-Type: " << content_type
      << "\r\nTransfer-Encoding: chunked\r\n\r\n"
      << std::hex << body.size() << "\r\n"
      << body << "\r\n";
  if (complete) out << "0\r\n\r\n";
  return out.str();
}

// The header line of an export of the config in `f`.
std::string export_header(const Files& f) {
  const crypto::Bytes config = read_whole_file(f.dir / "config.json");
  return protocol::BallotBoxEncoder({f.election.config.election_id, protocol::config_hash(config)})
      .header_line();
}

bool nothing_named(const std::filesystem::path& dir, const std::string& prefix) {
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().filename().string().starts_with(prefix)) return false;
  }
  return true;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(collector_commands_client)

BOOST_AUTO_TEST_CASE(nothing_listening_names_the_url) {
  const Files f;
  const int port = free_tcp_port();
  expect_failure(f.admin("collector-status", url_of(port)),
                 "cannot connect to " + url_of(port) + ": Connection refused");
}

BOOST_AUTO_TEST_CASE(bad_urls_are_refused) {
  const Files f;
  expect_failure(f.admin("collector-status", "http://127.0.0.1:8444"),
                 "http://127.0.0.1:8444: not an https:// URL (expected https://HOST:PORT)");
  expect_failure(f.admin("collector-status", "https://127.0.0.1:8444/v1/admin"),
                 "a path, query or fragment is not allowed");
  expect_failure(f.admin("collector-status", "https://127.0.0.1:0"), "bad port \"0\"");
  expect_failure(f.admin("collector-status", "https://127.0.0.1:65536"), "bad port \"65536\"");
  expect_failure(f.admin("collector-status", "https://admin@127.0.0.1:8444"),
                 "user information is not allowed");
  expect_failure(f.admin("collector-status", "https://:8444"), "no host");
}

BOOST_AUTO_TEST_CASE(a_server_that_never_answers_times_out) {
  const Files f;
  const SilentListener silent;
  const auto start = std::chrono::steady_clock::now();
  expect_failure(
      f.admin("collector-status", url_of(silent.port), "--timeout 1"),
      url_of(silent.port) + ": TLS 1.3 handshake failed: no progress for 1 s (timed out)");
  BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(20)));
}

BOOST_AUTO_TEST_CASE(another_certificate_than_the_configs_is_refused) {
  const Files f;
  const TestCertificate other = f.tls_pki.issue_leaf(KeyType::ec_p384, server_options());
  write_text(f.dir / "other.pem", other.pem());
  write_text(f.dir / "other.key", other.key().private_key_pem());
  const OpensslServer server(f.dir / "other.pem", f.dir / "other.key", "-tls1_3");
  // Same CA, same name: only the pin tells them apart.
  const ProgramRun run = f.admin("collector-open", url_of(server.port));
  expect_failure(run, url_of(server.port) +
                          ": TLS certificate pin mismatch: the server's certificate (SHA-256 ");
  expect_failure(run, ") is not the collector certificate the config names (SHA-256 ");
  expect_failure(run, "nothing was sent");
}

BOOST_AUTO_TEST_CASE(a_tls_1_2_server_is_refused) {
  const Files f;
  const OpensslServer server(f.dir / "tls.pem", f.dir / "tls.key", "-tls1_2");
  expect_failure(f.admin("collector-status", url_of(server.port)),
                 url_of(server.port) + ": TLS 1.3 handshake failed: ");
}

BOOST_AUTO_TEST_CASE(a_tls_server_that_is_not_a_collector) {
  // The pinned certificate, but `openssl s_server -www` never answers a POST.
  const Files f;
  const OpensslServer server(f.dir / "tls.pem", f.dir / "tls.key", "-tls1_3");
  expect_failure(f.admin("collector-status", url_of(server.port), "--timeout 2"),
                 url_of(server.port) + ": waiting for the answer: no progress for 2 s (timed out)");
}

BOOST_AUTO_TEST_CASE(a_config_without_a_collector_has_nothing_to_pin) {
  const Files f;
  expect_failure(f.admin("collector-status", url_of(free_tcp_port()), "", "no-collector.json"),
                 "no-collector.json: names no collector (set-collector), so there is no TLS "
                 "certificate to pin");
}

BOOST_AUTO_TEST_CASE(local_documents_are_checked_before_connecting) {
  const Files f;
  const std::string nowhere = url_of(free_tcp_port());
  // A change set signed by another key than the config's organizer key.
  protocol::VoterListChanges changes;
  changes.election_id = f.election.config.election_id;
  std::istringstream tsv("add\t38001085718\tMari-Liis Männik\td1\n");
  changes.changes = protocol::import_voter_tsv(tsv, "voters.tsv", f.election.config);
  protocol::sign(changes, f.election.collector_key);
  protocol::save_voter_list_changes(changes, f.dir / "foreign.json",
                                    protocol::WriteMode::new_public());
  expect_failure(
      f.admin("collector-load-voters", nowhere, "--voters " + shell_quote(f.dir / "foreign.json")),
      "foreign.json: signed by another key");
  // An export is never written over an existing file.
  write_text(f.dir / "box.jsonl", "old");
  const ProgramRun exists =
      f.admin("collector-export", nowhere, "--out " + shell_quote(f.dir / "box.jsonl"));
  BOOST_TEST(exists.status != 0);
  BOOST_TEST(exists.output.find("box.jsonl: already exists") != std::string::npos, exists.output);
  BOOST_TEST(exists.output.find("cannot connect") == std::string::npos, exists.output);
}

BOOST_AUTO_TEST_CASE(another_organizer_key_is_refused_before_sending) {
  const Files f;
  write_sealed_key(f.dir.path(), "collector.key", f.election.collector_key);
  expect_failure(run_admin("collector-status", url_of(free_tcp_port()), f.dir / "config.json",
                           f.dir / "collector.key"),
                 "collector.key: not the organizer key of election TEST_2027");
}

BOOST_AUTO_TEST_CASE(a_redirect_is_not_followed) {
  const Files f;
  const ScriptedTlsServer server(
      f.dir / "tls.pem", f.dir / "tls.key",
      "HTTP/1.1 302 Found\r\nLocation: https://elsewhere.example/v1/admin\r\nContent-Length: "
      "0\r\n\r\n");
  expect_failure(f.admin("collector-status", url_of(server.port())),
                 url_of(server.port()) +
                     ": the server answered 302 (a redirect to "
                     "https://elsewhere.example/v1/admin); evote-admin follows no redirect");
}

BOOST_AUTO_TEST_CASE(an_error_that_is_not_an_error_document) {
  const Files f;
  const ScriptedTlsServer server(
      f.dir / "tls.pem", f.dir / "tls.key",
      "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 11\r\n\r\nbad gateway");
  expect_failure(f.admin("collector-close", url_of(server.port())),
                 url_of(server.port()) +
                     ": the server answered HTTP 502 without an error document: \"bad gateway\"");
}

BOOST_AUTO_TEST_CASE(an_export_cut_short_is_not_kept) {
  const Files f;
  const ScriptedTlsServer server(f.dir / "tls.pem", f.dir / "tls.key",
                                 chunked_answer("application/x-ndjson", export_header(f), false));
  expect_failure(f.admin("collector-export", url_of(server.port()),
                         "--out " + shell_quote(f.dir / "box.jsonl")),
                 url_of(server.port()) +
                     ": reading the answer: the connection ended before the answer was complete");
  BOOST_TEST(nothing_named(f.dir.path(), "box.jsonl"));
}

BOOST_AUTO_TEST_CASE(an_export_without_its_trailer_is_not_kept) {
  // A complete HTTP answer, but the file ends after its header line.
  const Files f;
  const ScriptedTlsServer server(f.dir / "tls.pem", f.dir / "tls.key",
                                 chunked_answer("application/x-ndjson", export_header(f), true));
  const ProgramRun run = f.admin("collector-export", url_of(server.port()),
                                 "--out " + shell_quote(f.dir / "box.jsonl"));
  expect_failure(
      run, "the collector's export (" + url_of(server.port()) + ") is refused, nothing written: ");
  expect_failure(run, "truncated: no trailer line after line 1");
  BOOST_TEST(nothing_named(f.dir.path(), "box.jsonl"));
}

BOOST_AUTO_TEST_CASE(an_export_of_another_kind_is_not_kept) {
  const Files f;
  const ScriptedTlsServer server(f.dir / "tls.pem", f.dir / "tls.key",
                                 chunked_answer("application/json", "{}", true));
  expect_failure(f.admin("collector-export", url_of(server.port()),
                         "--out " + shell_quote(f.dir / "box.jsonl")),
                 "has content type \"application/json\", expected application/x-ndjson");
  BOOST_TEST(nothing_named(f.dir.path(), "box.jsonl"));
}

BOOST_AUTO_TEST_SUITE_END()
