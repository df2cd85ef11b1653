// evote-voter-cli as a script runs it, against the real collector,
// PostgreSQL, OCSP responder and SoftHSM2 cards: a vote by code and by name
// whose ballot the collector holds and whose verification code reads back
// the choices, the voter's record; each refusal with its exit status and a
// message naming what is wrong, and nothing cast.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <iterator>
#include <regex>

#include "evote/crypto/groups.hpp"
#include "evote/protocol/ballot.hpp"
#include "evote/voter/verification_code.hpp"
#include "voter_fixture.hpp"

using namespace evote;
using namespace evote::testing;

BOOST_TEST_GLOBAL_FIXTURE(VoterTestsGlobal);

namespace {

struct CliFiles {
  TempFolder dir;
  std::filesystem::path pin1 = dir / "pin1.txt";
  std::filesystem::path pin2 = dir / "pin2.txt";
  std::filesystem::path code = dir / "code.txt";
  std::filesystem::path qr = dir / "qr.txt";

  CliFiles(const std::string& pin1_text = kPin1, const std::string& pin2_text = kPin2) {
    write_text(pin1, pin1_text + "\n");
    write_text(pin2, pin2_text + "\n");
  }
};

ProgramRun run_cli(const CliFiles& files, const std::string& card, const std::string& arguments,
                   const std::filesystem::path& settings = VoterEnvironment::get().settings_file) {
  return run_program(shell_quote(EVOTE_VOTER_CLI_BIN) + " --settings " + shell_quote(settings) +
                     " --card " + card + " --pin1-file " + shell_quote(files.pin1) +
                     " --pin2-file " + shell_quote(files.pin2) + " " + arguments);
}

std::string vote_id_in(const std::string& output) {
  std::smatch match;
  BOOST_REQUIRE_MESSAGE(
      std::regex_search(output, match, std::regex("cast: vote id ([A-Za-z0-9_-]{22})")), output);
  return match[1];
}

std::string read_file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot read " << path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The number of ballots the collector's database holds for `code`.
std::int64_t ballots_of(const std::string& code) {
  collector::pg::Connection db(VoterEnvironment::get().s.db.connection_string());
  return db.exec("SELECT count(*) FROM ballots WHERE voter_id = $1", {collector::pg::Param(code)})
      .integer(0, 0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(voter_cli)

BOOST_AUTO_TEST_CASE(a_vote_by_code_and_by_name_reaches_the_collector) {
  VoterEnvironment& env = VoterEnvironment::get();
  CliFiles files;
  const ProgramRun run =
      run_cli(files, kVoterJuri,
              "--choice mayor=202 --choice-name 'ranking=Valik 33' --choice ranking=31 "
              "--verification-code-out " +
                  shell_quote(files.code) + " --qr-out " + shell_quote(files.qr) + " --record");
  BOOST_REQUIRE_MESSAGE(run.status == 0, run.output);
  BOOST_TEST(run.output.find("card: JÜRI TAMM (" + kVoterJuri + ")") != std::string::npos,
             run.output);
  BOOST_TEST(run.output.find("authenticated: Jüri Tamm, district d2") != std::string::npos);
  BOOST_TEST(run.output.find(kPin1) == std::string::npos);  // PINs never printed
  BOOST_TEST(run.output.find(kPin2) == std::string::npos);

  // The collector holds the ballot under the vote id printed.
  const std::string vote_id = vote_id_in(run.output);
  const HttpsReply held = get_as(env.s, "/v1/ballots/" + vote_id);
  BOOST_REQUIRE_MESSAGE(held.status == 200u, held.body);
  const protocol::SignedBallot signed_ballot =
      protocol::decode_signed_ballot(protocol::base64url_decode(
          nlohmann::json::parse(held.body).at("signed_ballot").get<std::string>()));

  // The verification code written (owner-only) reads back the choices:
  // --choice codes first, then --choice-name picks, each in the order given.
  struct stat info {};
  BOOST_REQUIRE(::stat(files.code.c_str(), &info) == 0);
  BOOST_TEST((info.st_mode & 0077) == 0u);
  std::string text = read_file_text(files.code);
  text.erase(text.find_last_not_of('\n') + 1);
  const voter::VerificationCode code = voter::parse_verification_code(text);
  BOOST_TEST(code.vote_id == protocol::base64url_decode(vote_id));
  BOOST_TEST(code.collector_url == env.collector_url());
  std::vector<std::size_t> widths;
  for (const auto& row : signed_ballot.ballot.contests) widths.push_back(row.ciphertexts.size());
  const crypto::ScalarField& field = crypto::group_by_name(env.s.config.group).scalars();
  const std::vector<std::vector<std::uint64_t>> choices = voter::recover_choices(
      env.s.config, signed_ballot.ballot, voter::split_randomness(code.randomness, field, widths));
  BOOST_TEST((choices == std::vector<std::vector<std::uint64_t>>{{202}, {31, 33, 1}}));
  BOOST_TEST(read_file_text(files.qr).find("##") != std::string::npos);

  // --record: the ballot just cast counts now.
  BOOST_TEST(std::regex_search(run.output, std::regex("record ballot: sequence [0-9]+, vote id " +
                                                      vote_id + ".*counts now")),
             run.output);
}

BOOST_AUTO_TEST_CASE(a_wrong_pin2_is_a_card_problem_and_nothing_is_cast) {
  const std::int64_t before = ballots_of(kVoterMari);
  CliFiles files(kPin1, "00000");
  const ProgramRun run = run_cli(files, kVoterMari, "--choice mayor=101");
  BOOST_TEST(run.status == 3, run.output);
  BOOST_TEST(run.output.find("wrong_pin") != std::string::npos, run.output);
  BOOST_TEST(run.output.find("00000") == std::string::npos);
  BOOST_TEST(ballots_of(kVoterMari) == before);
}

BOOST_AUTO_TEST_CASE(a_choice_not_on_the_ballot_is_a_usage_error_and_nothing_is_cast) {
  const std::int64_t before = ballots_of(kVoterJuri);
  CliFiles files;
  for (const std::string& bad :
       {std::string("--choice mayor=101"), std::string("--choice-name 'mayor=Nobody'"),
        std::string("--choice nosuch=2"), std::string("--choice mayor")}) {
    const ProgramRun run = run_cli(files, kVoterJuri, bad);
    BOOST_TEST(run.status == 2, bad << ": " << run.output);
    BOOST_TEST(run.output.find("cast: vote id") == std::string::npos, run.output);
  }
  BOOST_TEST(ballots_of(kVoterJuri) == before);
}

BOOST_AUTO_TEST_CASE(a_voter_not_on_the_list_is_refused_by_the_collector) {
  CliFiles files;
  const ProgramRun run = run_cli(files, kNotListed, "--choice mayor=101");
  BOOST_TEST(run.status == 1, run.output);
  BOOST_TEST(run.output.find("not_eligible") != std::string::npos, run.output);
}

BOOST_AUTO_TEST_CASE(bad_settings_and_missing_inputs_name_what_is_wrong) {
  VoterEnvironment& env = VoterEnvironment::get();
  CliFiles files;
  const std::filesystem::path bad_settings = files.dir / "bad.json";
  write_text(bad_settings,
             "{\"collector_url\": \"http://127.0.0.1:1\", \"organizer_public_key\": "
             "\"AAAA\", \"pkcs11_module\": \"" +
                 env.module() + "\"}");
  const ProgramRun settings = run_cli(files, kVoterMari, "--choice mayor=101", bad_settings);
  BOOST_TEST(settings.status == 4, settings.output);
  BOOST_TEST(settings.output.find("collector_url") != std::string::npos, settings.output);

  const ProgramRun no_card = run_cli(files, "48001010007", "--choice mayor=101");
  BOOST_TEST(no_card.status == 2, no_card.output);
  BOOST_TEST(no_card.output.find("48001010007") != std::string::npos, no_card.output);

  const ProgramRun no_pin =
      run_program(shell_quote(EVOTE_VOTER_CLI_BIN) + " --settings " +
                  shell_quote(env.settings_file) + " --card " + kVoterMari + " --pin1-file " +
                  shell_quote(files.dir / "absent") + " --pin2-file " + shell_quote(files.pin2));
  BOOST_TEST(no_pin.status != 0, no_pin.output);
  BOOST_TEST(no_pin.output.find("absent") != std::string::npos, no_pin.output);
}

BOOST_AUTO_TEST_SUITE_END()
