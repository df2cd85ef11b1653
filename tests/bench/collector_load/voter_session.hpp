// One simulated voter, as a voter's app does it: POST /v1/auth/challenge,
// the Web eID token signed by the card's authentication key over the
// server's nonce, POST /v1/auth/token, POST /v1/ballots with the
// pre-signed ballot, and the receipt checked (collector signature, ballot
// hash). Each step timed; the first failure ends the session and is named.
#pragma once

#include <string>

#include "collector_load/tls_client.hpp"
#include "collector_load/voters.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::bench {

struct SessionTimes {         // milliseconds; negative: the step did not run
  double connect = -1;        // TCP connect + TLS 1.3 handshake
  double challenge = -1;      // POST /v1/auth/challenge
  double token = -1;          // POST /v1/auth/token
  double ballot = -1;         // POST /v1/ballots (durable commit included)
  double sign_token = -1;     // client work: the card's P-384 signature of the token
  double check_receipt = -1;  // client work: receipt decode, signature, hash
};

struct SessionOutcome {
  bool accepted = false;
  // "<step> <HTTP status> <error code>", "<step> <transport step>" or
  // "receipt: <reason>"; empty when accepted.
  std::string error;
  std::string detail;  // the refusal's "message", or the transport error's text
  SessionTimes times;
};

// `new_connection`: close any open connection and connect anew (a voter's
// app starting); else reuse the client's connection if it is open.
SessionOutcome run_voter_session(TlsClient& client, const protocol::ElectionConfig& config,
                                 const std::string& origin, const Voter& voter,
                                 const PreparedBallot& ballot, bool new_connection);

}  // namespace evote::bench
