// What evote-tally count refuses (specs/results.md §1), each with a message
// naming the batch's file and, for a line, its number; after a refusal the
// tally folder has neither results.json nor count.statement.json.
#include <boost/test/unit_test.hpp>

#include "tally_folder.hpp"

using namespace evote::tally_test;

namespace {

// Runs count, expects exit 1 with `message` and nothing written.
void refused(const TallyFolder& t, const std::string& message) {
  const Run r = t.count();
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has(message), "expected \"" << message << "\" in:\n" << r.output);
  BOOST_TEST(!fs::exists(t.dir() / "results.json"));
  BOOST_TEST(!fs::exists(t.dir() / "count.statement.json"));
}

std::string text_of(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

std::string path_in(const TallyFolder& t, const std::string& name) {
  return (t.dir() / name).string();
}

}  // namespace

BOOST_AUTO_TEST_CASE(plaintexts_missing) {
  TallyFolder t;
  t.add_batch("council", "d1", kCouncilD1);
  t.add_batch_file("mayor", "d1", 7, "", 2, false);
  t.write_anonymize_statement();
  refused(t, path_in(t, "batches/mayor/d1/plaintexts.txt") +
                 ": missing: decrypt the batch's last mix stage stage-2.ctxt (evote-keys combine");
}

BOOST_AUTO_TEST_CASE(one_line_too_few) {
  TallyFolder t;
  t.add_batch_file("mayor", "d1", 7, text_of({"101", "101", "102", "1", "201", "invalid"}));
  t.write_anonymize_statement();
  refused(t, path_in(t, "batches/mayor/d1/plaintexts.txt") +
                 ": 6 lines, but the last mix stage stage-2.ctxt has 7 rows (one line per row): "
                 "line 7 is missing");
}

BOOST_AUTO_TEST_CASE(one_line_too_many) {
  TallyFolder t;
  t.add_batch_file("mayor", "d1", 7, text_of(kMayorD1) + "101\n");
  t.write_anonymize_statement();
  refused(t, path_in(t, "batches/mayor/d1/plaintexts.txt") +
                 ":8: one line more than the 7 rows of the last mix stage stage-2.ctxt");
}

BOOST_AUTO_TEST_CASE(a_bad_value) {
  TallyFolder t;
  t.add_batch_file("ranking", "d2", 3, "31 1 1\n32 1 1\n33 x 1\n");
  t.write_anonymize_statement();
  refused(t, path_in(t, "batches/ranking/d2/plaintexts.txt") +
                 ":3: value 2: \"x\" is neither a code nor \"invalid\"");
}

BOOST_AUTO_TEST_CASE(a_code_above_the_largest) {
  TallyFolder t;
  t.add_batch_file("mayor", "d1", 2, "101\n1000000\n");
  t.write_anonymize_statement();
  refused(t, path_in(t, "batches/mayor/d1/plaintexts.txt") +
                 ":2: value 1: \"1000000\" is above the largest choice code 999999");
}

BOOST_AUTO_TEST_CASE(a_row_of_the_wrong_width) {
  TallyFolder t;
  t.add_batch_file("council", "d1", 3, "11 13\n13\n1 1\n");
  t.write_anonymize_statement();
  refused(t, path_in(t, "batches/council/d1/plaintexts.txt") + ":2: 1 values, expected 2");
}

BOOST_AUTO_TEST_CASE(a_row_too_wide) {
  TallyFolder t;
  t.add_batch_file("mayor", "d1", 2, "101\n101 102\n");
  t.write_anonymize_statement();
  refused(t, path_in(t, "batches/mayor/d1/plaintexts.txt") + ":2: 2 values, expected 1");
}

BOOST_AUTO_TEST_CASE(a_last_line_without_its_newline) {
  TallyFolder t;
  t.add_batch_file("mayor", "d1", 2, "101\n102");
  t.write_anonymize_statement();
  refused(t, path_in(t, "batches/mayor/d1/plaintexts.txt") +
                 ":2: does not end in a newline (is the file cut short?)");
}

BOOST_AUTO_TEST_CASE(results_already_there) {
  TallyFolder t;
  add_all_batches(t);
  write_text(t.dir() / "results.json", "{}");
  const Run r = t.count();
  BOOST_TEST(r.status == 1);
  BOOST_TEST(
      r.has(path_in(t, "results.json") + ": already exists (this tally folder has been counted)"));
  BOOST_TEST(read_text(t.dir() / "results.json") == "{}");
  BOOST_TEST(!fs::exists(t.dir() / "count.statement.json"));
}

BOOST_AUTO_TEST_CASE(counted_twice) {
  TallyFolder t;
  add_all_batches(t);
  ok(t.count());
  const std::string before = read_text(t.dir() / "results.json");
  const Run again = t.count();
  BOOST_TEST(again.status == 1);
  BOOST_TEST(again.has("results.json: already exists"));
  BOOST_TEST(read_text(t.dir() / "results.json") == before);
}

BOOST_AUTO_TEST_CASE(no_anonymize_statement) {
  TallyFolder t;
  t.add_batch("mayor", "d1", kMayorD1);
  refused(t, "anonymize.statement.json: no such file (run evote-tally anonymize first)");
}

BOOST_AUTO_TEST_CASE(a_batch_not_mixed) {
  TallyFolder t;
  t.add_batch_file("mayor", "d1", 7, text_of(kMayorD1), 0);
  t.write_anonymize_statement();
  refused(t, path_in(t, "batches/mayor/d1") + ": no mix stage (stage-1.ctxt)");
}

BOOST_AUTO_TEST_CASE(an_input_changed_after_anonymize) {
  TallyFolder t;
  t.add_batch("mayor", "d1", kMayorD1);
  t.write_anonymize_statement();
  const fs::path input = t.batch("mayor", "d1") / "input.ctxt";
  fs::remove(input);
  t.write_ciphertexts(input, "mayor", "d1", 7);  // other randomness: other bytes
  refused(t, path_in(t, "batches/mayor/d1/input.ctxt") + ": is not the file its statement lists");
}

BOOST_AUTO_TEST_CASE(a_last_stage_of_another_batch) {
  TallyFolder t;
  t.add_batch("mayor", "d1", kMayorD1);
  t.write_anonymize_statement();
  const fs::path stage = t.batch("mayor", "d1") / "stage-2.ctxt";
  fs::remove(stage);
  t.write_ciphertexts(stage, "mayor", "d2", 7);
  refused(t, "ciphertext file " + path_in(t, "batches/mayor/d1/stage-2.ctxt") +
                 ": holds contest \"mayor\" district \"d2\", not this batch's mayor/d1");
}

BOOST_AUTO_TEST_CASE(a_last_stage_with_other_rows) {
  TallyFolder t;
  t.add_batch("mayor", "d1", kMayorD1);
  t.write_anonymize_statement();
  const fs::path stage = t.batch("mayor", "d1") / "stage-2.ctxt";
  fs::remove(stage);
  t.write_ciphertexts(stage, "mayor", "d1", 6);
  refused(t, "ciphertext file " + path_in(t, "batches/mayor/d1/stage-2.ctxt") +
                 ": 6 rows, but input.ctxt has 7 (a shuffle keeps every row)");
}

BOOST_AUTO_TEST_CASE(plaintexts_of_a_batch_without_ballots) {
  TallyFolder t;
  t.add_batch("mayor", "d1", kMayorD1);
  t.write_anonymize_statement();
  write_text(t.batch("mayor", "d2") / "plaintexts.txt", "201\n");
  refused(t, path_in(t, "batches/mayor/d2/plaintexts.txt") +
                 ": the anonymize statement lists no batches/mayor/d2/input.ctxt");
}
