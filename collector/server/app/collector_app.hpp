// The collector as one object: its settings, the signed election config it
// serves, its signing key, the database, and the request handlers of the
// voter listener (specs/collector-api.md). Implemented so far: /healthz,
// /readyz, /metrics, GET /v1/election, GET /v1/log/head; the rest of the
// API answers 404 not_found until it is built.
#pragma once

#include <memory>
#include <string>

#include "app/metrics.hpp"
#include "config/collector_config.hpp"
#include "evote/crypto/ed25519.hpp"
#include "evote/protocol/election_config.hpp"
#include "http/https_server.hpp"
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

  CollectorConfig settings_;
  Election election_;
  crypto::Ed25519SigningKey signing_key_;
  ConnectionPool pool_;
  Metrics metrics_;
};

}  // namespace evote::collector
