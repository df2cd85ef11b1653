// evote-admin's collector commands against the real evote-collector (real
// PostgreSQL, real TLS, a test OCSP responder; specs/collector-admin.md):
// the organizer loads voters, opens, voters vote, the organizer fetches the
// votes-order feed and the ballot box and closes; the config and a
// paper-vote list are loaded; and what is refused: a
// request signed by a foreign key (401 auth_failed), a config pinning
// another TLS certificate, and answers signed by another collector key than
// the config's (the export is not kept, nothing left behind).
#include <boost/test/unit_test.hpp>
#include <ctime>
#include <sstream>

#include "admin_commands_fixture.hpp"
#include "evote/protocol/admin_request.hpp"
#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/paper_votes.hpp"
#include "evote/protocol/receipt.hpp"
#include "evote/protocol/voter_list.hpp"

using namespace evote;
using namespace evote::testing;

namespace {

const std::string kMari = "38001085718";  // d1
const std::string kJuri = "49002124277";  // d2

// The collector serving an election whose voting period is now, the
// organizer's sealed key next to it, and evote-admin pointed at its admin
// listener with the config the collector serves.
struct Live {
  CollectorWithOcsp c{voting_open_now};
  std::filesystem::path config = c.s.dir / "election" / "config.json";
  std::filesystem::path key = c.s.dir / "organizer.key";
  Live() { write_sealed_key(c.s.dir.path(), "organizer.key", c.s.election.organizer_key); }

  std::string url() const { return admin_url(c.s.admin_port); }
  ProgramRun admin(const std::string& command, const std::string& extra = "") const {
    return run_admin(command, url(), config, key, extra);
  }
  std::filesystem::path path(const std::string& name) const { return c.s.dir / name; }

  // Change set 1 adding Mari (d1) and Jüri (d2), signed by the organizer.
  std::filesystem::path write_voters() const {
    protocol::VoterListChanges doc;
    doc.election_id = c.s.config.election_id;
    std::istringstream tsv("add\t" + kMari + "\tMari-Liis Männik\td1\nadd\t" + kJuri +
                           "\tJüri Tamm\td2\n");
    doc.changes = protocol::import_voter_tsv(tsv, "voters.tsv", c.s.config);
    protocol::sign(doc, c.s.election.organizer_key);
    protocol::save_voter_list_changes(doc, path("voters-1.json"),
                                      protocol::WriteMode::new_public());
    return path("voters-1.json");
  }

  // A blank ballot of `code`; its receipt.
  protocol::Receipt vote(const std::string& code, const std::string& district) {
    const std::string session = log_in_as(c.s, code);
    const TestCertificate signing = good_signing_certificate(c.s, c.ocsp, code);
    const CastBallot cast = cast_blank_ballot(c.s, session, signing, code, district);
    BOOST_REQUIRE_MESSAGE(cast.reply.status == 200u, cast.reply.body);
    return protocol::decode_receipt(crypto::as_bytes(cast.reply.body));
  }

  // No file in the folder whose name starts with `prefix`.
  bool nothing_named(const std::string& prefix) const {
    for (const auto& entry : std::filesystem::directory_iterator(c.s.dir.path())) {
      if (entry.path().filename().string().starts_with(prefix)) return false;
    }
    return true;
  }
};

protocol::VotesOrder read_votes_order(const std::filesystem::path& path) {
  return protocol::decode_votes_order(protocol::read_file(path));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(collector_commands_live)

BOOST_AUTO_TEST_CASE(an_election_from_voter_list_to_export) {
  Live l;
  const std::string config_hash =
      protocol::base64url_encode(protocol::config_hash(protocol::read_file(l.config)));
  ProgramRun run = l.admin("collector-status");
  expect_admin_success(run, "state: loaded\n");
  expect_admin_success(run, "config_hash: " + config_hash + " (the config given)\n");
  expect_admin_success(run, "voter_list_version: 0\nballots: 0\n");

  expect_admin_failure(l.admin("collector-open"),
                       "the collector refused the request: 409 refused: no voter list is loaded");

  const std::filesystem::path voters = l.write_voters();
  expect_admin_success(l.admin("collector-load-voters", "--voters " + shell_quote(voters)),
                       "the collector applied voter list change set 1 (2 changes); its voter "
                       "list version is 1");
  // Applying it again breaks the chain: refused, the message from the collector.
  expect_admin_failure(l.admin("collector-load-voters", "--voters " + shell_quote(voters)),
                       "the collector refused the request: 409 refused: ");

  expect_admin_success(l.admin("collector-open"), "election TEST_2027 is open (since ");
  const protocol::Receipt first = l.vote(kMari, "d1");
  const protocol::Receipt second = l.vote(kJuri, "d2");
  const protocol::Receipt revote = l.vote(kMari, "d1");
  BOOST_REQUIRE_EQUAL(revote.sequence, 3u);

  // The votes-order feed: every e-vote, then the ones after sequence 2.
  expect_admin_success(
      l.admin("collector-votes-order", "--after 0 --out " + shell_quote(l.path("order-0.json"))),
      "wrote 3 e-votes after sequence 0 to ");
  const protocol::VotesOrder all = read_votes_order(l.path("order-0.json"));
  BOOST_TEST(
      protocol::verify_votes_order(all, "TEST_2027", l.c.s.election.collector_key.public_key()).ok);
  BOOST_REQUIRE_EQUAL(all.entries.size(), 3u);
  BOOST_TEST(all.entries[0].voter_id == kMari);
  BOOST_TEST(all.entries[0].sequence == first.sequence);
  BOOST_TEST(all.entries[0].time == first.time);
  BOOST_TEST(all.entries[1].voter_id == kJuri);
  BOOST_TEST(all.entries[1].sequence == second.sequence);
  BOOST_TEST(all.entries[2].voter_id == kMari);
  BOOST_TEST(all.last == 3u);
  expect_admin_success(
      l.admin("collector-votes-order", "--after 2 --out " + shell_quote(l.path("order-2.json"))),
      "wrote 1 e-votes after sequence 2 to ");
  const protocol::VotesOrder later = read_votes_order(l.path("order-2.json"));
  BOOST_REQUIRE_EQUAL(later.entries.size(), 1u);
  BOOST_TEST(later.entries[0].sequence == 3u);
  expect_admin_success(
      l.admin("collector-votes-order", "--after 3 --out " + shell_quote(l.path("order-3.json"))),
      "wrote 0 e-votes after sequence 3 to ");
  BOOST_TEST(read_votes_order(l.path("order-3.json")).last == 3u);

  // The export: every ballot, ending in the log head of the last receipt.
  expect_admin_success(l.admin("collector-export", "--out " + shell_quote(l.path("box.jsonl"))),
                       "wrote the ballot box of election TEST_2027 to ");
  protocol::BallotBoxReader box(l.path("box.jsonl"), l.c.s.config);
  std::vector<std::string> voters_in_box;
  while (auto ballot = box.next()) {
    voters_in_box.push_back(ballot->entry.voter_id);
    // Each with the OCSP response the collector got when it accepted the ballot.
    BOOST_TEST(!ballot->entry.ocsp_response.empty());
  }
  BOOST_TEST((voters_in_box == std::vector<std::string>{kMari, kJuri, kMari}));
  BOOST_TEST(box.trailer().log_head == revote.log_head);
  BOOST_TEST(l.nothing_named("box.jsonl.unchecked-"));
  // The export is never written over an existing file.
  const ProgramRun again = l.admin("collector-export", "--out " + shell_quote(l.path("box.jsonl")));
  BOOST_TEST(again.status != 0);
  BOOST_TEST(again.output.find("box.jsonl: already exists") != std::string::npos, again.output);

  expect_admin_success(l.admin("collector-close"), "election TEST_2027 is closed (since ");
  run = l.admin("collector-status");
  expect_admin_success(run, "state: closed\n");
  expect_admin_success(run, "voter_list_version: 1\nballots: 3\nlog_head: " +
                                protocol::base64url_encode(revote.log_head) + "\n");
}

BOOST_AUTO_TEST_CASE(load_config_and_what_is_refused) {
  Live l;
  expect_admin_success(l.admin("collector-load-config"),
                       "the collector loaded the config of election TEST_2027 (config hash ");

  // The paper-vote list, signed by the organizer.
  protocol::PaperVotes paper;
  paper.election_id = l.c.s.config.election_id;
  paper.voters = {*protocol::PersonalCode::parse(kMari), *protocol::PersonalCode::parse(kJuri)};
  protocol::sign(paper, l.c.s.election.organizer_key);
  protocol::save_paper_votes(paper, l.path("paper.json"), protocol::WriteMode::new_public());
  expect_admin_success(
      l.admin("collector-load-paper-votes", "--paper-votes " + shell_quote(l.path("paper.json"))),
      "the collector loaded the paper-vote list (2 voters)");

  // A foreign organizer: its own config (same election) and key. The
  // collector answers 401 auth_failed and names the reason.
  const crypto::Ed25519SigningKey foreign = crypto::Ed25519SigningKey::generate();
  protocol::ElectionConfig config = l.c.s.config;
  config.organizer_key = foreign.public_key();
  write_signed_config(l.path("foreign-config.json"), config, foreign);
  write_sealed_key(l.c.s.dir.path(), "foreign.key", foreign);
  expect_admin_failure(
      run_admin("collector-status", l.url(), l.path("foreign-config.json"), l.path("foreign.key")),
      "the collector refused the request: 401 auth_failed: admin request: "
      "signed by another key");

  // A config (by the real organizer) pinning another TLS certificate.
  config = l.c.s.config;
  const TestCertificate other = l.c.s.tls_pki.issue_leaf(KeyType::ec_p384, server_options());
  config.collector->tls_certificate = other.der();
  write_signed_config(l.path("other-tls.json"), config, l.c.s.election.organizer_key);
  expect_admin_failure(
      run_admin("collector-status", l.url(), l.path("other-tls.json"), l.key),
      l.url() + ": TLS certificate pin mismatch: the server's certificate (SHA-256 ");

  // A config naming another collector signing key: the collector's signed
  // answers do not verify against it, and nothing is kept.
  config = l.c.s.config;
  config.collector->signing_key = crypto::Ed25519SigningKey::generate().public_key();
  write_signed_config(l.path("other-collector.json"), config, l.c.s.election.organizer_key);
  expect_admin_failure(run_admin("collector-export", l.url(), l.path("other-collector.json"), l.key,
                                 "--out " + shell_quote(l.path("box.jsonl"))),
                       "the collector's export (" + l.url() + ") is refused, nothing written: ");
  BOOST_TEST(!std::filesystem::exists(l.path("box.jsonl")));
  BOOST_TEST(l.nothing_named("box.jsonl"));
  expect_admin_failure(run_admin("collector-votes-order", l.url(), l.path("other-collector.json"),
                                 l.key, "--after 0 --out " + shell_quote(l.path("order.json"))),
                       "votes-order: signed by another key");
  BOOST_TEST(!std::filesystem::exists(l.path("order.json")));
}

BOOST_AUTO_TEST_SUITE_END()
