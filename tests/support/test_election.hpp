// A small, valid election for tests of everything downstream of the config:
//   districts "d1" and "d2";
//   "mayor"    single choice, d1: 101 102 103, d2: 201 202;
//   "council"  approval, 2 of d1: 11 12 13 14 (not on d2's ballot);
//   "ranking"  ranked, up to 3, d1: 21 22 23 24, d2: 31 32 33;
// an election key pair (the whole secret, tests only), organizer and
// collector Ed25519 keys, one trustee, and a voter PKI (root -> intermediate)
// whose root is the config's voter CA.
//
//   const TestElection& e = test_election();            // shared, ristretto255
//   TestCertificate card = e.issue_voter_certificate("38001085718");
//   SignedBallot s = e.sign_like_card(card, ballot);
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/voter_signature.hpp"
#include "evote/protocol/ballot.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/signed_ballot.hpp"
#include "support/test_pki.hpp"

namespace evote::testing {

struct TestElection {
  protocol::ElectionConfig config;
  crypto::KeyPair election_key;
  crypto::Ed25519SigningKey organizer_key;
  crypto::Ed25519SigningKey collector_key;
  TestPki voter_pki;
  std::shared_ptr<const crypto::TrustedCas> cas;  // from config.voter_ca_certificates
  crypto::Bytes signed_config_bytes;              // canonical, signed by the organizer
  crypto::Bytes config_hash;                      // protocol::config_hash(signed_config_bytes)

  // A signing (nonRepudiation) certificate "PNOEE-<voter_id>" from the voter PKI.
  TestCertificate issue_voter_certificate(const std::string& voter_id,
                                          KeyType type = KeyType::ec_p384) const;
  // Encodes the ballot, signs its bytes with the card's key, adds the chain.
  protocol::SignedBallot sign_like_card(const TestCertificate& card,
                                        const protocol::Ballot& ballot) const;
};

// A fresh election in the named group (keys and PKI are generated anew).
TestElection make_test_election(std::string_view group = "ristretto255");
// One election per group, made on first use and shared by the tests.
const TestElection& test_election(std::string_view group = "ristretto255");

}  // namespace evote::testing
