#include "app/collector_app.hpp"

#include <chrono>
#include <ctime>

#include "app/json_log.hpp"
#include "evote/crypto/voter_signature.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/config_file.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/utc_time.hpp"
#include "storage/ballot_log.hpp"
#include "storage/migrations.hpp"

namespace evote::collector {

namespace {

void check_collector_keys(const protocol::ElectionConfig& config,
                          const crypto::Ed25519PublicKey& signing_key,
                          crypto::BytesView tls_certificate, const std::string& what) {
  if (!config.collector)
    throw std::runtime_error(what + ": names no collector (evote-admin set-collector)");
  if (!(config.collector->signing_key == signing_key))
    throw std::runtime_error("signing_key: its public key is not the collector signing key of " +
                             what);
  if (!std::equal(tls_certificate.begin(), tls_certificate.end(),
                  config.collector->tls_certificate.begin(),
                  config.collector->tls_certificate.end()))
    throw std::runtime_error(
        "tls_certificate: its first certificate is not the collector TLS certificate of " + what +
        " (voters' apps pin that one)");
}

std::int64_t now_seconds() { return static_cast<std::int64_t>(std::time(nullptr)); }

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Election load_election(const CollectorConfig& settings, const crypto::Ed25519PublicKey& signing_key,
                       const std::string& tls_certificate_pem) {
  const std::filesystem::path path = settings.election_folder / "config.json";
  Election e;
  e.config = protocol::load_signed_election_config(path.string());
  e.signed_config = protocol::read_file(path);
  check_collector_keys(e.config, signing_key,
                       crypto::certificate_to_der(crypto::as_bytes(tls_certificate_pem)),
                       path.string());
  return e;
}

ServedConfig::ServedConfig(crypto::Bytes bytes, protocol::ElectionConfig parsed)
    : signed_config(std::move(bytes)),
      config(std::move(parsed)),
      config_hash(protocol::config_hash(signed_config)),
      voter_cas(config.voter_ca_certificates),
      ocsp_trust(config.voter_ca_certificates) {}

void CollectorApp::check_names_this_collector(const protocol::ElectionConfig& config,
                                              const std::string& what) const {
  check_collector_keys(config, signing_key_.public_key(), tls_certificate_, what);
}

std::shared_ptr<const ServedConfig> CollectorApp::served(bool fresh) {
  const auto current = [this] {
    std::lock_guard lock(served_mutex_);
    return served_;
  };
  // Re-read when asked (fresh), or by one thread at a time once a second
  // has passed; the others go on with what is served. No mutex is held
  // while waiting for the database. Callers must not hold a pooled
  // connection (the read takes one).
  bool elected = false;
  if (!fresh && steady_ms() - served_checked_ms_.load() >= 1000) {
    bool idle = false;
    elected = refreshing_.compare_exchange_strong(idle, true);
  }
  if (!fresh && !elected) return current();
  struct Release {
    std::atomic<bool>* flag;
    ~Release() {
      if (flag) *flag = false;
    }
  } release{elected ? &refreshing_ : nullptr};
  const std::int64_t at = steady_ms();
  std::optional<StoredElection> stored;
  {
    auto connection = pool_.acquire();
    stored = stored_election(*connection);
  }
  if (stored && stored->config_hash != current()->config_hash) {
    const std::string what = "the config in the database (loaded by the organizer)";
    protocol::ElectionConfig config =
        protocol::parse_signed_election_config(stored->signed_config, what);
    check_names_this_collector(config, what);
    auto next = std::make_shared<const ServedConfig>(stored->signed_config, std::move(config));
    {
      std::lock_guard lock(served_mutex_);
      served_ = std::move(next);
    }
    log_event("info", "config_reloaded",
              {{"config_hash", protocol::base64url_encode(stored->config_hash)}});
  }
  if (stored) voting_state_ = static_cast<int>(stored->state);
  served_checked_ms_ = at;
  return current();
}

VotingState CollectorApp::voting_state(bool fresh) {
  served(fresh);
  return static_cast<VotingState>(voting_state_.load());
}

CollectorApp::CollectorApp(CollectorConfig settings, Election election,
                           crypto::Ed25519SigningKey signing_key)
    : settings_(std::move(settings)),
      signing_key_(std::move(signing_key)),
      pool_(settings_.database, settings_.workers) {
  ocsp_options_.responder_url = settings_.ocsp_url.value_or("");  // "": the certificate's AIA
  ocsp_options_.timeout = std::chrono::milliseconds(settings_.ocsp_timeout_ms);
  auto connection = pool_.acquire();
  const std::uint32_t before = migrate(*connection);
  const std::uint32_t now = built_in_migrations().back().version;
  if (before != now)
    log_event("info", "schema_migrated",
              {{"from", std::to_string(before)}, {"to", std::to_string(now)}});
  // The election: the database's once one was loaded (by the first start,
  // or by the organizer's load-config), else the election folder's.
  const StoredElection stored =
      adopt_election(*connection, election.config.election_id, election.signed_config,
                     protocol::config_hash(election.signed_config), now_seconds());
  tls_certificate_ = election.config.collector->tls_certificate;
  Election current = std::move(election);
  if (stored.signed_config != current.signed_config) {
    current.config = protocol::parse_signed_election_config(
        stored.signed_config, "the config in the database (loaded by the organizer)");
    current.signed_config = stored.signed_config;
    check_names_this_collector(current.config,
                               "the config in the database (loaded by the organizer)");
    log_event("info", "config_from_database",
              {{"config_hash", protocol::base64url_encode(stored.config_hash)}});
  }
  served_ = std::make_shared<const ServedConfig>(current.signed_config, current.config);
  voting_state_ = static_cast<int>(stored.state);
  committer_ = std::make_unique<BallotCommitter>(settings_.database, settings_.commit_batch,
                                                 std::chrono::seconds(30), true);
  if (settings_.clock)
    log_event(
        "warning", "clock_fixed",
        {{"clock", settings_.clock_text},
         {"message",
          "voters' certificates are checked at this fixed time (tests and rehearsals only)"}});
}

std::string error_code_of(const HttpResponse& response) {
  if (response.status < 400) return "";
  const auto at = response.body.find("\"error\":\"");
  if (at == std::string::npos) return "";
  return response.body.substr(at + 9, response.body.find('"', at + 9) - at - 9);
}

HttpResponse CollectorApp::measured(
    const std::string& default_route,
    const std::function<HttpResponse(std::string& route_name)>& handle,
    const std::string& unavailable_message, std::string& route_name) {
  const auto started = std::chrono::steady_clock::now();
  route_name = default_route;
  HttpResponse response;
  try {
    response = handle(route_name);
  } catch (const pg::Error& e) {
    log_event("error", "database", {{"route", route_name}, {"message", e.what()}});
    response = error_response(503, "unavailable", unavailable_message);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.record(route_name, response.status, error_code_of(response), seconds);
  return response;
}

HttpResponse CollectorApp::handle_voter(const HttpRequest& request) {
  std::string route_name;
  return measured(
      "other", [&](std::string& name) { return route(request, name); },
      "the database cannot be reached; nothing was stored", route_name);
}

HttpResponse CollectorApp::route(const HttpRequest& request, std::string& route_name) {
  const std::string path = request.target.substr(0, request.target.find('?'));
  const bool get = request.method == "GET";
  if (get && path == "/healthz") {
    route_name = path;
    return {200, R"({"status":"ok"})"};
  }
  if (get && path == "/readyz") {
    route_name = path;
    return ready();
  }
  if (get && path == "/metrics") {
    route_name = path;
    HttpResponse r;
    r.content_type = "text/plain; version=0.0.4";
    r.body = metrics_.render(
        "# HELP evote_db_connections_in_use Database connections in use.\n"
        "# TYPE evote_db_connections_in_use gauge\nevote_db_connections_in_use " +
        std::to_string(pool_.in_use()) + "\nevote_db_connections_max " +
        std::to_string(pool_.size()) + "\n");
    return r;
  }
  if (get && path == "/v1/election") {
    route_name = path;
    const auto e = served();
    return {200, std::string(e->signed_config.begin(), e->signed_config.end())};
  }
  if (get && path == "/v1/log/head") {
    route_name = path;
    return log_head();
  }
  const bool post = request.method == "POST";
  if (post && path == "/v1/auth/challenge") {
    route_name = path;
    return auth_challenge();
  }
  if (post && path == "/v1/auth/token") {
    route_name = path;
    return auth_token(request);
  }
  if (get && path == "/v1/me") {
    route_name = path;
    return me(request);
  }
  if (post && path == "/v1/ballots") {
    route_name = path;
    return cast_ballot(request);
  }
  static const std::string kVerify = "/v1/ballots/";
  if (get && path.rfind(kVerify, 0) == 0) {
    route_name = kVerify + "{vote_id}";  // never the id itself in metrics or logs
    return verify_vote(path.substr(kVerify.size()));
  }
  if (get && path == "/v1/me/record") {
    route_name = path;
    return my_record(request);
  }
  return error_response(404, "not_found", "no such endpoint: " + request.method + " " + path);
}

HttpResponse CollectorApp::ready() {
  try {
    auto connection = pool_.acquire();
    const std::uint32_t version = schema_version(*connection);
    if (version != built_in_migrations().back().version)
      return error_response(503, "unavailable",
                            "database schema version " + std::to_string(version));
    return {200, R"({"status":"ready"})"};
  } catch (const std::exception& e) {
    return error_response(503, "unavailable", "the database cannot be reached");
  }
}

HttpResponse CollectorApp::log_head() {
  const std::shared_ptr<const ServedConfig> election = served();
  auto connection = pool_.acquire();
  const LogHead head = current_log_head(*connection);
  protocol::Json document = {{"type", "log-head"},
                             {"version", 1},
                             {"election_id", election->config.election_id},
                             {"sequence", head.sequence},
                             {"head", protocol::base64url_encode(head.head)},
                             {"time", protocol::format_utc(std::time(nullptr))}};
  protocol::sign_document(document, signing_key_);
  return {200, protocol::canonical_string(document)};
}

}  // namespace evote::collector
