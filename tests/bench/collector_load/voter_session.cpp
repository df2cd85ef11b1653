#include "collector_load/voter_session.hpp"

#include <openssl/evp.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "auth/base64.hpp"
#include "evote/protocol/receipt.hpp"

namespace evote::bench {

namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// SHA-384(origin) || SHA-384(nonce): what the card signs for Web eID.
crypto::Bytes web_eid_signed_data(const std::string& origin, const std::string& nonce) {
  crypto::Bytes out;
  for (const std::string* text : {&origin, &nonce}) {
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(text->data(), text->size(), hash, &length, EVP_sha384(), nullptr);
    out.insert(out.end(), hash, hash + length);
  }
  return out;
}

// `member` of a JSON refusal, or `otherwise` if the body is not one.
std::string refusal_member(const std::string& body, const char* member, std::string otherwise) {
  try {
    return Json::parse(body).at(member).get<std::string>();
  } catch (const std::exception&) {
    return otherwise;
  }
}

std::string refusal(const char* step, const Reply& reply) {
  return std::string(step) + " " + std::to_string(reply.status) + " " +
         refusal_member(reply.body, "error", "-");
}

// One timed request; a transport failure becomes the session's error.
bool timed(TlsClient& client, const char* step, const std::string& method,
           const std::string& target, const std::string& body, const std::string& bearer,
           double& milliseconds, Reply& reply, SessionOutcome& outcome) {
  const auto sent = Clock::now();
  try {
    reply = client.request(method, target, body, bearer);
  } catch (const TransportError& e) {
    outcome.error = std::string(step) + " " + e.kind();
    outcome.detail = e.what();
    return false;
  }
  milliseconds = ms_since(sent);
  if (reply.status != 200) {
    outcome.error = refusal(step, reply);
    outcome.detail = refusal_member(reply.body, "message", reply.body.substr(0, 200));
    return false;
  }
  return true;
}

}  // namespace

SessionOutcome run_voter_session(TlsClient& client, const protocol::ElectionConfig& config,
                                 const std::string& origin, const Voter& voter,
                                 std::span<const PreparedBallot> ballots, bool new_connection) {
  SessionOutcome outcome;
  SessionTimes& t = outcome.times;
  if (new_connection || !client.connected()) {
    const auto started = Clock::now();
    try {
      client.connect();
    } catch (const TransportError& e) {
      outcome.error = e.kind();
      outcome.detail = e.what();
      return outcome;
    }
    t.connect = ms_since(started);
  }

  Reply reply;
  if (!timed(client, "challenge", "POST", "/v1/auth/challenge", "", "", t.challenge, reply,
             outcome))
    return outcome;
  std::string nonce;
  try {
    nonce = Json::parse(reply.body).at("nonce").get<std::string>();
  } catch (const std::exception&) {
    outcome.error = "challenge: no nonce in the answer";
    return outcome;
  }

  auto started = Clock::now();
  const Json token = {{"algorithm", "ES384"},
                      {"unverifiedCertificate", voter.auth_certificate_base64},
                      {"appVersion", "https://web-eid.eu/web-eid-app/releases/2.5.0+0"},
                      {"signature", collector::auth::encode_base64(voter.auth.sign_like_card(
                                        web_eid_signed_data(origin, nonce)))},
                      {"format", "web-eid:1.0"}};
  const std::string login = Json{{"nonce", nonce}, {"token", token}}.dump();
  t.sign_token = ms_since(started);
  if (!timed(client, "token", "POST", "/v1/auth/token", login, "", t.token, reply, outcome))
    return outcome;
  std::string session;
  try {
    session = Json::parse(reply.body).at("session").get<std::string>();
  } catch (const std::exception&) {
    outcome.error = "token: no session in the answer";
    return outcome;
  }

  for (const PreparedBallot& ballot : ballots) {
    double milliseconds = 0;
    if (!timed(client, "ballot", "POST", "/v1/ballots", ballot.body, session, milliseconds, reply,
               outcome))
      return outcome;
    t.ballot.push_back(milliseconds);
    started = Clock::now();
    try {
      const protocol::Receipt receipt = protocol::decode_receipt(crypto::as_bytes(reply.body));
      const crypto::Verdict verdict = protocol::verify_receipt(config, receipt);
      if (!verdict)
        outcome.error = "receipt: " + verdict.reason;
      else if (receipt.ballot_hash != ballot.hash)
        outcome.error = "receipt: names another ballot";
    } catch (const std::exception& e) {
      outcome.error = std::string("receipt: ") + e.what();
    }
    t.check_receipt.push_back(ms_since(started));
    if (!outcome.ok()) return outcome;
    outcome.accepted.push_back(Clock::now());
  }
  return outcome;
}

}  // namespace evote::bench
