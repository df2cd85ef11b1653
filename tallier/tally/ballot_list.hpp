// A list of ballots by their place in the ballot box, without their
// contents: what check accepts, squash keeps, revoke keeps (specs/tally.md
// §2, "Ballot lists"). One line per ballot, in ballot box order:
//   {"ballot_hash":<b64 32>,"district":<id>,"sequence":n,"time":<UTC>,"voter_id":<code>}
// These lists name voters: they stay with the officials, only their hashes
// are published (in the step statements).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "evote/crypto/bytes.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "json_lines.hpp"

namespace evote::tally {

struct ListedBallot {
  std::uint64_t sequence = 0;
  std::int64_t time = 0;
  std::string voter_id;
  std::string district;  // the voter's district in the list version in force
  crypto::Bytes ballot_hash;
};

protocol::Json to_json(const ListedBallot& ballot);

// Reads a ballot list; every line checked (fields, sequence strictly
// increasing). FormatError "<what> line <n>: <field>: <problem>".
class BallotListReader {
 public:
  BallotListReader(const std::filesystem::path& path, std::string what);
  std::optional<ListedBallot> next();

 private:
  JsonLinesReader lines_;
  std::uint64_t last_sequence_ = 0;
};

}  // namespace evote::tally
