#include "verificatum_command.hpp"

#include <cstdio>
#include <string>

#include "check_report.hpp"
#include "evote/verificatum/shuffle_verifier.hpp"

namespace evote::verify {
namespace {

constexpr const char* kUsage =
    "usage: evote-verify verificatum --protocol-info FILE --proof DIR\n"
    "                                [--public-key FILE] [--input FILE] [--output FILE]\n"
    "                                [--plaintexts FILE]\n"
    "\n"
    "Checks the proofs of a Verificatum mix-net run (specs/interop.md §2): every mix-server's\n"
    "proof of shuffle, from the input list to the output list, and for a -mix run of one\n"
    "mix-server its proof of correct decryption and the plaintexts; for the groups ECqPGroup\n"
    "P-256, P-384, P-521 and ModPGroup, ciphertext width 1. One line per check: PASS, or FAIL\n"
    "with the reason. Exit 0 when every check passes, 1 when one fails, 2 for a wrong call.\n"
    "\n"
    "  --protocol-info FILE   the joint protocol info file (protInfo.xml)\n"
    "  --proof DIR            the proof folder (a mix-server's dir/nizkp/<auxsid>)\n"
    "  --public-key FILE      the joint public key, raw (vmn -keygen's publicKey) or a\n"
    "                         FullPublicKey.bt (default: DIR/FullPublicKey.bt)\n"
    "  --input FILE           the input ciphertext list (default: DIR/Ciphertexts.bt)\n"
    "  --output FILE          the output ciphertext list (default for a -shuffle run:\n"
    "                         DIR/ShuffledCiphertexts.bt); the proof is checked against it\n"
    "  --plaintexts FILE      the decrypted plaintexts of a -mix run (default:\n"
    "                         DIR/Plaintexts.bt); checked against the proof of decryption\n";

}  // namespace

int run_verificatum_command(int argc, char** argv) {
  verificatum::VerificatumFiles files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    std::string* target = nullptr;
    if (arg == "--protocol-info") target = &files.protocol_info;
    if (arg == "--proof") target = &files.proof_dir;
    if (arg == "--public-key") target = &files.public_key;
    if (arg == "--input") target = &files.input;
    if (arg == "--output") target = &files.output;
    if (arg == "--plaintexts") target = &files.plaintexts;
    if (target == nullptr || i + 1 >= argc) {
      std::fprintf(stderr, "evote-verify verificatum: unexpected argument \"%s\"%s\n%s",
                   arg.c_str(), target != nullptr ? " (it needs a value)" : "", kUsage);
      return 2;
    }
    *target = argv[++i];
  }
  if (files.protocol_info.empty() || files.proof_dir.empty()) {
    std::fprintf(stderr, "evote-verify verificatum: --protocol-info and --proof are required\n%s",
                 kUsage);
    return 2;
  }
  CheckReport report;
  const unsigned failures =
      verificatum::verify_verificatum(files, [&](const verificatum::CheckResult& result) {
        if (result.ok) {
          report.pass(result.name, result.detail);
        } else {
          report.fail(result.name, result.detail);
        }
      });
  if (failures == 0 && report.failures() == 0) {
    std::printf("evote-verify: all %u checks PASS: the Verificatum proofs verify\n",
                report.checks());
    return 0;
  }
  std::printf("evote-verify: %u of %u checks FAIL\n", report.failures(), report.checks());
  return 1;
}

}  // namespace evote::verify
