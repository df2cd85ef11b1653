#include "evote/voter/voting_session.hpp"

#include <sodium.h>

#include "answer_json.hpp"
#include "evote/crypto/certificate_info.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/signed_ballot.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/utc_time.hpp"
#include "evote/voter/voter_error.hpp"
#include "evote/voter/web_eid_token.hpp"

namespace evote::voter {
namespace {

std::string fingerprint(crypto::BytesView der) {
  try {
    return "sha256:" + crypto::to_hex(crypto::inspect_certificate(der).sha256_fingerprint);
  } catch (const std::exception&) {
    return "an unreadable certificate";
  }
}

// The config as served, checked against the organizer key of the settings.
protocol::ElectionConfig trusted_config(crypto::BytesView body,
                                        const crypto::Ed25519PublicKey& organizer_key) {
  const std::string what = "GET /v1/election";
  protocol::Json document;
  protocol::ElectionConfig config;
  try {
    document = protocol::parse_canonical(body, "election config");
    config = protocol::election_config_from_json(document);
  } catch (const protocol::FormatError& e) {
    throw VoterError(ErrorKind::config_untrusted, what + ": " + e.what());
  }
  if (!document.contains("signature"))
    throw VoterError(ErrorKind::config_untrusted, what + ": the election config is not signed");
  const crypto::Verdict signed_by_organizer =
      protocol::verify_document_signature(document, organizer_key, "election config");
  if (!signed_by_organizer)
    throw VoterError(ErrorKind::config_untrusted,
                     what + ": not signed by the organizer key this app trusts (" +
                         signed_by_organizer.reason + ")");
  if (!(config.organizer_key == organizer_key))
    throw VoterError(ErrorKind::config_untrusted,
                     what + ": the config names another organizer key than this app trusts");
  if (!config.collector)
    throw VoterError(ErrorKind::config_untrusted,
                     what + ": the election config names no collector (TLS certificate, key)");
  return config;
}

}  // namespace

struct VotingSession::Impl {
  AppSettings settings;
  std::chrono::milliseconds timeout;
  std::optional<CollectorClient> client;
  std::optional<protocol::ElectionConfig> config;
  std::string session;   // the bearer token; wiped when replaced or dropped
  std::string voter_id;  // the card holder's personal code
  std::optional<AuthenticatedVoter> voter;
  std::optional<CastResult> last_cast;
  std::optional<crypto::SecretBytes> randomness;

  ~Impl() { wipe_text(session); }

  CollectorClient& connected_client() {
    if (!client || !config)
      throw VoterError(ErrorKind::wrong_state, "not connected to the collector (connect first)");
    return *client;
  }
  const std::string& bearer() {
    connected_client();
    if (!voter) throw VoterError(ErrorKind::wrong_state, "not authenticated (authenticate first)");
    return session;
  }
};

VotingSession::VotingSession(AppSettings settings, std::chrono::milliseconds request_timeout)
    : impl_(std::make_unique<Impl>()) {
  check_collector_url(settings.collector_url);
  impl_->settings = std::move(settings);
  impl_->timeout = request_timeout;
}

VotingSession::~VotingSession() = default;

void VotingSession::connect() {
  CollectorClient client(impl_->settings.collector_url, impl_->timeout);
  const UnpinnedAnswer answer = client.fetch_unpinned("/v1/election");
  protocol::ElectionConfig config = trusted_config(answer.body, impl_->settings.organizer_key);
  if (answer.presented_certificate != config.collector->tls_certificate)
    throw VoterError(
        ErrorKind::certificate_pin,
        "the collector presented a TLS certificate (" + fingerprint(answer.presented_certificate) +
            ") other than the one the signed election config names (" +
            fingerprint(config.collector->tls_certificate) + "); refusing to talk to it");
  client.pin(config.collector->tls_certificate);
  impl_->client = std::move(client);
  impl_->config = std::move(config);
  wipe_text(impl_->session);
  impl_->voter.reset();
}

bool VotingSession::connected() const { return impl_->config.has_value(); }

const protocol::ElectionConfig& VotingSession::config() const {
  impl_->connected_client();
  return *impl_->config;
}

const AppSettings& VotingSession::settings() const { return impl_->settings; }

void VotingSession::authenticate(card::IdCard& card, const crypto::SecretBytes& pin1) {
  CollectorClient& client = impl_->connected_client();
  const std::string origin = collector_origin(impl_->settings.collector_url);
  const protocol::Json challenge =
      parse_answer(client.post("/v1/auth/challenge", {}), "POST /v1/auth/challenge");
  std::string nonce;
  read_answer([&] {
    nonce = protocol::ObjectReader(challenge, "POST /v1/auth/challenge").string("nonce");
  });
  const protocol::Json token = make_auth_token(card, origin, nonce, pin1);
  const std::string request = protocol::Json{{"nonce", nonce}, {"token", token}}.dump();
  const protocol::Json answer =
      parse_answer(client.post("/v1/auth/token", crypto::as_bytes(request)), "POST /v1/auth/token");
  AuthenticatedVoter voter;
  std::string session;
  read_answer([&] {
    const std::string what = "POST /v1/auth/token";
    const protocol::ObjectReader reader(answer, what);
    session = reader.string("session");
    voter.session_expires = protocol::parse_utc(reader.string("expires"), what, "expires");
    const protocol::ObjectReader named = reader.object("voter");
    voter.name = named.string("name");
    voter.district = named.string("district");
  });
  wipe_text(impl_->session);
  impl_->session = std::move(session);
  impl_->voter_id = card.holder().personal_code;
  impl_->voter = std::move(voter);
}

bool VotingSession::authenticated() const { return impl_->voter.has_value(); }

const AuthenticatedVoter& VotingSession::voter() const {
  if (!impl_->voter)
    throw VoterError(ErrorKind::wrong_state, "not authenticated (authenticate first)");
  return *impl_->voter;
}

VoterBallot VotingSession::voter_ballot() {
  const std::string& session = impl_->bearer();
  return parse_voter_ballot(impl_->client->get("/v1/me", session));
}

CastResult VotingSession::cast(card::IdCard& card, const protocol::Selections& selections,
                               const crypto::SecretBytes& pin2) {
  const std::string& session = impl_->bearer();
  if (card.holder().personal_code != impl_->voter_id)
    throw VoterError(ErrorKind::wrong_state,
                     "this card is not the one the session was authenticated with");
  const protocol::ElectionConfig& config = *impl_->config;
  const VoterBallot ballot_info = voter_ballot();
  check_selections(ballot_info, selections);

  std::optional<protocol::MadeBallot> made;
  try {
    made = protocol::make_ballot(config, impl_->voter_id, ballot_info.district_id, selections);
  } catch (const std::invalid_argument& e) {
    throw VoterError(ErrorKind::invalid_choice, e.what());
  }
  crypto::SecretBytes randomness = encode_randomness(made->randomness);
  const crypto::Bytes ballot_bytes = protocol::encode_ballot(made->ballot);
  made.reset();  // the scalars are wiped as GMP frees them (crypto/init.hpp)

  const crypto::Bytes& certificate = card.signing_certificate();
  crypto::Bytes signature = card.sign_document(signing_digest_for(certificate, ballot_bytes), pin2);
  const crypto::Bytes signed_bytes = protocol::encode_signed_ballot(
      protocol::make_signed_ballot(ballot_bytes, std::move(signature), certificate, {}));

  const LogHead before = log_head();
  const crypto::Bytes answer = impl_->client->post("/v1/ballots", signed_bytes, session);
  protocol::Receipt receipt;
  try {
    receipt = protocol::decode_receipt(answer, "POST /v1/ballots: receipt");
  } catch (const protocol::FormatError& e) {
    throw VoterError(ErrorKind::bad_answer, e.what());
  }
  const LogHead after = log_head();
  const crypto::Verdict verdict =
      check_receipt(config, receipt, signed_bytes, before.sequence, after);
  if (!verdict)
    throw VoterError(ErrorKind::receipt_invalid,
                     "the collector's receipt does not check: " + verdict.reason);

  CastResult result{receipt, signed_bytes, after, protocol::base64url_encode(receipt.vote_id)};
  impl_->randomness = std::move(randomness);
  impl_->last_cast = result;
  return result;
}

bool VotingSession::has_randomness() const { return impl_->randomness.has_value(); }

VerificationCode VotingSession::verification_code() const {
  if (!impl_->randomness || !impl_->last_cast)
    throw VoterError(ErrorKind::wrong_state,
                     "no verification code: no vote was cast, or its randomness was wiped");
  std::string url = impl_->settings.collector_url;
  if (url.ends_with('/')) url.pop_back();
  return {impl_->config->election_id, impl_->last_cast->receipt.vote_id, url,
          impl_->randomness->clone()};
}

std::string VotingSession::verification_code_text() const {
  return encode_verification_code(verification_code());
}

void VotingSession::forget_randomness() { impl_->randomness.reset(); }

const std::optional<CastResult>& VotingSession::last_cast() const { return impl_->last_cast; }

VoterRecord VotingSession::record() {
  const std::string& session = impl_->bearer();
  return parse_voter_record(impl_->client->get("/v1/me/record", session));
}

LogHead VotingSession::log_head() {
  CollectorClient& client = impl_->connected_client();
  return parse_log_head(*impl_->config, client.get("/v1/log/head"));
}

}  // namespace evote::voter
