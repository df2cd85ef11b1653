// GET /v1/ballots/<vote id> (specs/collector-api.md §2.6): vote
// verification from the second device, no session; and GET /v1/me/record
// (§2.8): the voter's own record of their eligibility, their ballots and
// every access to them.
//
// Verification refuses unknown, malformed, expired and used-up ids with one
// identical answer, and about equally fast: a malformed id is looked up as
// a random 16-byte id (which no ballot has), so every refusal runs the same
// two statements in storage::verify_ballot (lock, count) and differs only
// in what the database finds. Only an answered verification does more (it
// records the access, reads the ballot and signs the receipt), and that
// one is told apart by its answer anyway.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/collector_app.hpp"
#include "evote/crypto/random.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/receipt.hpp"
#include "evote/protocol/utc_time.hpp"
#include "storage/ballot_access.hpp"
#include "storage/voter_list.hpp"

namespace evote::collector {

namespace {

using Json = nlohmann::json;

constexpr std::size_t kVoteIdText = 22;  // base64url of 16 bytes, no padding

// The vote id of the path's last part, or nothing when it is not exactly
// 22 base64url characters of 16 bytes.
std::optional<crypto::Bytes> parse_vote_id(const std::string& text) {
  if (text.size() != kVoteIdText) return std::nullopt;
  try {
    crypto::Bytes id = protocol::base64url_decode(text);
    if (id.size() != protocol::kVoteIdBytes) return std::nullopt;
    return id;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

HttpResponse not_available() {
  return error_response(404, "not_available",
                        "no ballot can be verified with this vote id (unknown, expired, or "
                        "verified as many times as allowed)");
}

Json access_json(const VoterRecord::Verification& v) {
  return {{"time", protocol::format_utc(v.time)},
          {"kind", "verification"},
          {"sequence", v.sequence},
          {"vote_id", protocol::base64url_encode(v.vote_id)}};
}

Json access_json(const VoterRecord::Export& e) {
  return {{"time", protocol::format_utc(e.time)},
          {"kind", "export"},
          {"export_id", e.id},
          {"requested_by", e.requested_by},
          {"sequences", e.sequences}};
}

}  // namespace

HttpResponse CollectorApp::verify_vote(const std::string& vote_id_text) {
  const std::optional<crypto::Bytes> parsed = parse_vote_id(vote_id_text);
  // A malformed id costs the same lookup as an unknown one (file comment).
  const crypto::Bytes vote_id = parsed ? *parsed : crypto::random_bytes(protocol::kVoteIdBytes);
  const std::shared_ptr<const ServedConfig> election = served();
  std::optional<VerifiedBallot> ballot;
  {
    auto connection = pool_.acquire();
    ballot = verify_ballot(*connection, vote_id, now(), election->config.verify_count,
                           election->config.verify_minutes);
  }
  if (!parsed || !ballot) return not_available();

  // The receipt given at casting, re-created from the stored fields: Ed25519
  // signatures are deterministic, so it is the same bytes.
  protocol::Receipt receipt;
  receipt.election_id = election->config.election_id;
  receipt.vote_id = ballot->vote_id;
  receipt.time = ballot->received;
  receipt.sequence = ballot->sequence;
  receipt.ballot_hash = ballot->ballot_hash;
  receipt.log_head = ballot->log_head;
  protocol::sign_receipt(receipt, signing_key_);
  const protocol::Json answer = {
      {"signed_ballot", protocol::base64url_encode(ballot->signed_ballot)},
      {"receipt", protocol::to_json(receipt)}};
  return {200, protocol::canonical_string(answer)};
}

HttpResponse CollectorApp::my_record(const HttpRequest& request) {
  HttpResponse refusal;
  const std::optional<std::string> voter_id = session_voter(request, refusal);
  if (!voter_id) return refusal;
  auto connection = pool_.acquire();
  const std::optional<ListedVoter> voter = find_voter(*connection, *voter_id);
  const VoterListState list = voter_list_state(*connection);
  const VoterRecord record = voter_record(*connection, *voter_id);

  Json eligibility = {{"eligible", voter.has_value()},
                      {"name", voter ? Json(voter->name) : Json(nullptr)},
                      {"district", voter ? Json(voter->district) : Json(nullptr)},
                      {"added_by", voter ? Json(voter->added_by) : Json(nullptr)},
                      {"voter_list_version", list.version}};
  // The tally counts each voter's last ballot, if the voter is on the final
  // list (and did not vote on paper: the tally's revoke step).
  Json ballots = Json::array();
  for (std::size_t i = 0; i < record.ballots.size(); ++i) {
    const VoterRecord::Ballot& b = record.ballots[i];
    ballots.push_back({{"sequence", b.sequence},
                       {"vote_id", protocol::base64url_encode(b.vote_id)},
                       {"time", protocol::format_utc(b.received)},
                       {"counts_now", voter.has_value() && i + 1 == record.ballots.size()}});
  }
  // Accesses by time; at one time, verifications (by sequence) before exports (by id).
  std::vector<std::pair<std::int64_t, Json>> accesses;
  for (const VoterRecord::Verification& v : record.verifications)
    accesses.emplace_back(v.time, access_json(v));
  for (const VoterRecord::Export& e : record.exports) accesses.emplace_back(e.time, access_json(e));
  std::stable_sort(accesses.begin(), accesses.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  Json access_list = Json::array();
  for (auto& [time, access] : accesses) access_list.push_back(std::move(access));
  return {
      200,
      Json{{"eligibility", eligibility}, {"ballots", ballots}, {"accesses", access_list}}.dump()};
}

}  // namespace evote::collector
