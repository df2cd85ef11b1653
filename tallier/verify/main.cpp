// evote-verify: an observer's check of a whole election record
// (specs/record.md §3). Usage: evote-verify RECORD [--tracker BALLOT_HASH].
#include <cstdio>
#include <cstring>
#include <string>

#include "check_report.hpp"
#include "evote/cli/program.hpp"
#include "record_verifier.hpp"
#include "verificatum_command.hpp"

namespace {

constexpr const char* kUsage =
    "usage: evote-verify RECORD [--tracker BALLOT_HASH]\n"
    "       evote-verify verificatum --protocol-info FILE --proof DIR ...  (see its --help)\n"
    "\n"
    "Checks an election record folder as specs/record.md §3 lists the checks: the manifest and\n"
    "every file's hash, the key ceremony, the tally statements, the tracker list, every mix\n"
    "stage's proof and signature, every partial decryption's proof, and that the plaintexts give\n"
    "exactly the published results. One line per check: PASS, or FAIL with the reason. Exit 0\n"
    "when every check passes, 1 when one fails, 2 for a wrong call.\n"
    "\n"
    "  --tracker BALLOT_HASH   also find this ballot hash (base64url, from a receipt) in the\n"
    "                          tracker list and say which row of the first mix input it became\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "verificatum") == 0) {
    return evote::verify::run_verificatum_command(argc - 1, argv + 1);
  }
  evote::verify::VerifyOptions options;
  bool have_record = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help" || arg == "help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (arg == "--version") {
      std::printf("evote-verify (evote) %s\n", evote::cli::version());
      return 0;
    }
    if (arg == "--tracker" && i + 1 < argc) {
      options.tracker = argv[++i];
    } else if (!arg.empty() && arg[0] != '-' && !have_record) {
      options.record = arg;
      have_record = true;
    } else {
      std::fprintf(stderr, "evote-verify: unexpected argument \"%s\"\n%s", arg.c_str(), kUsage);
      return 2;
    }
  }
  if (!have_record) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  evote::verify::CheckReport report;
  const unsigned failures = evote::verify::verify_record(options, report);
  if (failures == 0) {
    std::printf("evote-verify: all %u checks PASS: the record verifies\n", report.checks());
    return 0;
  }
  std::printf("evote-verify: %u of %u checks FAIL\n", failures, report.checks());
  return 1;
}
