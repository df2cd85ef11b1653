// evote-admin's collector commands (specs/collector-admin.md), run as the
// real program. This part needs no collector: what the client refuses before
// or while connecting (a bad URL, nothing listening, a server that does not
// answer, another TLS certificate than the config's, TLS 1.2, a TLS server
// that is not a collector) and what it checks locally before asking for
// the passphrase. Each run must fail with exit status 1 and name the cause.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <sstream>
#include <thread>

#include "admin_commands_fixture.hpp"

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

BOOST_AUTO_TEST_SUITE_END()
