// The admin API of the real evote-collector (real PostgreSQL, real TLS;
// specs/collector-admin.md, collector-api.md §3): only the organizer's
// fresh, signed, never-replayed requests are carried out; the voter list,
// paper votes and config load by their rules; voting is possible only
// between open and close; the export streams every ballot with its OCSP
// response, reads back as a valid ballot box and is recorded; votes-order
// pages are signed by the collector.
#include <boost/test/unit_test.hpp>
#include <ctime>
#include <nlohmann/json.hpp>
#include <sstream>

#include "collector_fixture.hpp"
#include "evote/crypto/random.hpp"
#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/paper_votes.hpp"
#include "evote/protocol/receipt.hpp"
#include "storage/ballot_access.hpp"
#include "support/ocsp_responder.hpp"

using namespace evote;
using namespace evote::testing;
using Json = nlohmann::json;
using protocol::AdminCommand;

namespace {

const std::string kVoters =
    "add\t49002124277\tJüri Tamm\td2\nadd\t38001085718\tMari-Liis Männik\td1\n";

std::string code_of(const HttpsReply& r) {
  try {
    return Json::parse(r.body).at("error").get<std::string>();
  } catch (const std::exception&) {
    return "(no error code: " + std::to_string(r.status) + " " + r.body + ")";
  }
}

std::string message_of(const HttpsReply& r) {
  try {
    return Json::parse(r.body).at("message").get<std::string>();
  } catch (const std::exception&) {
    return r.body;
  }
}

crypto::Bytes bytes_of(const std::string& text) { return crypto::Bytes(text.begin(), text.end()); }

// A signed voter list change set (sequence, previous) of these lines.
crypto::Bytes change_set(const Setup& s, const std::string& tsv, std::uint64_t sequence = 1,
                         const protocol::ChangeSetHash& previous = protocol::kNoPreviousChangeSet) {
  return bytes_of(protocol::canonical_string(signed_test_voters(s, tsv, sequence, previous)));
}

// A ballot of `code` signed with a fresh signing certificate that the OCSP
// responder knows as good.
HttpsReply cast(const Setup& s, OcspResponder& responder, const std::string& session,
                const std::string& code, const std::string& district) {
  const TestCertificate signing = s.election.issue_voter_certificate(code);
  responder.add_good(signing);
  const protocol::Ballot ballot = protocol::make_ballot(s.config, code, district, {}).ballot;
  const crypto::Bytes bytes =
      protocol::encode_signed_ballot(s.election.sign_like_card(signing, ballot));
  return https_request(s.client(), "POST", "/v1/ballots", std::string(bytes.begin(), bytes.end()),
                       {{"Authorization", "Bearer " + session}});
}

// A collector with an OCSP responder for the test election's voter PKI.
struct Collector {
  PostgresCluster& db;
  OcspResponder responder{test_election().voter_pki};
  Setup s;
  std::unique_ptr<RunningCollector> server;
  explicit Collector(PostgresCluster& cluster)
      : db(cluster), s(cluster, [](protocol::ElectionConfig& config) {
          voting_open_now(config);
          config.revotes_per_minute = 10;
        }) {
    s.write_settings(ocsp_url_setting(responder.url()));
    server = std::make_unique<RunningCollector>(s);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(admin_api)

BOOST_AUTO_TEST_CASE(unsigned_foreign_stale_replayed_and_other_election_requests_are_refused) {
  PostgresCluster db;
  Collector c(db);
  const Setup& s = c.s;
  const HttpsReply status = send_admin(s, AdminCommand::status);
  BOOST_REQUIRE_MESSAGE(status.status == 200u, status.body);
  BOOST_TEST(Json::parse(status.body).at("state") == "loaded");

  // Unsigned.
  protocol::AdminRequest request =
      protocol::new_admin_request(s.config.election_id, AdminCommand::status, std::time(nullptr));
  const std::string unsigned_body = protocol::canonical_string(protocol::to_json(request));
  HttpsReply r = https_request(s.admin_client(), "POST", "/v1/admin", unsigned_body);
  BOOST_TEST(r.status == 401u);
  BOOST_TEST(code_of(r) == "auth_failed");
  BOOST_TEST(message_of(r) == "the request is not signed");

  // Signed by another key (the collector's own, say).
  r = send_admin(s, AdminCommand::open, std::nullopt, std::nullopt, &s.election.collector_key);
  BOOST_TEST(r.status == 401u);
  BOOST_TEST(code_of(r) == "auth_failed");

  // Stale (ten minutes old) and from the future.
  for (const std::int64_t skew : {-600, 600}) {
    protocol::AdminRequest old = protocol::new_admin_request(
        s.config.election_id, AdminCommand::status, std::time(nullptr) + skew);
    protocol::sign_admin_request(old, s.election.organizer_key);
    r = https_request(s.admin_client(), "POST", "/v1/admin",
                      protocol::canonical_string(protocol::to_json(old)));
    BOOST_TEST(r.status == 401u);
    BOOST_TEST(code_of(r) == "auth_failed");
  }

  // Another election.
  protocol::AdminRequest other =
      protocol::new_admin_request("OTHER_2027", AdminCommand::status, std::time(nullptr));
  protocol::sign_admin_request(other, s.election.organizer_key);
  r = https_request(s.admin_client(), "POST", "/v1/admin",
                    protocol::canonical_string(protocol::to_json(other)));
  BOOST_TEST(r.status == 401u);
  BOOST_TEST(code_of(r) == "auth_failed");

  // Replayed: the same bytes twice.
  protocol::AdminRequest once =
      protocol::new_admin_request(s.config.election_id, AdminCommand::status, std::time(nullptr));
  protocol::sign_admin_request(once, s.election.organizer_key);
  const std::string body = protocol::canonical_string(protocol::to_json(once));
  BOOST_TEST(https_request(s.admin_client(), "POST", "/v1/admin", body).status == 200u);
  r = https_request(s.admin_client(), "POST", "/v1/admin", body);
  BOOST_TEST(r.status == 401u);
  BOOST_TEST(message_of(r).find("replayed") != std::string::npos);

  // Malformed; and the admin API is not on the voter listener.
  r = https_request(s.admin_client(), "POST", "/v1/admin",
                    "{\"signature\":{},\"type\":\"admin-request\"}");
  BOOST_TEST(r.status == 400u);
  BOOST_TEST(code_of(r) == "bad_request");
  r = https_request(s.client(), "POST", "/v1/admin", body);
  BOOST_TEST(r.status == 404u);

  // None of the refused requests changed anything: still loaded, no list.
  const Json after = Json::parse(send_admin(s, AdminCommand::status).body);
  BOOST_TEST(after.at("state") == "loaded");
  BOOST_TEST(after.at("voter_list_version") == 0);
}

BOOST_AUTO_TEST_CASE(voter_lists_and_paper_votes_load_by_their_rules) {
  PostgresCluster db;
  Collector c(db);
  const Setup& s = c.s;
  HttpsReply r = send_admin(s, AdminCommand::load_voter_list, change_set(s, kVoters));
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
  BOOST_TEST(Json::parse(r.body) == Json({{"loaded", "voter-list"}, {"version", 1}}));

  // Out of sequence, then a wrong previous hash: refused, version stays 1.
  const protocol::ChangeSetHash first = protocol::change_set_hash(change_set(s, kVoters));
  r = send_admin(s, AdminCommand::load_voter_list,
                 change_set(s, "remove\t38001085718\n", 3, first));
  BOOST_TEST(r.status == 409u);
  BOOST_TEST(code_of(r) == "refused");
  BOOST_TEST(message_of(r).find("sequence") != std::string::npos, message_of(r));
  protocol::ChangeSetHash wrong = first;
  wrong[0] ^= 1;
  r = send_admin(s, AdminCommand::load_voter_list,
                 change_set(s, "remove\t38001085718\n", 2, wrong));
  BOOST_TEST(r.status == 409u);
  BOOST_TEST(message_of(r).find("previous") != std::string::npos, message_of(r));
  BOOST_TEST(Json::parse(send_admin(s, AdminCommand::status).body).at("voter_list_version") == 1);
  // Not canonical.
  r = send_admin(s, AdminCommand::load_voter_list, bytes_of("{ }"));
  BOOST_TEST(r.status == 409u);

  // Paper votes: the organizer's list loads; one signed by another key does not.
  protocol::PaperVotes paper;
  paper.election_id = s.config.election_id;
  paper.voters = {*protocol::PersonalCode::parse("38001085718")};
  protocol::sign(paper, s.election.organizer_key);
  r = send_admin(s, AdminCommand::load_paper_votes, bytes_of(protocol::canonical_string(paper)));
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
  BOOST_TEST(Json::parse(r.body) == Json({{"loaded", "paper-votes"}, {"count", 1}}));
  protocol::sign(paper, s.election.collector_key);
  r = send_admin(s, AdminCommand::load_paper_votes, bytes_of(protocol::canonical_string(paper)));
  BOOST_TEST(r.status == 409u);
  BOOST_TEST(code_of(r) == "refused");
}

BOOST_AUTO_TEST_CASE(a_new_config_loads_until_voting_opens_and_keeps_the_organizer_key) {
  PostgresCluster db;
  Collector c(db);
  const Setup& s = c.s;
  protocol::ElectionConfig changed = s.config;
  changed.names["en"] = "Renamed election";
  protocol::Json document = protocol::to_json(changed);
  protocol::sign_document(document, s.election.organizer_key);
  const std::string signed_changed = protocol::canonical_string(document);
  HttpsReply r = send_admin(s, AdminCommand::load_config, bytes_of(signed_changed));
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
  BOOST_TEST(Json::parse(r.body).at("config_hash") ==
             protocol::base64url_encode(protocol::config_hash(bytes_of(signed_changed))));
  BOOST_TEST(https_request(s.client(), "GET", "/v1/election").body == signed_changed);

  // Another organizer key (the config signed by it and naming it): refused.
  protocol::ElectionConfig hijacked = changed;
  hijacked.organizer_key = s.election.collector_key.public_key();
  document = protocol::to_json(hijacked);
  protocol::sign_document(document, s.election.collector_key);
  r = send_admin(s, AdminCommand::load_config, bytes_of(protocol::canonical_string(document)));
  BOOST_TEST(r.status == 409u);
  BOOST_TEST(message_of(r).find("organizer key") != std::string::npos, message_of(r));
  // A config naming another collector signing key: refused.
  protocol::ElectionConfig foreign = changed;
  foreign.collector->signing_key = s.election.organizer_key.public_key();
  document = protocol::to_json(foreign);
  protocol::sign_document(document, s.election.organizer_key);
  r = send_admin(s, AdminCommand::load_config, bytes_of(protocol::canonical_string(document)));
  BOOST_TEST(r.status == 409u);
  BOOST_TEST(message_of(r).find("signing_key") != std::string::npos, message_of(r));
  // Unsigned bytes of a config: refused.
  r = send_admin(s, AdminCommand::load_config,
                 bytes_of(protocol::canonical_string(protocol::to_json(changed))));
  BOOST_TEST(r.status == 409u);

  // Once voting opened, no config loads.
  BOOST_REQUIRE(send_admin(s, AdminCommand::load_voter_list, change_set(s, kVoters)).status ==
                200u);
  open_voting(s);
  r = send_admin(s, AdminCommand::load_config, bytes_of(s.signed_config));
  BOOST_TEST(r.status == 409u);
  BOOST_TEST(message_of(r).find("opened") != std::string::npos, message_of(r));
  BOOST_TEST(https_request(s.client(), "GET", "/v1/election").body == signed_changed);

  // A restarted collector serves the config loaded, not its folder's.
  c.server.reset();
  c.server = std::make_unique<RunningCollector>(s);
  BOOST_TEST(https_request(s.client(), "GET", "/v1/election").body == signed_changed);
  BOOST_TEST(Json::parse(send_admin(s, AdminCommand::status).body).at("state") == "open");
}

BOOST_AUTO_TEST_CASE(ballots_are_accepted_only_between_open_and_close) {
  PostgresCluster db;
  Collector c(db);
  const Setup& s = c.s;
  HttpsReply r = send_admin(s, AdminCommand::open);
  BOOST_TEST(r.status == 409u);
  BOOST_TEST(message_of(r).find("no voter list") != std::string::npos, message_of(r));
  r = send_admin(s, AdminCommand::close);
  BOOST_TEST(r.status == 409u);
  BOOST_REQUIRE(send_admin(s, AdminCommand::load_voter_list, change_set(s, kVoters)).status ==
                200u);

  const std::string session = log_in_as(s, "49002124277");
  r = cast(s, c.responder, session, "49002124277", "d2");
  BOOST_TEST(r.status == 403u);
  BOOST_TEST(code_of(r) == "election_not_open");

  r = send_admin(s, AdminCommand::open);
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
  BOOST_TEST(Json::parse(r.body).at("state") == "open");
  BOOST_TEST(send_admin(s, AdminCommand::open).status == 409u);
  r = cast(s, c.responder, session, "49002124277", "d2");
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);

  r = send_admin(s, AdminCommand::close);
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
  BOOST_TEST(Json::parse(r.body).at("state") == "closed");
  r = cast(s, c.responder, session, "49002124277", "d2");
  BOOST_TEST(r.status == 403u);
  BOOST_TEST(code_of(r) == "election_closed");
  r = send_admin(s, AdminCommand::open);
  BOOST_TEST(r.status == 409u);
  BOOST_TEST(message_of(r).find("cannot reopen") != std::string::npos, message_of(r));
  r = send_admin(
      s, AdminCommand::load_voter_list,
      change_set(s, "remove\t38001085718\n", 2, protocol::change_set_hash(change_set(s, kVoters))));
  BOOST_TEST(r.status == 409u);
  const Json status = Json::parse(send_admin(s, AdminCommand::status).body);
  BOOST_TEST(status.at("state") == "closed");
  BOOST_TEST(status.at("ballots") == 1);
}

BOOST_AUTO_TEST_CASE(the_export_holds_every_ballot_with_its_ocsp_response_and_is_recorded) {
  PostgresCluster db;
  Collector c(db);
  const Setup& s = c.s;
  BOOST_REQUIRE(send_admin(s, AdminCommand::load_voter_list, change_set(s, kVoters)).status ==
                200u);
  open_voting(s);
  std::vector<protocol::Receipt> receipts;
  const std::string juri = log_in_as(s, "49002124277");
  const std::string mari = log_in_as(s, "38001085718");
  for (int i = 0; i < 3; ++i) {
    for (const auto& [session, code, district] :
         {std::tuple{juri, std::string("49002124277"), std::string("d2")},
          std::tuple{mari, std::string("38001085718"), std::string("d1")}}) {
      if (i == 2 && code == "38001085718") continue;
      const HttpsReply r = cast(s, c.responder, session, code, district);
      BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
      receipts.push_back(protocol::decode_receipt(bytes_of(r.body)));
    }
    if (i == 0) std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  BOOST_REQUIRE_EQUAL(receipts.size(), 5u);

  const HttpsReply exported = send_admin(s, AdminCommand::export_ballots);
  BOOST_REQUIRE_MESSAGE(exported.status == 200u, exported.body);
  BOOST_TEST(exported.headers.at("content-type") == "application/x-ndjson");
  BOOST_TEST(exported.headers.at("transfer-encoding") == "chunked");
  TempFolder folder;
  write_text(folder / "box.jsonl", exported.body);
  protocol::BallotBoxReader reader(folder / "box.jsonl", s.config,
                                   protocol::config_hash(bytes_of(s.signed_config)));
  std::vector<protocol::LoggedBallot> entries;
  while (auto entry = reader.next()) entries.push_back(std::move(*entry));
  BOOST_REQUIRE_EQUAL(entries.size(), receipts.size());
  for (std::size_t i = 0; i < receipts.size(); ++i) {
    BOOST_TEST(entries[i].entry.vote_id == receipts[i].vote_id);
    BOOST_TEST(entries[i].entry.sequence == receipts[i].sequence);
    BOOST_TEST(entries[i].log_head == receipts[i].log_head);
    BOOST_TEST(!entries[i].entry.ocsp_response.empty());
  }
  BOOST_TEST(reader.trailer().count == 5u);

  // Each voter's record shows the export holding their ballots.
  collector::pg::Connection connection(db.connection_string());
  const collector::VoterRecord record = collector::voter_record(connection, "38001085718");
  BOOST_REQUIRE_EQUAL(record.exports.size(), 1u);
  BOOST_TEST(record.exports[0].sequences.size() == 2u);

  // votes-order: every e-vote in order, paged by `after`, signed by the collector.
  HttpsReply r = send_admin(s, AdminCommand::votes_order, std::nullopt, 0);
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
  protocol::VotesOrder page = protocol::decode_votes_order(bytes_of(r.body));
  BOOST_TEST(protocol::verify_votes_order(page, s.config.election_id,
                                          s.election.collector_key.public_key())
                 .ok);
  BOOST_REQUIRE_EQUAL(page.entries.size(), 5u);
  BOOST_TEST(page.entries[1].voter_id == "38001085718");
  BOOST_TEST(page.last == 5u);
  r = send_admin(s, AdminCommand::votes_order, std::nullopt, 3);
  page = protocol::decode_votes_order(bytes_of(r.body));
  BOOST_REQUIRE_EQUAL(page.entries.size(), 2u);
  BOOST_TEST(page.entries[0].sequence == 4u);
  r = send_admin(s, AdminCommand::votes_order, std::nullopt, 5);
  page = protocol::decode_votes_order(bytes_of(r.body));
  BOOST_TEST(page.entries.empty());
  BOOST_TEST(page.last == 5u);
}

// The export's signed trailer carries the voter list history: both change
// sets loaded, with their hashes and when each came into force (as stored),
// the second after the ballot logged before it; each ballot's time falls in
// the version it was checked against, and its receipt has that time.
BOOST_AUTO_TEST_CASE(the_export_carries_the_voter_list_history) {
  PostgresCluster db;
  Collector c(db);
  const Setup& s = c.s;
  const crypto::Bytes first = change_set(s, kVoters);
  const std::int64_t before_first = std::time(nullptr);
  BOOST_REQUIRE(send_admin(s, AdminCommand::load_voter_list, first).status == 200u);
  const std::int64_t after_first = std::time(nullptr);
  open_voting(s);
  HttpsReply r = cast(s, c.responder, log_in_as(s, "49002124277"), "49002124277", "d2");
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
  const protocol::Receipt juri = protocol::decode_receipt(bytes_of(r.body));

  const crypto::Bytes second =
      change_set(s, "add\t50001010006\tOleg Ivanov\td1\n", 2, protocol::change_set_hash(first));
  const std::int64_t before_second = std::time(nullptr);
  r = send_admin(s, AdminCommand::load_voter_list, second);
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
  const std::int64_t after_second = std::time(nullptr);
  r = cast(s, c.responder, log_in_as(s, "50001010006"), "50001010006", "d1");
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
  const protocol::Receipt oleg = protocol::decode_receipt(bytes_of(r.body));

  const HttpsReply exported = send_admin(s, AdminCommand::export_ballots);
  BOOST_REQUIRE_MESSAGE(exported.status == 200u, exported.body);
  TempFolder folder;
  write_text(folder / "box.jsonl", exported.body);
  protocol::BallotBoxReader reader(folder / "box.jsonl", s.config,
                                   protocol::config_hash(bytes_of(s.signed_config)));
  std::vector<protocol::LoggedBallot> entries;
  while (auto entry = reader.next()) entries.push_back(std::move(*entry));
  BOOST_REQUIRE_EQUAL(entries.size(), 2u);

  const std::vector<protocol::VoterListVersion>& lists = reader.trailer().voter_lists;
  BOOST_REQUIRE_EQUAL(lists.size(), 2u);
  const auto hash_of = [](const crypto::Bytes& bytes) {
    const protocol::ChangeSetHash h = protocol::change_set_hash(bytes);
    return crypto::Bytes(h.begin(), h.end());
  };
  BOOST_TEST(lists[0].sequence == 1u);
  BOOST_TEST(lists[0].change_set_hash == hash_of(first));
  BOOST_TEST(lists[0].applied >= before_first);
  BOOST_TEST(lists[0].applied <= after_first);
  BOOST_TEST(lists[1].sequence == 2u);
  BOOST_TEST(lists[1].change_set_hash == hash_of(second));
  BOOST_TEST(lists[1].applied >= before_second);
  BOOST_TEST(lists[1].applied > juri.time);  // in force only after the ballot logged before it
  BOOST_TEST(lists[1].applied <= std::max(after_second, juri.time + 1));
  collector::pg::Connection connection(db.connection_string());
  const collector::pg::Result stored =
      connection.exec("SELECT sequence, applied FROM voter_list_changes ORDER BY sequence");
  BOOST_REQUIRE_EQUAL(stored.rows(), 2);
  BOOST_TEST(stored.integer(0, 1) == lists[0].applied);
  BOOST_TEST(stored.integer(1, 1) == lists[1].applied);

  BOOST_TEST(entries[0].entry.time == juri.time);
  BOOST_TEST(entries[1].entry.time == oleg.time);
  BOOST_TEST(protocol::voter_list_version_at(lists, juri.time) == 1u);
  BOOST_TEST(protocol::voter_list_version_at(lists, oleg.time) == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
