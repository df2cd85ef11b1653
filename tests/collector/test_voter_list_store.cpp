// The collector's voter list, nonces and sessions in a real PostgreSQL:
// change sets are applied by the chaining rules with exactly the refusals
// (and messages) of protocol::VoterRegistry, nothing changes on a refusal,
// a move takes effect; nonces are single use and expire; only a session
// token that was created finds its session.
#include <boost/test/unit_test.hpp>
#include <ctime>
#include <memory>
#include <sstream>
#include <thread>

#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/voter_registry.hpp"
#include "storage/auth_store.hpp"
#include "storage/migrations.hpp"
#include "storage/voter_list.hpp"
#include "support/postgres_cluster.hpp"
#include "support/test_election.hpp"

using namespace evote;
using namespace evote::collector;
using namespace evote::testing;

namespace {

PostgresCluster& cluster() {
  static PostgresCluster server;
  return server;
}

pg::Connection& database() {
  static const std::unique_ptr<pg::Connection> connection = [] {
    auto c = std::make_unique<pg::Connection>(cluster().connection_string());
    migrate(*c);
    return c;
  }();
  return *connection;
}

protocol::VoterListChanges change_set(
    std::uint64_t sequence, const protocol::ChangeSetHash& previous, const std::string& tsv,
    const crypto::Ed25519SigningKey& key = test_election().organizer_key) {
  protocol::VoterListChanges doc;
  doc.election_id = test_election().config.election_id;
  doc.sequence = sequence;
  doc.previous = previous;
  std::istringstream in(tsv);
  doc.changes = protocol::import_voter_tsv(in, "voters.tsv", test_election().config);
  protocol::sign(doc, key);
  return doc;
}

// The message the registry gives, and the one the database apply gives.
std::string registry_refusal(protocol::VoterRegistry registry,
                             const protocol::VoterListChanges& doc) {
  try {
    registry.apply(doc);
  } catch (const protocol::FormatError& e) {
    return e.what();
  }
  return "(accepted)";
}
std::string store_refusal(const protocol::VoterListChanges& doc) {
  try {
    apply_voter_list(database(), test_election().config, doc, std::time(nullptr));
  } catch (const protocol::FormatError& e) {
    return e.what();
  }
  return "(accepted)";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(collector_voter_list_store)

BOOST_AUTO_TEST_CASE(change_sets_chain_and_are_refused_as_the_registry_refuses_them) {
  const protocol::ElectionConfig& config = test_election().config;
  protocol::VoterRegistry registry(config);
  BOOST_TEST(voter_list_state(database()).version == 0u);

  const auto first =
      change_set(1, protocol::kNoPreviousChangeSet,
                 "add\t38001085718\tMari-Liis Männik\td1\nadd\t49002124277\tJüri Tamm\td2\n");
  const VoterListState one = apply_voter_list(database(), config, first, 1000);
  registry.apply(first);
  BOOST_TEST(one.version == 1u);
  BOOST_TEST((one.head == registry.head()));
  BOOST_TEST((voter_list_state(database()).head == registry.head()));
  const auto mari = find_voter(database(), "38001085718");
  BOOST_TEST_REQUIRE(mari.has_value());
  BOOST_TEST(mari->name == "Mari-Liis Männik");
  BOOST_TEST(mari->district == "d1");
  BOOST_TEST(mari->added_by == 1u);
  BOOST_TEST(!find_voter(database(), "50001010006").has_value());

  // Every refusal: the registry's message exactly, and nothing changes.
  std::vector<protocol::VoterListChanges> bad;
  bad.push_back(first);  // sequence 1 again
  bad.push_back(change_set(3, registry.head(), "add\t50001010006\tOleg Ivanov\td1\n"));  // skips 2
  protocol::ChangeSetHash wrong_previous{};
  wrong_previous.fill(7);
  bad.push_back(
      change_set(2, wrong_previous, "add\t50001010006\tOleg Ivanov\td1\n"));  // not the head
  bad.push_back(change_set(2, registry.head(), "add\t50001010006\tOleg Ivanov\td1\n",
                           crypto::Ed25519SigningKey::generate()));  // not the organizer
  bad.push_back(change_set(2, registry.head(),
                           "add\t38001085718\tMari-Liis Männik\td2\n"));   // already listed
  bad.push_back(change_set(2, registry.head(), "remove\t50001010006\n"));  // not listed
  protocol::VoterListChanges other_election =
      change_set(2, registry.head(), "add\t50001010006\tOleg Ivanov\td1\n");
  other_election.election_id = "OTHER_2027";
  protocol::sign(other_election, test_election().organizer_key);
  bad.push_back(other_election);
  protocol::VoterListChanges unknown_district;
  unknown_district.election_id = config.election_id;
  unknown_district.sequence = 2;
  unknown_district.previous = registry.head();
  unknown_district.changes.add(*protocol::PersonalCode::parse("50001010006"), "Oleg Ivanov", "d9");
  protocol::sign(unknown_district, test_election().organizer_key);
  bad.push_back(unknown_district);
  protocol::VoterListChanges unsigned_set =
      change_set(2, registry.head(), "add\t50001010006\tOleg Ivanov\td1\n");
  unsigned_set.signature.reset();
  bad.push_back(unsigned_set);
  for (const protocol::VoterListChanges& doc : bad) {
    const std::string expected = registry_refusal(registry, doc);
    BOOST_TEST(expected != "(accepted)");
    BOOST_TEST(store_refusal(doc) == expected);
    BOOST_TEST(voter_list_state(database()).version == 1u);
  }
  BOOST_TEST(!find_voter(database(), "50001010006").has_value());

  // A move (remove, then add elsewhere) and a removal.
  const auto second = change_set(2, registry.head(),
                                 "remove\t38001085718\nadd\t38001085718\tMari-Liis Männik\td2\n"
                                 "remove\t49002124277\nadd\t50001010006\tOleg Ivanov\td1\n");
  registry.apply(second);
  const VoterListState two = apply_voter_list(database(), config, second, 2000);
  BOOST_TEST(two.version == 2u);
  BOOST_TEST((two.head == registry.head()));
  BOOST_TEST(find_voter(database(), "38001085718")->district == "d2");
  BOOST_TEST(find_voter(database(), "38001085718")->added_by == 2u);
  BOOST_TEST(!find_voter(database(), "49002124277").has_value());
  BOOST_TEST(find_voter(database(), "50001010006")->name == "Oleg Ivanov");
}

// A list larger than one batch of rows, names with quotes and backslashes,
// and moves and removals spread over it (its own database).
BOOST_AUTO_TEST_CASE(a_large_list_is_written_in_batches_with_every_name_intact) {
  PostgresCluster own;
  pg::Connection c(own.connection_string());
  migrate(c);
  const protocol::ElectionConfig& config = test_election().config;
  const auto code = [](std::size_t i) {
    return *protocol::PersonalCode::parse(std::to_string(30000000000ULL + i));
  };
  const auto name = [](std::size_t i) { return "Voter \"" + std::to_string(i) + "\" \\ {x}, 'ü'"; };
  constexpr std::size_t kVoters = 12'345;
  protocol::VoterListChanges first;
  first.election_id = config.election_id;
  for (std::size_t i = 0; i < kVoters; ++i)
    first.changes.add(code(i), name(i), i % 2 ? "d2" : "d1");
  protocol::sign(first, test_election().organizer_key);
  const VoterListState one = apply_voter_list(c, config, first, 1000);
  BOOST_TEST(c.exec("SELECT count(*) FROM voters").integer(0, 0) ==
             static_cast<std::int64_t>(kVoters));
  for (const std::size_t i : {std::size_t{0}, std::size_t{4999}, std::size_t{5000}, kVoters - 1}) {
    const auto v = find_voter(c, code(i).str());
    BOOST_TEST_REQUIRE(v.has_value());
    BOOST_TEST(v->name == name(i));
    BOOST_TEST(v->district == (i % 2 ? "d2" : "d1"));
  }
  // Every 3rd voter moves to d2 (remove + add), every 7th leaves.
  protocol::VoterListChanges second;
  second.election_id = config.election_id;
  second.sequence = 2;
  second.previous = one.head;
  for (std::size_t i = 0; i < kVoters; i += 3) {
    second.changes.remove(code(i));
    second.changes.add(code(i), "Moved " + std::to_string(i), "d2");
  }
  for (std::size_t i = 1; i < kVoters; i += 3)
    if (i % 7 == 0) second.changes.remove(code(i));
  protocol::sign(second, test_election().organizer_key);
  const VoterListState two = apply_voter_list(c, config, second, 2000);
  BOOST_TEST(find_voter(c, code(3).str())->name == "Moved 3");
  BOOST_TEST(find_voter(c, code(3).str())->added_by == 2u);
  BOOST_TEST(find_voter(c, code(3).str())->district == "d2");
  BOOST_TEST(!find_voter(c, code(7).str()).has_value());
  BOOST_TEST(find_voter(c, code(2).str())->name == name(2));
  std::size_t left = 0;
  for (std::size_t i = 1; i < kVoters; i += 3) left += i % 7 == 0;
  BOOST_TEST(c.exec("SELECT count(*) FROM voters").integer(0, 0) ==
             static_cast<std::int64_t>(kVoters - left));

  // Two collectors apply two different change sets 3 at once: the state row
  // lock lets one in; the other is refused as the registry would refuse it.
  std::vector<protocol::VoterListChanges> rivals(2);
  for (std::size_t k = 0; k < 2; ++k) {
    rivals[k].election_id = config.election_id;
    rivals[k].sequence = 3;
    rivals[k].previous = two.head;
    rivals[k].changes.add(code(kVoters + k), "Rival " + std::to_string(k), "d1");
    protocol::sign(rivals[k], test_election().organizer_key);
  }
  std::vector<std::string> outcome(2);
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < 2; ++k)
    threads.emplace_back([&, k] {
      pg::Connection own_connection(own.connection_string());
      try {
        apply_voter_list(own_connection, config, rivals[k], 3000);
        outcome[k] = "applied";
      } catch (const protocol::FormatError& e) {
        outcome[k] = e.what();
      }
    });
  for (std::thread& t : threads) t.join();
  BOOST_TEST((outcome[0] == "applied") != (outcome[1] == "applied"),
             outcome[0] << " / " << outcome[1]);
  const std::string& refused = outcome[0] == "applied" ? outcome[1] : outcome[0];
  BOOST_TEST(refused ==
             "voter list change set 3: sequence: expected 4 (the voter list is at version 3)");
  BOOST_TEST(voter_list_state(c).version == 3u);
  BOOST_TEST(c.exec("SELECT count(*) FROM voters WHERE name LIKE 'Rival %'").integer(0, 0) == 1);
}

BOOST_AUTO_TEST_CASE(nonces_are_single_use_and_expire) {
  const std::int64_t now = 1'900'000'000;
  store_nonce(database(), "nonce-a", now + 300, now);
  store_nonce(database(), "nonce-old", now - 1, now - 10);
  BOOST_TEST((take_nonce(database(), "nonce-a", now) == NonceCheck::taken));
  BOOST_TEST((take_nonce(database(), "nonce-a", now) == NonceCheck::unknown));
  BOOST_TEST((take_nonce(database(), "nonce-old", now) == NonceCheck::expired));
  BOOST_TEST((take_nonce(database(), "nonce-old", now) == NonceCheck::unknown));
  BOOST_TEST((take_nonce(database(), "never-issued", now) == NonceCheck::unknown));
  // Issuing deletes nonces that expired before then.
  store_nonce(database(), "nonce-b", now - 5, now - 10);
  store_nonce(database(), "nonce-c", now + 300, now);
  BOOST_TEST((take_nonce(database(), "nonce-b", now) == NonceCheck::unknown));
}

BOOST_AUTO_TEST_CASE(only_a_created_session_token_finds_its_session) {
  const std::int64_t now = std::time(nullptr);
  const std::string token = create_session(database(), "38001085718", now + 1800, now);
  BOOST_TEST(token.size() == 43u);
  const auto session = find_session(database(), token);
  BOOST_TEST_REQUIRE(session.has_value());
  BOOST_TEST(session->voter_id == "38001085718");
  BOOST_TEST(session->expires == now + 1800);
  BOOST_TEST(!find_session(database(), std::string(43, 'A')).has_value());
  BOOST_TEST(!find_session(database(), token.substr(1)).has_value());
  BOOST_TEST(!find_session(database(), "not a token").has_value());
  // Only the SHA-256 of the token's bytes is stored.
  const pg::Result stored = database().exec("SELECT token_hash FROM sessions WHERE voter_id = $1",
                                            {pg::Param("38001085718")});
  BOOST_TEST_REQUIRE(stored.rows() == 1);
  BOOST_TEST(stored.bytes(0, 0).size() == 32u);
  BOOST_TEST((stored.bytes(0, 0) != protocol::base64url_decode(token)));
}

BOOST_AUTO_TEST_SUITE_END()
