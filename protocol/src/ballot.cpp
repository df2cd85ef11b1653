// Ballot: JSON form and strict decoding (specs/formats.md, "Ballot").
#include "evote/protocol/ballot.hpp"

#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "names_json.hpp"

namespace evote::protocol {

namespace {

Json binary_array(const std::vector<crypto::Bytes>& items) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(base64url_encode(item));
  return out;
}

std::vector<crypto::Bytes> read_binary_array(const ObjectReader& r, std::string_view key) {
  const Json& items = r.array(key);
  std::vector<crypto::Bytes> out;
  out.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    out.push_back(expect_binary(items[i], r.what(), element_path(r.path_of(key), i)));
  }
  return out;
}

BallotContest read_contest(const ObjectReader& r) {
  r.allow_only({"contest_id", "ciphertexts", "proofs"});
  BallotContest c;
  c.contest_id = read_identifier(r, "contest_id");
  c.ciphertexts = read_binary_array(r, "ciphertexts");
  c.proofs = read_binary_array(r, "proofs");
  if (c.ciphertexts.empty()) r.fail("ciphertexts", "empty row");
  if (c.proofs.size() != c.ciphertexts.size()) {
    r.fail("proofs", std::to_string(c.proofs.size()) + " proofs for " +
                         std::to_string(c.ciphertexts.size()) + " ciphertexts");
  }
  return c;
}

}  // namespace

std::vector<const Contest*> contests_for_district(const ElectionConfig& config,
                                                  std::string_view district) {
  std::vector<const Contest*> out;
  for (const auto& contest : config.contests) {
    if (!config.choices_for(contest, district).empty()) out.push_back(&contest);
  }
  return out;
}

Json to_json(const Ballot& ballot) {
  Json contests = Json::array();
  for (const auto& c : ballot.contests) {
    contests.push_back({{"contest_id", c.contest_id},
                        {"ciphertexts", binary_array(c.ciphertexts)},
                        {"proofs", binary_array(c.proofs)}});
  }
  return {{"type", kBallotType},
          {"version", kBallotVersion},
          {"election_id", ballot.election_id},
          {"voter_id", ballot.voter_id},
          {"contests", std::move(contests)}};
}

Ballot ballot_from_json(const Json& document, const std::string& what) {
  const ObjectReader top(document, what);
  top.expect_type_and_version(kBallotType, kBallotVersion);
  top.allow_only({"type", "version", "election_id", "voter_id", "contests"});
  Ballot ballot;
  ballot.election_id = read_identifier(top, "election_id");
  ballot.voter_id = read_identifier(top, "voter_id");
  const Json& contests = top.array("contests");
  for (std::size_t i = 0; i < contests.size(); ++i) {
    ballot.contests.push_back(
        read_contest(ObjectReader(contests[i], what, element_path("contests", i))));
  }
  return ballot;
}

crypto::Bytes encode_ballot(const Ballot& ballot) { return canonical_bytes(to_json(ballot)); }

Ballot decode_ballot(crypto::BytesView bytes, const std::string& what) {
  return ballot_from_json(parse_canonical(bytes, what), what);
}

}  // namespace evote::protocol
