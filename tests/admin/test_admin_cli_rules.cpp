// evote-admin's command line as specs/formats.md §7 states it: outputs are
// never replaced without --force and secrets never; files are checked
// before any passphrase is asked; help, --version and exit codes 0/1/2;
// public files are written 0644 and sealed keys 0600.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include "admin_harness.hpp"

using namespace evote::admin_test;

namespace {

// Copies of the example's signed config and organizer key, and its inputs.
struct ListWork : Work {
  std::string in(const std::string& name) const { return q(examples() + "/input/" + name); }
  std::string import_voters(const fs::path& out, const std::string& extra = "") const {
    return "import-voters" + config_option() + " --tsv " + in("voters-1.tsv") + " --key " + q(*this / "organizer.key") +
           " --out " + q(out) + extra;
  }
  std::string paper_votes(const fs::path& out, const std::string& extra = "") const {
    return "paper-votes" + config_option() + " --list " + in("paper-votes.txt") + " --key " +
           q(*this / "organizer.key") + " --out " + q(out) + extra;
  }
};

unsigned permissions(const fs::path& path) {
  struct stat st {};
  BOOST_REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(admin_cli_rules)

BOOST_AUTO_TEST_CASE(an_existing_out_is_kept_unless_force) {
  ListWork w;
  for (const bool voters : {true, false}) {
    const fs::path out = w / (voters ? "voters.json" : "paper.json");
    const auto command = [&](const std::string& extra) {
      return voters ? w.import_voters(out, extra) : w.paper_votes(out, extra);
    };
    write_text(out, "an older list");
    Run r = admin(command(passphrase_option()));
    BOOST_TEST_CONTEXT(r.output) {
      BOOST_TEST(r.status == 1);
      BOOST_TEST(has(r, out.string() + ": already exists; give --force to replace it"));
      BOOST_TEST(read_text(out) == "an older list");
    }
    r = admin(command(passphrase_option() + " --force"));
    BOOST_TEST(r.status == 0, r.output);
    BOOST_TEST(read_text(out).rfind("{\"", 0) == 0);
    BOOST_TEST(admin("verify" + w.config_option() + " " + q(out)).status == 0);
  }
}

BOOST_AUTO_TEST_CASE(keys_are_never_replaced_and_have_no_force) {
  ListWork w;
  const std::string key_before = read_text(w / "organizer.key");
  Run r = admin("new-key --role collector --key " + q(w / "organizer.key") + " --force" + passphrase_option());
  BOOST_TEST(r.status == 2, r.output);
  BOOST_TEST(has(r, "unknown option --force"), r.output);
  r = admin("init --election-id X --name-et X --start 2027-01-01T00:00:00Z --end 2027-01-02T00:00:00Z --config " +
            q(w / "new.json") + " --key " + q(w / "organizer.key") + " --force" + passphrase_option());
  BOOST_TEST(r.status == 2, r.output);
  BOOST_TEST(has(r, "unknown option --force"), r.output);
  r = admin("new-key --role collector --key " + q(w / "organizer.key") + passphrase_option());
  BOOST_TEST(r.status == 1, r.output);
  BOOST_TEST(has(r, "organizer.key: already exists and holds a secret: it is never replaced"), r.output);
  BOOST_TEST(read_text(w / "organizer.key") == key_before);
  BOOST_TEST(!fs::exists(w / "new.json"));
}

BOOST_AUTO_TEST_CASE(inputs_are_checked_by_name_before_anything_runs) {
  ListWork w;
  fs::create_directory(w / "folder");
  Run r = admin("import-voters" + w.config_option() + " --tsv " + q(w / "folder") + " --key " +
                q(w / "organizer.key") + " --out " + q(w / "out.json") + passphrase_option());
  BOOST_TEST(r.status == 1, r.output);
  BOOST_TEST(has(r, (w / "folder").string() + ": is a folder, not a file"), r.output);
  r = admin("add-district --config " + q(w / "folder") + " --id 3 --name-et Narva");
  BOOST_TEST(r.status == 1, r.output);
  BOOST_TEST(has(r, (w / "folder").string() + ": is a folder, not a file"), r.output);
  r = admin("import-voters" + w.config_option() + " --tsv " + q(w / "missing.tsv") + " --key " +
            q(w / "organizer.key") + " --out " + q(w / "out.json") + passphrase_option());
  BOOST_TEST(r.status == 1, r.output);
  BOOST_TEST(has(r, (w / "missing.tsv").string() + ": no such file"), r.output);
  BOOST_TEST(!fs::exists(w / "out.json"));
}

BOOST_AUTO_TEST_CASE(out_into_a_missing_folder_is_refused_before_the_passphrase) {
  ListWork w;
  // No --passphrase-file: the passphrase would be asked; the folder is named first.
  const Run r = admin(w.import_voters(w / "nowhere" / "out.json"));
  BOOST_TEST(r.status == 1, r.output);
  BOOST_TEST(has(r, "cannot write: folder " + (w / "nowhere").string() + " does not exist"), r.output);
  BOOST_TEST(!has(r, "assphrase"), r.output);
}

BOOST_AUTO_TEST_CASE(an_empty_passphrase_file_is_named) {
  ListWork w;
  write_text(w / "empty.txt", "");
  const Run r = admin(w.paper_votes(w / "paper.json", " --passphrase-file " + q(w / "empty.txt")));
  BOOST_TEST(r.status == 1, r.output);
  BOOST_TEST(has(r, (w / "empty.txt").string() + ": the passphrase file is empty"), r.output);
  BOOST_TEST(!fs::exists(w / "paper.json"));
}

BOOST_AUTO_TEST_CASE(help_version_and_usage_mistakes) {
  for (const std::string call : {"help import-voters", "import-voters --help", "import-voters -h"}) {
    const Run r = admin(call);
    BOOST_TEST_CONTEXT(call << "\n" << r.output) {
      BOOST_TEST(r.status == 0);
      BOOST_TEST(has(r, "usage: evote-admin import-voters"));
      BOOST_TEST(has(r, "--force"));
      BOOST_TEST(has(r, "example:\n  evote-admin import-voters --config"));
    }
  }
  for (const std::string command : {"remove-district", "remove-contest", "remove-choice", "remove-ca",
                                     "remove-trustee", "remove-election-key", "canonicalize"}) {
    const Run r = admin("help " + command);
    BOOST_TEST(r.status == 0, r.output);
    BOOST_TEST(has(r, "example:\n  evote-admin " + command), r.output);
    BOOST_TEST(has(admin("help"), "  " + command + " "));
  }
  Run r = admin("--version");
  BOOST_TEST(r.status == 0);
  BOOST_TEST(has(r, "evote-admin (evote) "), r.output);
  r = admin("add-district --config x.json --id 3 --name-et X --bogus 1");
  BOOST_TEST(r.status == 2, r.output);
  BOOST_TEST(has(r, "unknown option --bogus"), r.output);
  r = admin("add-district --id 3 --name-et X");
  BOOST_TEST(r.status == 2, r.output);
  BOOST_TEST(has(r, "missing --config"), r.output);
  r = admin("frobnicate");
  BOOST_TEST(r.status == 2, r.output);
}

BOOST_AUTO_TEST_CASE(public_files_are_0644_and_sealed_keys_0600) {
  ListWork w;
  const std::string umask = "umask 022; ";
  Run r = run(umask + kAdmin + " " + w.import_voters(w / "voters.json", passphrase_option()));
  BOOST_REQUIRE_MESSAGE(r.status == 0, r.output);
  BOOST_TEST(permissions(w / "voters.json") == 0644u);
  r = run(umask + kAdmin + " new-key --role collector --key " + q(w / "new.key") + passphrase_option());
  BOOST_REQUIRE_MESSAGE(r.status == 0, r.output);
  BOOST_TEST(permissions(w / "new.key") == 0600u);
  fs::permissions(w.config(), fs::perms::owner_read | fs::perms::owner_write);
  r = run(umask + kAdmin + " add-district" + w.config_option() + " --id 3 --name-et Narva");
  BOOST_REQUIRE_MESSAGE(r.status == 0, r.output);
  BOOST_TEST(permissions(w.config()) == 0644u);
  r = run(umask + kAdmin + " canonicalize " + q(w.config()) + " " + q(w / "copy.json"));
  BOOST_REQUIRE_MESSAGE(r.status == 0, r.output);
  BOOST_TEST(permissions(w / "copy.json") == 0644u);
}

// Each message names the file once ("g.json: g.json: ..." was printed).
BOOST_AUTO_TEST_CASE(verify_names_a_broken_file_once) {
  const Work w;
  write_text(w / "garbage.json", "garbage");
  const Run r = admin("verify " + q(w / "garbage.json"));
  BOOST_TEST(r.status == 1);
  const std::string name = (w / "garbage.json").string();
  BOOST_TEST(has(r, "FAIL " + name + ": not valid JSON"), r.output);
  BOOST_TEST(!has(r, name + ": " + name), r.output);
}

BOOST_AUTO_TEST_SUITE_END()
