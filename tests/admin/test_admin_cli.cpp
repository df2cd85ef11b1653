// evote-admin end to end: the example election of specs/formats.md is built,
// shown and verified; every signed file with one byte changed fails verify
// with a message naming the file; bad input exits non-zero and writes nothing.
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "support/run_program.hpp"
#include "support/spec_vectors.hpp"
#include "support/temp_folder.hpp"

namespace fs = std::filesystem;

namespace {

using Run = evote::testing::ProgramRun;
Run run(const std::string& command) { return evote::testing::run_program(command); }

const std::string kAdmin = EVOTE_ADMIN_BIN;
std::string q(const fs::path& p) { return "'" + p.string() + "'"; }
std::string examples() { return evote::testing::source_path("specs/examples"); }
std::string passphrase_option() { return " --passphrase-file " + q(examples() + "/input/passphrase.txt"); }

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
void write_text(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

std::string verify_command(const fs::path& dir) {
  return kAdmin + " verify --config " + q(dir / "config.json") + " " + q(dir / "voters-1.json") + " " +
         q(dir / "voters-2.json") + " " + q(dir / "paper-votes.json");
}

// The example built once per test run, in a temp folder.
const fs::path& fresh_example() {
  static evote::testing::TempFolder folder;
  static bool built = false;
  if (!built) {
    const Run r = run("EVOTE_ADMIN=" + q(kAdmin) + " " + q(examples() + "/make-example.sh") + " " + q(folder.path()));
    BOOST_TEST_MESSAGE(r.output);
    BOOST_REQUIRE_EQUAL(r.status, 0);
    built = true;
  }
  return folder.path();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(admin_cli)

BOOST_AUTO_TEST_CASE(committed_example_verifies) {
  const Run r = run(verify_command(examples()));
  BOOST_TEST(r.status == 0, r.output);
  BOOST_TEST(r.output.find("FAIL") == std::string::npos);
  BOOST_TEST(r.output.find("voter list change set 2, 3 changes, 5 voters on the list") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(example_is_built_shown_and_verified) {
  const fs::path& dir = fresh_example();
  const Run verified = run(verify_command(dir));
  BOOST_TEST(verified.status == 0, verified.output);
  const Run shown = run(kAdmin + " show " + q(dir / "config.json"));
  BOOST_TEST(shown.status == 0);
  BOOST_TEST(shown.output.find("election config RK_2027 (signed)") != std::string::npos);
  BOOST_TEST(shown.output.find("202  Peeter Põder") != std::string::npos);
  const Run shown_list = run(kAdmin + " show " + q(dir / "voters-2.json"));
  BOOST_TEST(shown_list.output.find("changes: 3 (2 add, 1 remove)") != std::string::npos, shown_list.output);
}

BOOST_AUTO_TEST_CASE(one_changed_byte_fails_verify_naming_the_file) {
  const fs::path& dir = fresh_example();
  evote::testing::TempFolder work;
  for (const char* name : {"config.json", "voters-1.json", "voters-2.json", "paper-votes.json"}) {
    const std::string original = read_text(dir / name);
    for (std::size_t k = 0; k < 12; ++k) {
      const std::size_t at = k * (original.size() - 1) / 11;
      for (const char* f : {"config.json", "voters-1.json", "voters-2.json", "paper-votes.json"}) {
        fs::copy_file(dir / f, work.path() / f, fs::copy_options::overwrite_existing);
      }
      std::string changed = original;
      changed[at] = static_cast<char>(changed[at] == 'A' ? 'B' : 'A');
      write_text(work.path() / name, changed);
      const Run r = run(verify_command(work.path()));
      BOOST_TEST_CONTEXT(name << " byte " << at << ":\n" << r.output) {
        BOOST_TEST(r.status == 1);
        BOOST_TEST(r.output.find("FAIL " + (work.path() / name).string() + ": ") != std::string::npos);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(truncated_and_unsigned_files_are_named) {
  const fs::path& dir = fresh_example();
  evote::testing::TempFolder work;
  const std::string config = read_text(dir / "config.json");
  write_text(work.path() / "config.json", config.substr(0, config.size() / 2));
  Run r = run(kAdmin + " verify " + q(work.path() / "config.json"));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("config.json: not valid JSON") != std::string::npos, r.output);

  write_text(work.path() / "draft.json", config);
  BOOST_REQUIRE_EQUAL(run(kAdmin + " add-district --config " + q(work.path() / "draft.json") +
                          " --id 3 --name-et Narva").status, 0);
  r = run(kAdmin + " verify " + q(work.path() / "draft.json"));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("election config is not signed") != std::string::npos, r.output);
}

BOOST_AUTO_TEST_CASE(bad_input_exits_non_zero_and_writes_nothing) {
  const fs::path& dir = fresh_example();
  evote::testing::TempFolder work;
  for (const char* f : {"config.json", "organizer.key"}) fs::copy_file(dir / f, work.path() / f);

  write_text(work.path() / "voters.tsv", "add\t38001085718\tMari Maasikas\t1\nadd\t49002010976\tLiis Kask\t9\n");
  Run r = run(kAdmin + " import-voters --config " + q(work.path() / "config.json") + " --tsv " +
              q(work.path() / "voters.tsv") + " --key " + q(work.path() / "organizer.key") + " --out " +
              q(work.path() / "out.json") + passphrase_option());
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("voters.tsv:2: unknown district") != std::string::npos, r.output);
  BOOST_TEST(!fs::exists(work.path() / "out.json"));

  const std::string before = read_text(work.path() / "config.json");
  write_text(work.path() / "dup.csv", "code,district,name_et\n104,1,A\n104,1,B\n");
  r = run(kAdmin + " import-choices --config " + q(work.path() / "config.json") + " --contest riigikogu --csv " +
          q(work.path() / "dup.csv"));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("duplicate choice code 104") != std::string::npos, r.output);
  BOOST_TEST(read_text(work.path() / "config.json") == before);

  const std::string key_before = read_text(work.path() / "organizer.key");
  write_text(work.path() / "wrong.txt", "not the passphrase\n");
  r = run(kAdmin + " sign --config " + q(work.path() / "config.json") + " --key " + q(work.path() / "organizer.key") +
          " --passphrase-file " + q(work.path() / "wrong.txt"));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("wrong passphrase") != std::string::npos, r.output);
  BOOST_TEST(read_text(work.path() / "organizer.key") == key_before);
  BOOST_TEST(read_text(work.path() / "config.json") == before);

  r = run(kAdmin + " sign --config " + q(work.path() / "config.json") + " --passphrase secret");
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.output.find("unknown option --passphrase") != std::string::npos, r.output);
  r = run(kAdmin + " init --election-id X --name-et X --start 2027-01-01T00:00:00Z --end 2027-01-02T00:00:00Z "
                   "--config " + q(work.path() / "config.json") + " --key " + q(work.path() / "new.key") +
          passphrase_option());
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.output.find("already exists") != std::string::npos, r.output);
}

BOOST_AUTO_TEST_SUITE_END()
