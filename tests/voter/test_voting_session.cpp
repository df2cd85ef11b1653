// The voting session (evote_voter_core) against the real evote-collector,
// PostgreSQL, an OCSP responder and SoftHSM2 ID cards: a whole vote (login
// with PIN1, the ballot signed with PIN2, the receipt checked, the ballot
// in the collector, the verification code reading back the choices), a
// re-vote, the voter's record; a wrong PIN, a voter not on the list.
#include <boost/test/unit_test.hpp>

#include "evote/crypto/groups.hpp"
#include "evote/protocol/receipt.hpp"
#include "evote/voter/qr_code.hpp"
#include "evote/voter/voter_error.hpp"
#include "evote/voter/voting_session.hpp"
#include "voter_fixture.hpp"

using namespace evote;
using namespace evote::testing;

BOOST_TEST_GLOBAL_FIXTURE(VoterTestsGlobal);

namespace {

// What the collector holds for a vote id (GET /v1/ballots/<id>).
crypto::Bytes ballot_in_collector(const Setup& s, const std::string& vote_id) {
  const HttpsReply r = get_as(s, "/v1/ballots/" + vote_id);
  BOOST_REQUIRE_MESSAGE(r.status == 200u, r.body);
  return protocol::base64url_decode(
      nlohmann::json::parse(r.body).at("signed_ballot").get<std::string>());
}

// The codes the verification code's randomness reads from the ballot sent.
std::vector<std::vector<std::uint64_t>> read_back(const voter::VotingSession& session,
                                                  const voter::CastResult& cast) {
  const voter::VerificationCode code =
      voter::parse_verification_code(session.verification_code_text());
  const protocol::SignedBallot signed_ballot =
      protocol::decode_signed_ballot(cast.signed_ballot_bytes);
  BOOST_TEST(code.election_id == session.config().election_id);
  BOOST_TEST(code.vote_id == cast.receipt.vote_id);
  BOOST_TEST(code.collector_url == VoterEnvironment::get().collector_url());
  std::vector<std::size_t> widths;
  for (const auto& row : signed_ballot.ballot.contests) widths.push_back(row.ciphertexts.size());
  const crypto::ScalarField& field = crypto::group_by_name(session.config().group).scalars();
  return voter::recover_choices(session.config(), signed_ballot.ballot,
                                voter::split_randomness(code.randomness, field, widths));
}

template <typename F>
voter::VoterError voter_error_of(F&& step) {
  try {
    step();
  } catch (const voter::VoterError& e) {
    return e;
  }
  BOOST_FAIL("expected a VoterError");
  throw std::logic_error("unreachable");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(voting_session)

BOOST_AUTO_TEST_CASE(a_voter_casts_verifies_and_votes_again) {
  VoterEnvironment& env = VoterEnvironment::get();
  voter::VotingSession session(env.settings());
  session.connect();
  BOOST_TEST(session.config().election_id == env.s.config.election_id);

  const card::IdCardModule module(env.module());
  card::IdCard card = env.open_card(module, kVoterMari);
  session.authenticate(card, secret(kPin1));
  BOOST_TEST(session.voter().name == "Mari-Liis Männik");
  BOOST_TEST(session.voter().district == "d1");

  const voter::VoterBallot ballot = session.voter_ballot();
  BOOST_TEST(ballot.district_id == "d1");
  BOOST_REQUIRE_EQUAL(ballot.contests.size(), 3u);  // mayor, council, ranking
  BOOST_TEST(ballot.contests[0].id == "mayor");
  BOOST_TEST(ballot.contests[0].choices.size() == 3u);

  const protocol::Selections first_choice = {
      {"mayor", {102}}, {"council", {13, 11}}, {"ranking", {23, 21}}};
  const voter::CastResult first = session.cast(card, first_choice, secret(kPin2));
  BOOST_TEST(first.vote_id_text.size() == 22u);
  BOOST_TEST(ballot_in_collector(env.s, first.vote_id_text) == first.signed_ballot_bytes);
  BOOST_TEST(voter::check_receipt(session.config(), first.receipt, first.signed_ballot_bytes, 0,
                                  first.head_after)
                 .ok);
  // Blank slots read as the blank code; each row as make_ballot fills it.
  const std::vector<std::vector<std::uint64_t>> expected = {{102}, {13, 11}, {23, 21, 1}};
  BOOST_TEST(read_back(session, first) == expected);

  // The QR code holds exactly the verification code; then the randomness goes.
  const voter::QrCode qr = voter::QrCode::encode(session.verification_code_text());
  BOOST_TEST(qr.width() >= 21);
  session.forget_randomness();
  BOOST_TEST(!session.has_randomness());
  BOOST_TEST((voter_error_of([&] { (void)session.verification_code(); }).kind() ==
              voter::ErrorKind::wrong_state));

  // A re-vote: a new ballot, a later sequence; the record shows both, the
  // last counting, and the verification made above.
  const voter::CastResult second = session.cast(card, {{"mayor", {103}}}, secret(kPin2));
  BOOST_TEST(second.receipt.sequence > first.receipt.sequence);
  BOOST_TEST(second.receipt.vote_id != first.receipt.vote_id);
  BOOST_TEST(read_back(session, second) ==
             (std::vector<std::vector<std::uint64_t>>{{103}, {1, 1}, {1, 1, 1}}));

  const voter::VoterRecord record = session.record();
  BOOST_TEST(record.eligibility.eligible);
  BOOST_TEST(*record.eligibility.district == "d1");
  BOOST_REQUIRE_EQUAL(record.ballots.size(), 2u);
  BOOST_TEST(record.ballots[0].vote_id == first.receipt.vote_id);
  BOOST_TEST(!record.ballots[0].counts_now);
  BOOST_TEST(record.ballots[1].vote_id == second.receipt.vote_id);
  BOOST_TEST(record.ballots[1].counts_now);
  BOOST_TEST(record.ballots[1].time == second.receipt.time);
  BOOST_REQUIRE_EQUAL(record.accesses.size(), 1u);
  BOOST_TEST((record.accesses[0].kind == voter::AccessKind::verification));
  BOOST_TEST(record.accesses[0].sequence == first.receipt.sequence);
}

BOOST_AUTO_TEST_CASE(a_choice_not_on_the_ballot_is_refused_before_the_card_signs) {
  VoterEnvironment& env = VoterEnvironment::get();
  voter::VotingSession session(env.settings());
  session.connect();
  const card::IdCardModule module(env.module());
  card::IdCard card = env.open_card(module, kVoterJuri);  // district d2
  session.authenticate(card, secret(kPin1));
  const std::size_t before = session.record().ballots.size();
  for (const protocol::Selections& bad :
       {protocol::Selections{{"mayor", {101}}},          // d1's choice
        protocol::Selections{{"council", {11}}},         // not on d2's ballot
        protocol::Selections{{"mayor", {201, 202}}},     // two in a single choice
        protocol::Selections{{"ranking", {31, 31}}}}) {  // a code twice
    const voter::VoterError e = voter_error_of([&] { session.cast(card, bad, secret("00000")); });
    BOOST_TEST((e.kind() == voter::ErrorKind::invalid_choice), e.what());
  }
  BOOST_TEST(session.record().ballots.size() == before);
  BOOST_TEST((voter_error_of([&] {
                (void)voter::choice_code_by_name(session.voter_ballot(), "mayor", "nobody");
              }).kind() == voter::ErrorKind::invalid_choice));
}

BOOST_AUTO_TEST_CASE(a_wrong_pin_is_the_cards_wrong_pin_and_nothing_is_cast) {
  VoterEnvironment& env = VoterEnvironment::get();
  voter::VotingSession session(env.settings());
  session.connect();
  const card::IdCardModule module(env.module());
  card::IdCard card = env.open_card(module, kVoterJuri);
  try {
    session.authenticate(card, secret("9999"));
    BOOST_FAIL("a wrong PIN1 was taken");
  } catch (const card::CardError& e) {
    BOOST_TEST((e.problem() == card::CardProblem::wrong_pin), e.what());
    BOOST_TEST(std::string(e.what()).find("9999") == std::string::npos);
  }
  BOOST_TEST(!session.authenticated());
  session.authenticate(card, secret(kPin1));
  const std::size_t before = session.record().ballots.size();
  try {
    session.cast(card, {{"mayor", {201}}}, secret("99999"));
    BOOST_FAIL("a wrong PIN2 was taken");
  } catch (const card::CardError& e) {
    BOOST_TEST((e.problem() == card::CardProblem::wrong_pin), e.what());
  }
  BOOST_TEST(!session.last_cast().has_value());
  BOOST_TEST(session.record().ballots.size() == before);
}

BOOST_AUTO_TEST_CASE(a_voter_not_on_the_list_gets_the_collectors_not_eligible) {
  VoterEnvironment& env = VoterEnvironment::get();
  voter::VotingSession session(env.settings());
  session.connect();
  const card::IdCardModule module(env.module());
  card::IdCard card = env.open_card(module, kNotListed);
  const voter::VoterError e = voter_error_of([&] { session.authenticate(card, secret(kPin1)); });
  BOOST_TEST((e.kind() == voter::ErrorKind::collector_refused));
  BOOST_TEST(e.collector_code() == "not_eligible");
  BOOST_TEST(e.http_status() == 403);
  BOOST_TEST(!session.authenticated());
  BOOST_TEST((voter_error_of([&] { (void)session.voter_ballot(); }).kind() ==
              voter::ErrorKind::wrong_state));
}

BOOST_AUTO_TEST_CASE(steps_out_of_order_are_refused) {
  VoterEnvironment& env = VoterEnvironment::get();
  voter::VotingSession session(env.settings());
  BOOST_TEST(
      (voter_error_of([&] { (void)session.config(); }).kind() == voter::ErrorKind::wrong_state));
  BOOST_TEST(
      (voter_error_of([&] { (void)session.log_head(); }).kind() == voter::ErrorKind::wrong_state));
  BOOST_TEST(
      (voter_error_of([&] { (void)session.record(); }).kind() == voter::ErrorKind::wrong_state));
}

BOOST_AUTO_TEST_SUITE_END()
