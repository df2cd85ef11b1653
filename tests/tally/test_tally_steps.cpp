// evote-tally check, squash, revoke and anonymize, run as programs on a
// generated ballot box: real card-style signatures from a test PKI, real
// OCSP responses from `openssl ocsp`, voter list change sets applied during
// voting (a removal and a move), re-votes, a paper voter, and one ballot of
// each kind check must reject. The mix inputs anonymize writes are decrypted
// with the test election's whole key and compared with the votes cast.
#include <boost/test/unit_test.hpp>

#include "generated_election.hpp"

using namespace evote;
using namespace evote::tally_test;

namespace {

// voters-1.json: `voter` alone, in d1; the history of its one version, applied at `applied`.
std::vector<protocol::VoterListVersion> list_of_one(Election& e, const Voter& voter,
                                                    std::int64_t applied) {
  const auto set1 =
      e.change_set(1, protocol::kNoPreviousChangeSet, [&](protocol::VoterChangeList& c) {
        c.add(*protocol::PersonalCode::parse(voter.id), "Nimi", "d1");
      });
  protocol::save_voter_list_changes(set1, e.path("voters-1.json"),
                                    protocol::WriteMode::new_public());
  return {{1, hash_bytes(set1), applied}};
}

}  // namespace

BOOST_AUTO_TEST_CASE(check_squash_revoke_anonymize_on_a_generated_ballot_box) {
  Election e("ristretto255");
  const std::int64_t t0 = e.now() - 600;  // within the OCSP responses' freshness window
  Voter v1 = e.voter("38001085718"), v2 = e.voter("49002124277"), v3 = e.voter("50001010006"),
        v4 = e.voter("37605030299"), v5 = e.voter("60101010008"), v6 = e.voter("38501010002"),
        v7 = e.voter("47101010033"), v8 = e.voter("36001010014"), v9 = e.voter("45003150017");

  // Voter list version 1 (applied before voting) and 2 (during it): v7 removed, v8 moved d1 -> d2.
  const auto set1 =
      e.change_set(1, protocol::kNoPreviousChangeSet, [&](protocol::VoterChangeList& c) {
        for (const Voter* v : {&v1, &v2, &v4, &v5, &v7, &v8, &v9})
          c.add(*protocol::PersonalCode::parse(v->id), "Nimi", "d1");
        c.add(*protocol::PersonalCode::parse(v3.id), "Nimi", "d2");
      });
  const auto set2 =
      e.change_set(2, protocol::change_set_hash(set1), [&](protocol::VoterChangeList& c) {
        c.remove(*protocol::PersonalCode::parse(v7.id));
        c.remove(*protocol::PersonalCode::parse(v8.id));
        c.add(*protocol::PersonalCode::parse(v8.id), "Nimi", "d2");
      });
  protocol::save_voter_list_changes(set1, e.path("voters-1.json"),
                                    protocol::WriteMode::new_public());
  protocol::save_voter_list_changes(set2, e.path("voters-2.json"),
                                    protocol::WriteMode::new_public());
  const std::int64_t set2_applied = t0 + 100;
  const std::vector<protocol::VoterListVersion> history = {{1, hash_bytes(set1), e.now() - 3600},
                                                           {2, hash_bytes(set2), set2_applied}};

  std::vector<Cast> casts;
  casts.push_back(
      e.cast(v1, t0, "d1", {{"mayor", {101}}, {"council", {11, 12}}, {"ranking", {21, 22}}}));  // 1
  casts.push_back(e.cast(v2, t0 + 1, "d1", {{"mayor", {102}}}));                     // 2 superseded
  casts.push_back(e.cast(v3, t0 + 2, "d2", {{"mayor", {201}}, {"ranking", {31}}}));  // 3
  casts.push_back(e.cast(v4, t0 + 3, "d1", {{"mayor", {101}}}));  // 4 paper voter
  casts.push_back(e.cast(v8, t0 + 4, "d1", {{"mayor", {103}}}));  // 5 superseded
  casts.push_back(e.cast(v2, t0 + 150, "d1", {{"mayor", {103}}, {"council", {14}}}));  // 6 counts
  casts.push_back(
      e.cast(v8, t0 + 151, "d2", {{"mayor", {202}}, {"ranking", {33, 32}}}));  // 7 counts (moved)
  // Rejected, one of each kind:
  casts.push_back(e.cast(v6, t0 + 152, "d1", {{"mayor", {101}}}));  // 8 not on any list
  casts.push_back(e.cast(v7, t0 + 153, "d1", {{"mayor", {101}}}));  // 9 removed in version 2
  {
    Cast wrong_signer = e.cast(v9, t0 + 154, "d1", {{"mayor", {101}}});  // 10 signed with v1's card
    wrong_signer =
        e.finish_cast(v9, t0 + 154, "d1", {}, wrong_signer.signed_ballot.ballot, v1.card);
    casts.push_back(wrong_signer);
  }
  {
    protocol::MadeBallot made = protocol::make_ballot(e.config(), v9.id, "d1", {{"mayor", {102}}});
    std::swap(made.ballot.contests[0].ciphertexts[0],
              made.ballot.contests[1].ciphertexts[0]);  // 11 proofs fail
    casts.push_back(e.finish_cast(v9, t0 + 155, "d1", {}, made.ballot, v9.card));
  }
  casts.push_back(casts[0]);  // 12 a replay of sequence 1
  casts.back().time = t0 + 156;
  {
    Cast early =
        e.cast(v9, e.config().voting_start - 10, "d1", {{"mayor", {101}}});  // 13 before the period
    casts.push_back(early);
  }
  {
    Cast no_status = e.cast(v9, t0 + 157, "d1", {{"mayor", {103}}});  // 14 no OCSP response
    no_status.ocsp.clear();
    casts.push_back(no_status);
  }
  e.responder().revoke(v5.card, std::time(nullptr) - 5);
  casts.push_back(e.cast(v5, t0 + 158, "d1", {{"mayor", {101}}}));  // 15 revoked card
  e.write_box(e.path("box.jsonl"), casts, history);

  // check
  const std::string lists = q(e.path("voters-1.json")) + " " + q(e.path("voters-2.json"));
  const std::string box = " --ballot-box " + q(e.path("box.jsonl"));
  {
    const Run missing = run(e.tally("check", box + " " + q(e.path("voters-1.json"))));
    BOOST_TEST(missing.status == 1);
    BOOST_TEST(missing.has("the collector applied 2 voter list change sets, 1 were given"),
               missing.output);
  }
  const Run check = run(e.tally("check", box + " " + lists));
  BOOST_TEST_REQUIRE(check.status == 0, check.output);
  BOOST_TEST(check.has("15 entries, log chain and collector signature: PASS"), check.output);
  BOOST_TEST(check.has("checked 15 ballots: 7 accepted, 8 rejected"), check.output);
  const auto reasons = rejected_reasons(e.tally_dir() / "rejected.jsonl");
  const std::map<std::uint64_t, std::string> expected = {
      {8, "not_eligible"},           {9, "not_eligible"},
      {10, "bad_signature"},         {11, "bad_ballot"},
      {12, "duplicate_ballot"},      {13, "outside_voting_period"},
      {14, "no_certificate_status"}, {15, "certificate_revoked"}};
  BOOST_TEST((reasons == expected));
  BOOST_TEST(read_lines(e.tally_dir() / "accepted.jsonl").size() == 7u);
  {
    const Run again = run(e.tally("check", box + " " + lists));
    BOOST_TEST(again.status == 1);
    BOOST_TEST(again.has("accepted.jsonl: already exists"), again.output);
  }

  // squash: v2 and v8 re-voted.
  const Run squash = run(e.tally("squash"));
  BOOST_TEST_REQUIRE(squash.status == 0, squash.output);
  BOOST_TEST(squash.has("5 voters' last ballots kept, 2 superseded"), squash.output);
  const auto superseded = read_lines(e.tally_dir() / "superseded.jsonl");
  BOOST_TEST_REQUIRE(superseded.size() == 2u);
  BOOST_TEST(superseded[0].find(R"("sequence":2,"superseded_by":6)") != std::string::npos,
             superseded[0]);
  BOOST_TEST(superseded[1].find(R"("sequence":5,"superseded_by":7)") != std::string::npos,
             superseded[1]);

  // revoke: v4 voted on paper (and someone who did not e-vote).
  protocol::PaperVotes paper;
  paper.election_id = e.config().election_id;
  paper.voters = {*protocol::PersonalCode::parse(v4.id),
                  *protocol::PersonalCode::parse("61010101234")};
  std::sort(paper.voters.begin(), paper.voters.end());
  protocol::sign(paper, e.base().organizer_key);
  protocol::save_paper_votes(paper, e.path("paper.json"), protocol::WriteMode::new_public());
  const Run revoke = run(e.tally("revoke", "--paper-votes " + q(e.path("paper.json"))));
  BOOST_TEST_REQUIRE(revoke.status == 0, revoke.output);
  BOOST_TEST(
      revoke.has("revoked 1 e-votes of the 2 voters on the paper-vote list; 4 e-votes count"),
      revoke.output);

  // anonymize: the rows of v1, v2 (d1) and v3, v8 (d2), decrypted.
  const Run anonymize = run(e.tally("anonymize", box));
  BOOST_TEST_REQUIRE(anonymize.status == 0, anonymize.output);
  const fs::path batches = e.tally_dir() / "batches";
  using Rows = std::multiset<std::vector<std::uint64_t>>;
  BOOST_TEST((decrypt_batch(e, batches / "mayor/d1/input.ctxt") ==
              Rows{row_of(e, "mayor", "d1", {101}), row_of(e, "mayor", "d1", {103})}));
  BOOST_TEST((decrypt_batch(e, batches / "mayor/d2/input.ctxt") ==
              Rows{row_of(e, "mayor", "d2", {201}), row_of(e, "mayor", "d2", {202})}));
  BOOST_TEST((decrypt_batch(e, batches / "council/d1/input.ctxt") ==
              Rows{row_of(e, "council", "d1", {11, 12}), row_of(e, "council", "d1", {14})}));
  BOOST_TEST((decrypt_batch(e, batches / "ranking/d2/input.ctxt") ==
              Rows{row_of(e, "ranking", "d2", {31}), row_of(e, "ranking", "d2", {33, 32})}));
  BOOST_TEST(!fs::exists(batches / "council/d2"));  // council is not on d2's ballot

  // The tracker list leads v2's counted ballot (sequence 6) to its row.
  const crypto::Bytes v2_hash =
      protocol::ballot_hash(protocol::encode_signed_ballot(casts[5].signed_ballot));
  std::optional<std::uint64_t> v2_row;
  const auto tracker = read_lines(e.tally_dir() / "tracker.jsonl");
  BOOST_TEST(tracker.size() == 4u);
  for (const std::string& line : tracker) {
    const protocol::Json j = protocol::Json::parse(line);
    if (j.at("ballot_hash") == protocol::base64url_encode(v2_hash)) {
      BOOST_TEST(j.at("district") == "d1");
      v2_row = j.at("row").get<std::uint64_t>();
    }
  }
  BOOST_TEST_REQUIRE(v2_row.has_value());
  std::vector<std::vector<std::uint64_t>> in_order;
  decrypt_batch(e, batches / "mayor/d1/input.ctxt", &in_order);
  BOOST_TEST((in_order.at(*v2_row - 1) == row_of(e, "mayor", "d1", {103})));
  const auto voters = read_lines(e.tally_dir() / "counted-voters.txt");
  BOOST_TEST((voters == std::vector<std::string>{v8.id, v1.id, v2.id, v3.id}));
}

// A step refuses to run on what its predecessor did not write: an altered
// list, a statement signed by another key, another ballot box.
BOOST_AUTO_TEST_CASE(steps_refuse_altered_inputs) {
  Election e("ristretto255");
  const std::int64_t t0 = e.now() - 300;
  Voter v1 = e.voter("38001085718");
  const std::vector<protocol::VoterListVersion> history = list_of_one(e, v1, t0 - 100);
  std::vector<Cast> casts = {e.cast(v1, t0, "d1", {{"mayor", {101}}}),
                             e.cast(v1, t0 + 1, "d1", {{"mayor", {102}}})};
  e.write_box(e.path("box.jsonl"), casts, history);
  e.write_box(e.path("other-box.jsonl"), {casts[0]}, history);
  const std::string box = " --ballot-box " + q(e.path("box.jsonl"));
  BOOST_TEST_REQUIRE(run(e.tally("check", box + " " + q(e.path("voters-1.json")))).status == 0);

  // A wrong passphrase opens nothing.
  testing::write_whole_file(e.path("wrong.txt"), crypto::as_bytes("wrong\n"));
  const Run wrong =
      run(kTally + " squash --config " + q(e.config_path()) + " --dir " + q(e.tally_dir()) +
          " --key " + q(e.key_path()) + " --passphrase-file " + q(e.path("wrong.txt")));
  BOOST_TEST(wrong.status == 1);
  BOOST_TEST(wrong.has("wrong passphrase"), wrong.output);
  BOOST_TEST(!fs::exists(e.tally_dir() / "last.jsonl"));

  // accepted.jsonl altered after check signed its hash.
  const fs::path accepted = e.tally_dir() / "accepted.jsonl";
  const crypto::Bytes original = protocol::read_file(accepted);
  auto lines = read_lines(accepted);
  lines.pop_back();
  {
    std::ofstream out(accepted, std::ios::trunc);
    for (const auto& l : lines) out << l << "\n";
  }
  const Run altered = run(e.tally("squash"));
  BOOST_TEST(altered.status == 1);
  BOOST_TEST(altered.has("is not the file its statement lists (accepted.jsonl"), altered.output);
  testing::write_whole_file(accepted, original);

  // The check statement re-signed by another key.
  const fs::path statement = e.tally_dir() / "check.statement.json";
  const crypto::Bytes signed_statement = protocol::read_file(statement);
  protocol::Json doc = protocol::parse_canonical(signed_statement, "statement");
  protocol::sign_document(doc, crypto::Ed25519SigningKey::generate());
  testing::write_whole_file(statement, protocol::canonical_bytes(doc));
  const Run forged = run(e.tally("squash"));
  BOOST_TEST(forged.status == 1);
  BOOST_TEST(forged.has("check.statement.json: signed by another key"), forged.output);
  testing::write_whole_file(statement, signed_statement);

  BOOST_TEST_REQUIRE(run(e.tally("squash")).status == 0);
  protocol::PaperVotes paper;
  paper.election_id = e.config().election_id;
  protocol::sign(paper, e.base().organizer_key);
  protocol::save_paper_votes(paper, e.path("paper.json"), protocol::WriteMode::new_public());
  // A paper-vote list signed by someone else than the organizer.
  protocol::PaperVotes forged_paper = paper;
  protocol::sign(forged_paper, crypto::Ed25519SigningKey::generate());
  protocol::save_paper_votes(forged_paper, e.path("forged-paper.json"),
                             protocol::WriteMode::new_public());
  const Run bad_paper = run(e.tally("revoke", "--paper-votes " + q(e.path("forged-paper.json"))));
  BOOST_TEST(bad_paper.status == 1);
  BOOST_TEST(bad_paper.has("forged-paper.json"), bad_paper.output);
  BOOST_TEST_REQUIRE(run(e.tally("revoke", "--paper-votes " + q(e.path("paper.json")))).status ==
                     0);

  // anonymize with another ballot box than check read.
  const Run other = run(e.tally("anonymize", "--ballot-box " + q(e.path("other-box.jsonl"))));
  BOOST_TEST(other.status == 1);
  BOOST_TEST(other.has("is not the ballot box that check read"), other.output);
  BOOST_TEST(!fs::exists(e.tally_dir() / "batches"));
  const Run ok = run(e.tally("anonymize", box));
  BOOST_TEST(ok.status == 0, ok.output);
  BOOST_TEST(ok.has("anonymized 1 ballots into 3 batches"), ok.output);
}

// check judges the entries in one pass after reading the signed trailer
// from the file's end: an entry altered in the export, or a trailer signed
// by another key, is refused naming the line, with nothing written and no
// entry judged aloud.
BOOST_AUTO_TEST_CASE(check_refuses_an_altered_ballot_box_before_writing_anything) {
  Election e("ristretto255");
  const std::int64_t t0 = e.now() - 300;
  Voter v1 = e.voter("38001085718");
  Voter v2 = e.voter("49002124277");
  const std::vector<protocol::VoterListVersion> history = list_of_one(e, v1, t0 - 100);
  // v2 is not on the list: a valid box would print "rejected sequence 2".
  e.write_box(
      e.path("box.jsonl"),
      {e.cast(v1, t0, "d1", {{"mayor", {101}}}), e.cast(v2, t0 + 1, "d1", {{"mayor", {102}}}),
       e.cast(v1, t0 + 2, "d1", {{"mayor", {103}}})},
      history);
  const auto original = read_lines(e.path("box.jsonl"));
  auto check_with = [&](const std::vector<std::string>& lines) {
    {
      std::ofstream out(e.path("changed.jsonl"), std::ios::trunc);
      for (const auto& l : lines) out << l << "\n";
    }
    return run(e.tally(
        "check", "--ballot-box " + q(e.path("changed.jsonl")) + " " + q(e.path("voters-1.json"))));
  };
  auto nothing_written = [&] {
    return !fs::exists(e.tally_dir() / "accepted.jsonl") &&
           !fs::exists(e.tally_dir() / "rejected.jsonl") &&
           !fs::exists(e.tally_dir() / "check.statement.json");
  };

  auto altered = original;
  protocol::Json entry = protocol::parse_canonical(crypto::as_bytes(altered[3]), "entry");
  entry["time"] = "2027-02-24T09:07:42Z";
  const crypto::Bytes entry_bytes = protocol::canonical_bytes(entry);
  altered[3] = std::string(entry_bytes.begin(), entry_bytes.end());
  const Run broken = check_with(altered);
  BOOST_TEST(broken.status == 1);
  BOOST_TEST(broken.has("line 5: log_head: does not match the log recomputed"), broken.output);
  BOOST_TEST(!broken.has("rejected sequence"), broken.output);
  BOOST_TEST(nothing_written());

  auto resigned = original;
  protocol::Json trailer = protocol::parse_canonical(crypto::as_bytes(resigned.back()), "trailer");
  protocol::sign_document(trailer, crypto::Ed25519SigningKey::generate());
  const crypto::Bytes trailer_bytes = protocol::canonical_bytes(trailer);
  resigned.back() = std::string(trailer_bytes.begin(), trailer_bytes.end());
  const Run forged = check_with(resigned);
  BOOST_TEST(forged.status == 1);
  BOOST_TEST(forged.has("line 5: signed by another key"), forged.output);
  BOOST_TEST(nothing_written());

  const Run good = check_with(original);
  BOOST_TEST_REQUIRE(good.status == 0, good.output);
  BOOST_TEST(good.has("3 entries, log chain and collector signature: PASS"), good.output);
  BOOST_TEST(good.has("rejected sequence 2 (voter 49002124277): not_eligible"), good.output);
  BOOST_TEST(good.has("checked 3 ballots: 2 accepted, 1 rejected"), good.output);
}

// Many re-votes, interleaved: squash keeps exactly each voter's last ballot
// and lists every other one as superseded by it.
BOOST_AUTO_TEST_CASE(squash_keeps_exactly_the_last_of_many_revotes) {
  Election e("ristretto255");
  const std::int64_t t0 = e.now() - 300;
  const std::vector<std::string> ids = {"38001085718", "49002124277", "50001010006", "37605030299",
                                        "60101010008"};
  std::vector<Voter> voters;
  for (const std::string& id : ids) voters.push_back(e.voter(id));
  const auto set1 =
      e.change_set(1, protocol::kNoPreviousChangeSet, [&](protocol::VoterChangeList& c) {
        for (const std::string& id : ids) c.add(*protocol::PersonalCode::parse(id), "Nimi", "d1");
      });
  protocol::save_voter_list_changes(set1, e.path("voters-1.json"),
                                    protocol::WriteMode::new_public());
  // Voter i casts i + 3 ballots; the order mixes the voters; the mayor
  // code of each voter's last ballot is 101 + (i % 3).
  std::vector<Cast> casts;
  std::map<std::string, std::uint64_t> last_sequence;
  std::vector<std::size_t> remaining = {3, 4, 5, 6, 7};
  for (std::size_t round = 0; casts.size() < 25; ++round) {
    for (std::size_t i = 0; i < voters.size(); ++i) {
      const std::size_t v = (i * 3 + round) % voters.size();
      if (remaining[v] == 0) continue;
      const std::uint64_t code = --remaining[v] == 0 ? 101 + v % 3 : 101 + (v + 1) % 3;
      casts.push_back(e.cast(voters[v], t0 + static_cast<std::int64_t>(casts.size()), "d1",
                             {{"mayor", {code}}}));
      last_sequence[ids[v]] = casts.size();
    }
  }
  e.write_box(e.path("box.jsonl"), casts, {{1, hash_bytes(set1), t0 - 100}});
  const std::string box = " --ballot-box " + q(e.path("box.jsonl"));
  BOOST_TEST_REQUIRE(run(e.tally("check", box + " " + q(e.path("voters-1.json")))).status == 0);
  const Run squash = run(e.tally("squash"));
  BOOST_TEST_REQUIRE(squash.status == 0, squash.output);
  BOOST_TEST(squash.has("25 accepted ballots: 5 voters' last ballots kept, 20 superseded"),
             squash.output);
  std::map<std::string, std::uint64_t> kept;
  for (const std::string& line : read_lines(e.tally_dir() / "last.jsonl")) {
    const protocol::Json j = protocol::Json::parse(line);
    kept[j.at("voter_id").get<std::string>()] = j.at("sequence").get<std::uint64_t>();
  }
  BOOST_TEST((kept == last_sequence));
  std::size_t superseded = 0;
  for (const std::string& line : read_lines(e.tally_dir() / "superseded.jsonl")) {
    const protocol::Json j = protocol::Json::parse(line);
    BOOST_TEST(j.at("superseded_by").get<std::uint64_t>() ==
               last_sequence.at(j.at("voter_id").get<std::string>()));
    BOOST_TEST(j.at("sequence").get<std::uint64_t>() < j.at("superseded_by").get<std::uint64_t>());
    ++superseded;
  }
  BOOST_TEST(superseded == 20u);

  // And the rows that reach the mix are the last ballots' votes.
  protocol::PaperVotes paper;
  paper.election_id = e.config().election_id;
  protocol::sign(paper, e.base().organizer_key);
  protocol::save_paper_votes(paper, e.path("paper.json"), protocol::WriteMode::new_public());
  BOOST_TEST_REQUIRE(run(e.tally("revoke", "--paper-votes " + q(e.path("paper.json")))).status ==
                     0);
  BOOST_TEST_REQUIRE(run(e.tally("anonymize", box)).status == 0);
  std::multiset<std::vector<std::uint64_t>> expected;
  for (std::size_t v = 0; v < voters.size(); ++v)
    expected.insert(row_of(e, "mayor", "d1", {101 + v % 3}));
  BOOST_TEST((decrypt_batch(e, e.tally_dir() / "batches/mayor/d1/input.ctxt") == expected));
}
