// GET /v1/ballots/<vote id> through the real evote-collector (real
// PostgreSQL, real TLS; specs/collector-api.md §2.6): the second device gets
// the signed ballot and a receipt byte-identical to the one given at
// casting, at most verification.count times within verification.minutes of
// casting, also under concurrent requests (and storage's verify_ballot under
// a tight race); unknown, malformed, expired and used-up ids all get one
// identical answer, and a refusal records nothing.
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <ctime>
#include <latch>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "collector_fixture.hpp"
#include "evote/crypto/random.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/receipt.hpp"
#include "storage/ballot_access.hpp"

using namespace evote;
using namespace evote::testing;
using Json = nlohmann::json;

namespace {

const std::string kJuri = "49002124277";  // d2
const std::string kVoters = "add\t49002124277\tJüri Tamm\td2\n";

// Voting open now, verification limits as given.
std::function<void(protocol::ElectionConfig&)> limits(std::uint32_t count, std::uint32_t minutes) {
  return [=](protocol::ElectionConfig& config) {
    voting_open_now(config);
    config.verify_count = count;
    config.verify_minutes = minutes;
  };
}

// Jüri logs in and casts one ballot: what was sent and the receipt's bytes.
CastBallot cast_one(CollectorWithOcsp& c) {
  apply_test_voters(c.s, kVoters);
  open_voting(c.s);
  const TestCertificate signing = good_signing_certificate(c.s, c.ocsp, kJuri);
  const CastBallot cast = cast_blank_ballot(c.s, log_in_as(c.s, kJuri), signing, kJuri, "d2");
  BOOST_REQUIRE_MESSAGE(cast.reply.status == 200u, cast.reply.body << "\ncollector log:\n"
                                                                   << c.server->output());
  return cast;
}

std::string vote_id_of(const CastBallot& cast) {
  return protocol::base64url_encode(
      protocol::decode_receipt(crypto::as_bytes(cast.reply.body)).vote_id);
}

HttpsReply verify(const Setup& s, const std::string& vote_id_text) {
  return get_as(s, "/v1/ballots/" + vote_id_text);  // no session: the second device has none
}

std::int64_t verifications_stored(const Setup& s) {
  collector::pg::Connection db(s.db.connection_string());
  return db.exec("SELECT count(*) FROM ballot_verifications").integer(0, 0);
}

// The answer to an id no ballot has: the one body every refusal must equal.
std::string unknown_id_body(const Setup& s) {
  const HttpsReply r =
      verify(s, protocol::base64url_encode(crypto::random_bytes(protocol::kVoteIdBytes)));
  BOOST_TEST(r.status == 404u);
  BOOST_TEST(error_code_of(r) == "not_available");
  return r.body;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(collector_verification_api)

BOOST_AUTO_TEST_CASE(
    the_second_device_gets_the_signed_ballot_and_the_casting_receipt_byte_for_byte) {
  CollectorWithOcsp c(limits(3, 30));
  const Setup& s = c.s;
  const CastBallot cast = cast_one(c);

  const HttpsReply r = verify(s, vote_id_of(cast));
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
  const Json answer = Json::parse(r.body);
  BOOST_TEST(r.body == protocol::canonical_string(answer));  // canonical JSON
  const crypto::Bytes signed_ballot =
      protocol::base64url_decode(answer.at("signed_ballot").get<std::string>());
  BOOST_TEST(std::string(signed_ballot.begin(), signed_ballot.end()) == cast.body);
  BOOST_TEST(protocol::canonical_string(answer.at("receipt")) == cast.reply.body);
  const protocol::Receipt receipt =
      protocol::receipt_from_json(answer.at("receipt"), "verification receipt");
  BOOST_TEST(protocol::verify_receipt(s.config, receipt).ok);
  BOOST_TEST(receipt.ballot_hash == protocol::ballot_hash(signed_ballot));
  BOOST_TEST(verifications_stored(s) == 1);
  // The vote id is a secret of the voter's devices: never in the collector's log.
  BOOST_TEST(c.server->output().find(vote_id_of(cast)) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_count_limit_holds_and_a_used_up_id_looks_unknown) {
  CollectorWithOcsp c(limits(3, 30));
  const Setup& s = c.s;
  const std::string vote_id = vote_id_of(cast_one(c));
  std::string first;
  for (int i = 0; i < 3; ++i) {
    const HttpsReply r = verify(s, vote_id);
    BOOST_REQUIRE_MESSAGE(r.status == 200u, "verification " << i + 1 << ": " << r.body);
    if (i == 0) first = r.body;
    BOOST_TEST(r.body == first);  // the same ballot and receipt each time
  }
  const HttpsReply used_up = verify(s, vote_id);
  BOOST_TEST(used_up.status == 404u);
  BOOST_TEST(used_up.body == unknown_id_body(s));
  BOOST_TEST(verifications_stored(s) == 3);
}

BOOST_AUTO_TEST_CASE(the_minutes_limit_holds_and_an_expired_id_looks_unknown) {
  CollectorWithOcsp c(limits(5, 1));
  const Setup& s = c.s;
  const std::string vote_id = vote_id_of(cast_one(c));
  collector::pg::Connection db(s.db.connection_string());
  const auto cast_ago = [&](int seconds) {  // test data: the ballot was accepted that long ago
    db.exec("UPDATE ballots SET received = $1 WHERE sequence = 1",
            {collector::pg::Param(static_cast<std::int64_t>(std::time(nullptr)) - seconds)});
  };

  BOOST_TEST(verify(s, vote_id).status == 200u);
  cast_ago(45);  // within the minute
  BOOST_TEST(verify(s, vote_id).status == 200u);
  cast_ago(61);  // past it
  const HttpsReply expired = verify(s, vote_id);
  BOOST_TEST(expired.status == 404u);
  BOOST_TEST(expired.body == unknown_id_body(s));
  BOOST_TEST(verifications_stored(s) == 2);
}

BOOST_AUTO_TEST_CASE(unknown_and_malformed_ids_get_the_identical_answer_and_record_nothing) {
  CollectorWithOcsp c(limits(3, 30));
  const Setup& s = c.s;
  const std::string vote_id = vote_id_of(cast_one(c));
  const std::string expected = unknown_id_body(s);
  for (const std::string& id : {
           std::string(),                          // no id
           vote_id.substr(0, 21),                  // too short
           vote_id + "A",                          // too long
           vote_id + "/x",                         // more path
           std::string(22, '*'),                   // outside the alphabet
           std::string("AAAAAAAAAAAAAAAAAAAAAB"),  // non-zero unused bits (strict decoding)
           std::string("AAAAAAAAAAAAAAAAAAAAAA"),  // well-formed, no such ballot
       }) {
    const HttpsReply r = verify(s, id);
    BOOST_TEST(r.status == 404u, "id '" << id << "'");
    BOOST_TEST(r.body == expected, "id '" << id << "': " << r.body);
  }
  BOOST_TEST(verifications_stored(s) == 0);
  BOOST_TEST(verify(s, vote_id).status == 200u);  // the real one still answers
}

BOOST_AUTO_TEST_CASE(concurrent_verifications_never_exceed_the_count) {
  CollectorWithOcsp c(limits(3, 30));
  const Setup& s = c.s;
  const std::string vote_id = vote_id_of(cast_one(c));
  const std::string refused = unknown_id_body(s);

  constexpr int kThreads = 10;
  std::vector<HttpsReply> replies(kThreads);
  std::vector<std::string> failures(kThreads);
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < kThreads; ++i)
      threads.emplace_back([&, i] {
        try {
          replies[i] = verify(s, vote_id);
        } catch (const std::exception& e) {
          failures[i] = e.what();
        }
      });
  }
  int answered = 0;
  for (int i = 0; i < kThreads; ++i) {
    BOOST_TEST(failures[i].empty(), failures[i]);
    if (replies[i].status == 200u) {
      ++answered;
    } else {
      BOOST_TEST(replies[i].status == 404u);
      BOOST_TEST(replies[i].body == refused);
    }
  }
  BOOST_TEST(answered == 3);
  BOOST_TEST(verifications_stored(s) == 3);
}

// The same limit under a tighter race than HTTPS requests make (their TLS
// handshakes spread them out): 10 threads, each on its own connection,
// released at once onto storage's verify_ballot, for each of 20 ballots.
BOOST_AUTO_TEST_CASE(racing_verifications_in_storage_never_exceed_the_count) {
  PostgresCluster db;
  collector::pg::Connection setup(db.connection_string());
  collector::migrate(setup);
  constexpr int kBallots = 20;
  constexpr int kThreads = 10;
  const std::int64_t now = std::time(nullptr);
  std::vector<crypto::Bytes> ids;
  for (int b = 1; b <= kBallots; ++b) {  // test rows: only the columns verification reads matter
    ids.push_back(crypto::random_bytes(protocol::kVoteIdBytes));
    setup.exec(
        "INSERT INTO ballots (sequence, vote_id, received, voter_id, signed_ballot, ballot_hash, "
        "log_head) VALUES ($1, $2, $3, '49002124277', $4, $5, $5)",
        {collector::pg::Param(b), collector::pg::Param::bytes(ids.back()),
         collector::pg::Param(now), collector::pg::Param::bytes(crypto::as_bytes("{}")),
         collector::pg::Param::bytes(crypto::Bytes(32, 0))});
  }
  std::vector<std::unique_ptr<collector::pg::Connection>> connections;
  for (int t = 0; t < kThreads; ++t)
    connections.push_back(std::make_unique<collector::pg::Connection>(db.connection_string()));

  for (int b = 0; b < kBallots; ++b) {
    std::atomic<int> answered = 0;
    std::latch start(kThreads);
    {
      std::vector<std::jthread> threads;
      for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
          start.arrive_and_wait();
          if (collector::verify_ballot(*connections[t], ids[b], now, 3, 30)) ++answered;
        });
    }
    BOOST_TEST(answered.load() == 3, "ballot " << b + 1 << ": " << answered.load() << " answered");
  }
  BOOST_TEST(setup.exec("SELECT count(*) FROM ballot_verifications").integer(0, 0) == 3 * kBallots);
}

BOOST_AUTO_TEST_SUITE_END()
