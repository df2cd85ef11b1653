#include "ballot_list.hpp"

#include "evote/protocol/base64url.hpp"
#include "evote/protocol/list_document.hpp"
#include "evote/protocol/utc_time.hpp"

namespace evote::tally {

protocol::Json to_json(const ListedBallot& b) {
  return {{"ballot_hash", protocol::base64url_encode(b.ballot_hash)},
          {"district", b.district},
          {"sequence", b.sequence},
          {"time", protocol::format_utc(b.time)},
          {"voter_id", b.voter_id}};
}

BallotListReader::BallotListReader(const std::filesystem::path& path, std::string what)
    : lines_(path, std::move(what)) {}

std::optional<ListedBallot> BallotListReader::next() {
  const std::optional<protocol::Json> doc = lines_.next();
  if (!doc) return std::nullopt;
  const protocol::ObjectReader r(*doc, lines_.where());
  r.allow_only({"ballot_hash", "district", "sequence", "time", "voter_id"});
  ListedBallot b;
  b.ballot_hash = r.binary("ballot_hash");
  if (b.ballot_hash.size() != 32) r.fail("ballot_hash", "not 32 bytes");
  b.district = r.string("district");
  b.sequence = r.unsigned_integer("sequence");
  if (b.sequence <= last_sequence_) {
    r.fail("sequence", std::to_string(b.sequence) + " is not after the previous line's " +
                           std::to_string(last_sequence_));
  }
  last_sequence_ = b.sequence;
  b.time = protocol::parse_utc(r.string("time"), lines_.where(), "time");
  b.voter_id = r.string("voter_id");
  if (!protocol::PersonalCode::parse(b.voter_id))
    r.fail("voter_id", protocol::personal_code_problem(b.voter_id));
  return b;
}

}  // namespace evote::tally
