#include "app/collector_app.hpp"

#include <chrono>
#include <ctime>

#include "app/json_log.hpp"
#include "evote/crypto/voter_signature.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/config_file.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/utc_time.hpp"
#include "storage/ballot_log.hpp"
#include "storage/migrations.hpp"

namespace evote::collector {

Election load_election(const CollectorConfig& settings, const crypto::Ed25519PublicKey& signing_key,
                       const std::string& tls_certificate_pem) {
  const std::filesystem::path path = settings.election_folder / "config.json";
  Election e;
  e.config = protocol::load_signed_election_config(path.string());
  e.signed_config = protocol::read_file(path);
  if (!e.config.collector)
    throw std::runtime_error(path.string() + ": names no collector (evote-admin set-collector)");
  if (!(e.config.collector->signing_key == signing_key))
    throw std::runtime_error("signing_key: its public key is not the collector signing key of " +
                             path.string());
  const crypto::Bytes first_certificate =
      crypto::certificate_to_der(crypto::as_bytes(tls_certificate_pem));
  if (first_certificate != e.config.collector->tls_certificate)
    throw std::runtime_error(
        "tls_certificate: its first certificate is not the collector TLS certificate of " +
        path.string() + " (voters' apps pin that one)");
  return e;
}

CollectorApp::CollectorApp(CollectorConfig settings, Election election,
                           crypto::Ed25519SigningKey signing_key)
    : settings_(std::move(settings)),
      election_(std::move(election)),
      signing_key_(std::move(signing_key)),
      voter_cas_(election_.config.voter_ca_certificates),
      ocsp_trust_(election_.config.voter_ca_certificates),
      pool_(settings_.database, settings_.workers) {
  ocsp_options_.responder_url = settings_.ocsp_url.value_or("");  // "": the certificate's AIA
  ocsp_options_.timeout = std::chrono::milliseconds(settings_.ocsp_timeout_ms);
  auto connection = pool_.acquire();
  const std::uint32_t before = migrate(*connection);
  const std::uint32_t now = built_in_migrations().back().version;
  if (before != now)
    log_event("info", "schema_migrated",
              {{"from", std::to_string(before)}, {"to", std::to_string(now)}});
  committer_ = std::make_unique<BallotCommitter>(settings_.database);
  if (settings_.clock)
    log_event(
        "warning", "clock_fixed",
        {{"clock", settings_.clock_text},
         {"message",
          "voters' certificates are checked at this fixed time (tests and rehearsals only)"}});
}

HttpResponse CollectorApp::handle_voter(const HttpRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  std::string route_name = "other";
  HttpResponse response;
  try {
    response = route(request, route_name);
  } catch (const pg::Error& e) {
    log_event("error", "database", {{"route", route_name}, {"message", e.what()}});
    response =
        error_response(503, "unavailable", "the database cannot be reached; nothing was stored");
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::string code;
  if (response.status >= 400) {
    const auto at = response.body.find("\"error\":\"");
    if (at != std::string::npos)
      code = response.body.substr(at + 9, response.body.find('"', at + 9) - at - 9);
  }
  metrics_.record(route_name, response.status, code, seconds);
  return response;
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
    return {200, std::string(election_.signed_config.begin(), election_.signed_config.end())};
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
  auto connection = pool_.acquire();
  const LogHead head = current_log_head(*connection);
  protocol::Json document = {{"type", "log-head"},
                             {"version", 1},
                             {"election_id", election_.config.election_id},
                             {"sequence", head.sequence},
                             {"head", protocol::base64url_encode(head.head)},
                             {"time", protocol::format_utc(std::time(nullptr))}};
  protocol::sign_document(document, signing_key_);
  return {200, protocol::canonical_string(document)};
}

}  // namespace evote::collector
