#include "ballot_box_json.hpp"

#include "binary_fields.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/receipt.hpp"
#include "evote/protocol/utc_time.hpp"
#include "names_json.hpp"

namespace evote::protocol {

Json header_to_json(const BallotBoxHeader& h) {
  return {{"type", kBallotBoxType},
          {"version", kBallotBoxVersion},
          {"election_id", h.election_id},
          {"config_hash", base64url_encode(h.config_hash)}};
}

BallotBoxHeader header_from_json(const Json& document, const std::string& what) {
  const ObjectReader r(document, what);
  r.expect_type_and_version(kBallotBoxType, kBallotBoxVersion);
  r.allow_only({"type", "version", "election_id", "config_hash"});
  return {read_identifier(r, "election_id"), read_fixed_binary(r, "config_hash", 32)};
}

Json entry_to_json(const BallotBoxEntry& e) {
  Json line = {{"sequence", e.sequence},
               {"vote_id", base64url_encode(e.vote_id)},
               {"time", format_utc(e.time)},
               {"voter_id", e.voter_id},
               {"signed_ballot", base64url_encode(e.signed_ballot)}};
  if (!e.ocsp_response.empty()) line["ocsp_response"] = base64url_encode(e.ocsp_response);
  return line;
}

LoggedBallot entry_from_json(const Json& document, const std::string& what,
                             const std::string& election_id) {
  const ObjectReader r(document, what);
  r.allow_only({"sequence", "vote_id", "time", "voter_id", "signed_ballot", "ocsp_response"});
  LoggedBallot out;
  BallotBoxEntry& e = out.entry;
  e.sequence = r.unsigned_integer("sequence");
  e.vote_id = read_fixed_binary(r, "vote_id", kVoteIdBytes);
  e.time = parse_utc(r.string("time"), what, "time");
  e.voter_id = read_identifier(r, "voter_id");
  e.signed_ballot = r.binary("signed_ballot");
  if (r.has("ocsp_response")) {
    e.ocsp_response = r.binary("ocsp_response");
    if (e.ocsp_response.empty()) r.fail("ocsp_response", "empty (leave the member out instead)");
  }
  out.signed_ballot = decode_signed_ballot(e.signed_ballot, what + ": signed_ballot");
  if (out.signed_ballot.ballot.voter_id != e.voter_id) {
    r.fail("voter_id", "not the voter_id of the signed ballot");
  }
  if (out.signed_ballot.ballot.election_id != election_id) {
    r.fail("signed_ballot", "a ballot of election \"" + out.signed_ballot.ballot.election_id +
                                "\", expected \"" + election_id + "\"");
  }
  out.ballot_hash = ballot_hash(e.signed_ballot);
  return out;
}

Json trailer_to_json(const BallotBoxTrailer& t) {
  return {{"type", kBallotBoxEndType},
          {"version", kBallotBoxVersion},
          {"election_id", t.election_id},
          {"config_hash", base64url_encode(t.config_hash)},
          {"count", t.count},
          {"log_head", base64url_encode(t.log_head)}};
}

BallotBoxTrailer trailer_from_json(const Json& document, const std::string& what) {
  const ObjectReader r(document, what);
  r.expect_type_and_version(kBallotBoxEndType, kBallotBoxVersion);
  r.allow_only({"type", "version", "election_id", "config_hash", "count", "log_head", "signature"});
  BallotBoxTrailer t;
  t.election_id = read_identifier(r, "election_id");
  t.config_hash = read_fixed_binary(r, "config_hash", 32);
  t.count = r.unsigned_integer("count");
  t.log_head = read_fixed_binary(r, "log_head", 32);
  if (!r.has("signature")) r.fail("signature", "missing (the trailer must be signed)");
  return t;
}

}  // namespace evote::protocol
