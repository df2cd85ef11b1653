// Ballots and signed ballots: round trips, canonical bytes, and every rule
// of check_ballot and check_signed_ballot with its named reason.
#include <boost/test/unit_test.hpp>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/hash.hpp"
#include "evote/protocol/ballot.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/signed_ballot.hpp"
#include "support/spec_vectors.hpp"
#include "support/test_election.hpp"

using namespace evote;
using namespace evote::protocol;
using evote::testing::test_election;
using evote::testing::TestElection;

namespace {

const std::string kVoter = "38001085718";
const std::string kOtherVoter = "49002124277";

auto has(std::string text) {
  return [text](const std::exception& e) {
    const bool ok = std::string(e.what()).find(text) != std::string::npos;
    if (!ok) BOOST_TEST_MESSAGE("message was: " << e.what());
    return ok;
  };
}

bool reason_has(const crypto::Verdict& v, const std::string& text) {
  if (v.ok) {
    BOOST_TEST_MESSAGE("verdict passed, expected: " << text);
    return false;
  }
  const bool ok = v.reason.find(text) != std::string::npos;
  if (!ok) BOOST_TEST_MESSAGE("reason was: " << v.reason);
  return ok;
}

const Selections kD1 = {{"mayor", {102}}, {"council", {13, 11}}, {"ranking", {23, 21}}};

MadeBallot d1_ballot(const TestElection& e, const std::string& voter = kVoter) {
  return make_ballot(e.config, voter, "d1", kD1);
}

// The JSON of `ballot` after `edit`, decoded again (structure errors throw).
template <typename Edit>
Ballot edited(const Ballot& ballot, Edit edit) {
  Json j = to_json(ballot);
  edit(j);
  return ballot_from_json(j);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ballot)

BOOST_AUTO_TEST_CASE(made_ballot_checks_and_decrypts_to_the_selection) {
  const TestElection& e = test_election();
  const MadeBallot made = d1_ballot(e);
  BOOST_TEST(check_ballot(e.config, made.ballot, kVoter, "d1").ok);
  BOOST_REQUIRE(made.ballot.contests.size() == 3u);
  BOOST_REQUIRE(made.randomness.size() == 3u);
  const std::vector<std::vector<std::uint64_t>> rows = {{102}, {13, 11}, {23, 21, kBlankCode}};
  const crypto::Group& group = crypto::ristretto255();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const BallotContest& row = made.ballot.contests[i];
    BOOST_TEST(row.contest_id == e.config.contests[i].id);
    BOOST_REQUIRE(row.ciphertexts.size() == rows[i].size());
    BOOST_REQUIRE(made.randomness[i].size() == rows[i].size());
    for (std::size_t j = 0; j < rows[i].size(); ++j) {
      const crypto::Ciphertext c = crypto::decode_ciphertext(group, row.ciphertexts[j]);
      const std::uint64_t code = rows[i][j];
      // The randomness given back remakes the ciphertext (the QR code check).
      BOOST_TEST(
          (crypto::encrypt_with(e.election_key.public_key, code, made.randomness[i][j]) == c));
      std::vector<std::uint64_t> codes = {kBlankCode};
      if (code != kBlankCode) codes.push_back(code);
      const crypto::CodeTable table(group, codes);
      BOOST_TEST((crypto::decrypt_code(e.election_key.secret, c, table) == code));
    }
  }
}

BOOST_AUTO_TEST_CASE(district_two_has_only_its_contests_and_blank_rows) {
  const TestElection& e = test_election();
  const MadeBallot made = make_ballot(e.config, kVoter, "d2", {{"ranking", {32}}});
  BOOST_REQUIRE(made.ballot.contests.size() == 2u);
  BOOST_TEST(made.ballot.contests[0].contest_id == "mayor");
  BOOST_TEST(made.ballot.contests[1].contest_id == "ranking");
  BOOST_TEST(check_ballot(e.config, made.ballot, kVoter, "d2").ok);
  BOOST_TEST(reason_has(check_ballot(e.config, made.ballot, kVoter, "d1"),
                        "contests: contest \"council\" of district \"d1\" is missing"));
  const std::vector<std::uint64_t> row =
      ballot_row_codes(e.config, e.config.contests[2], "d2", {32});
  BOOST_TEST(row == (std::vector<std::uint64_t>{32, kBlankCode, kBlankCode}));
}

BOOST_AUTO_TEST_CASE(every_group) {
  for (std::string_view name : crypto::group_names()) {
    BOOST_TEST_CONTEXT(name) {
      const TestElection& e = test_election(name);
      const MadeBallot made = make_ballot(e.config, kVoter, "d2", {{"mayor", {201}}});
      BOOST_TEST(check_ballot(e.config, made.ballot, kVoter, "d2").ok);
      const crypto::Bytes bytes = encode_ballot(made.ballot);
      BOOST_TEST(encode_ballot(decode_ballot(bytes)) == bytes);
    }
  }
}

BOOST_AUTO_TEST_CASE(canonical_bytes_are_stable) {
  const TestElection& e = test_election();
  const Ballot ballot = d1_ballot(e).ballot;
  const crypto::Bytes bytes = encode_ballot(ballot);
  const Ballot decoded = decode_ballot(bytes);
  BOOST_TEST(encode_ballot(decoded) == bytes);
  BOOST_TEST(check_ballot(e.config, decoded, kVoter, "d1").ok);
  const std::string text(bytes.begin(), bytes.end());
  BOOST_TEST(text.starts_with("{\"contests\":[{\"ciphertexts\":[\""));
  BOOST_TEST(text.find("\"type\":\"ballot\",\"version\":1,\"voter_id\":\"38001085718\"}") !=
             std::string::npos);
  const std::string pretty = to_json(ballot).dump(1);
  BOOST_CHECK_EXCEPTION(decode_ballot(crypto::as_bytes(pretty)), FormatError,
                        has("not in canonical form"));
}

BOOST_AUTO_TEST_CASE(structure_errors_are_named) {
  const Ballot ballot = d1_ballot(test_election()).ballot;
  BOOST_CHECK_EXCEPTION(edited(ballot, [](Json& j) { j["version"] = 2; }), FormatError,
                        has("ballot: version: unknown version 2"));
  BOOST_CHECK_EXCEPTION(edited(ballot, [](Json& j) { j["type"] = "receipt"; }), FormatError,
                        has("ballot: type: expected \"ballot\""));
  BOOST_CHECK_EXCEPTION(edited(ballot, [](Json& j) { j.erase("voter_id"); }), FormatError,
                        has("ballot: voter_id: missing"));
  BOOST_CHECK_EXCEPTION(edited(ballot, [](Json& j) { j["contests"] = "x"; }), FormatError,
                        has("ballot: contests: expected an array, found string"));
  BOOST_CHECK_EXCEPTION(edited(ballot, [](Json& j) { j["contests"][1]["ciphertexts"][0] = 5; }),
                        FormatError, has("ballot: contests[1].ciphertexts[0]: expected a string"));
  BOOST_CHECK_EXCEPTION(edited(ballot, [](Json& j) { j["contests"][2]["proofs"].erase(1); }),
                        FormatError, has("ballot: contests[2].proofs: 2 proofs for 3 ciphertexts"));
  BOOST_CHECK_EXCEPTION(edited(ballot, [](Json& j) { j["contests"][0]["extra"] = 1; }), FormatError,
                        has("ballot: contests[0].extra: unknown field"));
  BOOST_CHECK_EXCEPTION(edited(ballot, [](Json& j) { j["contests"][0]["ciphertexts"][0] = "a="; }),
                        FormatError, has("contests[0].ciphertexts[0]: base64url"));
  BOOST_CHECK_EXCEPTION(edited(ballot, [](Json& j) { j["voter_id"] = "38001 085718"; }),
                        FormatError,
                        has("ballot: voter_id: \"38001 085718\" is not an identifier"));
}

BOOST_AUTO_TEST_CASE(election_and_voter_must_match) {
  const TestElection& e = test_election();
  const Ballot ballot = d1_ballot(e).ballot;
  Ballot other_election = edited(ballot, [](Json& j) { j["election_id"] = "OTHER"; });
  BOOST_TEST(reason_has(check_ballot(e.config, other_election, kVoter, "d1"),
                        "ballot: election_id: \"OTHER\", expected \"TEST_2027\""));
  BOOST_TEST(reason_has(check_ballot(e.config, ballot, kOtherVoter, "d1"),
                        "ballot: voter_id: not the voter who cast the ballot"));
  BOOST_TEST(reason_has(check_ballot(e.config, ballot, kVoter, "d9"), "unknown district \"d9\""));
}

BOOST_AUTO_TEST_CASE(ballot_relabelled_for_another_voter_fails_its_proofs) {
  const TestElection& e = test_election();
  const Ballot relabelled =
      edited(d1_ballot(e).ballot, [](Json& j) { j["voter_id"] = kOtherVoter; });
  BOOST_TEST(reason_has(check_ballot(e.config, relabelled, kOtherVoter, "d1"),
                        "ballot: contests[0].proofs[0]: "));
}

BOOST_AUTO_TEST_CASE(ciphertext_copied_from_another_ballot_fails) {
  const TestElection& e = test_election();
  Ballot mine = d1_ballot(e).ballot;
  const Ballot theirs = d1_ballot(e, kOtherVoter).ballot;
  mine.contests[1].ciphertexts[1] = theirs.contests[1].ciphertexts[1];
  mine.contests[1].proofs[1] = theirs.contests[1].proofs[1];
  BOOST_TEST(
      reason_has(check_ballot(e.config, mine, kVoter, "d1"), "ballot: contests[1].proofs[1]: "));
  // Moved within the row, a ciphertext fails too: its position is bound.
  Ballot swapped = d1_ballot(e).ballot;
  std::swap(swapped.contests[2].ciphertexts[0], swapped.contests[2].ciphertexts[1]);
  std::swap(swapped.contests[2].proofs[0], swapped.contests[2].proofs[1]);
  BOOST_TEST(
      reason_has(check_ballot(e.config, swapped, kVoter, "d1"), "ballot: contests[2].proofs[0]: "));
}

BOOST_AUTO_TEST_CASE(tampered_proof_and_ciphertext_fail) {
  const TestElection& e = test_election();
  const Ballot ballot = d1_ballot(e).ballot;
  Ballot bad_proof = ballot;
  bad_proof.contests[2].proofs[2].back() ^= 0x01;
  BOOST_TEST(reason_has(check_ballot(e.config, bad_proof, kVoter, "d1"),
                        "ballot: contests[2].proofs[2]: "));
  Ballot short_proof = ballot;
  short_proof.contests[0].proofs[0].pop_back();
  BOOST_TEST(reason_has(check_ballot(e.config, short_proof, kVoter, "d1"),
                        "ballot: contests[0].proofs[0]: ballot proof: wrong length"));
  Ballot other_ciphertext = ballot;
  other_ciphertext.contests[1].ciphertexts[0] = ballot.contests[1].ciphertexts[1];
  BOOST_TEST(reason_has(check_ballot(e.config, other_ciphertext, kVoter, "d1"),
                        "ballot: contests[1].proofs[0]: "));
}

BOOST_AUTO_TEST_CASE(non_member_elements_are_refused) {
  // ristretto255: a non-canonical encoding (top bit set).
  const TestElection& e = test_election();
  Ballot ballot = d1_ballot(e).ballot;
  std::fill(ballot.contests[1].ciphertexts[1].begin() + 32, ballot.contests[1].ciphertexts[1].end(),
            0xff);
  BOOST_TEST(reason_has(check_ballot(e.config, ballot, kVoter, "d1"),
                        "ballot: contests[1].ciphertexts[1]: ciphertext b: "));
  // modp3072: p - 1 is in Z_p* but not among the quadratic residues.
  const TestElection& m = test_election("modp3072-rfc3526");
  Ballot modp = make_ballot(m.config, kVoter, "d2", {}).ballot;
  const auto vectors = evote::testing::load_spec_vectors("specs/crypto.md");
  std::string p_minus_1 =
      evote::testing::find_vector(vectors, "modp3072-rfc3526/parameters").at("p");
  BOOST_REQUIRE(p_minus_1.back() == 'f');
  p_minus_1.back() = 'e';
  const crypto::Bytes non_member = crypto::from_hex(p_minus_1);
  std::copy(non_member.begin(), non_member.end(), modp.contests[0].ciphertexts[0].begin());
  BOOST_TEST(reason_has(check_ballot(m.config, modp, kVoter, "d2"),
                        "ballot: contests[0].ciphertexts[0]: ciphertext a: modp3072-rfc3526 "
                        "element: not in the order-q subgroup"));
}

BOOST_AUTO_TEST_CASE(contests_must_be_exactly_the_districts) {
  const TestElection& e = test_election();
  const Ballot ballot = d1_ballot(e).ballot;
  Ballot missing = ballot;
  missing.contests.erase(missing.contests.begin() + 1);
  BOOST_TEST(reason_has(check_ballot(e.config, missing, kVoter, "d1"),
                        "ballot: contests: contest \"council\" of district \"d1\" is missing"));
  Ballot repeated = ballot;
  repeated.contests.push_back(ballot.contests[0]);
  BOOST_TEST(reason_has(check_ballot(e.config, repeated, kVoter, "d1"),
                        "ballot: contests[3].contest_id: contest \"mayor\" appears twice"));
  Ballot unknown = ballot;
  unknown.contests.push_back(ballot.contests[0]);
  unknown.contests.back().contest_id = "senate";
  BOOST_TEST(
      reason_has(check_ballot(e.config, unknown, kVoter, "d1"),
                 "ballot: contests[3].contest_id: contest \"senate\" is not in this election"));
  // A d1 ballot offered as d2's: "council" is not on d2's ballot.
  BOOST_TEST(
      reason_has(check_ballot(e.config, ballot, kVoter, "d2"),
                 "ballot: contests[1].contest_id: contest \"council\" is not on the ballot of "
                 "district \"d2\""));
  Ballot reordered = ballot;
  std::swap(reordered.contests[0], reordered.contests[2]);
  BOOST_TEST(
      reason_has(check_ballot(e.config, reordered, kVoter, "d1"),
                 "ballot: contests[0].contest_id: not in the config's order (expected contest "
                 "\"mayor\")"));
}

BOOST_AUTO_TEST_CASE(rows_must_have_the_contests_width) {
  const TestElection& e = test_election();
  Ballot narrow = d1_ballot(e).ballot;
  narrow.contests[2].ciphertexts.pop_back();
  narrow.contests[2].proofs.pop_back();
  BOOST_TEST(reason_has(check_ballot(e.config, narrow, kVoter, "d1"),
                        "ballot: contests[2].ciphertexts: 2 ciphertexts, contest \"ranking\" takes "
                        "exactly 3"));
  Ballot wide = d1_ballot(e).ballot;
  wide.contests[0].ciphertexts.push_back(wide.contests[0].ciphertexts[0]);
  wide.contests[0].proofs.push_back(wide.contests[0].proofs[0]);
  BOOST_TEST(reason_has(check_ballot(e.config, wide, kVoter, "d1"),
                        "ballot: contests[0].ciphertexts: 2 ciphertexts, contest \"mayor\" takes "
                        "exactly 1"));
}

BOOST_AUTO_TEST_CASE(make_ballot_refuses_what_the_config_does_not_allow) {
  const TestElection& e = test_election();
  auto make = [&](std::string_view district, const Selections& s) {
    return make_ballot(e.config, kVoter, district, s);
  };
  BOOST_CHECK_EXCEPTION(make("d1", {{"mayor", {201}}}), std::invalid_argument,
                        has("contest \"mayor\": code 201 is not a choice of the district"));
  BOOST_CHECK_EXCEPTION(make("d1", {{"mayor", {101, 102}}}), std::invalid_argument,
                        has("contest \"mayor\": 2 selections, at most 1"));
  BOOST_CHECK_EXCEPTION(make("d1", {{"council", {11, 11}}}), std::invalid_argument,
                        has("contest \"council\": code 11 selected twice"));
  BOOST_CHECK_EXCEPTION(make("d1", {{"ranking", {kBlankCode}}}), std::invalid_argument,
                        has("code 1 is not a choice"));
  BOOST_CHECK_EXCEPTION(make("d2", {{"council", {11}}}), std::invalid_argument,
                        has("contest \"council\" is not on the ballot of district \"d2\""));
  BOOST_CHECK_EXCEPTION(make("d3", {}), std::invalid_argument, has("unknown district \"d3\""));
  BOOST_CHECK_EXCEPTION(make_ballot(e.config, "no spaces", "d1", {}), std::invalid_argument,
                        has("voter id"));
  ElectionConfig no_key = e.config;
  no_key.election_public_key.reset();
  BOOST_CHECK_EXCEPTION(make_ballot(no_key, kVoter, "d1", {}), std::invalid_argument,
                        has("no election public key"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(signed_ballot)

namespace {
const std::time_t now = std::time(nullptr);
}

BOOST_AUTO_TEST_CASE(round_trip_and_check) {
  const TestElection& e = test_election();
  const auto card = e.issue_voter_certificate(kVoter);
  const SignedBallot s = e.sign_like_card(card, d1_ballot(e).ballot);
  BOOST_TEST(check_signed_ballot(e.config, s, now, *e.cas).ok);
  const crypto::Bytes bytes = encode_signed_ballot(s);
  const SignedBallot decoded = decode_signed_ballot(bytes);
  BOOST_TEST(encode_signed_ballot(decoded) == bytes);
  BOOST_TEST(decoded.ballot_bytes == s.ballot_bytes);
  BOOST_TEST(decoded.intermediates.size() == 1u);
  BOOST_TEST(check_signed_ballot(e.config, decoded, now, *e.cas).ok);
  BOOST_TEST(check_ballot(e.config, decoded.ballot, kVoter, "d1").ok);
  BOOST_TEST(ballot_hash(bytes) == crypto::xof("evote/ballot-hash/v1", bytes, 32));
  BOOST_TEST(crypto::to_hex(ballot_hash(crypto::as_bytes("abc"))) ==
             "f4f265fbcaa280bee62d16b5528629d7dd5c45fac0ed6f0a110e340fd0820036");
  const std::string text(bytes.begin(), bytes.end());
  BOOST_TEST(text.starts_with("{\"ballot\":\""));
  BOOST_TEST(text.ends_with(",\"type\":\"signed-ballot\",\"version\":1}"));
}

BOOST_AUTO_TEST_CASE(rsa_card) {
  const TestElection& e = test_election();
  const auto card = e.issue_voter_certificate(kVoter, evote::testing::KeyType::rsa_2048);
  const SignedBallot s = e.sign_like_card(card, d1_ballot(e).ballot);
  BOOST_TEST(check_signed_ballot(e.config, s, now, *e.cas).ok);
}

BOOST_AUTO_TEST_CASE(signature_by_another_certificate_fails) {
  const TestElection& e = test_election();
  const auto card = e.issue_voter_certificate(kVoter);
  const auto other_card = e.issue_voter_certificate(kVoter);
  SignedBallot s = e.sign_like_card(other_card, d1_ballot(e).ballot);
  s.certificate = card.der();
  BOOST_TEST(reason_has(check_signed_ballot(e.config, s, now, *e.cas),
                        "signed ballot: voter signature does not verify"));
}

BOOST_AUTO_TEST_CASE(altered_ballot_bytes_fail) {
  const TestElection& e = test_election();
  const auto card = e.issue_voter_certificate(kVoter);
  SignedBallot s = e.sign_like_card(card, d1_ballot(e).ballot);
  const SignedBallot fresh = e.sign_like_card(card, d1_ballot(e).ballot);
  s.ballot_bytes = fresh.ballot_bytes;
  s.ballot = fresh.ballot;
  BOOST_TEST(reason_has(check_signed_ballot(e.config, s, now, *e.cas), "does not verify"));
}

BOOST_AUTO_TEST_CASE(certificate_serial_must_be_the_ballots_voter) {
  const TestElection& e = test_election();
  const auto other_card = e.issue_voter_certificate(kOtherVoter);
  const SignedBallot s = e.sign_like_card(other_card, d1_ballot(e).ballot);
  BOOST_TEST(reason_has(check_signed_ballot(e.config, s, now, *e.cas),
                        "signed ballot: the certificate's serialNumber does not match the ballot's "
                        "voter_id"));
}

BOOST_AUTO_TEST_CASE(authentication_certificate_and_foreign_ca_fail) {
  const TestElection& e = test_election();
  const auto auth =
      e.voter_pki.issue_leaf(evote::testing::KeyType::ec_p384,
                             evote::testing::leaf_options("PNOEE-" + kVoter, "T,V," + kVoter));
  const SignedBallot s = e.sign_like_card(auth, d1_ballot(e).ballot);
  BOOST_TEST(reason_has(check_signed_ballot(e.config, s, now, *e.cas),
                        "signed ballot: signer certificate: key usage does not allow"));
  const auto foreign = evote::testing::TestPki::create("Other CA");
  const auto card =
      foreign.issue_leaf(evote::testing::KeyType::ec_p384,
                         evote::testing::leaf_options("PNOEE-" + kVoter, "T,V," + kVoter,
                                                      evote::testing::ku_non_repudiation));
  SignedBallot f = e.sign_like_card(card, d1_ballot(e).ballot);
  f.intermediates = foreign.intermediates();
  BOOST_TEST(reason_has(check_signed_ballot(e.config, f, now, *e.cas),
                        "signed ballot: signer certificate: "));
}

// The config's voter_certificate_policies reach the certificate check: the
// card must carry one of them.
BOOST_AUTO_TEST_CASE(signing_certificate_needs_an_accepted_policy) {
  const TestElection& e = test_election();
  evote::testing::CertOptions options = evote::testing::leaf_options(
      "PNOEE-" + kVoter, "T,V," + kVoter, evote::testing::ku_non_repudiation);
  options.policies = {"1.3.6.1.4.1.51361.1.2.1"};
  const auto card = e.voter_pki.issue_leaf(evote::testing::KeyType::ec_p384, options);
  const SignedBallot s = e.sign_like_card(card, d1_ballot(e).ballot);
  ElectionConfig config = e.config;
  BOOST_TEST(check_signed_ballot(config, s, now, *e.cas).ok);
  config.voter_certificate_policies = {"0.4.0.194112.1.2", "1.3.6.1.4.1.51361.1.2.1"};
  BOOST_TEST(check_signed_ballot(config, s, now, *e.cas).ok);
  config.voter_certificate_policies = {"0.4.0.194112.1.2"};
  BOOST_TEST(reason_has(check_signed_ballot(config, s, now, *e.cas),
                        "signed ballot: signer certificate: carries none of the accepted "
                        "certificate policies 0.4.0.194112.1.2"));
  // A signing certificate whose extended key usage is for something else.
  options.extended_key_usage = {"serverAuth", "codeSigning"};
  const auto server = e.voter_pki.issue_leaf(evote::testing::KeyType::ec_p384, options);
  BOOST_TEST(reason_has(
      check_signed_ballot(e.config, e.sign_like_card(server, d1_ballot(e).ballot), now, *e.cas),
      "signed ballot: signer certificate: extendedKeyUsage does not allow "
      "document signing"));
}

BOOST_AUTO_TEST_CASE(ballot_of_another_election_fails) {
  const TestElection& e = test_election();
  const auto card = e.issue_voter_certificate(kVoter);
  const Ballot other = edited(d1_ballot(e).ballot, [](Json& j) { j["election_id"] = "OTHER"; });
  const SignedBallot s = e.sign_like_card(card, other);
  BOOST_TEST(reason_has(check_signed_ballot(e.config, s, now, *e.cas),
                        "signed ballot: ballot for election \"OTHER\""));
}

BOOST_AUTO_TEST_CASE(decoding_is_strict) {
  const TestElection& e = test_election();
  const auto card = e.issue_voter_certificate(kVoter);
  const SignedBallot s = e.sign_like_card(card, d1_ballot(e).ballot);
  auto decode_edited = [&](auto edit) {
    Json j = to_json(s);
    edit(j);
    return decode_signed_ballot(canonical_bytes(j));
  };
  BOOST_CHECK_EXCEPTION(decode_edited([](Json& j) { j["version"] = 7; }), FormatError,
                        has("signed ballot: version: unknown version 7"));
  BOOST_CHECK_EXCEPTION(decode_edited([](Json& j) { j.erase("certificate"); }), FormatError,
                        has("signed ballot: certificate: missing"));
  BOOST_CHECK_EXCEPTION(decode_edited([](Json& j) { j["intermediates"] = Json::object(); }),
                        FormatError, has("signed ballot: intermediates: expected an array"));
  BOOST_CHECK_EXCEPTION(
      decode_edited([&](Json& j) { j["certificate"] = base64url_encode(card.pem_bytes()); }),
      FormatError, has("signed ballot: certificate: not a DER certificate"));
  const std::string pretty_ballot = to_json(s.ballot).dump(2);
  BOOST_CHECK_EXCEPTION(decode_edited([&](Json& j) {
                          j["ballot"] = base64url_encode(crypto::as_bytes(pretty_ballot));
                        }),
                        FormatError, has("signed ballot: ballot: not in canonical form"));
  BOOST_CHECK_EXCEPTION(make_signed_ballot(crypto::Bytes{'{', '}'}, s.signature, s.certificate, {}),
                        FormatError, has("ballot: type: missing"));
}

BOOST_AUTO_TEST_SUITE_END()
