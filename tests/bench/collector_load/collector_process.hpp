// The real evote-collector for the benchmark, as tests/collector's fixture
// starts it: an election folder whose signed config names this collector's
// TLS certificate (pinned by the clients) and signing key, the sealed
// key, the settings file, and the program serving in the background until
// stop(). The config trusts the test voter PKI, its voting period runs from
// an hour ago to a day ahead, and its re-vote limits are high enough for
// any run; voting is opened with the organizer's admin request.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "evote/protocol/election_config.hpp"
#include "support/postgres_cluster.hpp"
#include "support/temp_folder.hpp"
#include "support/test_election.hpp"
#include "support/test_pki.hpp"

namespace evote::bench {

struct CollectorSettings {
  unsigned io_threads = 0;  // "threads": 0 = the cores
  unsigned workers =
      0;  // limits.workers (0: four per core): blocking handlers, database connections
  std::string ocsp_url;  // empty: no "ocsp_url" setting
};

class BenchCollector {
 public:
  // `program`: the evote-collector to run; `tls_key`: its TLS certificate's key.
  BenchCollector(testing::PostgresCluster& db, const testing::TestElection& election,
                 std::string program, testing::KeyType tls_key);
  ~BenchCollector();  // stops the program if it runs
  BenchCollector(const BenchCollector&) = delete;
  BenchCollector& operator=(const BenchCollector&) = delete;

  // The election as served (signed by the organizer), receipts verify under it.
  const protocol::ElectionConfig& config() const { return config_; }
  std::string pinned_certificate_pem() const { return tls_.pem(); }
  std::uint16_t port() const { return static_cast<std::uint16_t>(port_); }
  std::string origin() const { return "https://127.0.0.1"; }
  const std::filesystem::path& folder() const { return dir_.path(); }

  // Migrates the database and applies the voter list as change set 1.
  void load_voter_list(const std::string& tsv);

  // Writes the settings file, starts `evote-collector serve` and waits until
  // /healthz answers (throws with its output if it does not within 30 s).
  void start(const CollectorSettings& settings);
  // The organizer's signed admin request "open" on the admin listener
  // (specs/collector-admin.md); throws with the answer if it is refused.
  void open_voting();
  void stop();  // SIGTERM, waits
  pid_t pid() const { return pid_; }
  std::string output() const;  // what the program wrote (its JSON-lines log)

 private:
  testing::PostgresCluster& db_;
  const testing::TestElection& election_;
  std::string program_;
  testing::TestPki tls_pki_;
  testing::TestCertificate tls_;
  testing::TempFolder dir_;
  int port_;
  int admin_port_;
  protocol::ElectionConfig config_;
  pid_t pid_ = -1;
};

}  // namespace evote::bench
