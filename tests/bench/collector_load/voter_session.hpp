// One simulated voter, as a voter's app does it: POST /v1/auth/challenge,
// the Web eID token signed by the card's authentication key over the
// server's nonce, POST /v1/auth/token, POST /v1/ballots with the
// pre-signed ballot, and the receipt checked (collector signature, ballot
// hash); with several ballots, the voter re-votes in the same session.
// Each step timed; the first failure ends the session and is named.
#pragma once

#include <chrono>
#include <span>
#include <string>
#include <vector>

#include "collector_load/tls_client.hpp"
#include "collector_load/voters.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::bench {

struct SessionTimes {                 // milliseconds; negative: the step did not run
  double connect = -1;                // TCP connect + TLS 1.3 handshake
  double challenge = -1;              // POST /v1/auth/challenge
  double token = -1;                  // POST /v1/auth/token
  std::vector<double> ballot;         // each POST /v1/ballots answered (durable commit included)
  double sign_token = -1;             // client work: the card's P-384 signature of the token
  std::vector<double> check_receipt;  // client work: receipt decode, signature, hash
};

struct SessionOutcome {
  // When each accepted ballot's receipt had been checked, in order.
  std::vector<std::chrono::steady_clock::time_point> accepted;
  // "<step> <HTTP status> <error code>", "<step> <transport step>" or
  // "receipt: <reason>"; empty when accepted.
  std::string error;
  std::string detail;  // the refusal's "message", or the transport error's text
  bool ok() const { return error.empty(); }
  SessionTimes times;
};

// `ballots` are all `voter`'s, cast in order in one session.
// `new_connection`: close any open connection and connect anew (a voter's
// app starting); else reuse the client's connection if it is open.
SessionOutcome run_voter_session(TlsClient& client, const protocol::ElectionConfig& config,
                                 const std::string& origin, const Voter& voter,
                                 std::span<const PreparedBallot> ballots, bool new_connection);

}  // namespace evote::bench
