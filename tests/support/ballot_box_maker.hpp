// A whole election folder for the offline tally, generated at scale: the
// signed config, the voter list change sets, a paper-vote list, sealed keys
// for the tally and the two mix servers, and the collector's signed ballot
// box export with real card-style signatures (ECDSA P-384) and a stored OCSP
// response per entry (ocsp_maker.hpp), every entry one `evote-tally check`
// accepts. For benchmarks (tests/bench/tally_bench) and tests of the tally.
//
//   BallotBoxSpec spec;  spec.ballots = 2000;  spec.revotes = 400;
//   ElectionMaker maker(spec);                      // keys, PKI, voters, schedule
//   maker.config().trustees = ...;                  // optional: before a key ceremony
//   write(..., maker.signed_config());              //   the ceremony's config
//   maker.config().election_public_key = key;       // else write() makes one
//   ElectionFolder folder = maker.write(dir);
//
// The election: districts d1..dD; contest "council" (single choice, 6
// candidates a district, codes 1000·j + 101..106) and "mayor" (ranked, up to
// 2 ranks, 4 candidates a district, codes 1000·j + 201..204), both on every
// district's ballot. Voters 1..V (V = ballots − revotes), voter i in district
// d(1 + (i − 1) mod D), each with a distinct personal code (valid check
// digit) and a certificate of their own (subject serialNumber PNOEE-<code>,
// nonRepudiation) from a root and issuing CA made here, both in the
// config's voter_ca_certificates. Each voter votes once at a random time in
// the voting period and the re-votes go to voters drawn at random (so some
// re-vote more than once), each within 14 minutes after that voter's first
// ballot: one OCSP response per voter, thisUpdate = the first ballot's time,
// serves all of that voter's entries (the 15-minute freshness rule of
// collector-auth.md §4.5). Entries are in time order. Choices are drawn at
// random (about 1 in 50 rows blank).
//
// The voting period is the six days ending a day before the maker was made;
// change set 1 (every voter but the late ones, and the listed non-voters)
// came into force a day before it opened, change set 2 (the late voters, if
// any) in its middle; late voters vote after that. Half the paper voters
// (rounded up) e-voted too: their e-votes are revoked.
//
// Not thread-safe; write() spreads its work over spec.threads threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/parallel.hpp"
#include "evote/crypto/passphrase_seal.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::testing {

struct BallotBoxSpec {
  std::size_t ballots = 1000;  // entries of the ballot box
  std::size_t revotes = 200;   // of them re-votes; the voters are ballots − revotes
  std::size_t districts = 2;
  std::size_t late_voters = 0;   // of the voters, added by change set 2 during voting
  std::size_t paper_voters = 0;  // on the paper-vote list
  // Voters on the list who do not e-vote (besides the paper voters who do not).
  std::size_t non_voters = 0;
  // Distinct card keys, shared round-robin by the voters' certificates; 0:
  // each voter a key of their own (one more P-384 key generation a voter).
  std::size_t card_keys = 0;
  std::string group = "ristretto255";
  std::string passphrase = "bench passphrase";  // of every sealed key (passphrase.txt)
  crypto::Argon2Cost key_cost = crypto::Argon2Cost::moderate();
  unsigned threads = crypto::hardware_threads();
};

// What write() made, and what the tally must find in it.
struct ElectionFolder {
  std::filesystem::path dir;
  std::filesystem::path config;                    // config.json, signed by the organizer
  std::filesystem::path passphrase_file;           // passphrase.txt: of every sealed key
  std::filesystem::path tally_key;                 // tally.key
  std::vector<std::filesystem::path> mix_keys;     // mix-1.key, mix-2.key (stage order)
  std::vector<std::filesystem::path> voter_lists;  // voters-1.json, voters-2.json (if late voters)
  std::filesystem::path paper_votes;               // paper-votes.json
  std::filesystem::path ballot_box;                // ballot-box.jsonl

  std::size_t ballots = 0;  // entries, every one of them acceptable
  std::size_t voters = 0;   // e-voters
  std::size_t revoked = 0;  // e-voters on the paper-vote list
  std::size_t counted = 0;  // voters − revoked

  // expected/<contest>/<district>.txt: the rows the batch must decrypt to,
  // one line per counted ballot as `evote-keys combine` writes them, sorted.
  std::filesystem::path expected_rows(std::string_view contest, std::string_view district) const;
};

// The folder write() made, read back (its facts.json). Throws std::runtime_error.
ElectionFolder read_election_folder(const std::filesystem::path& dir);

// One generation phase and its wall seconds, as write() finishes it.
using PhaseTimer = std::function<void(const std::string& phase, double seconds)>;

class ElectionMaker {
 public:
  // Makes the keys, the voter PKI, the voters and the schedule of the ballots,
  // and the config draft. Throws std::invalid_argument for a spec that
  // cannot be (no voters, more late or paper voters than voters, ...).
  explicit ElectionMaker(BallotBoxSpec spec);
  ~ElectionMaker();
  ElectionMaker(const ElectionMaker&) = delete;
  ElectionMaker& operator=(const ElectionMaker&) = delete;

  // The config draft, to edit before write(): trustees, threshold, the
  // election key. Voting period, contests, CAs, collector, mix servers and
  // tally key are set.
  protocol::ElectionConfig& config() { return config_; }
  // config(), validated and signed by the organizer: canonical bytes.
  crypto::Bytes signed_config() const;
  const crypto::Ed25519SigningKey& organizer_key() const { return organizer_; }
  // The election key pair write() made when config() had none.
  const std::optional<crypto::KeyPair>& election_key() const { return election_key_; }

  // Writes the folder (`dir` is created; files in it must not exist yet).
  ElectionFolder write(const std::filesystem::path& dir, const PhaseTimer& timer = {});

 private:
  struct Plan;
  BallotBoxSpec spec_;
  crypto::Ed25519SigningKey organizer_, collector_, tally_;
  std::vector<crypto::Ed25519SigningKey> mix_;
  protocol::ElectionConfig config_;
  std::optional<crypto::KeyPair> election_key_;
  std::unique_ptr<Plan> plan_;
};

}  // namespace evote::testing
