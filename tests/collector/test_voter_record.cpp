// GET /v1/me/record through the real evote-collector (real PostgreSQL, real
// TLS; specs/collector-api.md §2.8): a voter sees their eligibility entry,
// each ballot they cast with the one that counts now, and each access to
// their ballots (every verification with its time, every export that held
// them), and nothing of another voter's; no session, no record.
#include <boost/test/unit_test.hpp>
#include <ctime>
#include <nlohmann/json.hpp>

#include "collector_fixture.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/receipt.hpp"
#include "evote/protocol/utc_time.hpp"
#include "storage/ballot_access.hpp"

using namespace evote;
using namespace evote::testing;
using Json = nlohmann::json;

namespace {

const std::string kJuri = "49002124277";  // d2
const std::string kMari = "38001085718";  // d1
const std::string kVoters =
    "add\t49002124277\tJüri Tamm\td2\nadd\t38001085718\tMari-Liis Männik\td1\n";

protocol::Receipt cast_accepted(const Setup& s, const std::string& session,
                                const TestCertificate& signing, const std::string& code,
                                const std::string& district) {
  const CastBallot cast = cast_blank_ballot(s, session, signing, code, district);
  BOOST_REQUIRE_MESSAGE(cast.reply.status == 200u, cast.reply.body);
  return protocol::decode_receipt(crypto::as_bytes(cast.reply.body));
}

Json record_of(const Setup& s, const std::string& session) {
  const HttpsReply r = get_as(s, "/v1/me/record", session);
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
  return Json::parse(r.body);
}

std::string id_text(const protocol::Receipt& receipt) {
  return protocol::base64url_encode(receipt.vote_id);
}

std::int64_t time_of(const Json& item) {
  return protocol::parse_utc(item.at("time").get<std::string>(), "time", "record");
}

void verify_ok(const Setup& s, const protocol::Receipt& receipt) {
  const HttpsReply r = get_as(s, "/v1/ballots/" + id_text(receipt));
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(collector_voter_record)

BOOST_AUTO_TEST_CASE(the_record_shows_each_ballot_and_each_access_and_nothing_of_others) {
  CollectorWithOcsp c(voting_open_now);
  const Setup& s = c.s;
  apply_test_voters(s, kVoters);
  open_voting(s);
  const std::string juri = log_in_as(s, kJuri);
  const std::string mari = log_in_as(s, kMari);
  const TestCertificate juris = good_signing_certificate(s, c.ocsp, kJuri);
  const TestCertificate maris_certificate = good_signing_certificate(s, c.ocsp, kMari);

  // Before any ballot: the eligibility entry, nothing else.
  const Json empty = record_of(s, juri);
  BOOST_TEST(empty.at("eligibility") == Json::parse(R"({"eligible": true, "name": "Jüri Tamm",
      "district": "d2", "added_by": 1, "voter_list_version": 1})"));
  BOOST_TEST(empty.at("ballots") == Json::array());
  BOOST_TEST(empty.at("accesses") == Json::array());

  const protocol::Receipt first = cast_accepted(s, juri, juris, kJuri, "d2");
  const protocol::Receipt second = cast_accepted(s, juri, juris, kJuri, "d2");
  const protocol::Receipt maris = cast_accepted(s, mari, maris_certificate, kMari, "d1");
  BOOST_REQUIRE(first.sequence == 1u && second.sequence == 2u && maris.sequence == 3u);

  const std::int64_t before = std::time(nullptr);
  verify_ok(s, first);
  verify_ok(s, second);
  verify_ok(s, second);
  const std::int64_t after = std::time(nullptr);
  // Two exports, as the admin export records them when done: the first held
  // sequences 1-2 (Jüri's only), the second 1-3.
  {
    collector::pg::Connection db(s.db.connection_string());
    BOOST_TEST(collector::record_export(db, after + 5, 2) == 1u);
    BOOST_TEST(collector::record_export(db, after + 6, 3) == 2u);
  }

  const Json record = record_of(s, juri);
  BOOST_TEST(record.at("eligibility").at("district") == "d2");
  const Json& ballots = record.at("ballots");
  BOOST_REQUIRE_EQUAL(ballots.size(), 2u);
  int k = 0;
  for (const protocol::Receipt* receipt : {&first, &second}) {
    const Json& b = ballots[k++];
    BOOST_TEST(b.at("sequence") == receipt->sequence);
    BOOST_TEST(b.at("vote_id") == id_text(*receipt));
    BOOST_TEST(time_of(b) == receipt->time);
    BOOST_TEST(b.at("counts_now") == (receipt == &second), "only the last ballot counts");
  }

  const Json& accesses = record.at("accesses");
  BOOST_REQUIRE_EQUAL(accesses.size(), 5u);
  int v = 0;
  for (const protocol::Receipt* receipt : {&first, &second, &second}) {
    const Json& a = accesses[v++];
    BOOST_TEST(a.at("kind") == "verification");
    BOOST_TEST(a.at("sequence") == receipt->sequence);
    BOOST_TEST(a.at("vote_id") == id_text(*receipt));
    BOOST_TEST(time_of(a) >= before);
    BOOST_TEST(time_of(a) <= after);
  }
  for (std::uint64_t e = 1; e <= 2; ++e) {
    const Json& a = accesses[2 + e];
    BOOST_TEST(a.at("kind") == "export");
    BOOST_TEST(a.at("export_id") == e);
    BOOST_TEST(a.at("requested_by") == "organizer");
    BOOST_TEST(time_of(a) == after + 4 + static_cast<std::int64_t>(e));
    BOOST_TEST(a.at("sequences") == Json::parse("[1, 2]"));
  }

  // Mari sees her ballot and only the export that held it; nothing of Jüri's.
  const HttpsReply other = get_as(s, "/v1/me/record", mari);
  BOOST_REQUIRE_EQUAL(other.status, 200u);
  const Json hers = Json::parse(other.body);
  BOOST_TEST(hers.at("eligibility").at("name") == "Mari-Liis Männik");
  BOOST_REQUIRE_EQUAL(hers.at("ballots").size(), 1u);
  BOOST_TEST(hers.at("ballots")[0].at("sequence") == 3);
  BOOST_TEST(hers.at("ballots")[0].at("counts_now") == true);
  BOOST_REQUIRE_EQUAL(hers.at("accesses").size(), 1u);
  BOOST_TEST(hers.at("accesses")[0].at("kind") == "export");
  BOOST_TEST(hers.at("accesses")[0].at("export_id") == 2);
  BOOST_TEST(hers.at("accesses")[0].at("sequences") == Json::parse("[3]"));
  for (const protocol::Receipt* receipt : {&first, &second})
    BOOST_TEST(other.body.find(id_text(*receipt)) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_voter_taken_off_the_list_still_sees_their_ballots_none_counting) {
  CollectorWithOcsp c(voting_open_now);
  const Setup& s = c.s;
  const collector::VoterListState list = apply_test_voters(s, kVoters);
  open_voting(s);
  const std::string mari = log_in_as(s, kMari);
  const protocol::Receipt receipt =
      cast_accepted(s, mari, good_signing_certificate(s, c.ocsp, kMari), kMari, "d1");
  apply_test_voters(s, "remove\t38001085718\n", 2, list.head);

  const Json record = record_of(s, mari);
  BOOST_TEST(record.at("eligibility") == Json::parse(R"({"eligible": false, "name": null,
      "district": null, "added_by": null, "voter_list_version": 2})"));
  BOOST_REQUIRE_EQUAL(record.at("ballots").size(), 1u);
  BOOST_TEST(record.at("ballots")[0].at("vote_id") == id_text(receipt));
  BOOST_TEST(record.at("ballots")[0].at("counts_now") == false);
}

BOOST_AUTO_TEST_CASE(no_session_no_record) {
  PostgresCluster db;
  const Setup s(db, voting_open_now);
  RunningCollector server(s);
  apply_test_voters(s, kVoters);
  const std::string juri = log_in_as(s, kJuri);

  for (const std::string& session :
       {std::string(), std::string("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        std::string("not a session")}) {
    const HttpsReply r = get_as(s, "/v1/me/record", session);
    BOOST_TEST(r.status == 401u, "'" << session << "'");
    BOOST_TEST(error_code_of(r) == "no_session", r.body);
  }
  collector::pg::Connection sql(s.db.connection_string());
  sql.exec("UPDATE sessions SET expires = 1");  // test data: the session ran out
  const HttpsReply expired = get_as(s, "/v1/me/record", juri);
  BOOST_TEST(expired.status == 401u);
  BOOST_TEST(error_code_of(expired) == "session_expired", expired.body);
}

BOOST_AUTO_TEST_SUITE_END()
