// The whole tally on a generated election, every step a real program: a
// key ceremony of 3 trustees (2 needed) with evote-keys, a ballot box with
// re-votes, a paper voter and rejected ballots, evote-tally check … anonymize,
// two signed mix stages per batch with evote-mix, partial decryptions by the
// three trustees and combine with evote-keys, count, publish, record, and
// evote-verify on the record: every check PASS and the results equal to
// the votes cast. Then the record is tampered with, one file at a time,
// and evote-verify must FAIL, naming the check.
#include <boost/test/unit_test.hpp>

#include "evote/protocol/config_file.hpp"
#include "evote/protocol/election_record.hpp"
#include "generated_election.hpp"
#include "keys/ceremony_harness.hpp"

using namespace evote;
using namespace evote::tally_test;

namespace {

const std::string kVerify = EVOTE_VERIFY_BIN;

struct Expected {
  // contest -> district -> code -> count (votes, approvals, first preferences)
  std::map<std::string, std::map<std::string, std::map<std::uint64_t, std::uint64_t>>> counts;
  std::map<std::string, std::map<std::string, std::uint64_t>> rows;  // contest -> district -> rows
};

// A finished tally: the election, its ceremony and the record folder.
struct Pipeline {
  std::unique_ptr<keys_test::Ceremony> ceremony;
  std::unique_ptr<Election> election;
  std::vector<Cast> counted;   // the ballots that must count
  crypto::Bytes counted_hash;  // one of them, for --tracker
  fs::path record;
};

std::vector<std::string> batch_folders(const fs::path& tally) {
  std::vector<std::string> out;
  for (const auto& contest : fs::directory_iterator(tally / "batches")) {
    for (const auto& district : fs::directory_iterator(contest.path())) {
      out.push_back(fs::relative(district.path(), tally).generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Pipeline run_pipeline(const std::string& group, const std::string& election_id) {
  Pipeline p;
  p.ceremony = std::make_unique<keys_test::Ceremony>(election_id, 3, 2, group);
  p.ceremony->run_all();
  const protocol::ElectionConfig keyed =
      protocol::load_signed_election_config(p.ceremony->election_config().string());
  p.election = std::make_unique<Election>(group, [&](protocol::ElectionConfig& c) {
    c.election_id = keyed.election_id;
    c.trustees = keyed.trustees;
    c.threshold = keyed.threshold;
    c.election_public_key = keyed.election_public_key;
  });
  Election& e = *p.election;
  const std::int64_t t0 = e.now() - 600;
  Voter v1 = e.voter("38001085718"), v2 = e.voter("49002124277"), v3 = e.voter("50001010006"),
        v4 = e.voter("37605030299"), v5 = e.voter("60101010008");
  const auto set1 =
      e.change_set(1, protocol::kNoPreviousChangeSet, [&](protocol::VoterChangeList& c) {
        for (const Voter* v : {&v1, &v2, &v4})
          c.add(*protocol::PersonalCode::parse(v->id), "Nimi", "d1");
        for (const Voter* v : {&v3, &v5})
          c.add(*protocol::PersonalCode::parse(v->id), "Nimi", "d2");
      });
  protocol::save_voter_list_changes(set1, e.path("voters-1.json"),
                                    protocol::WriteMode::new_public());
  const std::vector<protocol::VoterListVersion> history = {{1, hash_bytes(set1), e.now() - 3600}};

  std::vector<Cast> casts;
  casts.push_back(
      e.cast(v1, t0, "d1", {{"mayor", {101}}, {"council", {11, 12}}, {"ranking", {21, 22}}}));
  casts.push_back(e.cast(v2, t0 + 1, "d1", {{"mayor", {102}}, {"ranking", {23}}}));  // superseded
  casts.push_back(e.cast(v3, t0 + 2, "d2", {{"mayor", {201}}, {"ranking", {31, 33}}}));
  casts.push_back(e.cast(v4, t0 + 3, "d1", {{"mayor", {103}}}));  // voted on paper too
  casts.push_back(
      e.cast(v2, t0 + 4, "d1", {{"mayor", {103}}, {"council", {14}}, {"ranking", {22, 21, 24}}}));
  casts.push_back(e.cast(v5, t0 + 5, "d2", {{"mayor", {}}, {"ranking", {32}}}));  // blank mayor
  casts.push_back(
      e.cast(e.voter("38501010002"), t0 + 6, "d1", {{"mayor", {101}}}));  // not eligible
  e.write_box(e.path("box.jsonl"), casts, history);
  p.counted = {casts[0], casts[2], casts[4], casts[5]};
  p.counted_hash = protocol::ballot_hash(protocol::encode_signed_ballot(casts[4].signed_ballot));

  protocol::PaperVotes paper;
  paper.election_id = e.config().election_id;
  paper.voters = {*protocol::PersonalCode::parse(v4.id)};
  protocol::sign(paper, e.base().organizer_key);
  protocol::save_paper_votes(paper, e.path("paper.json"), protocol::WriteMode::new_public());

  const std::string box = " --ballot-box " + q(e.path("box.jsonl"));
  auto ok = [](const std::string& command) {
    const Run r = run(command);
    BOOST_TEST_REQUIRE(r.status == 0, command + "\n" + r.output);
    return r;
  };
  ok(e.tally("check", box + " " + q(e.path("voters-1.json"))));
  ok(e.tally("squash"));
  ok(e.tally("revoke", "--paper-votes " + q(e.path("paper.json"))));
  ok(e.tally("anonymize", box));

  const fs::path tally = e.tally_dir();
  const std::string config = " --config " + q(e.config_path());
  for (const std::string& batch : batch_folders(tally)) {
    const std::string cascade =
        " --input " + q(tally / batch / "input.ctxt") + " --cascade " + q(tally / batch);
    for (std::size_t k = 1; k <= 2; ++k) {
      ok(keys_test::kMix + " cascade" + config + cascade + " --key " + q(e.mix_key_path(k)) +
         " --passphrase-file " + q(e.passphrase_path()));
    }
    std::string partials;
    for (std::uint32_t j = 1; j <= 3; ++j) {
      const fs::path partial = tally / batch / ("partial-" + std::to_string(j) + ".pdec");
      ok(keys_test::kKeys + " partial-decrypt --dir " + q(p.ceremony->dir(j)) + " --ceremony " +
         q(p.ceremony->ceremony_file()) + config + cascade + " --out " + q(partial) +
         p.ceremony->passphrase_option());
      partials += " " + q(partial);
    }
    ok(keys_test::kKeys + " combine --ceremony " + q(p.ceremony->ceremony_file()) + config +
       cascade + " --out " + q(tally / batch / "plaintexts.txt") + partials);
  }
  ok(e.tally("count"));
  ok(kTally + " publish" + config + " --dir " + q(tally));
  p.record = e.path("record");
  ok(e.tally("record", "--ceremony " + q(p.ceremony->ceremony_file()) + " --out " + q(p.record)));
  return p;
}

// The count of each choice the counted ballots give, as results.json lists them.
Expected expected_counts(const Election& e, const std::vector<Cast>& counted) {
  Expected x;
  for (const Cast& c : counted) {
    for (const protocol::Contest* contest :
         protocol::contests_for_district(e.config(), c.district)) {
      ++x.rows[contest->id][c.district];
      const auto chosen = c.selections.find(contest->id);
      if (chosen == c.selections.end() || chosen->second.empty()) continue;
      if (contest->type == protocol::ContestType::ranked) {
        ++x.counts[contest->id][c.district][chosen->second.front()];
      } else {
        for (std::uint64_t code : chosen->second) ++x.counts[contest->id][c.district][code];
      }
    }
  }
  return x;
}

void check_results(const Election& e, const fs::path& results, Expected x) {
  const protocol::Json doc =
      protocol::parse_canonical(protocol::read_file(results), "results.json");
  for (const protocol::Json& contest : doc.at("contests")) {
    const std::string id = contest.at("id");
    for (const protocol::Json& d : contest.at("districts")) {
      const std::string district = d.at("district");
      BOOST_TEST_CONTEXT(id << " " << district) {
        const auto rows = x.rows[id].find(district);
        BOOST_TEST(d.at("rows").get<std::uint64_t>() ==
                   (rows == x.rows.at(id).end() ? 0u : rows->second));
        BOOST_TEST(d.at("invalid").get<std::uint64_t>() == 0u);
        for (const protocol::Json& choice : d.at("choices")) {
          const std::uint64_t code = choice.at("code");
          const auto& by_code = x.counts[id][district];
          const auto n = by_code.find(code);
          BOOST_TEST(
              choice.at("count").get<std::uint64_t>() == (n == by_code.end() ? 0u : n->second),
              "code " << code);
        }
      }
    }
  }
  (void)e;
}

Run verify(const fs::path& record, const std::string& extra = "") {
  return run(kVerify + " " + q(record) + extra);
}

// One pipeline per group, run once and shared by the test cases.
Pipeline& pipeline(const std::string& group) {
  static std::map<std::string, Pipeline> done;
  auto found = done.find(group);
  if (found == done.end()) {
    found =
        done.emplace(group, run_pipeline(group, group == "ristretto255" ? "E2E_2027" : "E2E_MODP"))
            .first;
  }
  return found->second;
}

// ---- tampering: a copy of the record, changed; optionally re-signed by
// the tally key itself (an insider), so that the deeper checks are reached.

fs::path copy_record(const Pipeline& p, const std::string& name) {
  const fs::path copy = p.election->path("tampered-" + name);
  fs::copy(p.record, copy, fs::copy_options::recursive);
  return copy;
}

void flip_last_byte(const fs::path& file) {
  crypto::Bytes bytes = protocol::read_file(file);
  bytes.back() ^= 0x01;
  testing::write_whole_file(file, bytes);
}

// The statements from `first_step` on made to list the files as they are
// now and re-chained, each signed again with the tally key.
void resign_statements(const Pipeline& p, const fs::path& record, const std::string& first_step) {
  const std::vector<std::string> steps = {"check", "squash", "revoke", "anonymize", "count"};
  bool from = false;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    from = from || steps[i] == first_step;
    if (!from) continue;
    const fs::path path = record / (steps[i] + ".statement.json");
    protocol::Json doc = protocol::parse_canonical(protocol::read_file(path), "statement");
    for (const char* list : {"inputs", "outputs"}) {
      for (protocol::Json& f : doc[list]) {
        const fs::path file = record / f.at("name").get<std::string>();
        if (!fs::exists(file)) continue;  // a private file
        const protocol::FileDigest d = protocol::hash_file(file);
        f["hash"] = protocol::base64url_encode(d.hash);
        f["size"] = d.size;
      }
    }
    if (i > 0) {
      doc["previous"] = protocol::base64url_encode(
          protocol::hash_file(record / (steps[i - 1] + ".statement.json")).hash);
    }
    protocol::sign_document(doc, p.election->tally_signing_key());
    testing::write_whole_file(path, protocol::canonical_bytes(doc));
  }
}

// The manifest made again for the files as they are now, signed by the tally key.
void resign_manifest(const Pipeline& p, const fs::path& record) {
  const fs::path path = record / protocol::kManifestFileName;
  protocol::ElectionRecord manifest = protocol::decode_election_record(protocol::read_file(path));
  for (protocol::RecordFile& f : manifest.files) {
    if (fs::exists(record / f.path)) f = protocol::describe_record_file(record, f.path, f.role);
  }
  protocol::sign_election_record(manifest, p.election->tally_signing_key());
  testing::write_whole_file(path, protocol::encode_election_record(manifest));
}

// evote-verify must exit 1 with a FAIL line for `check` saying `reason`.
void expect_fail(const fs::path& record, const std::string& check, const std::string& reason) {
  const Run v = verify(record);
  BOOST_TEST_CONTEXT(record.filename().string()) {
    BOOST_TEST(v.status == 1, v.output);
    const auto at = v.output.find("FAIL " + check);
    BOOST_TEST(at != std::string::npos, v.output);
    if (at != std::string::npos) {
      const std::string line = v.output.substr(at, v.output.find('\n', at) - at);
      BOOST_TEST(line.find(reason) != std::string::npos, line);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_whole_tally_in_ristretto255_verifies_and_counts_the_votes_cast) {
  Pipeline& p = pipeline("ristretto255");
  Election& e = *p.election;
  Expected x = expected_counts(e, p.counted);
  check_results(e, p.record / "results.json", x);
  // v2's ballot 5 counts (not their first); v3 and v5 in d2.
  BOOST_TEST(x.counts["mayor"]["d1"][103] == 1u);
  BOOST_TEST(x.counts["mayor"]["d1"][102] == 0u);

  const Run v = verify(p.record, " --tracker " + protocol::base64url_encode(p.counted_hash));
  BOOST_TEST_MESSAGE(v.output);
  BOOST_TEST(v.status == 0, v.output);
  BOOST_TEST(v.has("PASS manifest"), v.output);
  BOOST_TEST(v.has("PASS mix batches/ranking/d2: 2 stages, by Mix A, Mix B"), v.output);
  BOOST_TEST(
      v.has("PASS decryption batches/mayor/d1: 3 partial decryptions valid; trustees 1 2 combined"),
      v.output);
  BOOST_TEST(v.has("PASS count"), v.output);
  BOOST_TEST(v.has("PASS results site"), v.output);
  BOOST_TEST(v.has("PASS tracker"), v.output);
  BOOST_TEST(v.has("counted: district d1"), v.output);
  BOOST_TEST(v.has("evote-verify: all"), v.output);
  BOOST_TEST(v.output.find("FAIL") == std::string::npos, v.output);
  // A superseded ballot is not in the tracker list.
  const Run absent = verify(
      p.record, " --tracker " +
                    protocol::base64url_encode(protocol::ballot_hash(protocol::encode_signed_ballot(
                        e.cast(e.voter("49002124277"), e.now(), "d1", {}).signed_ballot))));
  BOOST_TEST(absent.status == 1);
  BOOST_TEST(absent.has("not in the tracker list"), absent.output);
}

BOOST_AUTO_TEST_CASE(the_whole_tally_in_modp4096_eg_verifies_and_counts_the_votes_cast) {
  Pipeline& p = pipeline("modp4096-eg");
  check_results(*p.election, p.record / "results.json", expected_counts(*p.election, p.counted));
  const Run v = verify(p.record);
  BOOST_TEST(v.status == 0, v.output);
  BOOST_TEST(v.has("evote-verify: all 20 checks PASS"), v.output);
}

// Any one file altered, removed, added or swapped: evote-verify fails and
// names the check. An outsider's change breaks the manifest; an insider who
// holds the tally key and signs again reaches the proofs, which no key helps with.
BOOST_AUTO_TEST_CASE(evote_verify_fails_on_every_kind_of_tampering_naming_the_check) {
  Pipeline& p = pipeline("ristretto255");
  {
    const fs::path r = copy_record(p, "row-outsider");
    flip_last_byte(r / "batches/mayor/d1/input.ctxt");
    expect_fail(r, "files", "batches/mayor/d1/input.ctxt");
  }
  {
    const fs::path r = copy_record(p, "row-insider");
    flip_last_byte(r / "batches/mayor/d1/input.ctxt");
    resign_statements(p, r, "anonymize");
    resign_manifest(p, r);
    expect_fail(r, "mix batches/mayor/d1", "");
  }
  {
    const fs::path r = copy_record(p, "proof-byte");
    flip_last_byte(r / "batches/council/d1/stage-1.proof");
    resign_manifest(p, r);
    expect_fail(r, "mix batches/council/d1", "stage-1");
  }
  {
    const fs::path r = copy_record(p, "stage-signature");
    const fs::path sig = r / "batches/ranking/d1/stage-2.sig";
    protocol::Json doc = protocol::parse_canonical(protocol::read_file(sig), "sig");
    protocol::sign_document(doc, crypto::Ed25519SigningKey::generate());
    testing::write_whole_file(sig, protocol::canonical_bytes(doc));
    resign_manifest(p, r);
    expect_fail(r, "mix batches/ranking/d1", "stage-2");
  }
  {
    const fs::path r = copy_record(p, "partial");
    flip_last_byte(r / "batches/mayor/d2/partial-2.pdec");
    resign_manifest(p, r);
    expect_fail(r, "decryption batches/mayor/d2", "trustee 2");
  }
  {
    const fs::path r = copy_record(p, "plaintexts");
    const fs::path file = r / "batches/mayor/d1/plaintexts.txt";
    const crypto::Bytes bytes = protocol::read_file(file);
    std::string text(bytes.begin(), bytes.end());
    text.replace(0, 3, text.compare(0, 3, "101") == 0 ? "102" : "101");
    testing::write_whole_file(file, crypto::as_bytes(text));
    resign_statements(p, r, "count");
    resign_manifest(p, r);
    expect_fail(r, "decryption batches/mayor/d1",
                "plaintexts.txt is not what the partial decryptions give");
  }
  for (bool insider : {false, true}) {
    const fs::path r = copy_record(p, insider ? "count-insider" : "count");
    protocol::Json results =
        protocol::parse_canonical(protocol::read_file(r / "results.json"), "results");
    results["contests"][0]["total"]["choices"][0]["count"] =
        results["contests"][0]["total"]["choices"][0]["count"].get<std::uint64_t>() + 1;
    testing::write_whole_file(r / "results.json", protocol::canonical_bytes(results));
    if (insider) resign_statements(p, r, "count");
    resign_manifest(p, r);
    if (insider) {
      expect_fail(r, "count", "results.json is not the count of the plaintexts");
    } else {
      expect_fail(r, "statements", "results.json is not the file the count statement lists");
    }
  }
  for (bool insider : {false, true}) {
    const fs::path r = copy_record(p, insider ? "tracker-insider" : "tracker");
    std::vector<std::string> lines = read_lines(r / "tracker.jsonl");
    lines.pop_back();
    std::string text;
    for (const std::string& l : lines) text += l + "\n";
    testing::write_whole_file(r / "tracker.jsonl", crypto::as_bytes(text));
    if (insider) resign_statements(p, r, "anonymize");
    resign_manifest(p, r);
    if (insider) {
      expect_fail(r, "tracker list", "no line for row");
    } else {
      expect_fail(r, "statements", "tracker.jsonl is not the file the anonymize statement lists");
    }
  }
  {
    const fs::path r = copy_record(p, "removed");
    fs::remove(r / "batches/ranking/d2/stage-2.proof");
    expect_fail(r, "files", "batches/ranking/d2/stage-2.proof");
  }
  {
    const fs::path r = copy_record(p, "added");
    testing::write_whole_file(r / "batches/mayor/d1/partial-4.pdec", crypto::as_bytes("extra"));
    expect_fail(r, "files", "partial-4.pdec");
  }
  {
    // Another election's config, or its count statement, in this record.
    const Pipeline& other = pipeline("modp4096-eg");
    const fs::path r = copy_record(p, "other-config");
    fs::copy_file(other.record / "config.json", r / "config.json",
                  fs::copy_options::overwrite_existing);
    expect_fail(r, "manifest", "");
    const fs::path s = copy_record(p, "other-statement");
    fs::copy_file(other.record / "count.statement.json", s / "count.statement.json",
                  fs::copy_options::overwrite_existing);
    resign_manifest(p, s);
    expect_fail(s, "statements", "count.statement.json");
  }
}
