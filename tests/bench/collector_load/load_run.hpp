// Drives the simulated voters against the collector, in one of two ways:
//  - closed loop: `clients` threads each run voter sessions back to back
//    for `seconds` (the most the collector sustains);
//  - open loop: voter sessions arrive at a fixed `rate` per second for
//    `seconds`, whatever the collector's speed (latency at a given load;
//    a session's latency counts from when it was due, so a collector that
//    falls behind shows it).
// Session i casts ballots [i*K, (i+1)*K) of the pool (K ballots per
// login, all one voter's); each ballot is used once.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "collector_load/tls_client.hpp"
#include "collector_load/voters.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::bench {

struct LoadOptions {
  double rate = 0;  // sessions per second; 0: closed loop
  unsigned clients = 32;
  double seconds = 60;
  bool reuse_connections = false;       // false: a new TLS connection per voter session
  std::size_t ballots_per_session = 1;  // K: ballots a voter casts after one login
};

struct LoadResult {
  // Milliseconds, for every step that got an HTTP answer (or connected).
  std::vector<double> connect, challenge, token, ballot, session, sign_token, check_receipt;
  std::map<std::string, std::uint64_t> errors;        // by kind (voter_session.hpp), with counts
  std::map<std::string, std::string> error_examples;  // kind -> one detail
  std::vector<double> accepted_at;                    // seconds from the start, per accepted ballot
  std::uint64_t sessions = 0;                         // started
  double wall_seconds = 0;                            // until the last session ended
  double worst_start_lag_ms = 0;                      // open loop: most a session started late
  bool ran_out_of_ballots = false;                    // the pool ended before `seconds`
};

LoadResult run_load(const LoadOptions& options, const VoterMaterial& material,
                    const protocol::ElectionConfig& config, const TlsClientContext& context,
                    std::uint16_t port, const std::string& origin);

}  // namespace evote::bench
