// The collector as one object: its settings, the signed election config it
// serves (from the database, shared by every process), its signing key, the
// database, and the request handlers of the voter listener and the admin
// listener (specs/collector-api.md, collector-admin.md): /healthz, /readyz,
// /metrics, GET /v1/election, GET /v1/log/head, POST /v1/auth/challenge,
// POST /v1/auth/token, GET /v1/me, POST /v1/ballots, GET /v1/ballots/<vote
// id>, GET /v1/me/record; POST /v1/admin on the admin listener. Anything
// else answers 404 not_found. Handlers run on many worker threads at once;
// each takes its own database connection from the pool, and none asks for
// the served config (which may read the database) while holding one.
#pragma once

#include <atomic>
#include <ctime>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "app/metrics.hpp"
#include "auth/ocsp.hpp"
#include "config/collector_config.hpp"
#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/voter_signature.hpp"
#include "evote/protocol/admin_request.hpp"
#include "evote/protocol/election_config.hpp"
#include "http/https_server.hpp"
#include "storage/ballot_committer.hpp"
#include "storage/connection_pool.hpp"
#include "storage/election_state.hpp"

namespace evote::collector {

// What the collector serves, checked at start (each problem names the file
// and setting): the election folder's config.json is a signed election
// config; it names this collector's signing key and TLS certificate.
struct Election {
  crypto::Bytes signed_config;  // canonical bytes, as served
  protocol::ElectionConfig config;
};
Election load_election(const CollectorConfig& settings, const crypto::Ed25519PublicKey& signing_key,
                       const std::string& tls_certificate_pem);

// The config served now, with what is derived from it. The organizer's
// load-config may replace it (in the database) until voting opens; every
// collector process notices within a second (CollectorApp::served).
struct ServedConfig {
  ServedConfig(crypto::Bytes signed_config, protocol::ElectionConfig config);
  crypto::Bytes signed_config;  // canonical bytes, as served
  protocol::ElectionConfig config;
  crypto::Bytes config_hash;
  crypto::TrustedCas voter_cas;  // the config's voter_ca_certificates
  auth::OcspTrust ocsp_trust;    // the same, for OCSP
};

// The "error" member of a refusal's body (error_response); "" for a success.
std::string error_code_of(const HttpResponse& response);

class CollectorApp {
 public:
  // Connects to the database and brings its schema up to date (throws
  // pg::Error or std::runtime_error naming the problem).
  CollectorApp(CollectorConfig settings, Election election, crypto::Ed25519SigningKey signing_key);

  HttpResponse handle_voter(const HttpRequest& request);
  // The admin listener: POST /v1/admin (admin_routes.cpp).
  HttpResponse handle_admin(const HttpRequest& request);
  Metrics& metrics() { return metrics_; }

 private:
  HttpResponse route(const HttpRequest& request, std::string& route_name);
  HttpResponse ready();
  HttpResponse log_head();
  // auth_routes.cpp
  HttpResponse auth_challenge();
  HttpResponse auth_token(const HttpRequest& request);
  // voter_routes.cpp
  HttpResponse me(const HttpRequest& request);
  // ballot_routes.cpp
  HttpResponse cast_ballot(const HttpRequest& request);
  // record_routes.cpp: GET /v1/ballots/<vote id> (no session), GET /v1/me/record
  HttpResponse verify_vote(const std::string& vote_id_text);
  HttpResponse my_record(const HttpRequest& request);

  // admin_routes.cpp
  HttpResponse admin_request(const HttpRequest& request, std::string& route_name);
  // Each command gets the config served as read (fresh) for the request.
  HttpResponse admin_load_config(const protocol::AdminRequest& request,
                                 const ServedConfig& current);
  HttpResponse admin_load_voter_list(const protocol::AdminRequest& request,
                                     const ServedConfig& election);
  HttpResponse admin_load_paper_votes(const protocol::AdminRequest& request,
                                      const ServedConfig& election);
  HttpResponse admin_open(const ServedConfig& election);
  HttpResponse admin_close();
  HttpResponse admin_status(const ServedConfig& election);
  HttpResponse admin_export(const ServedConfig& election);
  HttpResponse admin_votes_order(const protocol::AdminRequest& request,
                                 const ServedConfig& election);

  // Runs `handle` (which names its route), answering 503 `unavailable`
  // with `unavailable_message` when the database fails, and records the
  // answer's route, status, error code and latency in the metrics.
  HttpResponse measured(const std::string& default_route,
                        const std::function<HttpResponse(std::string& route_name)>& handle,
                        const std::string& unavailable_message, std::string& route_name);

  // The config served now, re-read from the database when another process
  // (or this one) loaded a new one; checked at most once a second unless
  // `fresh`. The voting state is read with it.
  std::shared_ptr<const ServedConfig> served(bool fresh = false);
  VotingState voting_state(bool fresh = false);
  // Throws std::runtime_error unless the config names this collector's
  // signing key and TLS certificate (what = where it came from).
  void check_names_this_collector(const protocol::ElectionConfig& config,
                                  const std::string& what) const;

  // The voter of the request's "Authorization: Bearer <session>", or the
  // refusal (no_session, session_expired) in `refusal`.
  std::optional<std::string> session_voter(const HttpRequest& request, HttpResponse& refusal);
  // Real time, for nonces, sessions and logs.
  static std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }
  // When voters' certificates are checked: the settings' "clock" if set.
  std::int64_t certificate_time() const { return settings_.clock ? *settings_.clock : now(); }

  CollectorConfig settings_;
  crypto::Ed25519SigningKey signing_key_;
  // OCSP for signing certificates (ballot step 9): the settings' responder
  // URL and timeout (the trust is the served config's).
  auth::OcspOptions ocsp_options_;
  crypto::Bytes tls_certificate_;  // DER, this collector's (the first config's)
  std::mutex served_mutex_;
  std::shared_ptr<const ServedConfig> served_;
  std::atomic<int> voting_state_{0};                // a VotingState
  std::atomic<std::int64_t> served_checked_ms_{0};  // steady clock, last database read
  std::atomic<bool> refreshing_{false};             // a thread is re-reading
  ConnectionPool pool_;
  std::unique_ptr<BallotCommitter> committer_;  // appends accepted ballots (group commit)
  Metrics metrics_;
};

}  // namespace evote::collector
