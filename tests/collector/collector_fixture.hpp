// The real evote-collector program for tests: an election folder whose
// signed config names the collector's TLS certificate and signing key, the
// sealed key, TLS files and settings (Setup), and the program serving in the
// background until SIGTERM (RunningCollector). Included by one test file
// per executable (tests/collector/test_*.cpp).
#pragma once

#include <fcntl.h>
#include <openssl/evp.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <thread>

#include "auth/base64.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/key_file.hpp"
#include "evote/protocol/signed_document.hpp"
#include "support/https_client.hpp"
#include "support/ocsp_responder.hpp"
#include "support/postgres_cluster.hpp"
#include "support/run_program.hpp"
#include "support/temp_folder.hpp"
#include "support/test_election.hpp"
#include "support/test_pki.hpp"

namespace evote::testing {

inline const std::string kCollector = EVOTE_COLLECTOR_BIN;

inline CertOptions server_options() {
  CertOptions o;
  o.common_name = "127.0.0.1";
  o.extended_key_usage = {"serverAuth"};
  return o;
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// An election folder whose signed config names this collector's TLS
// certificate and signing key, the sealed key, TLS files and settings.
// `edit` may change the config before it is signed (e.g. its voter CAs).
struct Setup {
  PostgresCluster& db;
  const TestElection& election = test_election();
  TestPki tls_pki = TestPki::create("Collector TLS");
  TestCertificate tls = tls_pki.issue_leaf(KeyType::ec_p384, server_options());
  TempFolder dir;
  int port = free_tcp_port();
  protocol::ElectionConfig config;  // as served
  std::string signed_config;

  explicit Setup(PostgresCluster& cluster,
                 const std::function<void(protocol::ElectionConfig&)>& edit = {})
      : db(cluster) {
    config = election.config;
    config.collector = protocol::CollectorKeys{tls.der(), election.collector_key.public_key()};
    if (edit) edit(config);
    protocol::Json document = protocol::to_json(config);
    protocol::sign_document(document, election.organizer_key);
    signed_config = protocol::canonical_string(document);
    std::filesystem::create_directories(dir / "election");
    write_text(dir / "election" / "config.json", signed_config);
    write_text(dir / "tls.pem", tls.pem() + tls_pki.intermediate.pem());
    write_text(dir / "tls.key", tls.key().private_key_pem());
    write_text(dir / "passphrase.txt", "collector passphrase\n");
    const auto sealed =
        protocol::seal_signing_key(election.collector_key, "collector", "collector passphrase",
                                   crypto::Argon2Cost::interactive());
    write_text(dir / "collector.key", protocol::canonical_string(protocol::to_json(sealed)));
    write_settings("");
  }

  // `extra` is appended inside the settings object: ", \"clock\": \"...\"".
  void write_settings(const std::string& extra,
                      const std::string& origin = "https://127.0.0.1") const {
    write_text(
        dir / "collector.json",
        "{\"listen\": \"127.0.0.1:" + std::to_string(port) +
            "\", \"tls_certificate\": \"tls.pem\", \"tls_key\": \"tls.key\", \"signing_key\": "
            "\"collector.key\", \"passphrase_file\": \"passphrase.txt\", \"database\": \"" +
            db.connection_string() + "\", \"election_folder\": \"election\", \"origin\": \"" +
            origin + "\"" + extra + "}");
  }

  HttpsClientOptions client() const {
    HttpsClientOptions c;
    c.port = static_cast<std::uint16_t>(port);
    c.trusted_pem = tls.pem();  // pinned, as the voter app pins the config's certificate
    return c;
  }
};

// For Setup::write_settings: the settings' "ocsp_url" (a test responder's
// url(), support/ocsp_responder.hpp), which every accepted ballot needs.
inline std::string ocsp_url_setting(const std::string& url) {
  return ", \"ocsp_url\": \"" + url + "\"";
}

// evote-collector serve in the background; stopped (SIGTERM) at the end.
struct RunningCollector {
  pid_t pid = -1;
  std::filesystem::path log;
  explicit RunningCollector(const Setup& s) : log(s.dir / "collector.log") {
    pid = ::fork();
    if (pid == 0) {
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      const std::string settings = (s.dir / "collector.json").string();
      ::execl(kCollector.c_str(), kCollector.c_str(), "serve", "--config", settings.c_str(),
              nullptr);
      ::_exit(127);
    }
    for (int i = 0; i < 300; ++i) {  // up to 30 s for the port to answer
      try {
        if (https_request(s.client(), "GET", "/healthz").status == 200) return;
      } catch (const std::exception&) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    BOOST_FAIL("evote-collector did not start: " << output());
  }
  RunningCollector(const RunningCollector&) = delete;
  RunningCollector& operator=(const RunningCollector&) = delete;
  std::string output() const {
    std::ifstream in(log);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  int stop() {
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  ~RunningCollector() {
    if (pid > 0) stop();
  }
};

// SHA-384(origin) || SHA-384(nonce): what a card signs for Web eID (with
// SHA-384 again, as CKM_ECDSA).
inline crypto::Bytes web_eid_signed_data(const std::string& origin, const std::string& nonce) {
  crypto::Bytes out;
  for (const std::string* text : {&origin, &nonce}) {
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    BOOST_REQUIRE(EVP_Digest(text->data(), text->size(), hash, &length, EVP_sha384(), nullptr) ==
                  1);
    out.insert(out.end(), hash, hash + length);
  }
  return out;
}

// A web-eid:1.0 authentication token signed by a test card (ES384).
inline nlohmann::json web_eid_token(const TestCertificate& card, const std::string& nonce,
                                    const std::string& origin) {
  return {{"algorithm", "ES384"},
          {"unverifiedCertificate", collector::auth::encode_base64(card.der())},
          {"appVersion", "https://web-eid.eu/web-eid-app/releases/2.5.0+0"},
          {"signature",
           collector::auth::encode_base64(card.sign_like_card(web_eid_signed_data(origin, nonce)))},
          {"format", "web-eid:1.0"}};
}

}  // namespace evote::testing
