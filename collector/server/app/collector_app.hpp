// The collector as one object: its settings, the signed election config it
// serves, its signing key, the database, and the request handlers of the
// voter listener (specs/collector-api.md). Implemented so far: /healthz,
// /readyz, /metrics, GET /v1/election, GET /v1/log/head, POST
// /v1/auth/challenge, POST /v1/auth/token, GET /v1/me, POST /v1/ballots,
// GET /v1/ballots/<vote id>, GET /v1/me/record; the rest of the API
// answers 404 not_found until it is built. Handlers run on many worker
// threads at once; each takes its own database connection from the pool.
#pragma once

#include <ctime>
#include <memory>
#include <optional>
#include <string>

#include "app/metrics.hpp"
#include "auth/ocsp.hpp"
#include "config/collector_config.hpp"
#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/voter_signature.hpp"
#include "evote/protocol/election_config.hpp"
#include "http/https_server.hpp"
#include "storage/ballot_committer.hpp"
#include "storage/connection_pool.hpp"

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

class CollectorApp {
 public:
  // Connects to the database and brings its schema up to date (throws
  // pg::Error or std::runtime_error naming the problem).
  CollectorApp(CollectorConfig settings, Election election, crypto::Ed25519SigningKey signing_key);

  HttpResponse handle_voter(const HttpRequest& request);
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

  // The voter of the request's "Authorization: Bearer <session>", or the
  // refusal (no_session, session_expired) in `refusal`.
  std::optional<std::string> session_voter(const HttpRequest& request, HttpResponse& refusal);
  // Real time, for nonces, sessions and logs.
  static std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }
  // When voters' certificates are checked: the settings' "clock" if set.
  std::int64_t certificate_time() const { return settings_.clock ? *settings_.clock : now(); }

  CollectorConfig settings_;
  Election election_;
  crypto::Ed25519SigningKey signing_key_;
  crypto::TrustedCas voter_cas_;  // the config's voter_ca_certificates
  // OCSP for signing certificates (ballot step 9): the issuers among the
  // config's voter_ca_certificates, the settings' responder URL and timeout.
  auth::OcspTrust ocsp_trust_;
  auth::OcspOptions ocsp_options_;
  ConnectionPool pool_;
  std::unique_ptr<BallotCommitter> committer_;  // appends accepted ballots (group commit)
  Metrics metrics_;
};

}  // namespace evote::collector
