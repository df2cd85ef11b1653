// evote-tally check, squash, revoke and anonymize, run as programs on a
// ballot box exported from the real evote-collector (real PostgreSQL, real
// TLS, OCSP responses from `openssl ocsp` stored with each ballot), as
// issue #12 asks. The organizer runs the election with evote-admin: two
// voter list change sets (the second during voting moves a voter to the
// other district and adds one), voters vote through the HTTPS API in both
// districts (one re-votes, the moved voter votes again in the new
// district), a paper-vote list is loaded, voting is closed and the ballot
// box exported. The tally must accept every ballot the collector accepted,
// keep each voter's last, drop the paper voter's, and its mix inputs must
// decrypt (the test election's whole key) to exactly the votes cast.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <map>
#include <set>

#include "admin_commands_fixture.hpp"
#include "evote/crypto/elgamal.hpp"
#include "evote/protocol/ballot.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/paper_votes.hpp"
#include "evote/protocol/receipt.hpp"

using namespace evote;
using namespace evote::testing;
namespace fs = std::filesystem;

namespace {

const std::string kTally = EVOTE_TALLY_BIN;
const std::string kTallyPassphrase = "tally passphrase";

const std::string kMari = "38001085718";    // d1; votes, then votes again
const std::string kJuri = "49002124277";    // d2
const std::string kOleg = "50001010006";    // d1; moved to d2 by change set 2, votes in both
const std::string kPeeter = "37605030299";  // d1; e-votes, then votes on paper
const std::string kAnna = "47101010033";    // added to d2 by change set 2
const std::string kJaan = "38501010002";    // on the paper-vote list only, no e-vote

// A voter's e-vote as cast: the receipt and what it holds.
struct Vote {
  std::string voter;
  std::string district;
  protocol::Selections selections;
  protocol::Receipt receipt;
};

// The collector serving an election whose voting period is now and whose
// config names a tally key and two mix servers; the organizer's and the
// tally's sealed keys beside it; evote-admin at its admin listener.
struct ExportedElection {
  crypto::Ed25519SigningKey tally_key = crypto::Ed25519SigningKey::generate();
  CollectorWithOcsp c{[this](protocol::ElectionConfig& config) {
    voting_open_now(config);
    config.tally_key = tally_key.public_key();
    config.mix_servers = {{"Mix A", crypto::Ed25519SigningKey::generate().public_key()},
                          {"Mix B", crypto::Ed25519SigningKey::generate().public_key()}};
  }};
  fs::path config = c.s.dir / "election" / "config.json";
  fs::path organizer_key = c.s.dir / "organizer.key";
  std::vector<Vote> votes;

  ExportedElection() {
    write_sealed_key(c.s.dir.path(), "organizer.key", c.s.election.organizer_key);
    write_text(path("tally-passphrase.txt"), kTallyPassphrase + "\n");
    protocol::save_canonical(
        path("tally.key"),
        protocol::to_json(protocol::seal_signing_key(tally_key, "tally", kTallyPassphrase,
                                                     crypto::Argon2Cost::interactive())),
        protocol::WriteMode::new_public());
  }

  fs::path path(const std::string& name) const { return c.s.dir / name; }
  fs::path tally_dir() const { return path("tally"); }

  void admin(const std::string& command, const std::string& extra, const std::string& said) {
    const ProgramRun run =
        run_admin(command, admin_url(c.s.admin_port), config, organizer_key, extra);
    BOOST_REQUIRE_MESSAGE(run.status == 0 && run.output.find(said) != std::string::npos,
                          "evote-admin " << command << ": " << run.output);
  }

  // Change set `sequence` of these voters.tsv lines, chained to `previous`,
  // written to voters-<sequence>.json and loaded with evote-admin.
  protocol::VoterListChanges load_voters(const std::string& tsv, std::uint64_t sequence,
                                         const protocol::ChangeSetHash& previous) {
    const protocol::VoterListChanges set = signed_test_voters(c.s, tsv, sequence, previous);
    const fs::path file = path("voters-" + std::to_string(sequence) + ".json");
    protocol::save_voter_list_changes(set, file, protocol::WriteMode::new_public());
    admin("collector-load-voters", "--voters " + shell_quote(file),
          "its voter list version is " + std::to_string(sequence));
    return set;
  }

  // Logs in as `code`, casts a ballot of these selections in `district`
  // through the HTTPS API (signed with a fresh signing certificate that the
  // OCSP responder knows as good) and keeps the receipt.
  const Vote& vote(const std::string& code, const std::string& district,
                   const protocol::Selections& selections) {
    const std::string session = log_in_as(c.s, code);
    const TestCertificate signing = good_signing_certificate(c.s, c.ocsp, code);
    const protocol::Ballot ballot =
        protocol::make_ballot(c.s.config, code, district, selections).ballot;
    const crypto::Bytes bytes =
        protocol::encode_signed_ballot(c.s.election.sign_like_card(signing, ballot));
    const HttpsReply reply =
        https_request(c.s.client(), "POST", "/v1/ballots", std::string(bytes.begin(), bytes.end()),
                      {{"Authorization", "Bearer " + session}});
    BOOST_REQUIRE_MESSAGE(reply.status == 200u, code << ": " << reply.body);
    votes.push_back(
        {code, district, selections, protocol::decode_receipt(crypto::as_bytes(reply.body))});
    BOOST_REQUIRE(votes.back().receipt.ballot_hash == protocol::ballot_hash(bytes));
    return votes.back();
  }

  // evote-tally STEP --config --dir --key --passphrase-file EXTRA (stdout and stderr).
  ProgramRun tally(const std::string& step, const std::string& extra = "") const {
    return run_program(shell_quote(kTally) + " " + step + " --config " + shell_quote(config) +
                       " --dir " + shell_quote(tally_dir()) + " --key " +
                       shell_quote(path("tally.key")) + " --passphrase-file " +
                       shell_quote(path("tally-passphrase.txt")) + " " + extra + " 2>&1");
  }
};

std::vector<protocol::Json> read_json_lines(const fs::path& path) {
  std::ifstream in(path);
  BOOST_REQUIRE_MESSAGE(in, "cannot open " << path);
  std::vector<protocol::Json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(protocol::Json::parse(line));
  return lines;
}

// The values of `member` in a JSON Lines file, in order.
template <typename T>
std::vector<T> column(const fs::path& path, const std::string& member) {
  std::vector<T> out;
  for (const protocol::Json& line : read_json_lines(path)) out.push_back(line.at(member).get<T>());
  return out;
}

std::string hash_text(const protocol::Receipt& receipt) {
  return protocol::base64url_encode(receipt.ballot_hash);
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// A statement's counts.
std::map<std::string, std::uint64_t> counts_of(const fs::path& statement) {
  const protocol::Json doc =
      protocol::parse_canonical(protocol::read_file(statement), statement.string());
  return doc.at("counts").get<std::map<std::string, std::uint64_t>>();
}

using Row = std::vector<std::uint64_t>;

// The rows of a batch file in order, decrypted with the election's whole secret key.
std::vector<Row> decrypt_batch(const protocol::ElectionConfig& config, const crypto::Scalar& secret,
                               const fs::path& file) {
  protocol::CiphertextFileReader reader(file);
  const protocol::Contest* contest = config.find_contest(reader.header().contest_id);
  BOOST_REQUIRE(contest != nullptr);
  std::vector<std::uint64_t> codes = {protocol::kBlankCode};
  for (const auto& choice : contest->choices) codes.push_back(choice.code);
  const crypto::CodeTable table(reader.group(), codes);
  std::vector<Row> rows;
  for (auto chunk = reader.read_rows(64); !chunk.empty(); chunk = reader.read_rows(64)) {
    for (const auto& ciphertexts : chunk) {
      Row row;
      for (const auto& c : ciphertexts)
        row.push_back(crypto::decrypt_code(secret, c, table).value_or(0));
      rows.push_back(row);
    }
  }
  return rows;
}

// The row of `vote` for `contest`: what make_ballot encrypted.
Row row_of(const protocol::ElectionConfig& config, const protocol::Contest& contest,
           const Vote& vote) {
  const auto selected = vote.selections.find(contest.id);
  return protocol::ballot_row_codes(
      config, contest, vote.district,
      selected == vote.selections.end() ? std::vector<std::uint64_t>{} : selected->second);
}

}  // namespace

BOOST_AUTO_TEST_CASE(check_squash_revoke_anonymize_on_the_collectors_export) {
  ExportedElection e;
  const protocol::ElectionConfig& config = e.c.s.config;

  // Before voting: change set 1. During it: change set 2 moves Oleg to d2 and adds Anna.
  const protocol::VoterListChanges set1 = e.load_voters(
      "add\t" + kMari + "\tMari-Liis Männik\td1\nadd\t" + kJuri + "\tJüri Tamm\td2\nadd\t" + kOleg +
          "\tOleg Ivanov\td1\nadd\t" + kPeeter + "\tPeeter Kask\td1\n",
      1, protocol::kNoPreviousChangeSet);
  e.admin("collector-open", "", "is open (since ");
  const Vote mari_first =
      e.vote(kMari, "d1", {{"mayor", {101}}, {"council", {11, 12}}, {"ranking", {21, 22}}});
  const Vote juri = e.vote(kJuri, "d2", {{"mayor", {201}}, {"ranking", {31}}});
  const Vote oleg_first = e.vote(kOleg, "d1", {{"mayor", {102}}});
  const Vote peeter = e.vote(kPeeter, "d1", {{"mayor", {101}}, {"council", {13}}});
  e.load_voters("remove\t" + kOleg + "\nadd\t" + kOleg + "\tOleg Ivanov\td2\nadd\t" + kAnna +
                    "\tAnna Saar\td2\n",
                2, protocol::change_set_hash(set1));
  const Vote oleg_last = e.vote(kOleg, "d2", {{"mayor", {202}}, {"ranking", {33, 32}}});
  const Vote anna = e.vote(kAnna, "d2", {{"mayor", {201}}});
  const Vote mari_last = e.vote(kMari, "d1", {{"mayor", {103}}, {"council", {14}}});
  const std::size_t receipts = e.votes.size();

  // Peeter and Jaan (who did not e-vote) voted on paper.
  protocol::PaperVotes paper;
  paper.election_id = config.election_id;
  paper.voters = {*protocol::PersonalCode::parse(kPeeter), *protocol::PersonalCode::parse(kJaan)};
  std::sort(paper.voters.begin(), paper.voters.end());
  protocol::sign(paper, e.c.s.election.organizer_key);
  protocol::save_paper_votes(paper, e.path("paper.json"), protocol::WriteMode::new_public());
  e.admin("collector-load-paper-votes", "--paper-votes " + shell_quote(e.path("paper.json")),
          "the collector loaded the paper-vote list (2 voters)");

  e.admin("collector-close", "", "is closed (since ");
  e.admin("collector-export", "--out " + shell_quote(e.path("box.jsonl")),
          "wrote the ballot box of election ");

  // check: every ballot the collector accepted.
  const std::string box = "--ballot-box " + shell_quote(e.path("box.jsonl"));
  const ProgramRun check = e.tally("check", box + " " + shell_quote(e.path("voters-1.json")) + " " +
                                                shell_quote(e.path("voters-2.json")));
  BOOST_TEST_MESSAGE("evote-tally check: " << check.output);
  BOOST_TEST_REQUIRE(check.status == 0, check.output);
  const std::string all = std::to_string(receipts);
  BOOST_TEST(check.output.find("checked " + all + " ballots: " + all + " accepted, 0 rejected") !=
                 std::string::npos,
             check.output);
  const auto check_counts = counts_of(e.tally_dir() / "check.statement.json");
  BOOST_TEST(check_counts.at("ballots") == receipts);
  BOOST_TEST(check_counts.at("accepted") == receipts);
  BOOST_TEST(check_counts.at("rejected") == 0u);
  BOOST_TEST(read_json_lines(e.tally_dir() / "rejected.jsonl").empty());
  const fs::path accepted_file = e.tally_dir() / "accepted.jsonl";
  const auto accepted = column<std::string>(accepted_file, "ballot_hash");
  BOOST_REQUIRE_EQUAL(accepted.size(), receipts);
  const auto accepted_sequences = column<std::uint64_t>(accepted_file, "sequence");
  const auto accepted_districts = column<std::string>(accepted_file, "district");
  for (std::size_t i = 0; i < receipts; ++i) {
    BOOST_TEST(accepted[i] == hash_text(e.votes[i].receipt));
    BOOST_TEST(accepted_sequences[i] == e.votes[i].receipt.sequence);
    // The district of the voter list version in force when the collector logged the ballot.
    BOOST_TEST(accepted_districts[i] == e.votes[i].district);
  }

  // squash: Mari's and Oleg's last ballots kept, their first superseded.
  const ProgramRun squash = e.tally("squash");
  BOOST_TEST_REQUIRE(squash.status == 0, squash.output);
  BOOST_TEST(squash.output.find("5 voters' last ballots kept, 2 superseded") != std::string::npos,
             squash.output);
  const auto last = column<std::string>(e.tally_dir() / "last.jsonl", "ballot_hash");
  BOOST_TEST(last.size() == 5u);
  BOOST_TEST(contains(last, hash_text(mari_last.receipt)));
  BOOST_TEST(!contains(last, hash_text(mari_first.receipt)));
  BOOST_TEST(contains(last, hash_text(oleg_last.receipt)));
  BOOST_TEST(!contains(last, hash_text(oleg_first.receipt)));
  const auto superseded = read_json_lines(e.tally_dir() / "superseded.jsonl");
  BOOST_REQUIRE_EQUAL(superseded.size(), 2u);
  BOOST_TEST(superseded[0].at("sequence") == mari_first.receipt.sequence);
  BOOST_TEST(superseded[0].at("superseded_by") == mari_last.receipt.sequence);
  BOOST_TEST(superseded[0].at("voter_id") == kMari);
  BOOST_TEST(superseded[1].at("sequence") == oleg_first.receipt.sequence);
  BOOST_TEST(superseded[1].at("superseded_by") == oleg_last.receipt.sequence);
  BOOST_TEST(superseded[1].at("voter_id") == kOleg);

  // revoke: Peeter's e-vote goes, the paper-vote list the collector was given.
  const ProgramRun revoke = e.tally("revoke", "--paper-votes " + shell_quote(e.path("paper.json")));
  BOOST_TEST_REQUIRE(revoke.status == 0, revoke.output);
  BOOST_TEST(
      revoke.output.find("revoked 1 e-votes of the 2 voters on the paper-vote list; 4 e-votes "
                         "count") != std::string::npos,
      revoke.output);
  const auto revoked = read_json_lines(e.tally_dir() / "revoked.jsonl");
  BOOST_REQUIRE_EQUAL(revoked.size(), 1u);
  BOOST_TEST(revoked[0].at("sequence") == peeter.receipt.sequence);
  BOOST_TEST(revoked[0].at("voter_id") == kPeeter);
  BOOST_TEST(!contains(column<std::string>(e.tally_dir() / "counted.jsonl", "ballot_hash"),
                       hash_text(peeter.receipt)));

  // anonymize: each batch decrypts to exactly the counted votes of its district.
  const ProgramRun anonymize = e.tally("anonymize", box);
  BOOST_TEST_REQUIRE(anonymize.status == 0, anonymize.output);
  std::map<std::string, std::vector<const Vote*>> counted;  // district -> votes
  for (const Vote* v : {&mari_last, &juri, &oleg_last, &anna}) counted[v->district].push_back(v);
  const crypto::Scalar& secret = e.c.s.election.election_key.secret;
  const fs::path batches = e.tally_dir() / "batches";
  std::size_t batch_count = 0;
  for (const auto& [district, district_votes] : counted) {
    for (const protocol::Contest* contest : protocol::contests_for_district(config, district)) {
      ++batch_count;
      std::multiset<Row> expected;
      for (const Vote* v : district_votes) expected.insert(row_of(config, *contest, *v));
      const std::vector<Row> rows =
          decrypt_batch(config, secret, batches / contest->id / district / "input.ctxt");
      BOOST_TEST((std::multiset<Row>(rows.begin(), rows.end()) == expected),
                 contest->id << "/" << district);
    }
  }
  BOOST_TEST(batch_count == 5u);  // d1: mayor, council, ranking; d2: mayor, ranking
  BOOST_TEST(!fs::exists(batches / "council" / "d2"));
  BOOST_TEST(anonymize.output.find("anonymized 4 ballots into 5 batches") != std::string::npos,
             anonymize.output);

  // The tracker list leads each counted receipt to its row; Peeter's and the
  // superseded ones are not on it.
  const auto tracker = read_json_lines(e.tally_dir() / "tracker.jsonl");
  BOOST_TEST(tracker.size() == 4u);
  const auto row_in_tracker = [&](const Vote& v) -> std::optional<std::uint64_t> {
    for (const protocol::Json& line : tracker) {
      if (line.at("ballot_hash") == hash_text(v.receipt)) {
        BOOST_TEST(line.at("district") == v.district);
        return line.at("row").get<std::uint64_t>();
      }
    }
    return std::nullopt;
  };
  for (const Vote* v : {&mari_last, &oleg_last}) {
    const std::optional<std::uint64_t> row = row_in_tracker(*v);
    BOOST_TEST_REQUIRE(row.has_value(), v->voter << "'s last receipt is not on the tracker list");
    const std::vector<Row> mayor =
        decrypt_batch(config, secret, batches / "mayor" / v->district / "input.ctxt");
    BOOST_TEST((mayor.at(*row - 1) == row_of(config, *config.find_contest("mayor"), *v)));
  }
  for (const Vote* v : {&mari_first, &oleg_first, &peeter}) BOOST_TEST(!row_in_tracker(*v));
  std::ifstream voters_file(e.tally_dir() / "counted-voters.txt");
  std::vector<std::string> voters;
  for (std::string line; std::getline(voters_file, line);) voters.push_back(line);
  std::vector<std::string> expected_voters = {kMari, kJuri, kOleg, kAnna};
  std::sort(expected_voters.begin(), expected_voters.end());
  BOOST_TEST((voters == expected_voters));
}
