#include "collector_load/collector_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <sstream>
#include <thread>

#include "collector_load/tls_client.hpp"
#include "evote/protocol/admin_request.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/key_file.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/voter_list.hpp"
#include "storage/migrations.hpp"
#include "storage/voter_list.hpp"

namespace evote::bench {

namespace {

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

testing::CertOptions server_options() {
  testing::CertOptions o;
  o.common_name = "127.0.0.1";
  o.extended_key_usage = {"serverAuth"};
  return o;
}

}  // namespace

BenchCollector::BenchCollector(testing::PostgresCluster& db, const testing::TestElection& election,
                               std::string program, testing::KeyType tls_key)
    : db_(db),
      election_(election),
      program_(std::move(program)),
      tls_pki_(testing::TestPki::create("Collector TLS")),
      tls_(tls_pki_.issue_leaf(tls_key, server_options())),
      port_(testing::free_tcp_port()),
      admin_port_(testing::free_tcp_port()) {
  config_ = election.config;
  config_.collector = protocol::CollectorKeys{tls_.der(), election.collector_key.public_key()};
  config_.voter_ca_certificates = {election.voter_pki.root.der(),
                                   election.voter_pki.intermediate.der()};
  config_.voter_certificate_policies = {};
  const std::int64_t now = std::time(nullptr);
  config_.voting_start = now - 3600;
  config_.voting_end = now + 86400;
  // Voters re-vote many times a minute in a long run (ballot i is voter i
  // mod N's): the per-voter limits (2 a minute by default) are lifted.
  config_.revotes_per_minute = 1'000'000;
  config_.revotes_per_day = 1'000'000;
  protocol::Json document = protocol::to_json(config_);
  protocol::sign_document(document, election.organizer_key);
  const std::string signed_config = protocol::canonical_string(document);
  std::filesystem::create_directories(dir_ / "election");
  write_text(dir_ / "election" / "config.json", signed_config);
  write_text(dir_ / "tls.pem", tls_.pem() + tls_pki_.intermediate.pem());
  write_text(dir_ / "tls.key", tls_.key().private_key_pem());
  write_text(dir_ / "passphrase.txt", "collector passphrase\n");
  const auto sealed =
      protocol::seal_signing_key(election.collector_key, "collector", "collector passphrase",
                                 crypto::Argon2Cost::interactive());
  write_text(dir_ / "collector.key", protocol::canonical_string(protocol::to_json(sealed)));
}

BenchCollector::~BenchCollector() {
  if (pid_ > 0) stop();
}

void BenchCollector::load_voter_list(const std::string& tsv) {
  protocol::VoterListChanges doc;
  doc.election_id = config_.election_id;
  doc.sequence = 1;
  doc.previous = protocol::kNoPreviousChangeSet;
  std::istringstream in(tsv);
  doc.changes = protocol::import_voter_tsv(in, "voters.tsv", config_);
  protocol::sign(doc, election_.organizer_key);
  collector::pg::Connection c(db_.connection_string());
  collector::migrate(c);
  collector::apply_voter_list(c, config_, doc, std::time(nullptr));
}

void BenchCollector::start(const CollectorSettings& settings) {
  std::string extra;
  if (!settings.ocsp_url.empty()) extra += ", \"ocsp_url\": \"" + settings.ocsp_url + "\"";
  write_text(dir_ / "collector.json",
             "{\"listen\": \"127.0.0.1:" + std::to_string(port_) +
                 "\", \"admin_listen\": \"127.0.0.1:" + std::to_string(admin_port_) +
                 "\", \"tls_certificate\": \"tls.pem\", \"tls_key\": \"tls.key\", "
                 "\"signing_key\": \"collector.key\", \"passphrase_file\": \"passphrase.txt\", "
                 "\"database\": \"" +
                 db_.connection_string() +
                 "\", \"election_folder\": \"election\", \"origin\": \"https://127.0.0.1\", "
                 "\"threads\": " +
                 std::to_string(settings.io_threads) + ", \"limits\": {\"workers\": " +
                 std::to_string(settings.workers) + "}" + extra + "}");
  const std::string& program = program_;
  const std::string settings_file = (dir_ / "collector.json").string();
  const std::string log = (dir_ / "collector.log").string();
  pid_ = ::fork();
  if (pid_ == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    ::execl(program.c_str(), program.c_str(), "serve", "--config", settings_file.c_str(), nullptr);
    ::_exit(127);
  }
  const TlsClientContext context(pinned_certificate_pem());
  std::string last_error;
  for (int i = 0; i < 300; ++i) {  // up to 30 s for the port to answer
    try {
      TlsClient client(context, "127.0.0.1", port());
      client.connect();
      const Reply reply = client.request("GET", "/healthz", "");
      if (reply.status == 200) return;
      last_error = "/healthz answered " + std::to_string(reply.status);
    } catch (const std::exception& e) {
      last_error = e.what();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  throw std::runtime_error("evote-collector did not start (" + last_error + "):\n" + output());
}

void BenchCollector::open_voting() {
  protocol::AdminRequest request = protocol::new_admin_request(
      config_.election_id, protocol::AdminCommand::open, std::time(nullptr));
  protocol::sign_admin_request(request, election_.organizer_key);
  const crypto::Bytes body = protocol::encode_admin_request(request);
  const TlsClientContext context(pinned_certificate_pem());
  TlsClient client(context, "127.0.0.1", static_cast<std::uint16_t>(admin_port_));
  client.connect();
  const Reply reply = client.request("POST", "/v1/admin", std::string(body.begin(), body.end()));
  if (reply.status != 200)
    throw std::runtime_error("admin open refused (" + std::to_string(reply.status) +
                             "): " + reply.body);
}

void BenchCollector::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string BenchCollector::output() const {
  std::ifstream in(dir_ / "collector.log");
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace evote::bench
