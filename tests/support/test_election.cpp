#include "support/test_election.hpp"

#include <map>
#include <mutex>

#include "evote/crypto/groups.hpp"
#include "evote/crypto/sealed_box.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/signed_document.hpp"

namespace evote::testing {

namespace {

using protocol::Choice;
using protocol::Contest;
using protocol::ContestType;

std::vector<Choice> choices(std::string district, std::initializer_list<std::uint64_t> codes) {
  std::vector<Choice> out;
  for (std::uint64_t code : codes) {
    out.push_back({code, district, {{"et", "Valik " + std::to_string(code)}}, {}});
  }
  return out;
}

std::vector<Contest> test_contests() {
  Contest mayor{
      "mayor", ContestType::single_choice, 1, {{"et", "Linnapea"}}, choices("d1", {101, 102, 103})};
  // d1's mayoral candidates carry names and parties, as a voter sees them
  // (the voter app's search and screenshots); 103 stands without a party.
  mayor.choices[0].names = {{"et", "Mari Maasikas"}};
  mayor.choices[0].party = {{"et", "Rohelised"}, {"en", "Greens"}, {"ru", "Зелёные"}};
  mayor.choices[1].names = {{"et", "Jaan Tamm"}};
  mayor.choices[1].party = {{"et", "Keskerakond"}, {"en", "Centre Party"}, {"ru", "Центристская партия"}};
  mayor.choices[2].names = {{"et", "Kati Karu"}};
  for (auto& c : choices("d2", {201, 202})) mayor.choices.push_back(c);
  Contest council{
      "council", ContestType::approval, 2, {{"et", "Volikogu"}}, choices("d1", {11, 12, 13, 14})};
  Contest ranking{
      "ranking", ContestType::ranked, 3, {{"et", "Pingerida"}}, choices("d1", {21, 22, 23, 24})};
  for (auto& c : choices("d2", {31, 32, 33})) ranking.choices.push_back(c);
  return {mayor, council, ranking};
}

protocol::ElectionConfig test_config(const TestElection& e, std::string_view group) {
  protocol::ElectionConfig c;
  c.election_id = "TEST_2027";
  c.names = {{"et", "Testvalimised 2027"}, {"en", "Test election 2027"}};
  c.voting_start = 1803452400;  // 2027-02-24T07:00:00Z
  c.voting_end = c.voting_start + 6 * 86400;
  c.group = std::string(group);
  c.districts = {{"d1", {{"et", "Esimene ringkond"}}}, {"d2", {{"et", "Teine ringkond"}}}};
  c.contests = test_contests();
  c.voter_ca_certificates = e.voter_pki.trusted();
  const TestCertificate tls = make_self_signed(TestKey::generate(KeyType::ec_p256), CertOptions{});
  c.collector = protocol::CollectorKeys{tls.der(), e.collector_key.public_key()};
  c.threshold = 1;
  c.trustees = {{1, "Trustee 1", crypto::Ed25519SigningKey::generate().public_key(),
                 crypto::X25519KeyPair::generate().public_key()}};
  c.election_public_key = e.election_key.public_key.encode();
  c.organizer_key = e.organizer_key.public_key();
  return c;
}

}  // namespace

TestElection make_test_election(std::string_view group) {
  TestElection e{{},
                 crypto::generate_keypair(crypto::group_by_name(group)),
                 crypto::Ed25519SigningKey::generate(),
                 crypto::Ed25519SigningKey::generate(),
                 TestPki::create("Test voters"),
                 nullptr,
                 {},
                 {}};
  e.config = test_config(e, group);
  protocol::validate(e.config);
  e.cas = std::make_shared<const crypto::TrustedCas>(e.config.voter_ca_certificates);
  protocol::Json document = protocol::to_json(e.config);
  protocol::sign_document(document, e.organizer_key);
  e.signed_config_bytes = protocol::canonical_bytes(document);
  e.config_hash = protocol::config_hash(e.signed_config_bytes);
  return e;
}

const TestElection& test_election(std::string_view group) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<TestElection>, std::less<>> elections;
  const std::lock_guard lock(mutex);
  auto it = elections.find(group);
  if (it == elections.end()) {
    it = elections
             .emplace(std::string(group), std::make_unique<TestElection>(make_test_election(group)))
             .first;
  }
  return *it->second;
}

TestCertificate TestElection::issue_voter_certificate(const std::string& voter_id,
                                                      KeyType type) const {
  return voter_pki.issue_leaf(
      type, leaf_options("PNOEE-" + voter_id, "TEST,VOTER," + voter_id, ku_non_repudiation));
}

protocol::SignedBallot TestElection::sign_like_card(const TestCertificate& card,
                                                    const protocol::Ballot& ballot) const {
  crypto::Bytes bytes = protocol::encode_ballot(ballot);
  crypto::Bytes signature = card.sign_like_card(bytes);
  return protocol::make_signed_ballot(std::move(bytes), std::move(signature), card.der(),
                                      voter_pki.intermediates());
}

}  // namespace evote::testing
