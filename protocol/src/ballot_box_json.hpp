// JSON forms of the ballot box export's lines (internal; ballot_box.hpp).
#pragma once

#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/canonical_json.hpp"

namespace evote::protocol {

Json header_to_json(const BallotBoxHeader& header);
BallotBoxHeader header_from_json(const Json& document, const std::string& what);

Json entry_to_json(const BallotBoxEntry& entry);
// The entry and its decoded signed ballot, whose voter must be the entry's
// and whose election must be `election_id`.
LoggedBallot entry_from_json(const Json& document, const std::string& what,
                             const std::string& election_id);

Json trailer_to_json(const BallotBoxTrailer& trailer);  // unsigned
// Fields only; the signature is checked by the reader.
BallotBoxTrailer trailer_from_json(const Json& document, const std::string& what);

}  // namespace evote::protocol
