// The simulated voters and what they bring, made before the load starts so
// that none of it is counted: per voter a personal code (valid check digit),
// an authentication certificate (clientAuth, PNOEE-<code>) and a signing
// certificate (nonRepudiation) from the test election's voter PKI; and a
// pool of distinct signed ballots: with K ballots per login, ballots
// [jK, (j+1)K) are voter j mod N's (K = 1: ballot i is voter i mod N's).
// The Web eID token is signed during the load (its nonce is the server's).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/protocol/election_config.hpp"
#include "support/test_election.hpp"
#include "support/test_pki.hpp"

namespace evote::bench {

struct Voter {
  std::string code;      // isikukood, e.g. "38001010008"
  std::string district;  // "d1" or "d2", alternating
  testing::TestCertificate auth;
  std::string auth_certificate_base64;  // the token's unverifiedCertificate
  testing::TestCertificate signing;     // signs the voter's ballots; the OCSP responder knows it
};

struct PreparedBallot {
  std::size_t voter = 0;  // index into voters
  std::string body;       // canonical signed-ballot bytes, as POSTed
  crypto::Bytes hash;     // protocol::ballot_hash(body), the receipt must name it
};

struct VoterMaterial {
  std::vector<Voter> voters;
  std::vector<PreparedBallot> ballots;
  double certificate_seconds = 0;  // wall time to issue the certificates
  double ballot_seconds = 0;       // wall time to encrypt, prove and sign the ballots
};

// The i-th personal code: "3" (a man born 1900-1999), a birth date from
// 1960-01-01 on (28 days a month), serial i mod 1000, and the check digit.
std::string personal_code(std::size_t i);

// `config` is the election as served (its key encrypts the ballots).
// Certificates come from election.voter_pki, on `threads` threads.
VoterMaterial make_voter_material(const testing::TestElection& election,
                                  const protocol::ElectionConfig& config, std::size_t voters,
                                  std::size_t ballots, std::size_t ballots_per_login,
                                  unsigned threads);

// The voter list as evote-admin imports it (add<TAB>code<TAB>name<TAB>district).
std::string voter_list_tsv(const std::vector<Voter>& voters);

}  // namespace evote::bench
