#include "evote/voter/voter_record.hpp"

#include "answer_json.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/receipt.hpp"
#include "evote/protocol/utc_time.hpp"
#include "evote/voter/voter_error.hpp"

namespace evote::voter {
namespace {

const std::string kWhat = "GET /v1/me/record";

crypto::Bytes read_vote_id(const protocol::ObjectReader& reader) {
  crypto::Bytes id = reader.binary("vote_id");
  if (id.size() != protocol::kVoteIdBytes)
    reader.fail("vote_id", std::to_string(id.size()) + " bytes, expected 16");
  return id;
}

std::int64_t read_time(const protocol::ObjectReader& reader) {
  return protocol::parse_utc(reader.string("time"), kWhat, reader.path_of("time"));
}

RecordEligibility read_eligibility(const protocol::ObjectReader& reader) {
  RecordEligibility e;
  e.eligible = reader.boolean("eligible");
  e.voter_list_version = reader.unsigned_integer("voter_list_version");
  const bool null_entry = reader.raw("name").is_null() && reader.raw("district").is_null() &&
                          reader.raw("added_by").is_null();
  if (!e.eligible) {
    if (!null_entry) reader.fail("name", "must be null for a voter not on the list");
    return e;
  }
  e.name = reader.string("name");
  e.district = reader.string("district");
  e.added_by = reader.unsigned_integer("added_by");
  return e;
}

RecordAccess read_access(const protocol::ObjectReader& reader) {
  RecordAccess access;
  access.time = read_time(reader);
  const std::string kind = reader.string("kind");
  if (kind == "verification") {
    access.kind = AccessKind::verification;
    access.sequence = reader.unsigned_integer("sequence");
    access.vote_id = read_vote_id(reader);
  } else if (kind == "export") {
    access.kind = AccessKind::export_;
    access.export_id = reader.unsigned_integer("export_id");
    access.requested_by = reader.string("requested_by");
    const protocol::Json& sequences = reader.array("sequences");
    for (std::size_t i = 0; i < sequences.size(); ++i)
      access.sequences.push_back(protocol::expect_unsigned(
          sequences[i], kWhat, protocol::element_path(reader.path_of("sequences"), i)));
  } else {
    reader.fail("kind", "unknown access kind \"" + kind + "\"");
  }
  return access;
}

}  // namespace

VoterRecord parse_voter_record(crypto::BytesView body) {
  const protocol::Json document = parse_answer(body, kWhat);
  VoterRecord record;
  read_answer([&] {
    const protocol::ObjectReader reader(document, kWhat);
    record.eligibility = read_eligibility(reader.object("eligibility"));
    const protocol::Json& ballots = reader.array("ballots");
    for (std::size_t i = 0; i < ballots.size(); ++i) {
      const protocol::ObjectReader b(ballots[i], kWhat,
                                     protocol::element_path(reader.path_of("ballots"), i));
      RecordBallot ballot;
      ballot.sequence = b.unsigned_integer("sequence");
      ballot.vote_id = read_vote_id(b);
      ballot.time = read_time(b);
      ballot.counts_now = b.boolean("counts_now");
      record.ballots.push_back(std::move(ballot));
    }
    const protocol::Json& accesses = reader.array("accesses");
    for (std::size_t i = 0; i < accesses.size(); ++i)
      record.accesses.push_back(read_access(protocol::ObjectReader(
          accesses[i], kWhat, protocol::element_path(reader.path_of("accesses"), i))));
  });
  return record;
}

}  // namespace evote::voter
