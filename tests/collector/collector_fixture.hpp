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
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <thread>

#include "auth/base64.hpp"
#include "evote/protocol/admin_request.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/key_file.hpp"
#include "evote/protocol/signed_ballot.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/voter_list.hpp"
#include "storage/migrations.hpp"
#include "storage/voter_list.hpp"
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
  int admin_port = free_tcp_port();
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
            "\", \"admin_listen\": \"127.0.0.1:" + std::to_string(admin_port) +
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
  // The admin listener (same TLS certificate).
  HttpsClientOptions admin_client() const {
    HttpsClientOptions c = client();
    c.port = static_cast<std::uint16_t>(admin_port);
    return c;
  }
};

// An admin request signed by `key` (the organizer's by default), sent to the
// admin listener (specs/collector-admin.md).
inline HttpsReply send_admin(const Setup& s, protocol::AdminCommand command,
                             std::optional<crypto::Bytes> document = std::nullopt,
                             std::optional<std::uint64_t> after = std::nullopt,
                             const crypto::Ed25519SigningKey* key = nullptr) {
  protocol::AdminRequest request =
      protocol::new_admin_request(s.config.election_id, command, std::time(nullptr));
  request.document = std::move(document);
  request.after = after;
  protocol::sign_admin_request(request, key ? *key : s.election.organizer_key);
  const crypto::Bytes body = protocol::encode_admin_request(request);
  return https_request(s.admin_client(), "POST", "/v1/admin",
                       std::string(body.begin(), body.end()));
}

// The organizer opens voting (a voter list must be loaded first).
inline void open_voting(const Setup& s) {
  const HttpsReply r = send_admin(s, protocol::AdminCommand::open);
  BOOST_REQUIRE_MESSAGE(r.status == 200u, "open: " << r.body);
}

// For Setup::write_settings: the settings' "ocsp_url" (a test responder's
// url(), support/ocsp_responder.hpp), which every accepted ballot needs.
inline std::string ocsp_url_setting(const std::string& url) {
  return ", \"ocsp_url\": \"" + url + "\"";
}

// evote-collector serve in the background; stopped (SIGTERM) at the end.
struct RunningCollector {
  pid_t pid = -1;
  std::filesystem::path log;
  explicit RunningCollector(const Setup& s)
      : RunningCollector(s, s.dir / "collector.json", s.port) {}
  // Another settings file of the same Setup (e.g. a second process on other ports).
  RunningCollector(const Setup& s, const std::filesystem::path& settings_file, int port)
      : log(settings_file.string() + ".log") {
    pid = ::fork();
    if (pid == 0) {
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      const std::string settings = settings_file.string();
      ::execl(kCollector.c_str(), kCollector.c_str(), "serve", "--config", settings.c_str(),
              nullptr);
      ::_exit(127);
    }
    HttpsClientOptions client = s.client();
    client.port = static_cast<std::uint16_t>(port);
    for (int i = 0; i < 300; ++i) {  // up to 30 s for the port to answer
      try {
        if (https_request(client, "GET", "/healthz").status == 200) return;
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

// Voting through the real collector, for tests that need voters with ballots
// (verification, the voter's record). Named apart from test_ballot_api.cpp's
// own helpers, which that file keeps.

// The config trusts the test election's voter PKI (root and issuing CA), no
// policy required; the voting period runs from an hour ago to an hour ahead.
inline void voting_open_now(protocol::ElectionConfig& config) {
  config.voter_ca_certificates = {test_election().voter_pki.root.der(),
                                  test_election().voter_pki.intermediate.der()};
  config.voter_certificate_policies = {};
  const std::int64_t now = std::time(nullptr);
  config.voting_start = now - 3600;
  config.voting_end = now + 3600;
}

// Applies voter list change set `sequence` (voters.tsv lines such as
// "add\t<code>\t<name>\t<district>\n"), signed by the organizer, straight to
// the collector's database (migrated first, so it works before the collector
// started).
// The organizer's signed voter list change set `sequence` of these voters.tsv
// lines, chained to `previous`.
inline protocol::VoterListChanges signed_test_voters(
    const Setup& s, const std::string& tsv, std::uint64_t sequence = 1,
    const protocol::ChangeSetHash& previous = protocol::kNoPreviousChangeSet) {
  protocol::VoterListChanges doc;
  doc.election_id = s.config.election_id;
  doc.sequence = sequence;
  doc.previous = previous;
  std::istringstream in(tsv);
  doc.changes = protocol::import_voter_tsv(in, "voters.tsv", s.config);
  protocol::sign(doc, s.election.organizer_key);
  return doc;
}

inline collector::VoterListState apply_test_voters(
    const Setup& s, const std::string& tsv, std::uint64_t sequence = 1,
    const protocol::ChangeSetHash& previous = protocol::kNoPreviousChangeSet) {
  const protocol::VoterListChanges doc = signed_test_voters(s, tsv, sequence, previous);
  collector::pg::Connection c(s.db.connection_string());
  collector::migrate(c);
  return collector::apply_voter_list(c, s.config, doc, std::time(nullptr));
}

// Logs in (challenge, Web eID token of a fresh test authentication card of
// `code`, origin https://127.0.0.1): the session token.
inline std::string log_in_as(const Setup& s, const std::string& code) {
  const TestCertificate card = s.election.voter_pki.issue_leaf(
      KeyType::ec_p384, leaf_options("PNOEE-" + code, "TEST,VOTER," + code));
  const HttpsReply issued = https_request(s.client(), "POST", "/v1/auth/challenge");
  BOOST_REQUIRE_EQUAL(issued.status, 200u);
  const std::string nonce = nlohmann::json::parse(issued.body).at("nonce").get<std::string>();
  const nlohmann::json token = web_eid_token(card, nonce, "https://127.0.0.1");
  const HttpsReply r = https_request(s.client(), "POST", "/v1/auth/token",
                                     nlohmann::json{{"nonce", nonce}, {"token", token}}.dump());
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
  return nlohmann::json::parse(r.body).at("session").get<std::string>();
}

// A GET, with "Authorization: Bearer <session>" unless `session` is empty.
inline HttpsReply get_as(const Setup& s, const std::string& target,
                         const std::string& session = "") {
  std::map<std::string, std::string> headers;
  if (!session.empty()) headers["Authorization"] = "Bearer " + session;
  return https_request(s.client(), "GET", target, "", headers);
}

// A database, an election folder (`edit` changes its config), a test OCSP
// responder for the voter PKI named in the settings, and evote-collector
// serving them: what a test that casts ballots needs.
struct CollectorWithOcsp {
  PostgresCluster db;
  Setup s;
  OcspResponder ocsp;
  std::optional<RunningCollector> server;
  explicit CollectorWithOcsp(const std::function<void(protocol::ElectionConfig&)>& edit)
      : s(db, edit), ocsp(s.election.voter_pki) {
    s.write_settings(ocsp_url_setting(ocsp.url()));
    server.emplace(s);
  }
};

// A new signing certificate of voter `code`, reported good by `ocsp` from now on.
inline TestCertificate good_signing_certificate(const Setup& s, OcspResponder& ocsp,
                                                const std::string& code) {
  TestCertificate signing = s.election.issue_voter_certificate(code);
  ocsp.add_good(signing);
  return signing;
}

// A ballot POSTed to /v1/ballots: the canonical signed-ballot bytes sent and
// the collector's reply (the receipt's bytes when accepted).
struct CastBallot {
  std::string body;
  HttpsReply reply;
};

// Casts a blank ballot of voter `code` in `district`, signed with `signing`
// (that voter's signing certificate), in the session given.
inline CastBallot cast_blank_ballot(const Setup& s, const std::string& session,
                                    const TestCertificate& signing, const std::string& code,
                                    const std::string& district) {
  const protocol::Ballot ballot = protocol::make_ballot(s.config, code, district, {}).ballot;
  const crypto::Bytes bytes =
      protocol::encode_signed_ballot(s.election.sign_like_card(signing, ballot));
  CastBallot cast{std::string(bytes.begin(), bytes.end()), {}};
  cast.reply = https_request(s.client(), "POST", "/v1/ballots", cast.body,
                             {{"Authorization", "Bearer " + session}});
  return cast;
}

// The "error" member of a refusal's body.
inline std::string error_code_of(const HttpsReply& r) {
  return nlohmann::json::parse(r.body).at("error").get<std::string>();
}

}  // namespace evote::testing
