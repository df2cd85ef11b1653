// The collector under load when things break (issue "Collector", point 6):
// evote-collector killed with SIGKILL, PostgreSQL restarted, and two
// collector processes on one database. In every case each ballot that got
// a receipt is in the organizer's export at the receipt's sequence with the
// receipt's log head, and the export's chain and signature check.
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <ctime>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "auth/personal_code.hpp"
#include "collector_fixture.hpp"
#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/receipt.hpp"
#include "support/ocsp_responder.hpp"

using namespace evote;
using namespace evote::testing;
using Json = nlohmann::json;
using protocol::AdminCommand;

namespace {

constexpr int kVoters = 24;

// A valid personal code (isikukood) for voter i < 100: 3 (a man born in the
// 1900s), 800101, a 3-digit serial, and the check digit.
std::string personal_code(int i) {
  const std::string first_ten = "3800101" + std::string(i < 10 ? "00" : "0") + std::to_string(i);
  return first_ten + std::to_string(*collector::auth::personal_code_check_digit(first_ten));
}

crypto::Bytes bytes_of(const std::string& text) { return crypto::Bytes(text.begin(), text.end()); }

void configure(protocol::ElectionConfig& config) {
  voting_open_now(config);
  config.revotes_per_minute = 1000;
  config.revotes_per_day = 10000;
}

// The election with kVoters voters on the list, voting open, each voter
// logged in, with a signing certificate the OCSP responder knows.
struct Election {
  OcspResponder responder{test_election().voter_pki};
  Setup s;
  std::unique_ptr<RunningCollector> server;
  struct Voter {
    std::string code;
    std::string session;
    std::optional<TestCertificate> signing;
  };
  std::vector<Voter> voters;

  explicit Election(PostgresCluster& db) : s(db, configure) {
    s.write_settings(ocsp_url_setting(responder.url()));
    server = std::make_unique<RunningCollector>(s);
    std::string tsv;
    for (int i = 0; i < kVoters; ++i) {
      voters.push_back({personal_code(i), "", std::nullopt});
      tsv += "add\t" + voters.back().code + "\tVoter " + std::to_string(i) + "\td2\n";
    }
    const HttpsReply loaded =
        send_admin(s, AdminCommand::load_voter_list,
                   bytes_of(protocol::canonical_string(signed_test_voters(s, tsv))));
    BOOST_REQUIRE_MESSAGE(loaded.status == 200u, loaded.body);
    open_voting(s);
    std::vector<TestCertificate> certificates;
    for (Voter& v : voters) {
      v.session = log_in_as(s, v.code);
      v.signing = s.election.issue_voter_certificate(v.code);
      certificates.push_back(*v.signing);
    }
    responder.add_good(certificates);
  }

  std::string ballot_of(const Voter& v) const {
    const protocol::Ballot ballot = protocol::make_ballot(s.config, v.code, "d2", {}).ballot;
    const crypto::Bytes bytes =
        protocol::encode_signed_ballot(s.election.sign_like_card(*v.signing, ballot));
    return std::string(bytes.begin(), bytes.end());
  }

  // The organizer's export, read and checked (chain, trailer, signature).
  std::vector<protocol::LoggedBallot> export_entries(const TempFolder& folder) const {
    const HttpsReply exported = send_admin(s, AdminCommand::export_ballots);
    BOOST_REQUIRE_MESSAGE(exported.status == 200u, exported.body);
    write_text(folder / "box.jsonl", exported.body);
    protocol::BallotBoxReader reader(folder / "box.jsonl", s.config,
                                     protocol::config_hash(bytes_of(s.signed_config)));
    std::vector<protocol::LoggedBallot> entries;
    while (auto entry = reader.next()) entries.push_back(std::move(*entry));
    return entries;
  }
};

// Client threads casting ballots (round robin over the voters) against the
// given collector ports until stopped; every receipt received is kept.
class Load {
 public:
  Load(const Election& e, std::vector<HttpsClientOptions> targets, int threads = 6) : e_(e) {
    for (int t = 0; t < threads; ++t)
      threads_.emplace_back([this, t, targets] {
        const HttpsClientOptions& target = targets[static_cast<std::size_t>(t) % targets.size()];
        for (int n = 0; !stop_; ++n) {
          const auto& voter = e_.voters[static_cast<std::size_t>(t + n * 7) % e_.voters.size()];
          const std::string body = e_.ballot_of(voter);
          try {
            const HttpsReply r = https_request(target, "POST", "/v1/ballots", body,
                                               {{"Authorization", "Bearer " + voter.session}});
            std::lock_guard lock(mutex_);
            if (r.status == 200u)
              receipts_.push_back(protocol::decode_receipt(bytes_of(r.body)));
            else
              ++refusals_[Json::parse(r.body).value("error", "?")];
          } catch (const std::exception&) {
            ++failures_;  // the collector is down or the connection broke
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
          }
        }
      });
  }
  ~Load() { stop(); }
  void stop() {
    stop_ = true;
    for (std::thread& t : threads_)
      if (t.joinable()) t.join();
  }
  std::size_t accepted() {
    std::lock_guard lock(mutex_);
    return receipts_.size();
  }
  // Waits until `n` more ballots were accepted (up to 60 s).
  void wait_for(std::size_t n) {
    const std::size_t target = accepted() + n;
    for (int i = 0; i < 600 && accepted() < target; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    BOOST_REQUIRE_MESSAGE(accepted() >= target, "the load stalled at " << accepted());
  }
  const std::vector<protocol::Receipt>& receipts() const { return receipts_; }
  const std::map<std::string, int>& refusals() const { return refusals_; }
  int failures() const { return failures_; }

 private:
  const Election& e_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<protocol::Receipt> receipts_;
  std::map<std::string, int> refusals_;
  std::atomic<int> failures_{0};
  std::vector<std::thread> threads_;
};

// Every receipt is in the export at its sequence, with its vote id, time,
// ballot hash and log head; the export's sequences are 1..n (the reader
// checks them and the chain).
void every_receipt_is_exported(const std::vector<protocol::Receipt>& receipts,
                               const std::vector<protocol::LoggedBallot>& entries) {
  BOOST_TEST(entries.size() >= receipts.size());
  for (const protocol::Receipt& receipt : receipts) {
    BOOST_REQUIRE(receipt.sequence >= 1u);
    BOOST_REQUIRE_MESSAGE(receipt.sequence <= entries.size(),
                          "receipt " << receipt.sequence << " is not in the export");
    const protocol::LoggedBallot& entry = entries[receipt.sequence - 1];
    BOOST_TEST(entry.entry.vote_id == receipt.vote_id);
    BOOST_TEST(entry.entry.time == receipt.time);
    BOOST_TEST(entry.ballot_hash == receipt.ballot_hash);
    BOOST_TEST(entry.log_head == receipt.log_head);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(collector_resilience)

BOOST_AUTO_TEST_CASE(sigkill_under_load_loses_no_ballot_that_got_a_receipt) {
  PostgresCluster db;
  Election e(db);
  Load load(e, {e.s.client()});
  load.wait_for(40);
  ::kill(e.server->pid, SIGKILL);  // mid-flight: batches queued, commits in progress
  ::waitpid(e.server->pid, nullptr, 0);
  e.server->pid = -1;
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  load.stop();
  BOOST_TEST_MESSAGE("accepted before the kill: " << load.receipts().size()
                                                  << ", failed requests: " << load.failures());

  e.server = std::make_unique<RunningCollector>(e.s);
  TempFolder folder;
  const auto entries = e.export_entries(folder);
  every_receipt_is_exported(load.receipts(), entries);
  // Voting goes on after the restart, extending the same chain.
  const std::string body = e.ballot_of(e.voters[0]);
  const HttpsReply r = https_request(e.s.client(), "POST", "/v1/ballots", body,
                                     {{"Authorization", "Bearer " + e.voters[0].session}});
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
  BOOST_TEST(protocol::decode_receipt(bytes_of(r.body)).sequence == entries.size() + 1);
}

BOOST_AUTO_TEST_CASE(a_postgresql_restart_under_load_is_survived) {
  PostgresCluster db;
  Election e(db);
  Load load(e, {e.s.client()});
  load.wait_for(30);
  db.restart();       // pg_ctl stop -m fast, start: every connection is cut
  load.wait_for(30);  // the same collector process goes on accepting
  load.stop();
  BOOST_TEST_MESSAGE("accepted: " << load.receipts().size()
                                  << ", refusals: " << load.refusals().size() << " kinds");
  for (const auto& [code, count] : load.refusals())
    BOOST_TEST((code == "unavailable"), "refused " << count << " times with " << code);
  TempFolder folder;
  every_receipt_is_exported(load.receipts(), e.export_entries(folder));
  BOOST_TEST(https_request(e.s.client(), "GET", "/readyz").status == 200u);
}

BOOST_AUTO_TEST_CASE(two_collector_processes_make_one_log) {
  PostgresCluster db;
  Election e(db);
  // A second process: same election folder, keys and database, other ports.
  const int port2 = free_tcp_port();
  const int admin2 = free_tcp_port();
  std::string settings = Json::parse(std::ifstream(e.s.dir / "collector.json")).dump();
  Json second = Json::parse(settings);
  second["listen"] = "127.0.0.1:" + std::to_string(port2);
  second["admin_listen"] = "127.0.0.1:" + std::to_string(admin2);
  write_text(e.s.dir / "collector2.json", second.dump());
  RunningCollector other(e.s, e.s.dir / "collector2.json", port2);
  HttpsClientOptions client2 = e.s.client();
  client2.port = static_cast<std::uint16_t>(port2);

  Load load(e, {e.s.client(), client2}, 8);
  load.wait_for(80);
  load.stop();
  BOOST_TEST(load.refusals().empty());
  TempFolder folder;
  const auto entries = e.export_entries(folder);
  every_receipt_is_exported(load.receipts(), entries);
  BOOST_TEST(entries.size() == load.receipts().size());
  // Both processes served: the second's log head answers the same chain.
  const Json head = Json::parse(https_request(client2, "GET", "/v1/log/head").body);
  BOOST_TEST(head.at("sequence") == entries.size());
}

BOOST_AUTO_TEST_SUITE_END()
