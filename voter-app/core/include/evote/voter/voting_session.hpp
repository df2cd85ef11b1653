// One voter's session with the collector, step by step:
//
//   VotingSession session(settings);
//   session.connect();                         // config fetched, organizer-signed, TLS pinned
//   session.authenticate(card, pin1);          // Web eID token, session kept
//   VoterBallot ballot = session.voter_ballot();  // GET /v1/me
//   CastResult cast = session.cast(card, selections, pin2);  // receipt checked
//   std::string code = session.verification_code_text();     // for the QR code
//   session.forget_randomness();               // after the QR code was shown
//   VoterRecord record = session.record();     // GET /v1/me/record
//
// Every step blocks (network and card) and may take seconds: the GUI runs
// them on one worker thread; a session is used from one thread at a time.
// A QCoreApplication must exist. Failures throw VoterError (the kind says
// which) or card::CardError (PIN, card removed, ...), and leave the session
// as it was before the step: a failed cast can be retried, a re-vote is
// another cast.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "evote/card/id_card.hpp"
#include "evote/crypto/bytes.hpp"
#include "evote/crypto/secret_bytes.hpp"
#include "evote/protocol/ballot.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/receipt.hpp"
#include "evote/voter/app_settings.hpp"
#include "evote/voter/collector_client.hpp"
#include "evote/voter/receipt_check.hpp"
#include "evote/voter/verification_code.hpp"
#include "evote/voter/voter_ballot.hpp"
#include "evote/voter/voter_record.hpp"

namespace evote::voter {

struct AuthenticatedVoter {
  std::string name;                  // as the collector answered (the voter list's name)
  std::string district;              // district id
  std::int64_t session_expires = 0;  // UTC seconds
};

struct CastResult {
  protocol::Receipt receipt;          // checked: check_receipt passed
  crypto::Bytes signed_ballot_bytes;  // exactly what was sent
  LogHead head_after;                 // the signed head the receipt was checked against
  std::string vote_id_text;           // base64url of the vote id (22 characters)
};

class VotingSession {
 public:
  explicit VotingSession(AppSettings settings,
                         std::chrono::milliseconds request_timeout = kDefaultRequestTimeout);
  ~VotingSession();
  VotingSession(const VotingSession&) = delete;
  VotingSession& operator=(const VotingSession&) = delete;

  // GET /v1/election unpinned; the body must be a canonical signed election
  // config, valid, signed by the settings' organizer key
  // (VoterError config_untrusted naming the check), with a collector TLS
  // certificate equal to the one the server presented (certificate_pin).
  // Pins it for every later request.
  void connect();
  bool connected() const;
  const protocol::ElectionConfig& config() const;  // wrong_state before connect
  const AppSettings& settings() const;

  // POST /v1/auth/challenge, the Web eID token web-eid:1.0 signed by the
  // card's authentication key with PIN1 (ES384 / ES256 / RS256 by the
  // certificate's key), POST /v1/auth/token. The collector's refusals are
  // VoterError collector_refused (auth_failed, not_eligible, ...).
  void authenticate(card::IdCard& card, const crypto::SecretBytes& pin1);
  bool authenticated() const;
  const AuthenticatedVoter& voter() const;  // wrong_state before authenticate

  // GET /v1/me.
  VoterBallot voter_ballot();

  // Checks the selections (check_selections against GET /v1/me), builds
  // the ballot (protocol::make_ballot), has the card sign its canonical
  // bytes with PIN2, reads the log head, POST /v1/ballots, checks the
  // receipt (check_receipt against a log head read afterwards;
  // receipt_invalid). Keeps the ballot's randomness for the verification
  // code, replacing (wiping) that of an earlier cast.
  CastResult cast(card::IdCard& card, const protocol::Selections& selections,
                  const crypto::SecretBytes& pin2);

  // The last cast's verification code (wrong_state when none was cast or
  // its randomness was forgotten). The text is secret: wipe it (wipe_text).
  bool has_randomness() const;
  VerificationCode verification_code() const;
  std::string verification_code_text() const;
  // Wipes the randomness (sodium_memzero); the receipt stays.
  void forget_randomness();
  const std::optional<CastResult>& last_cast() const;

  // GET /v1/me/record.
  VoterRecord record();
  // GET /v1/log/head, signature checked (parse_log_head).
  LogHead log_head();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace evote::voter
