// evote-admin imports IVXV's election files (specs/interop.md §1): a
// districts list and a choices list into a config that then signs and
// verifies; voters lists of version 1 and 2 (an initial list and a list of
// changes chained after it) into signed change sets that verify; and every
// refusal, each with its message naming the file and the line or JSON
// field, exit 1 and nothing written.
//
// The lists are written the way IVXV's own tests write theirs: the whole
// file as one literal, header lines first, every line ending in LF, empty
// last fields kept as tabs at the line's end. Names and codes are made up.
#include <boost/test/unit_test.hpp>

#include "admin_harness.hpp"

using namespace evote::admin_test;

namespace {

// --- The files -------------------------------------------------------------

// IVXV 1.5's form: districts with their polling stations, EHAK codes unpadded.
const std::string kDistrictsStations = R"({
  "election": "RK_2027",
  "districts": {
    "296.1": {
      "name": "Valimisringkond nr. 1",
      "stations": ["296.1", "296.2"]
    },
    "784.3": {
      "name": "Valimisringkond nr. 3",
      "stations": ["339.14", "339.15"]
    }
  },
  "regions": {
    "296": {"state": "Eesti Vabariik", "county": "Harju maakond", "parish": "Keila linn"},
    "339": {"state": "Eesti Vabariik", "county": "Tallinn", "parish": "Kesklinna linnaosa"},
    "784": {"county": "Tallinn"}
  }
}
)";

// Later IVXV's and VIS3's form: districts with their parishes, 0000 abroad.
const std::string kDistrictsParishes = R"({
  "election": "RK_2027",
  "regions": {
    "0387": {"parish": "Kastre vald", "county": "Tartu maakond", "state": "Eesti Vabariik"},
    "0793": {"county": "Tartu linn", "state": "Eesti Vabariik"},
    "0000": {"state": "Välisriik"}
  },
  "districts": {
    "0000.9": {"name": "Valimisringkond nr. 9", "parish": ["0387", "0000"]},
    "0000.10": {"name": "Valimisringkond nr. 10", "parish": ["0793", "0000"]}
  },
  "counties": {"0079": ["0387"], "0793": ["0793"]}
}
)";

const std::string kChoices = R"({
  "election": "RK_2027",
  "choices": {
    "0000.9": {
      "Erakond Kolm Kaske": {"0000.201": "Helju Hirv", "0000.202": "Toomas Tõru"},
      "Üksikkandidaadid": {"0000.203": "Ülo Ümar"}
    },
    "0000.10": {
      "Erakond Kolm Kaske": {"0000.204": "Liisa Lepp"},
      "Valimisliit Emajõgi": {"0000.205": "Kaarel Kuusk", "0000.206": "Pille Pärn"}
    }
  }
}
)";

// Version 1, initial list: code, name, action, station EHAK and number,
// district EHAK and number, line number, reason (empty: a trailing tab).
const std::string kV1Initial =
    "1\n"
    "RK_2027\n"
    "algne\n"
    "37605030299\tMARI-LIIS MÄNNIK\tlisamine\t296\t1\t296\t1\t1\t\n"
    "47101010033\tJÜRI ÕUNAPUU\tlisamine\t296\t2\t296\t1\t14\t\n"
    "50001010006\tØLE KÜLA-SÄÄR\tlisamine\t339\t14\t784\t3\t2\t\n";

// Version 1 changes: a move (with its reason), a removal, a new voter.
const std::string kV1Changes =
    "1\n"
    "RK_2027\n"
    "muudatused\n"
    "37605030299\tMARI-LIIS MÄNNIK\tkustutamine\t296\t1\t296\t1\t\tjaoskonna vahetus\n"
    "37605030299\tMARI-LIIS MÄNNIK\tlisamine\t339\t15\t784\t3\t\t\n"
    "47101010033\tJÜRI ÕUNAPUU\tkustutamine\t296\t2\t296\t1\t\tmuu\n"
    "61203040011\tANU ARU\tlisamine\t296\t2\t296\t1\t\t\n";

// Version 2, change set 0: action, code, name, administrative unit, district number.
const std::string kV2Initial =
    "2\n"
    "RK_2027\n"
    "0\n"
    "2027-01-11T22:00:00Z\t2027-01-11T22:00:00Z\n"
    "lisamine\t38207110022\tKAIDO KÄBI\t0387\t9\n"
    "lisamine\t48809090044\tEVE ÕIE\t0793\t10\n"
    "lisamine\t39912310055\tSTEN VÄLIS\tFOREIGN\t10\n";

const std::string kV2Changes =
    "2\n"
    "RK_2027\n"
    "1\n"
    "2027-01-11T22:00:00Z\t2027-01-12T22:00:00+02:00\n"
    "kustutamine\t48809090044\n"
    "lisamine\t48809090044\tEVE ÕIE-LAANE\tFOREIGN\t9\n"
    "kustutamine\t39912310055\n";

// `text` with line `n` (from 1) replaced by `line` (no LF).
std::string with_line(const std::string& text, std::size_t n, const std::string& line) {
  std::size_t begin = 0;
  for (std::size_t k = 1; k < n; ++k) begin = text.find('\n', begin) + 1;
  const std::size_t end = text.find('\n', begin);
  return text.substr(0, begin) + line + text.substr(end);
}

// --- The election they go into ---------------------------------------------

// The example's signed config with both districts lists, contest "ivxv"
// filled from kChoices, signed again; made once per test run.
const fs::path& prepared() {
  static evote::testing::TempFolder folder;
  static bool made = false;
  if (made) return folder.path();
  for (const char* name : {"config.json", "organizer.key"})
    fs::copy_file(fs::path(examples()) / name, folder / name);
  write_text(folder / "districts-stations.json", kDistrictsStations);
  write_text(folder / "districts.json", kDistrictsParishes);
  write_text(folder / "choices.json", kChoices);
  const std::string config = " --config " + q(folder / "config.json");
  for (const std::string& command :
       {"import-ivxv-districts" + config + " --districts " + q(folder / "districts-stations.json"),
        "import-ivxv-districts" + config + " --districts " + q(folder / "districts.json"),
        "add-contest" + config + " --id ivxv --type single --name-et Riigikogu",
        "import-ivxv-choices" + config + " --contest ivxv --choices " + q(folder / "choices.json"),
        "sign" + config + " --key " + q(folder / "organizer.key") + passphrase_option()}) {
    const Run r = admin(command);
    BOOST_REQUIRE_MESSAGE(r.status == 0, command + "\n" + r.output);
  }
  made = true;
  return folder.path();
}

std::string signed_config() { return q(prepared() / "config.json"); }

// import-ivxv-voters on `list` (written to `folder`/`name`), signing into `out`.
Run import_voters(const evote::testing::TempFolder& folder, const std::string& name,
                  const std::string& list, const std::string& out, const std::string& extra = "") {
  write_text(folder / name, list);
  return admin("import-ivxv-voters --config " + signed_config() + " --voters " + q(folder / name) +
               " --key " + q(prepared() / "organizer.key") + " --out " + q(folder / out) +
               passphrase_option() + extra);
}

std::string districts_option() { return " --districts " + q(prepared() / "districts.json"); }
std::string stations_option() {
  return " --districts " + q(prepared() / "districts-stations.json");
}

// A refused voters list: exit 1, the message, no change set written.
void voters_refused(const std::string& list, const std::string& message,
                    const std::string& extra = "") {
  evote::testing::TempFolder t;
  const Run r = import_voters(t, "voters.txt", list, "out.json", extra);
  BOOST_TEST_CONTEXT(message << "\n" << r.output) {
    BOOST_TEST(r.status == 1);
    BOOST_TEST(has(r, message));
    BOOST_TEST(!fs::exists(t / "out.json"));
  }
}

// The example config with the parish-form districts and an empty contest "ivxv".
struct ChoicesWork : Work {
  ChoicesWork() {
    write_text(folder / "districts.json", kDistrictsParishes);
    BOOST_REQUIRE_EQUAL(
        edit("import-ivxv-districts --districts " + q(folder / "districts.json")).status, 0);
    BOOST_REQUIRE_EQUAL(edit("add-contest --id ivxv --type single --name-et Riigikogu").status, 0);
  }
  Run import(const std::string& name, const std::string& json, const std::string& extra = "") {
    write_text(folder / name, json);
    return edit("import-ivxv-choices --contest ivxv --choices " + q(folder / name) + extra);
  }
  void refused(const std::string& name, const std::string& json, const std::string& message,
               const std::string& extra = "", int status = 1) {
    write_text(folder / name, json);
    edit_refused(*this, "import-ivxv-choices --contest ivxv --choices " + q(folder / name) + extra,
                 message, status);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(admin_ivxv)

// --- Good files --------------------------------------------------------------

BOOST_AUTO_TEST_CASE(districts_and_choices_make_a_config_that_signs_and_verifies) {
  const Run verified = admin("verify " + signed_config());
  BOOST_TEST(verified.status == 0, verified.output);
  const Run shown = admin("show " + signed_config());
  BOOST_TEST(has(shown, "election config RK_2027 (signed)"), shown.output);
  BOOST_TEST(has(shown, "districts: 6"), shown.output);
  BOOST_TEST(has(shown, "296.1  Valimisringkond nr. 1"), shown.output);
  BOOST_TEST(has(shown, "0000.10  Valimisringkond nr. 10"), shown.output);
  BOOST_TEST(has(shown, "district 0000.9:"), shown.output);
  // Code = the choice number; party = the group; independents have none.
  BOOST_TEST(has(shown, "201  Helju Hirv  (Erakond Kolm Kaske)"), shown.output);
  BOOST_TEST(has(shown, "203  Ülo Ümar\n"), shown.output);
  BOOST_TEST(has(shown, "206  Pille Pärn  (Valimisliit Emajõgi)"), shown.output);
}

BOOST_AUTO_TEST_CASE(choices_import_prints_the_mapping) {
  ChoicesWork w;
  const Run r = w.import("choices.json", kChoices);
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(has(r, "imported 6 choices into contest ivxv (IVXV choice id -> evote code):"),
             r.output);
  BOOST_TEST(has(r, "  0000.205 -> 205\n"), r.output);
}

BOOST_AUTO_TEST_CASE(version_1_initial_list_and_changes_chained_after_it) {
  evote::testing::TempFolder t;
  const Run first =
      import_voters(t, "RK_2027.voters-0.txt", kV1Initial, "voters-1.json", stations_option());
  BOOST_TEST(first.status == 0, first.output);
  BOOST_TEST(has(first,
                 "wrote voter list change set 1 (3 changes: 3 lisamine, 0 kustutamine) from the "
                 "IVXV version 1 list"),
             first.output);
  const Run second = import_voters(t, "RK_2027.voters-1.txt", kV1Changes, "voters-2.json",
                                   " --previous " + q(t / "voters-1.json"));
  BOOST_TEST(second.status == 0, second.output);
  BOOST_TEST(has(second, "change set 2 (4 changes: 2 lisamine, 2 kustutamine)"), second.output);
  const Run verified = admin("verify --config " + signed_config() + " " + q(t / "voters-1.json") +
                             " " + q(t / "voters-2.json"));
  BOOST_TEST(verified.status == 0, verified.output);
  BOOST_TEST(has(verified, "voter list change set 2, 4 changes, 3 voters on the list"),
             verified.output);
  const Run shown = admin("show " + q(t / "voters-2.json"));
  BOOST_TEST(has(shown, "district 784.3: 1 added"), shown.output);
}

BOOST_AUTO_TEST_CASE(version_2_initial_list_and_changes_chained_after_it) {
  evote::testing::TempFolder t;
  const Run first = import_voters(t, "v0.txt", kV2Initial, "voters-1.json", districts_option());
  BOOST_TEST(first.status == 0, first.output);
  BOOST_TEST(has(first, "(3 changes: 3 lisamine, 0 kustutamine) from the IVXV version 2 list"),
             first.output);
  const Run second = import_voters(t, "v1.txt", kV2Changes, "voters-2.json",
                                   districts_option() + " --previous " + q(t / "voters-1.json"));
  BOOST_TEST(second.status == 0, second.output);
  const Run verified = admin("verify --config " + signed_config() + " " + q(t / "voters-1.json") +
                             " " + q(t / "voters-2.json"));
  BOOST_TEST(verified.status == 0, verified.output);
  BOOST_TEST(has(verified, "voter list change set 2, 3 changes, 2 voters on the list"),
             verified.output);
  // FOREIGN with district number 9 is the foreign unit 0000 of district 0000.9.
  const Run shown = admin("show " + q(t / "voters-2.json"));
  BOOST_TEST(has(shown, "district 0000.9: 1 added"), shown.output);
}

// --- Voters list refusals, version 1 ------------------------------------------

BOOST_AUTO_TEST_CASE(version_1_header_refusals) {
  voters_refused(with_line(kV1Initial, 1, "3"),
                 "voters.txt:1: unknown version \"3\" (IVXV voter lists are version 1 or 2)");
  voters_refused(with_line(kV1Initial, 2, "RK2023"),
                 "voters.txt:2: election id \"RK2023\" is not this election's (the config's "
                 "election_id is \"RK_2027\")");
  voters_refused(with_line(kV1Initial, 3, "esialgne"),
                 "voters.txt:3: unknown list type \"esialgne\" (algne or muudatused)");
  voters_refused("1\nRK_2027\n", "voters.txt:3: missing header line (list type)");
  voters_refused("1\nRK_2027\nalgne\n",
                 "voters.txt: no voters after the header (a change set needs at least one change)");
  voters_refused("\xEF\xBB\xBF" + kV1Initial,
                 "voters.txt:1: starts with a byte order mark (IVXV lists are UTF-8 without one)");
  voters_refused("", "voters.txt: empty file");
}

BOOST_AUTO_TEST_CASE(version_1_line_refusals) {
  voters_refused(
      with_line(kV1Initial, 5, "47101010033\tJÜRI ÕUNAPUU\tlisamine\t296\t2\t296\t1\t14"),
      "voters.txt:5: expected 9 fields, found 8 (code, name, action, station EHAK, "
      "station number, district EHAK, district number, line number, reason)");
  voters_refused(
      with_line(kV1Initial, 5, "47101010033\tJÜRI ÕUNAPUU\tlisamine\t296\t2\t296\t1\t14\t\t"),
      "voters.txt:5: expected 9 fields, found 10");
  voters_refused(
      with_line(kV1Initial, 4, "37605030299\tMARI-LIIS MÄNNIK\tlisamine\t296\t1\t296\t1\t1\t\r"),
      "voters.txt:4: CR character (IVXV lists end lines with LF alone)");
  voters_refused(with_line(kV1Initial, 2, "RK_2027\r"), "voters.txt:2: CR character");
  voters_refused(kV1Initial.substr(0, kV1Initial.size() - 1),
                 "voters.txt:6: does not end with LF (every line of an IVXV list ends with LF)");
  voters_refused(
      with_line(kV1Initial, 6, "5000101000\tØLE KÜLA-SÄÄR\tlisamine\t339\t14\t784\t3\t2\t"),
      "voters.txt:6: personal code must be 11 digits, found \"5000101000\"");
  voters_refused(with_line(kV1Initial, 4, "37605030299\t\tlisamine\t296\t1\t296\t1\t1\t"),
                 "voters.txt:4: empty name");
  voters_refused(
      with_line(kV1Initial, 4,
                "37605030299\t" + std::string(101, 'A') + "\tlisamine\t296\t1\t296\t1\t1\t"),
      "voters.txt:4: name is longer than 100 characters");
  voters_refused(with_line(kV1Initial, 4, "37605030299\tMARI\tlisa\t296\t1\t296\t1\t1\t"),
                 "voters.txt:4: unknown action \"lisa\" (lisamine or kustutamine)");
  voters_refused(
      with_line(kV1Initial, 5, "47101010033\tJÜRI ÕUNAPUU\tkustutamine\t296\t2\t296\t1\t14\tmuu"),
      "voters.txt:5: action kustutamine is not allowed in an initial list (algne)");
  voters_refused(with_line(kV1Initial, 4, "37605030299\tMARI\tlisamine\t296\tüks\t296\t1\t1\t"),
                 "voters.txt:4: station number \"üks\" is not a number of 1 to 10 digits");
  voters_refused(with_line(kV1Initial, 4, "37605030299\tMARI\tlisamine\t296\t1\t296\t1\t\t"),
                 "voters.txt:4: line number \"\" must be 1 to 11 digits in an initial list");
  voters_refused(with_line(kV1Initial, 4, "37605030299\tMARI\tlisamine\t296\t1\t296\t1\t1\tmuu"),
                 "voters.txt:4: a lisamine record has no reason, found \"muu\"");
  voters_refused(
      with_line(kV1Changes, 6, "47101010033\tJÜRI ÕUNAPUU\tkustutamine\t296\t2\t296\t1\t\tsurm"),
      "voters.txt:6: unknown reason \"surm\" (empty, tokend, jaoskonna vahetus or muu)");
}

BOOST_AUTO_TEST_CASE(version_1_districts_duplicates_and_chaining_refusals) {
  voters_refused(
      with_line(kV1Initial, 6, "50001010006\tØLE KÜLA-SÄÄR\tlisamine\t339\t14\t784\t4\t2\t"),
      "voters.txt:6: district 784.4 is not a district of the config (import-ivxv-districts first)");
  voters_refused(
      with_line(kV1Initial, 6, "50001010006\tØLE KÜLA-SÄÄR\tlisamine\t339\t16\t784\t3\t2\t"),
      "voters.txt:6: station 339.16 is not a station of district 784.3 in", stations_option());
  voters_refused(
      with_line(kV1Initial, 6, "37605030299\tMARI-LIIS MÄNNIK\tlisamine\t339\t14\t784\t3\t2\t"),
      "voters.txt:6: duplicate add of 37605030299 (first added on line 4)");
  voters_refused(
      with_line(kV1Changes, 5,
                "37605030299\tMARI-LIIS MÄNNIK\tlisamine\t296\t1\t296\t1\t\tjaoskonna vahetus"),
      "voters.txt:5: a lisamine record has no reason");
  voters_refused(with_line(kV1Changes, 5, "61203040011\tANU ARU\tlisamine\t296\t2\t296\t1\t\t"),
                 "voters.txt:4: reason says the voter moves, but no lisamine of 37605030299 "
                 "follows in this list");
  voters_refused(kV1Changes + "61203040011\tANU ARU\tkustutamine\t296\t2\t296\t1\t\tmuu\n",
                 "voters.txt:8: remove of 61203040011 after its add (added on line 7)");
  voters_refused(kV1Changes,
                 "voters.txt:3: a list of changes (muudatused) follows an earlier change set: give "
                 "it as --previous");
  voters_refused(kV1Initial,
                 "voters.txt:3: an initial list (algne) starts the voter list: give no --previous",
                 " --previous " + q(examples() + "/voters-1.json"));
}

// --- Voters list refusals, version 2 ------------------------------------------

BOOST_AUTO_TEST_CASE(version_2_refusals) {
  voters_refused(kV2Initial,
                 "voters.txt: a version 2 list names each voter's administrative unit and "
                 "district number: give --districts (the IVXV districts list)");
  voters_refused(kV2Initial, "districts-stations.json: lists polling stations (the IVXV 1.5 form)",
                 stations_option());
  voters_refused(with_line(kV2Initial, 3, "esimene"),
                 "voters.txt:3: change set number \"esimene\" is not a whole number",
                 districts_option());
  voters_refused(
      with_line(kV2Initial, 4, "2027-01-11T22:00:00Z"),
      "voters.txt:4: the period must be two RFC 3339 times separated by a tab, found 1 fields",
      districts_option());
  voters_refused(with_line(kV2Initial, 4, "2027-01-11 22:00\t2027-01-11T22:00:00Z"),
                 "voters.txt:4: period: \"2027-01-11 22:00\" is not an RFC 3339 time",
                 districts_option());
  voters_refused(with_line(kV2Initial, 5, "lisamine\t38207110022\tKAIDO KÄBI\t0387"),
                 "voters.txt:5: expected 5 fields for lisamine, found 4 (lisamine, code, name, "
                 "administrative unit, district number)",
                 districts_option());
  voters_refused(with_line(kV2Changes, 5, "kustutamine\t48809090044\tEVE ÕIE\t0793\t10"),
                 "voters.txt:5: expected 2 fields for kustutamine, found 5 (kustutamine, code)",
                 districts_option());
  // The 2021 layout put the code first: refused, the first field is no action.
  voters_refused(with_line(kV2Initial, 5, "38207110022\tKAIDO KÄBI\tlisamine\t0387\t9"),
                 "voters.txt:5: unknown action \"38207110022\" (lisamine or kustutamine)",
                 districts_option());
  voters_refused(
      with_line(kV2Initial, 5, "kustutamine\t38207110022"),
      "voters.txt:5: action kustutamine is not allowed in an initial list (change set 0)",
      districts_option());
  voters_refused(
      with_line(kV2Initial, 5, "lisamine\t38207110022\tKAIDO KÄBI\tVÄLIS\t9"),
      "voters.txt:5: administrative unit \"VÄLIS\" is neither a 4-digit EHAK code nor FOREIGN",
      districts_option());
  voters_refused(with_line(kV2Initial, 5, "lisamine\t38207110022\tKAIDO KÄBI\t0387\t10"),
                 "voters.txt:5: no district in", districts_option());
  voters_refused(with_line(kV2Initial, 5, "lisamine\t38207110022\tKAIDO KÄBI\t0387\t10"),
                 "has number 10 and administrative unit 0387", districts_option());
  voters_refused(with_line(kV2Initial, 7, "lisamine\t38207110022\tKAIDO KÄBI\tFOREIGN\t9"),
                 "voters.txt:7: duplicate add of 38207110022 (first added on line 5)",
                 districts_option());
  voters_refused(with_line(kV2Initial, 6, "lisamine\t4880909004\tEVE ÕIE\t0793\t10"),
                 "voters.txt:6: personal code must be 11 digits, found \"4880909004\"",
                 districts_option());
}

// --- Districts list refusals -------------------------------------------------

BOOST_AUTO_TEST_CASE(districts_list_refusals) {
  Work w;
  const auto refused = [&](const std::string& json, const std::string& message) {
    write_text(w / "districts.json", json);
    edit_refused(w, "import-ivxv-districts --districts " + q(w / "districts.json"), message);
  };
  const auto replaced = [](std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    BOOST_REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
  };
  refused(replaced(kDistrictsParishes, "\"RK_2027\"", "\"RK2023\""),
          "districts.json: election: election id \"RK2023\" is not this election's");
  refused(
      replaced(kDistrictsParishes, "\"0000.9\": {\"name\"", "\"0000.9\": {\"nimi\": 1, \"name\""),
      "districts.json: districts[\"0000.9\"][\"nimi\"]: unknown field");
  refused(replaced(kDistrictsParishes, "\"0000.9\": {", "\"00009\": {"),
          "districts.json: districts[\"00009\"]: a district id must be <EHAK code>.<number>, e.g. "
          "0784.6");
  refused(
      replaced(kDistrictsParishes, "[\"0387\", \"0000\"]", "[\"0387\", \"0421\"]"),
      "districts.json: districts[\"0000.9\"][\"parish\"][1]: parish 0421 is not among the regions");
  refused(replaced(kDistrictsParishes, "[\"0387\", \"0000\"]", "[\"0387\", \"387\"]"),
          "districts.json: districts[\"0000.9\"][\"parish\"][1]: parish \"387\" is not a 4-digit "
          "EHAK code");
  refused(replaced(kDistrictsParishes, "[\"0387\", \"0000\"]", "[\"0387\", \"0387\"]"),
          "districts.json: districts[\"0000.9\"][\"parish\"][1]: 0387 is listed twice (also at "
          "districts[\"0000.9\"][\"parish\"][0])");
  refused(replaced(kDistrictsParishes, "\"0000.10\": {", "\"0793.10\": {"),
          "districts.json: districts[\"0793.10\"][\"parish\"][1]: parish 0000 is also in district "
          "0000.9: a "
          "parish in several districts must have one district EHAK code");
  refused(replaced(kDistrictsParishes, "\"Valimisringkond nr. 9\"", "\"\""),
          "districts.json: districts[\"0000.9\"][\"name\"]: is empty");
  refused(replaced(kDistrictsParishes, "\"0000.10\": {", "\"0000.9\": {"),
          "districts.json: districts[\"0000.9\"]: the key \"0000.9\" appears twice in one object");
  refused(replaced(kDistrictsParishes, "\"counties\"", "\"maakonnad\""),
          "districts.json: maakonnad: unknown field");
  refused(replaced(kDistrictsParishes, "\"regions\"", "\"regioonid\""),
          "districts.json: regioonid: unknown field");
  refused(
      replaced(kDistrictsParishes, "\"parish\": [\"0793\", \"0000\"]", "\"stations\": [\"793.1\"]"),
      "districts.json: districts[\"0000.10\"]: lists stations but the districts before it list "
      "parishes "
      "(one form per file)");
  refused(replaced(kDistrictsParishes, "\"Valimisringkond nr. 9\",", "\"Valimisringkond nr. 9\""),
          "districts.json:9: not valid JSON");
  // Imported once, the same districts again are refused.
  write_text(w / "districts.json", kDistrictsParishes);
  BOOST_REQUIRE_EQUAL(w.edit("import-ivxv-districts --districts " + q(w / "districts.json")).status,
                      0);
  refused(kDistrictsParishes,
          "districts.json: districts[\"0000.9\"]: district 0000.9 is already in the config");
}

// --- Choices list refusals and the code rules --------------------------------

BOOST_AUTO_TEST_CASE(choices_list_refusals) {
  ChoicesWork w;
  w.refused("dup.json", R"({"election": "RK_2027", "choices": {
      "0000.9": {"Erakond Kolm Kaske": {"0000.201": "Helju Hirv"}},
      "0000.10": {"Valimisliit Emajõgi": {"0000.201": "Kaarel Kuusk"}}}})",
            "dup.json: choices[\"0000.10\"][\"Valimisliit Emajõgi\"][\"0000.201\"]: duplicate "
            "choice id 0000.201 "
            "(also at choices[\"0000.9\"][\"Erakond Kolm Kaske\"][\"0000.201\"])");
  w.refused("district.json", R"({"election": "RK_2027", "choices": {
      "0000.11": {"Erakond Kolm Kaske": {"0000.201": "Helju Hirv"}}}})",
            "district.json: choices[\"0000.11\"]: district 0000.11 is not a district of the config "
            "(import-ivxv-districts first)");
  w.refused("id.json", R"({"election": "RK_2027", "choices": {
      "0000.9": {"Erakond Kolm Kaske": {"201": "Helju Hirv"}}}})",
            "id.json: choices[\"0000.9\"][\"Erakond Kolm Kaske\"][\"201\"]: a choice id must be "
            "<EHAK code>.<number>");
  w.refused(
      "name.json", R"({"election": "RK_2027", "choices": {
      "0000.9": {"Erakond Kolm Kaske": {"0000.201": ""}}}})",
      "name.json: choices[\"0000.9\"][\"Erakond Kolm Kaske\"][\"0000.201\"]: the name is empty");
  w.refused(
      "party.json", R"({"election": "RK_2027", "choices": {"0000.9": {"Erakond Kolm Kaske": {}}}})",
      "party.json: choices[\"0000.9\"][\"Erakond Kolm Kaske\"]: is empty (at least one member)");
  w.refused("extra.json", R"({"election": "RK_2027", "choices": {}, "question": "x"})",
            "extra.json: question: unknown field");
  w.refused("election.json", R"({"choices": {}})", "election.json: election: missing (required)");
  w.refused("choices.json", kChoices, "--codes must be number or sequential, got \"ivxv\"",
            " --codes ivxv", 2);
  // The contest must exist and be empty: the list is imported whole.
  write_text(w / "choices.json", kChoices);
  edit_refused(w, "import-ivxv-choices --contest rk --choices " + q(w / "choices.json"),
               "no contest \"rk\" (add-contest first)");
  BOOST_REQUIRE_EQUAL(w.import("choices.json", kChoices).status, 0);
  w.refused("choices.json", kChoices,
            "contest ivxv already has 6 choices: an IVXV choices list is imported whole into an "
            "empty contest");
}

// A local-government list numbers candidates per municipality, so numbers
// repeat; a referendum numbers its answers 001, 002. Both need --codes sequential.
BOOST_AUTO_TEST_CASE(choice_numbers_that_cannot_be_codes_need_sequential_codes) {
  const std::string kov = R"({"election": "RK_2027", "choices": {
      "0000.10": {"Valimisliit Emajõgi": {"0793.101": "Kaarel Kuusk", "0793.102": "Pille Pärn"}},
      "0000.9": {"Valimisliit Kastre": {"0387.101": "Tiit Tamm"}}}})";
  ChoicesWork w;
  w.refused("kov.json", kov,
            "kov.json: choices[\"0000.9\"][\"Valimisliit Kastre\"][\"0387.101\"]: choice number "
            "101 is also that of "
            "0793.101 (an evote choice code is unique in its contest): give --codes sequential");
  const Run r = w.import("kov.json", kov, " --codes sequential");
  BOOST_TEST(r.status == 0, r.output);
  // In the order of the ids as numbers: 0387.101, 0793.101, 0793.102.
  BOOST_TEST(has(r, "  0387.101 -> 2\n  0793.101 -> 3\n  0793.102 -> 4\n"), r.output);

  const std::string referendum = R"({"election": "RK_2027", "choices": {
      "0000.9": {"Kas olete nõus?": {"0000.001": "jah", "0000.002": "ei"}}}})";
  ChoicesWork rh;
  rh.refused("rh.json", referendum,
             "rh.json: choices[\"0000.9\"][\"Kas olete nõus?\"][\"0000.001\"]: choice number 001 "
             "cannot be an "
             "evote choice code (2 to 999999; 1 is the blank code): give --codes sequential");
  const Run s = rh.import("rh.json", referendum, " --codes sequential");
  BOOST_TEST(s.status == 0, s.output);
  BOOST_TEST(has(s, "  0000.001 -> 2\n  0000.002 -> 3\n"), s.output);
  const Run shown = admin("show " + q(rh.config()));
  BOOST_TEST(has(shown, "2  jah  (Kas olete nõus?)"), shown.output);
}

BOOST_AUTO_TEST_SUITE_END()
