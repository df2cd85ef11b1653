// The election config: round trip, canonical stability, and every rule.
#include <boost/test/unit_test.hpp>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/signed_document.hpp"
#include "support/test_pki.hpp"

using namespace evote;
using namespace evote::protocol;

namespace {

auto has(std::string text) {
  return [text](const std::exception& e) {
    const bool ok = std::string(e.what()).find(text) != std::string::npos;
    if (!ok) BOOST_TEST_MESSAGE("message was: " << e.what());
    return ok;
  };
}

ElectionConfig sample_config() {
  ElectionConfig c;
  c.election_id = "RK_2027";
  c.names = {{"et", "Riigikogu valimised 2027"}, {"en", "Riigikogu elections 2027"}};
  c.voting_start = 1803279600;  // 2027-02-22T07:00:00Z
  c.voting_end = c.voting_start + 6 * 86400;
  c.group = "ristretto255";
  c.districts = {{"1", {{"et", "Tallinna Haabersti, Põhja-Tallinna ja Kristiine"}}}, {"2", {{"et", "Tartu linn"}}}};
  Contest rk{"riigikogu", ContestType::single_choice, 1, {{"et", "Riigikogu"}}, {}};
  rk.choices = {{101, "1", {{"et", "Mari Maasikas"}}, {}}, {102, "1", {{"et", "Jaan Tamm"}}, {}}, {201, "2", {{"et", "Kati Karu"}}, {}}};
  Contest ref{"referendum", ContestType::approval, 2, {{"et", "Rahvahääletus"}}, {}};
  ref.choices = {{2, "1", {{"et", "Jah"}}, {}}, {3, "1", {{"et", "Ei"}}, {}}, {4, "2", {{"et", "Jah"}}, {}}};
  c.contests = {rk, ref};
  c.organizer_key = crypto::Ed25519SigningKey::generate().public_key();
  c.election_public_key = crypto::generate_keypair(crypto::ristretto255()).public_key.encode();
  return c;
}

ElectionConfig round_trip(const ElectionConfig& c) {
  return election_config_from_json(parse_canonical(canonical_bytes(to_json(c)), "config"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(election_config)

BOOST_AUTO_TEST_CASE(round_trip_is_exact_and_stable) {
  const ElectionConfig c = sample_config();
  const crypto::Bytes first = canonical_bytes(to_json(c));
  const ElectionConfig back = round_trip(c);
  BOOST_TEST((canonical_bytes(to_json(back)) == first));
  BOOST_TEST(back.contests.size() == 2u);
  BOOST_TEST(back.contests[1].max_selections == 2u);
  BOOST_TEST(back.choices_for(back.contests[0], "1").size() == 2u);
  BOOST_TEST(back.find_district("2")->names.at("et") == "Tartu linn");
  BOOST_TEST(!back.missing_for_voting().empty());  // no CAs, collector, trustees
}

BOOST_AUTO_TEST_CASE(signed_config_detects_every_changed_field) {
  const auto key = crypto::Ed25519SigningKey::generate();
  ElectionConfig c = sample_config();
  c.organizer_key = key.public_key();
  Json doc = to_json(c);
  sign_document(doc, key);
  BOOST_TEST(verify_document_signature(doc, key.public_key(), "config").ok);
  for (const char* field : {"election_id", "group"}) {
    Json changed = doc;
    changed[field] = changed[field].get<std::string>() + "x";
    BOOST_TEST_CONTEXT(field) { BOOST_TEST(!verify_document_signature(changed, key.public_key(), "config").ok); }
  }
  Json changed_code = doc;
  changed_code["contests"][0]["choices"][0]["code"] = 999;
  BOOST_TEST(!verify_document_signature(changed_code, key.public_key(), "config").ok);
}

BOOST_AUTO_TEST_CASE(bad_documents_name_the_field) {
  const Json good = to_json(sample_config());
  auto reject = [&](const std::function<void(Json&)>& change, const std::string& message) {
    Json doc = good;
    change(doc);
    BOOST_TEST_CONTEXT(message) { BOOST_CHECK_EXCEPTION(election_config_from_json(doc), FormatError, has(message)); }
  };
  reject([](Json& d) { d["version"] = 2; }, "version: unknown version 2");
  reject([](Json& d) { d["type"] = "ballot"; }, "type: expected \"election-config\"");
  reject([](Json& d) { d.erase("group"); }, "election config: group: missing");
  reject([](Json& d) { d["voting_period"]["start"] = 5; }, "voting_period.start: expected a string, found integer");
  reject([](Json& d) { d["contests"][0]["choices"][1]["code"] = 101; }, "contests[0].choices[1].code: duplicate choice code 101");
  reject([](Json& d) { d["contests"][0]["choices"][1]["code"] = 1; }, "contests[0].choices[1].code: choice codes start at 2");
  reject([](Json& d) { d["contests"][0]["choices"][0]["district"] = "9"; }, "contests[0].choices[0].district: unknown district \"9\"");
  reject([](Json& d) { d["contests"][1]["id"] = "riigikogu"; }, "contests[1].id: duplicate contest id");
  reject([](Json& d) { d["contests"][0]["type"] = "borda"; }, "contests[0].type: unknown contest type");
  reject([](Json& d) { d["contests"][0]["max_selections"] = 2; }, "single-choice contest has max_selections 1");
  reject([](Json& d) { d["districts"][1]["id"] = "1"; }, "districts[1].id: duplicate district id");
  reject([](Json& d) { d["group"] = "p256"; }, "group: unknown group");
  reject([](Json& d) { d["election_public_key"] = base64url_encode(crypto::Bytes(32, 0xff)); },
         "election_public_key: ristretto255 element: not a canonical");
  reject([](Json& d) { d["election_public_key"] = base64url_encode(crypto::Bytes(32, 0)); },
         "election_public_key: is the identity");
  reject([](Json& d) { d["voting_period"]["end"] = d["voting_period"]["start"]; }, "voting_period: end is not after start");
  reject([](Json& d) { d["names"].erase("et"); }, "names.et: missing");
  reject([](Json& d) { d["names"]["fi"] = "x"; }, "names.fi: unknown field");
  reject([](Json& d) { d["extra"] = 1; }, "extra: unknown field");
  reject([](Json& d) { d["election_id"] = "RK 2027"; }, "election_id: \"RK 2027\" is not an identifier");
  reject([](Json& d) { d["organizer_key"] = "AAAA"; }, "organizer_key: Ed25519 public key: wrong length");
  reject([](Json& d) { d["voter_ca_certificates"] = Json::array({"AAAA"}); }, "voter_ca_certificates: CA certificate #1");
  reject([](Json& d) { d["trustees"]["threshold"] = 1; }, "trustees.threshold: threshold set but no trustees");
}

BOOST_AUTO_TEST_CASE(a_choice_may_name_its_party) {
  ElectionConfig c = sample_config();
  c.contests[0].choices[0].party = {{"et", "Roheline Erakond"}, {"en", "Green Party"}};
  const Json doc = to_json(c);
  BOOST_TEST(doc["contests"][0]["choices"][0]["party"]["en"].get<std::string>() == "Green Party");
  BOOST_TEST(!doc["contests"][0]["choices"][1].contains("party"));  // none: no field
  const ElectionConfig back = round_trip(c);
  BOOST_TEST(back.contests[0].choices[0].party.at("et") == "Roheline Erakond");
  BOOST_TEST(back.contests[0].choices[1].party.empty());
  BOOST_TEST((canonical_bytes(to_json(back)) == canonical_bytes(doc)));

  auto reject = [&](const std::function<void(Json&)>& change, const std::string& message) {
    Json bad = doc;
    change(bad);
    BOOST_TEST_CONTEXT(message) { BOOST_CHECK_EXCEPTION(election_config_from_json(bad), FormatError, has(message)); }
  };
  reject([](Json& d) { d["contests"][0]["choices"][0]["party"] = Json::object(); },
         "contests[0].choices[0].party.et: missing (the Estonian name is required)");
  reject([](Json& d) { d["contests"][0]["choices"][0]["party"].erase("et"); },
         "contests[0].choices[0].party.et: missing");
  reject([](Json& d) { d["contests"][0]["choices"][0]["party"]["fi"] = "Vihreät"; },
         "contests[0].choices[0].party.fi: unknown field");
  reject([](Json& d) { d["contests"][0]["choices"][0]["party"] = "Greens"; },
         "contests[0].choices[0].party: expected an object");
}

BOOST_AUTO_TEST_CASE(trustees_and_cas) {
  ElectionConfig c = sample_config();
  for (std::uint32_t i = 1; i <= 3; ++i) {
    c.trustees.push_back({i, "trustee " + std::to_string(i), crypto::Ed25519SigningKey::generate().public_key(),
                          crypto::X25519KeyPair::generate().public_key()});
  }
  c.threshold = 2;
  const auto pki = evote::testing::TestPki::create("ESTEID2018", evote::testing::KeyType::ec_p384);
  c.voter_ca_certificates = {pki.root.der()};
  BOOST_CHECK_NO_THROW(round_trip(c));
  c.threshold = 4;
  BOOST_CHECK_EXCEPTION(round_trip(c), FormatError, has("threshold 4 not between 1 and 3"));
  c.threshold = 2;
  c.trustees[2].index = 1;
  BOOST_CHECK_EXCEPTION(round_trip(c), FormatError, has("trustees.members[2].index"));
}

// voter_certificate_policies: optional, absent when empty (so a config from
// before the member keeps its bytes and signature), else dotted OIDs, each
// once, in the order given.
BOOST_AUTO_TEST_CASE(voter_certificate_policies) {
  ElectionConfig c = sample_config();
  const Json without = to_json(c);
  BOOST_TEST(!without.contains("voter_certificate_policies"));
  BOOST_TEST(round_trip(c).voter_certificate_policies.empty());

  c.voter_certificate_policies = {"1.3.6.1.4.1.51361.1.2.1", "0.4.0.194112.1.2"};
  const Json with = to_json(c);
  BOOST_TEST(
      canonical_string(with).find(
          R"("voter_certificate_policies":["1.3.6.1.4.1.51361.1.2.1","0.4.0.194112.1.2"],)") !=
      std::string::npos);
  const ElectionConfig back = round_trip(c);
  BOOST_TEST(back.voter_certificate_policies == c.voter_certificate_policies);
  BOOST_TEST((canonical_bytes(to_json(back)) == canonical_bytes(with)));

  // A signature over the config without the member still verifies when read
  // back, and adding the member changes what is signed.
  const auto key = crypto::Ed25519SigningKey::generate();
  ElectionConfig plain = sample_config();
  plain.organizer_key = key.public_key();
  Json signed_doc = to_json(plain);
  sign_document(signed_doc, key);
  Json reread = to_json(election_config_from_json(signed_doc));
  reread["signature"] = signed_doc["signature"];
  BOOST_TEST(verify_document_signature(reread, key.public_key(), "config").ok);
  Json added = signed_doc;
  added["voter_certificate_policies"] = Json::array({"1.2.3"});
  BOOST_TEST(!verify_document_signature(added, key.public_key(), "config").ok);

  auto reject = [&](const Json& policies, const std::string& message) {
    Json doc = without;
    doc["voter_certificate_policies"] = policies;
    BOOST_TEST_CONTEXT(message) {
      BOOST_CHECK_EXCEPTION(election_config_from_json(doc), FormatError, has(message));
    }
  };
  reject(Json::array(),
         "voter_certificate_policies: empty (leave the member out to accept any policy)");
  reject(Json::array({"1.2.3", "1.2.x"}),
         "voter_certificate_policies[1]: \"1.2.x\" is not a dotted OID");
  reject(Json::array({"01.2"}), "voter_certificate_policies[0]: \"01.2\" is not a dotted OID");
  reject(Json::array({"1.2.3", "1.2.3"}),
         "voter_certificate_policies[1]: policy 1.2.3 listed twice");
  reject(Json::array({3}), "voter_certificate_policies[0]: expected a string");
  reject("1.2.3", "voter_certificate_policies: expected an array");
  Json many = Json::array();
  for (int i = 0; i <= 32; ++i) many.push_back("1.2." + std::to_string(i));
  reject(many, "voter_certificate_policies: 33 policies, at most 32");
  c.voter_certificate_policies = {"1.2", "3.4"};
  BOOST_CHECK_EXCEPTION(validate(c), FormatError, has("voter_certificate_policies[1]"));
}

BOOST_AUTO_TEST_SUITE_END()

// mix_servers and tally_key: optional (absent until named, so older configs
// keep their bytes), at least 2 servers, every key its own party's.
BOOST_AUTO_TEST_CASE(mix_servers_and_tally_key) {
  ElectionConfig c = sample_config();
  const Json without = to_json(c);
  BOOST_TEST(!without.contains("mix_servers"));
  BOOST_TEST(!without.contains("tally_key"));
  BOOST_TEST(round_trip(c).mix_servers.empty());
  BOOST_TEST(!round_trip(c).tally_key.has_value());

  const auto a = crypto::Ed25519SigningKey::generate().public_key();
  const auto b = crypto::Ed25519SigningKey::generate().public_key();
  const auto t = crypto::Ed25519SigningKey::generate().public_key();
  c.mix_servers = {{"Org A", a}, {"Org B", b}};
  c.tally_key = t;
  const ElectionConfig back = round_trip(c);
  BOOST_TEST_REQUIRE(back.mix_servers.size() == 2u);
  BOOST_TEST(back.mix_servers[1].name == "Org B");
  BOOST_TEST((back.mix_servers[1].signing_key == b));
  BOOST_TEST((*back.tally_key == t));
  BOOST_TEST(canonical_string(to_json(c)).find(R"("mix_servers":[{"name":"Org A","signing_key":")") !=
             std::string::npos);

  auto reject = [](ElectionConfig bad, const std::string& message) {
    BOOST_TEST_CONTEXT(message) { BOOST_CHECK_EXCEPTION(round_trip(bad), FormatError, has(message)); }
  };
  ElectionConfig one = c;
  one.mix_servers.pop_back();
  reject(one, "mix_servers: one mix server; a cascade needs at least 2");
  ElectionConfig same = c;
  same.mix_servers[1].signing_key = a;
  reject(same, "mix_servers[1].signing_key: the same key as mix server 1's");
  ElectionConfig twin = c;
  twin.mix_servers[1].name = "Org A";
  reject(twin, "mix_servers[1].name: the same name as mix server 1");
  ElectionConfig organizer = c;
  organizer.mix_servers[0].signing_key = c.organizer_key;
  reject(organizer, "mix_servers[0].signing_key: is the organizer key");
  ElectionConfig tally_mix = c;
  tally_mix.tally_key = b;
  reject(tally_mix, "tally_key: is mix server 2's signing key");
  ElectionConfig unnamed = c;
  unnamed.mix_servers[0].name = "";
  reject(unnamed, "mix_servers[0].name: empty name");
  ElectionConfig many = c;
  for (int i = 0; i < 15; ++i) {
    many.mix_servers.push_back({"Org " + std::to_string(i + 3), crypto::Ed25519SigningKey::generate().public_key()});
  }
  reject(many, "mix_servers: 17 mix servers, at most 16");

  Json empty = without;
  empty["mix_servers"] = Json::array();
  BOOST_CHECK_EXCEPTION(election_config_from_json(empty), FormatError,
                        has("mix_servers: empty (leave the member out"));
}
