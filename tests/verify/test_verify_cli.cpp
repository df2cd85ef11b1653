// evote-verify-vote --cli against the real collector: a vote cast with the
// voter core and its verification code drawn as a real QR code PNG verify
// (signer and candidates printed); each refusal is its own case with its
// exit status and message: a changed randomness character (does not
// match), a changed vote id (not available), malformed codes (wrong
// prefix, cut short, bad base64url), an image without a QR code, an
// expired code, a used-up code, a code of another election, a collector
// whose stored ballot no longer checks (bad signature); wrong usage.
//
// The config's limits are the defaults (verification.count 3, .minutes 30).
// Mari's first vote is shared by several cases, which together fetch it at
// most 3 times; the expired and used-up cases cast their own.
#include <QColor>
#include <QImage>
#include <QPainter>
#include <boost/test/unit_test.hpp>

#include "evote/protocol/signed_ballot.hpp"
#include "verify_fixture.hpp"

using namespace evote;
using namespace evote::testing;

BOOST_TEST_GLOBAL_FIXTURE(VerifyTestsGlobal);

namespace {

const protocol::Selections kMariVotes = {
    {"mayor", {102}}, {"council", {13, 11}}, {"ranking", {23, 21}}};

const CastVote& maris_vote() {
  static const CastVote vote = cast_vote(kVoterMari, kMariVotes);
  return vote;
}

bool has(const std::string& output, const std::string& text) {
  return output.find(text) != std::string::npos;
}

std::string quoted(const std::string& code) { return "'" + code + "'"; }

// The CLI refuses with exit status 1 and says `what` and `message`.
void expect_refused(const ProgramRun& run, const std::string& what, const std::string& message) {
  BOOST_TEST(run.status == 1, run.output);
  BOOST_TEST(has(run.output, "evote-verify-vote: " + what + ": "), run.output);
  BOOST_TEST(has(run.output, message), run.output);
  BOOST_TEST(!has(run.output, "verified:"), run.output);
}

voter::VoteCheckError core_refusal(const std::string& code) {
  return refusal_of([&] { voter::check_vote(VoterEnvironment::get().settings(), code); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(verify_cli)

BOOST_AUTO_TEST_CASE(the_qr_code_png_of_a_cast_vote_verifies_with_signer_and_candidates) {
  const CastVote& vote = maris_vote();
  TempFolder folder;
  const std::filesystem::path png = folder / "code.png";
  write_qr_png(vote.code, png);
  const ProgramRun run = run_verify_cli("--qr-image " + shell_quote(png));
  BOOST_TEST_REQUIRE(run.status == 0, run.output);
  BOOST_TEST_MESSAGE("evote-verify-vote --cli printed:\n" << run.output);
  BOOST_TEST(has(run.output, "verified: election TEST_2027"), run.output);
  BOOST_TEST(has(run.output, "signer: MARI-LIIS MÄNNIK, personal code " + kVoterMari), run.output);
  BOOST_TEST(has(run.output, "receipt: sequence " + std::to_string(vote.cast.receipt.sequence)),
             run.output);
  BOOST_TEST(has(run.output, "contest Linnapea (mayor): " + choice_name("mayor", 102)), run.output);
  BOOST_TEST(has(run.output, "contest Volikogu (council): " + choice_name("council", 13) + ", " +
                                 choice_name("council", 11)),
             run.output);
  BOOST_TEST(has(run.output, "contest Pingerida (ranking): 1. " + choice_name("ranking", 23) +
                                 ", 2. " + choice_name("ranking", 21)),
             run.output);
  // The code's secret part never shows.
  BOOST_TEST(!has(run.output, part_of(vote.code, 3)));
}

BOOST_AUTO_TEST_CASE(a_code_with_one_randomness_character_changed_does_not_match) {
  const std::string& code = maris_vote().code;
  std::string randomness = part_of(code, 3);
  char& c = randomness[randomness.size() / 2];
  c = c == 'A' ? 'B' : 'A';
  TempFolder folder;
  write_text(folder / "code.txt", with_part(code, 3, randomness) + "\n");
  const ProgramRun run = run_verify_cli("--code-file " + shell_quote(folder / "code.txt"));
  expect_refused(run, "does_not_match", "does not match the ballot");
  BOOST_TEST(!has(run.output, randomness));
}

BOOST_AUTO_TEST_CASE(a_code_with_a_changed_vote_id_is_not_available) {
  const std::string& code = maris_vote().code;
  std::string vote_id = part_of(code, 1);
  vote_id[0] = vote_id[0] == 'A' ? 'B' : 'A';
  const ProgramRun run = run_verify_cli("--code " + quoted(with_part(code, 1, vote_id)));
  expect_refused(run, "not_available", "unknown, expired (older than 30 minutes");
  BOOST_TEST(has(run.output, "used up (already verified 3 times"), run.output);
}

BOOST_AUTO_TEST_CASE(a_code_with_a_wrong_prefix_is_malformed) {
  const std::string code = "EVV2:" + maris_vote().code.substr(5);
  expect_refused(run_verify_cli("--code " + quoted(code)), "malformed",
                 "verification code: does not start with EVV1:");
  BOOST_TEST((core_refusal(code).problem() == voter::CheckProblem::malformed));
}

BOOST_AUTO_TEST_CASE(a_code_cut_short_is_malformed) {
  const std::string& code = maris_vote().code;
  const std::string cut = code.substr(0, code.find(':', 5) + 10);  // inside the vote id
  expect_refused(run_verify_cli("--code " + quoted(cut)), "malformed",
                 "verification code: 2 parts after EVV1:, expected 4");
  BOOST_TEST((core_refusal(cut).problem() == voter::CheckProblem::malformed));
}

BOOST_AUTO_TEST_CASE(a_code_with_bad_base64url_is_malformed) {
  const std::string& code = maris_vote().code;
  std::string vote_id = part_of(code, 1);
  vote_id[3] = '*';
  const std::string bad = with_part(code, 1, vote_id);
  expect_refused(run_verify_cli("--code " + quoted(bad)), "malformed",
                 "verification code: vote id: base64url: character 3 is not in the base64url "
                 "alphabet");
  BOOST_TEST((core_refusal(bad).problem() == voter::CheckProblem::malformed));
}

BOOST_AUTO_TEST_CASE(an_image_without_a_qr_code_is_refused) {
  TempFolder folder;
  QImage image(240, 240, QImage::Format_RGB32);
  image.fill(Qt::white);
  QPainter painter(&image);
  painter.fillRect(40, 40, 60, 60, Qt::black);  // a square, not a QR code
  painter.drawText(20, 200, "EVV1:not a QR code");
  painter.end();
  BOOST_REQUIRE(image.save(QString::fromStdString((folder / "photo.png").string()), "PNG"));
  expect_refused(run_verify_cli("--qr-image " + shell_quote(folder / "photo.png")), "no_qr_code",
                 "photo.png: no QR code found in the image");
}

BOOST_AUTO_TEST_CASE(an_expired_code_is_not_available) {
  const CastVote vote = cast_vote(kVoterMari, {{"mayor", {101}}});
  const std::string argument = "--code " + quoted(vote.code);
  cast_seconds_ago(vote.cast.receipt.vote_id, 29 * 60);  // within verification.minutes
  const ProgramRun fresh = run_verify_cli(argument);
  BOOST_TEST(fresh.status == 0, fresh.output);
  BOOST_TEST(has(fresh.output, "contest Linnapea (mayor): " + choice_name("mayor", 101)));
  cast_seconds_ago(vote.cast.receipt.vote_id, 30 * 60 + 5);  // past it
  expect_refused(run_verify_cli(argument), "not_available", "expired (older than 30 minutes");
}

BOOST_AUTO_TEST_CASE(a_code_verified_count_times_is_used_up) {
  const CastVote vote = cast_vote(kVoterJuri, {{"mayor", {201}}});
  const std::string argument = "--code " + quoted(vote.code);
  for (int i = 0; i < 3; ++i) {
    const ProgramRun run = run_verify_cli(argument);
    BOOST_TEST_REQUIRE(run.status == 0, "verification " << i + 1 << ": " << run.output);
    BOOST_TEST(has(run.output, "signer: JÜRI TAMM, personal code " + kVoterJuri), run.output);
    // Jüri (district d2) left the council and ranking contests off: blank.
    BOOST_TEST(has(run.output, "contest Linnapea (mayor): " + choice_name("mayor", 201)));
    BOOST_TEST(has(run.output, "contest Pingerida (ranking): blank"), run.output);
  }
  expect_refused(run_verify_cli(argument), "not_available", "used up (already verified 3 times");
  BOOST_TEST((core_refusal(vote.code).problem() == voter::CheckProblem::not_available));
}

BOOST_AUTO_TEST_CASE(a_code_of_another_election_is_refused_before_fetching) {
  const std::string other = with_part(maris_vote().code, 0, "OTHER_2027");
  expect_refused(run_verify_cli("--code " + quoted(other)), "wrong_election",
                 "the verification code is for election \"OTHER_2027\", but its collector serves "
                 "election \"TEST_2027\"");
  BOOST_TEST((core_refusal(other).problem() == voter::CheckProblem::wrong_election));
}

// The collector's database edited so that its answer no longer checks: the
// receipt is re-signed from the stored ballot hash, so a changed stored
// ballot shows as a bad voter signature or a hash that does not match.
BOOST_AUTO_TEST_CASE(a_collector_answer_that_does_not_check_is_a_bad_signature) {
  const CastVote vote = cast_vote(kVoterJuri, {{"mayor", {202}}});
  const crypto::Bytes& original = vote.cast.signed_ballot_bytes;
  protocol::SignedBallot forged = protocol::decode_signed_ballot(original);
  forged.signature.at(10) ^= 0x01;
  const crypto::Bytes forged_bytes = protocol::encode_signed_ballot(forged);
  collector::pg::Connection db(VoterEnvironment::get().s.db.connection_string());
  const auto store = [&](const crypto::Bytes& signed_ballot, const crypto::Bytes& hash) {
    const collector::pg::Result r =
        db.exec("UPDATE ballots SET signed_ballot = $1, ballot_hash = $2 WHERE vote_id = $3",
                {collector::pg::Param::bytes(signed_ballot), collector::pg::Param::bytes(hash),
                 collector::pg::Param::bytes(vote.cast.receipt.vote_id)});
    BOOST_REQUIRE_EQUAL(r.affected(), 1u);
  };
  const std::string argument = "--code " + quoted(vote.code);

  store(forged_bytes, protocol::ballot_hash(forged_bytes));  // receipt and ballot agree
  expect_refused(run_verify_cli(argument), "bad_signature",
                 "the voter's signature does not check: signed ballot:");

  store(original, protocol::ballot_hash(forged_bytes));  // the receipt names another ballot
  expect_refused(run_verify_cli(argument), "bad_signature",
                 "the receipt's ballot_hash is not the hash of the signed ballot the collector "
                 "sent");
}

BOOST_AUTO_TEST_CASE(wrong_usage_is_exit_status_2) {
  const ProgramRun none = run_verify_cli("");
  BOOST_TEST(none.status == 2, none.output);
  BOOST_TEST(has(none.output, "give exactly one of --qr-image, --code and --code-file (0 given)"));
  const ProgramRun two = run_verify_cli("--code x --code-file y");
  BOOST_TEST(two.status == 2, two.output);
  BOOST_TEST(has(two.output, "(2 given)"), two.output);
  const ProgramRun no_settings =
      run_program(shell_quote(EVOTE_VERIFY_VOTE_BIN) + " --cli --code EVV1:x");
  BOOST_TEST(no_settings.status == 2, no_settings.output);
  BOOST_TEST(has(no_settings.output, "--settings"), no_settings.output);
}

BOOST_AUTO_TEST_SUITE_END()
