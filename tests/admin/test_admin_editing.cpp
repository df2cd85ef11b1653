// evote-admin editing commands: every change is checked as the reader checks
// a config before it is written (a refused change leaves the file byte for
// byte), the remove-... commands undo what add-... did, and canonicalize
// turns a hand-edited file into a canonical draft. specs/formats.md §3, §7.
#include <boost/test/unit_test.hpp>

#include <regex>

#include "admin_harness.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"

using namespace evote::admin_test;

namespace {

// The draft still reads (show) and is unsigned.
void reads_back(const Work& w) {
  const Run shown = admin("show " + q(w.config()));
  BOOST_TEST(shown.status == 0, shown.output);
  BOOST_TEST(has(shown, "(draft, unsigned)"), shown.output);
}

evote::protocol::ElectionConfig example_config() {
  return evote::protocol::election_config_from_json(evote::protocol::parse_canonical(
      evote::protocol::read_file(examples() + "/config.json"), "config"));
}

std::string validate_error(const evote::protocol::ElectionConfig& c) {
  try {
    evote::protocol::validate(c);
  } catch (const evote::protocol::FormatError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(admin_editing)

// The issue: codes 0 and 1 were imported, after which no command could read the config.
BOOST_AUTO_TEST_CASE(import_choices_refuses_codes_0_and_1_naming_the_line) {
  Work w;
  write_text(w / "low.csv", "code,district,name_et\n7,1,A\n1,1,B\n0,1,C\n");
  edit_refused(w, "import-choices --contest riigikogu --csv " + q(w / "low.csv"),
          "low.csv:3: code 1: choice codes start at 2 (1 is the blank selection)");
  write_text(w / "zero.csv", "code,district,name_et\n0,1,C\n");
  edit_refused(w, "import-choices --contest riigikogu --csv " + q(w / "zero.csv"), "zero.csv:2: code 0: choice codes start at 2");
  BOOST_TEST(admin("show " + q(w.config())).status == 0);  // still readable (and still signed)
}

BOOST_AUTO_TEST_CASE(import_choices_refuses_codes_above_the_largest_naming_the_line) {
  Work w;
  write_text(w / "high.csv", "code,district,name_et\n999999,1,Last\n1000000,1,Too far\n");
  edit_refused(w, "import-choices --contest referendum --csv " + q(w / "high.csv"),
          "high.csv:3: code 1000000 is above the largest choice code 999999");
  write_text(w / "ok.csv", "code,district,name_et\n999999,1,Last\n");
  BOOST_TEST(w.edit("import-choices --contest referendum --csv " + q(w / "ok.csv")).status == 0);
  reads_back(w);
}

BOOST_AUTO_TEST_CASE(import_choices_names_the_line_of_an_unknown_district_or_a_duplicate) {
  Work w;
  write_text(w / "bad.csv", "code,district,name_et\n301,1,A\n302,9,B\n");
  edit_refused(w, "import-choices --contest riigikogu --csv " + q(w / "bad.csv"), "bad.csv:3: unknown district \"9\"");
  write_text(w / "dup.csv", "code,district,name_et\n301,1,A\n101,1,B\n");
  edit_refused(w, "import-choices --contest riigikogu --csv " + q(w / "dup.csv"),
          "dup.csv:3: duplicate choice code 101 in contest riigikogu");
}

BOOST_AUTO_TEST_CASE(import_choices_takes_parties_and_refuses_a_bad_header_or_party) {
  Work w;
  write_text(w / "parties.csv",
             "code,district,name_et,party_et,party_en\n301,1,Mari Maasikas,Rohelised,Greens\n"
             "302,1,Kati Karu,,\n");
  BOOST_TEST(w.edit("import-choices --contest riigikogu --csv " + q(w / "parties.csv")).status == 0);
  const Run shown = admin("show " + q(w.config()));
  BOOST_TEST(has(shown, "Rohelised"), shown.output);
  reads_back(w);
  write_text(w / "order.csv", "code,district,name_et,party_en\n303,1,A,Greens\n");
  edit_refused(w, "import-choices --contest riigikogu --csv " + q(w / "order.csv"),
          "order.csv:1: header must be code,district,name_et[,name_en][,name_ru][,party_et");
  write_text(w / "half.csv", "code,district,name_et,party_et,party_en\n303,1,A,,Greens\n");
  edit_refused(w, "import-choices --contest riigikogu --csv " + q(w / "half.csv"),
          "half.csv:2: a party name without party_et");
}

BOOST_AUTO_TEST_CASE(add_contest_refuses_more_selections_than_a_row_holds) {
  Work w;
  const std::string before = read_text(w.config());
  const Run r = w.edit("add-contest --id big --type approval --max-selections 1025 --name-et Suur");
  BOOST_TEST(r.status == 2, r.output);
  BOOST_TEST(has(r, "--max-selections must be a whole number from 1 to 1024"), r.output);
  BOOST_TEST(read_text(w.config()) == before);
  BOOST_TEST(w.edit("add-contest --id big --type approval --max-selections 1024 --name-et Suur").status == 0);
  reads_back(w);
}

// Before validate() held the per-field rules, an editor could write what the reader refuses.
BOOST_AUTO_TEST_CASE(an_edit_the_reader_would_refuse_is_not_written) {
  Work w;
  edit_refused(w, "add-district --id 'not an id' --name-et X",
          "not changed: election config: districts[2].id: \"not an id\" is not an identifier");
  edit_refused(w, "add-contest --id 'x/y' --type single --name-et X", "contests[2].id: \"x/y\" is not an identifier");
  edit_refused(w, "add-district --id 1 --name-et X", "districts[2].id: duplicate district id 1");
  edit_refused(w, "add-contest --id one --type single --max-selections 2 --name-et X",
          "a single-choice contest has max_selections 1");
}

BOOST_AUTO_TEST_CASE(validate_holds_the_per_field_rules) {
  namespace p = evote::protocol;
  p::ElectionConfig c = example_config();
  BOOST_TEST(validate_error(c) == "");
  c.contests[0].choices[1].code = 1;
  BOOST_TEST(validate_error(c) ==
             "election config: contests[0].choices[1].code: choice codes start at 2 (1 is the blank selection), found 1");
  c.contests[0].choices[1].code = p::kMaxChoiceCode + 1;
  BOOST_TEST(validate_error(c) ==
             "election config: contests[0].choices[1].code: code 1000000 is above the largest choice code 999999");
  c = example_config();
  c.contests[1].max_selections = p::kMaxSelections + 1;
  BOOST_TEST(validate_error(c) == "election config: contests[1].max_selections: 1025 is more than a ballot row may "
                                  "hold (at most 1024)");
  c = example_config();
  c.districts[0].names.erase("et");
  BOOST_TEST(validate_error(c) == "election config: districts[0].names.et: missing (the Estonian name is required)");
  c = example_config();
  c.contests[0].choices[0].names["fi"] = "Suomi";
  BOOST_TEST(validate_error(c) == "election config: contests[0].choices[0].names.fi: unknown field");
  // The reader refuses the same through validate(), with the same field path.
  c = example_config();
  p::Json document = p::to_json(c);
  document["contests"][0]["choices"][1]["code"] = 0;
  BOOST_CHECK_EXCEPTION(p::election_config_from_json(document), p::FormatError, [](const p::FormatError& e) {
    return std::string(e.what()).find("contests[0].choices[1].code: choice codes start at 2") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(remove_district_refuses_while_choices_use_it_naming_them) {
  Work w;
  edit_refused(w, "remove-district --id 2",
          "district 2 still has choices (contest code: riigikogu 201, riigikogu 202, referendum 4, referendum 5)");
  edit_refused(w, "remove-district --id 7", "no district \"7\"");
  bool first = true;
  for (const char* choice : {"--contest riigikogu --code 201", "--contest riigikogu --code 202",
                             "--contest referendum --code 4", "--contest referendum --code 5"}) {
    const Run r = w.edit(std::string("remove-choice ") + choice);
    BOOST_TEST(r.status == 0, r.output);
    BOOST_TEST(has(r, "its signature was removed; sign it again") == first, r.output);
    first = false;
  }
  const Run removed = w.edit("remove-district --id 2");
  BOOST_TEST(removed.status == 0, removed.output);
  BOOST_TEST(has(removed, "removed district 2"));
  const Run shown = admin("show " + q(w.config()));
  BOOST_TEST(has(shown, "districts: 1"), shown.output);
  BOOST_TEST(!has(shown, "Tartu"), shown.output);
}

BOOST_AUTO_TEST_CASE(remove_choice_and_remove_contest) {
  Work w;
  edit_refused(w, "remove-choice --contest riigikogu --code 999", "contest riigikogu has no choice 999");
  edit_refused(w, "remove-choice --contest nope --code 101", "no contest \"nope\"");
  BOOST_TEST(w.edit("remove-choice --contest riigikogu --code 103").status == 0);
  Run shown = admin("show " + q(w.config()));
  BOOST_TEST(!has(shown, "Kask, Liis"), shown.output);
  BOOST_TEST(has(shown, "Jaan Tamm"), shown.output);
  const Run r = w.edit("remove-contest --id referendum");
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(has(r, "removed contest referendum and its 4 choices"), r.output);
  shown = admin("show " + q(w.config()));
  BOOST_TEST(!has(shown, "contest referendum"), shown.output);
  edit_refused(w, "remove-contest --id referendum", "no contest \"referendum\"");
  reads_back(w);
}

BOOST_AUTO_TEST_CASE(remove_ca_by_index_or_by_the_fingerprint_show_prints) {
  Work w;
  const evote::testing::TestPki pki = evote::testing::TestPki::create("Second");
  write_text(w / "second-ca.pem", pki.root.pem());
  BOOST_REQUIRE(w.edit("add-ca --cert " + q(w / "second-ca.pem")).status == 0);
  edit_refused(w, "add-ca --cert " + q(w / "second-ca.pem"), "this CA certificate is already in");
  const Run shown = admin("show " + q(w.config()));
  BOOST_TEST(has(shown, "voter CA certificates: 2"), shown.output);
  std::smatch m;
  BOOST_REQUIRE_MESSAGE(std::regex_search(shown.output, m, std::regex("  2  CN=Second[^\n]*SHA-256 ([0-9a-f]{64})")),
                        shown.output);
  const std::string second = m[1];
  BOOST_TEST(has(shown, "  1  CN=EXAMPLE-ESTEID 2027"), shown.output);

  edit_refused(w, "remove-ca --index 3", "no voter CA certificate 3 (there are 2)");
  edit_refused(w, "remove-ca --fingerprint " + std::string(64, 'a'), "no voter CA certificate with fingerprint");
  Run r = w.edit("remove-ca --index 1 --fingerprint " + second);
  BOOST_TEST(r.status == 2, r.output);
  BOOST_TEST(has(r, "give either --fingerprint or --index"), r.output);
  r = w.edit("remove-ca --fingerprint nothex");
  BOOST_TEST(r.status == 2, r.output);

  // Upper case with colons, as openssl prints fingerprints, names the same certificate.
  std::string openssl_style;
  for (std::size_t i = 0; i < second.size(); i += 2)
    openssl_style += (i ? ":" : "") + std::string{char(std::toupper(second[i])), char(std::toupper(second[i + 1]))};
  r = w.edit("remove-ca --fingerprint " + openssl_style);
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(has(r, "removed voter CA certificate " + second), r.output);
  r = w.edit("remove-ca --index 1");
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(has(admin("show " + q(w.config())), "voter CA certificates: 0"));
  reads_back(w);
}

BOOST_AUTO_TEST_CASE(remove_trustee_renumbers_and_asks_for_a_threshold_that_fits) {
  Work w;
  const TrusteeKeys t1, t2, t3;
  BOOST_REQUIRE(w.edit("add-trustee " + t1.options(1)).status == 0);
  BOOST_REQUIRE(w.edit("add-trustee " + t2.options(2)).status == 0);
  BOOST_REQUIRE(w.edit("add-trustee " + t3.options(3, " --threshold 3")).status == 0);
  edit_refused(w, "remove-trustee --index 4", "no trustee 4");
  edit_refused(w, "remove-trustee --index 2", "threshold 3 would exceed the 2 trustees left; give --threshold");
  Run r = w.edit("remove-trustee --index 2 --threshold 2");
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(has(r, "renumbered trustees: 3 -> 2"), r.output);
  const Run shown = admin("show " + q(w.config()));
  BOOST_TEST(has(shown, "trustees: 2, threshold 2"), shown.output);
  BOOST_TEST(has(shown, "  2  T3"), shown.output);
  BOOST_TEST(w.edit("remove-trustee --index 1 --threshold 1").status == 0);
  r = w.edit("remove-trustee --index 1");
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(has(admin("show " + q(w.config())), "trustees: 0, threshold 0"));
}

BOOST_AUTO_TEST_CASE(canonicalize_turns_a_hand_edited_file_into_the_canonical_draft) {
  Work w;
  // Pretty-printed, keys in another order, the signature kept: what an editor leaves.
  evote::protocol::Json document =
      evote::protocol::parse_canonical(evote::protocol::read_file(w.config()), "config");
  write_text(w / "edited.json", "\n  " + document.dump(4) + "\n\n");
  BOOST_REQUIRE(w.edit("add-district --id 3 --name-et Narva").status == 0);
  BOOST_REQUIRE(w.edit("remove-district --id 3").status == 0);  // the example, unsigned
  const std::string expected = read_text(w.config());

  Run r = admin("canonicalize " + q(w / "edited.json") + " " + q(w / "out.json"));
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(has(r, "the signature of"), r.output);
  BOOST_TEST(read_text(w / "out.json") == expected);

  // OUT exists: refused unless --force, and left as it was.
  write_text(w / "out.json", "keep me");
  r = admin("canonicalize " + q(w / "edited.json") + " " + q(w / "out.json"));
  BOOST_TEST(r.status == 1, r.output);
  BOOST_TEST(has(r, (w / "out.json").string() + ": already exists; give --force to replace it"), r.output);
  BOOST_TEST(read_text(w / "out.json") == "keep me");
  r = admin("canonicalize --force " + q(w / "edited.json") + " " + q(w / "out.json"));
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(read_text(w / "out.json") == expected);

  // Errors name the field, as the reader's do; nothing is written.
  document["contests"][0]["choices"][1]["code"] = 1;
  write_text(w / "bad.json", document.dump(2));
  r = admin("canonicalize " + q(w / "bad.json") + " " + q(w / "bad-out.json"));
  BOOST_TEST(r.status == 1, r.output);
  BOOST_TEST(has(r, "bad.json: election config: contests[0].choices[1].code: choice codes start at 2"), r.output);
  BOOST_TEST(!fs::exists(w / "bad-out.json"));
  document["contests"][0]["choices"][1]["code"] = 102;
  document["contests"][0]["choices"][1]["colour"] = "red";
  write_text(w / "bad.json", document.dump(2));
  r = admin("canonicalize " + q(w / "bad.json") + " " + q(w / "bad-out.json"));
  BOOST_TEST(has(r, "bad.json: election config: contests[0].choices[1].colour: unknown field"), r.output);

  write_text(w / "twice.json", "{\"type\": \"election-config\",\n \"type\": \"x\"}");
  r = admin("canonicalize " + q(w / "twice.json") + " " + q(w / "bad-out.json"));
  BOOST_TEST(r.status == 1, r.output);
  BOOST_TEST(has(r, "the key \"type\" appears twice"), r.output);
  write_text(w / "broken.json", "{\n\"type\":\n");
  r = admin("canonicalize " + q(w / "broken.json") + " " + q(w / "bad-out.json"));
  BOOST_TEST(r.status == 1, r.output);
  BOOST_TEST(has(r, "broken.json:3: not valid JSON"), r.output);
  r = admin("canonicalize " + q(w / "missing.json") + " " + q(w / "bad-out.json"));
  BOOST_TEST(has(r, "missing.json: no such file"), r.output);
  BOOST_TEST(!fs::exists(w / "bad-out.json"));
}

BOOST_AUTO_TEST_CASE(accepted_certificate_policies_are_added_listed_and_removed) {
  const Work w;
  const std::string oid = "1.3.6.1.4.1.51361.1.1.1";
  Run r = w.edit("add-policy --oid " + oid);
  BOOST_TEST(r.status == 0, r.output);
  reads_back(w);
  const evote::protocol::ElectionConfig c = evote::protocol::election_config_from_json(
      evote::protocol::parse_canonical(evote::protocol::read_file(w.config()), "config"));
  BOOST_TEST(c.voter_certificate_policies == std::vector<std::string>{oid});
  BOOST_TEST(has(admin("show " + q(w.config())), "accepted certificate policies (a voter's certificate carries one):\n  " + oid));
  edit_refused(w, "add-policy --oid " + oid, "policy " + oid + " is already accepted");
  edit_refused(w, "add-policy --oid 01.2", "voter_certificate_policies[1]: \"01.2\" is not a dotted OID");
  edit_refused(w, "remove-policy --oid 1.2.3", "policy 1.2.3 is not listed");
  r = w.edit("remove-policy --oid " + oid);
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(has(admin("show " + q(w.config())), "accepted certificate policies: any"));
}

BOOST_AUTO_TEST_SUITE_END()
