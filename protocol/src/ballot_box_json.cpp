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

namespace {

Json voter_lists_to_json(const std::vector<VoterListVersion>& voter_lists) {
  Json out = Json::array();
  for (const VoterListVersion& v : voter_lists) {
    out.push_back({{"sequence", v.sequence},
                   {"hash", base64url_encode(v.change_set_hash)},
                   {"applied", format_utc(v.applied)}});
  }
  return out;
}

// Sequences 1..k in order, each hash 32 bytes, applied never decreasing.
std::vector<VoterListVersion> voter_lists_from_json(const ObjectReader& trailer) {
  const Json& items = trailer.array("voter_lists");
  std::vector<VoterListVersion> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ObjectReader r(items[i], trailer.what(), element_path("voter_lists", i));
    r.allow_only({"sequence", "hash", "applied"});
    VoterListVersion v;
    v.sequence = r.unsigned_integer("sequence");
    if (v.sequence != i + 1) {
      r.fail("sequence", std::to_string(v.sequence) + ", expected " + std::to_string(i + 1) +
                             " (versions run 1, 2, 3, ... in order, without gaps)");
    }
    v.change_set_hash = read_fixed_binary(r, "hash", 32);
    v.applied = parse_utc(r.string("applied"), r.what(), r.path_of("applied"));
    if (!out.empty() && v.applied < out.back().applied) {
      r.fail("applied", format_utc(v.applied) + ", before version " +
                            std::to_string(out.back().sequence) + "'s " +
                            format_utc(out.back().applied) + " (applied times never decrease)");
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

Json trailer_to_json(const BallotBoxTrailer& t) {
  return {{"type", kBallotBoxEndType},
          {"version", kBallotBoxVersion},
          {"election_id", t.election_id},
          {"config_hash", base64url_encode(t.config_hash)},
          {"count", t.count},
          {"log_head", base64url_encode(t.log_head)},
          {"voter_lists", voter_lists_to_json(t.voter_lists)}};
}

BallotBoxTrailer trailer_from_json(const Json& document, const std::string& what) {
  const ObjectReader r(document, what);
  r.expect_type_and_version(kBallotBoxEndType, kBallotBoxVersion);
  r.allow_only({"type", "version", "election_id", "config_hash", "count", "log_head", "voter_lists",
                "signature"});
  BallotBoxTrailer t;
  t.election_id = read_identifier(r, "election_id");
  t.config_hash = read_fixed_binary(r, "config_hash", 32);
  t.count = r.unsigned_integer("count");
  t.log_head = read_fixed_binary(r, "log_head", 32);
  t.voter_lists = voter_lists_from_json(r);
  if (!r.has("signature")) r.fail("signature", "missing (the trailer must be signed)");
  return t;
}

}  // namespace evote::protocol
