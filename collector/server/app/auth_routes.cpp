// POST /v1/auth/challenge and POST /v1/auth/token (specs/collector-api.md
// §2.2, §2.3): a Web eID login. The nonce is the collector's (stored in the
// database, single use); the token is checked against the collector's
// origin, that nonce, the election's voter CAs and accepted certificate
// policies, at certificate_time(); the voter must be on the voter list in force.
#include <nlohmann/json.hpp>

#include "app/collector_app.hpp"
#include "app/json_log.hpp"
#include "auth/web_eid_token.hpp"
#include "evote/protocol/utc_time.hpp"
#include "storage/auth_store.hpp"
#include "storage/voter_list.hpp"

namespace evote::collector {

namespace {

using Json = nlohmann::json;

// A nonce as issued is 44 characters of base64; anything much longer is not one.
constexpr std::size_t kMaxNonceChars = 128;

}  // namespace

HttpResponse CollectorApp::auth_challenge() {
  const std::string nonce = auth::make_challenge_nonce();
  const std::int64_t expires = now() + settings_.nonce_seconds;
  auto connection = pool_.acquire();
  store_nonce(*connection, nonce, expires, now());
  return {200, Json{{"nonce", nonce}, {"expires", protocol::format_utc(expires)}}.dump()};
}

HttpResponse CollectorApp::auth_token(const HttpRequest& request) {
  Json body;
  try {
    body = Json::parse(request.body);
  } catch (const std::exception&) {
    return error_response(400, "bad_request", "the body is not JSON");
  }
  if (!body.is_object())
    return error_response(400, "bad_request", "the body must be a JSON object");
  if (!body.contains("nonce") || !body["nonce"].is_string() ||
      body["nonce"].get<std::string>().empty() ||
      body["nonce"].get<std::string>().size() > kMaxNonceChars)
    return error_response(400, "bad_request",
                          "nonce: must be the nonce issued by POST /v1/auth/challenge");
  if (!body.contains("token") || !body["token"].is_object())
    return error_response(400, "bad_token", "token: must be a Web eID authentication token object");
  const std::string nonce = body["nonce"].get<std::string>();
  const std::string token = body["token"].dump();

  const std::shared_ptr<const ServedConfig> election = served();  // before taking a connection
  auto connection = pool_.acquire();
  const NonceCheck taken = take_nonce(*connection, nonce, now());
  if (taken == NonceCheck::unknown)
    return error_response(401, "nonce_unknown",
                          "nonce: not issued by this collector, or already used");
  if (taken == NonceCheck::expired) return error_response(401, "nonce_unknown", "nonce: expired");

  auth::AuthTokenPolicy policy;
  policy.origin = settings_.origin;
  policy.nonce = nonce;
  policy.at_time = static_cast<std::time_t>(certificate_time());
  policy.trusted_cas = &election->voter_cas;
  // The config lists the roots and the issuing CAs (collector-auth.md §2.5);
  // the issuing CAs help build the path, only the roots anchor it.
  policy.intermediates = election->config.voter_ca_certificates;
  policy.accepted_policies = election->config.voter_certificate_policies;
  const auth::AuthTokenResult result = auth::validate_auth_token(token, policy);
  if (!result) {
    log_event("info", "auth_failed",
              {{"reason", std::string(auth::to_string(result.verdict.reason))}});
    return error_response(
        401, "auth_failed",
        std::string(auth::to_string(result.verdict.reason)) + ": " + result.verdict.message);
  }
  const std::optional<ListedVoter> voter = find_voter(*connection, result.identity.personal_code);
  if (!voter) {
    const VoterListState list = voter_list_state(*connection);
    return error_response(403, "not_eligible",
                          "the authenticated person is not on the voter list (version " +
                              std::to_string(list.version) + ")");
  }
  const std::int64_t expires = now() + static_cast<std::int64_t>(settings_.session_minutes) * 60;
  const std::string session = create_session(*connection, voter->personal_code, expires, now());
  return {200, Json{{"session", session},
                    {"expires", protocol::format_utc(expires)},
                    {"voter", {{"name", voter->name}, {"district", voter->district}}}}
                   .dump()};
}

std::optional<std::string> CollectorApp::session_voter(const HttpRequest& request,
                                                       HttpResponse& refusal) {
  const auto header = request.headers.find("authorization");
  static const std::string kBearer = "Bearer ";
  if (header == request.headers.end() || header->second.rfind(kBearer, 0) != 0) {
    refusal = error_response(401, "no_session", "Authorization: Bearer <session> is required");
    return std::nullopt;
  }
  auto connection = pool_.acquire();
  const std::optional<Session> session =
      find_session(*connection, header->second.substr(kBearer.size()));
  if (!session) {
    refusal = error_response(401, "no_session", "no such session; log in again");
    return std::nullopt;
  }
  if (session->expires <= now()) {
    refusal = error_response(401, "session_expired", "the session expired; log in again");
    return std::nullopt;
  }
  return session->voter_id;
}

}  // namespace evote::collector
