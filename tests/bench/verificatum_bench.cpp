// `evote-verify verificatum` on one Verificatum mix-net run folder, timed:
// wall seconds, CPU seconds (user + system) and peak RSS of the real
// program, and the same for Verificatum's own verifier `vmnv` when its path
// is given, with the ratio. Prints each command so that it can be run again
// by hand. Verificatum is not built here: the run folder comes from an
// installed Verificatum.
//
// The run folder: what the Verificatum commands of tests/data/verificatum/
// README.md leave in their working folder (one mix-server, `-shuffle` or
// `-mix`), with N the number of ciphertexts given to `vmnd -ciphs`:
//   protInfo.xml                 the joint protocol info (required)
//   dir/nizkp/default or proof/  the proof folder (required)
//   publicKey, ciphertexts, ciphertextsout   used when present (else the
//                                proof folder's own copies)
// tests/data/verificatum/<name> folders have this shape (with proof/).
//
// Reproduce:
//   cmake --build build --target verificatum_bench evote-verify
//   build/tests/bench/verificatum_bench RUN_DIR [--vmnv PATH/TO/vmnv]
//       [--evote-verify PATH] [--logs DIR]
// Logs (each child's output, its command first) go to --logs DIR, by
// default RUN_DIR/bench-logs. vmnv reads its random source from
// VERIFICATUM_RANDOM_SOURCE / VERIFICATUM_RANDOM_SEED (or ~/.verificatum_*)
// as usual. Run it alone on the machine for figures worth comparing; the
// figures of the 100,000-ciphertext P-256 run are in
// tests/data/verificatum/README.md.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "tally_bench/child_process.hpp"

namespace fs = std::filesystem;
using evote::bench::ChildRun;

namespace {

constexpr const char* kUsage =
    "usage: verificatum_bench RUN_DIR [--vmnv PATH] [--evote-verify PATH] [--logs DIR]\n"
    "Times evote-verify verificatum (and Verificatum's vmnv with --vmnv) on a Verificatum\n"
    "run folder made by the commands of tests/data/verificatum/README.md with N ciphertexts:\n"
    "protInfo.xml, dir/nizkp/default (or proof/), and publicKey, ciphertexts, ciphertextsout\n"
    "when present.\n";

#ifdef EVOTE_VERIFY_BIN
const char* const kDefaultVerify = EVOTE_VERIFY_BIN;
#else
const char* const kDefaultVerify = "";
#endif

struct Options {
  fs::path run_dir, logs;
  std::string vmnv, evote_verify = kDefaultVerify;
};

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else if (arg == "--vmnv" && has_value) {
      options.vmnv = argv[++i];
    } else if (arg == "--evote-verify" && has_value) {
      options.evote_verify = argv[++i];
    } else if (arg == "--logs" && has_value) {
      options.logs = argv[++i];
    } else if (!arg.starts_with("-") && options.run_dir.empty()) {
      options.run_dir = arg;
    } else {
      throw std::invalid_argument("unexpected argument \"" + arg + "\"" +
                                  (arg.starts_with("--") ? " (or it needs a value)" : ""));
    }
  }
  if (options.run_dir.empty()) throw std::invalid_argument("RUN_DIR is required");
  if (options.evote_verify.empty()) {
    throw std::invalid_argument("no evote-verify was built with this bench: give --evote-verify");
  }
  if (options.logs.empty()) options.logs = options.run_dir / "bench-logs";
  return options;
}

// The files of a run folder, as the two verifiers are given them.
struct RunFolder {
  fs::path protocol_info, proof, public_key, input, output;
  std::string mode;  // "shuffle" or "mix", from the proof folder's `type`
};

RunFolder find_run_folder(const fs::path& dir) {
  RunFolder run;
  run.protocol_info = dir / "protInfo.xml";
  if (!fs::is_regular_file(run.protocol_info)) {
    throw std::runtime_error(run.protocol_info.string() + ": no protocol info file");
  }
  for (const fs::path& proof : {dir / "dir" / "nizkp" / "default", dir / "proof"}) {
    if (fs::is_directory(proof) && run.proof.empty()) run.proof = proof;
  }
  if (run.proof.empty()) {
    throw std::runtime_error(dir.string() + ": no proof folder (dir/nizkp/default or proof/)");
  }
  auto if_there = [&](const char* name) {
    return fs::is_regular_file(dir / name) ? dir / name : fs::path();
  };
  run.public_key = if_there("publicKey");
  run.input = if_there("ciphertexts");
  run.output = if_there("ciphertextsout");
  std::ifstream type_file(run.proof / "type");
  std::string type;
  type_file >> type;
  if (type != "shuffling" && type != "mixing") {
    throw std::runtime_error((run.proof / "type").string() + ": \"" + type +
                             "\", not shuffling or mixing");
  }
  run.mode = type == "shuffling" ? "shuffle" : "mix";
  return run;
}

std::vector<std::string> evote_verify_command(const std::string& program, const RunFolder& run) {
  std::vector<std::string> argv{program,           "verificatum", "--protocol-info",
                                run.protocol_info, "--proof",     run.proof};
  auto add = [&](const char* option, const fs::path& file) {
    if (file.empty()) return;
    argv.push_back(option);
    argv.push_back(file.string());
  };
  add("--public-key", run.public_key);
  add("--input", run.input);
  if (run.mode == "shuffle") add("--output", run.output);
  return argv;
}

// The number of ciphertexts, from evote-verify's "input ciphertexts: N ciphertexts" line.
std::optional<long> ciphertext_count(const std::string& output) {
  static const std::regex line("PASS input ciphertexts: ([0-9]+) ciphertexts");
  std::smatch match;
  if (!std::regex_search(output, match, line)) return std::nullopt;
  return std::stol(match[1].str());
}

void print_run(const char* name, const std::vector<std::string>& argv, const ChildRun& run) {
  std::printf("%-12s %8.2f s wall %8.2f s CPU %8.1f MiB peak  exit %d\n", name, run.seconds,
              run.cpu_seconds, run.peak_mib, run.status);
  std::printf("  command: %s\n  log:     %s\n", evote::bench::shell_line(argv).c_str(),
              run.log.c_str());
}

int bench(const Options& options) {
  const RunFolder folder = find_run_folder(options.run_dir);
  char host[256] = "?";
  gethostname(host, sizeof host - 1);
  std::printf("Verificatum run %s (%s), host %s\n", options.run_dir.c_str(), folder.mode.c_str(),
              host);

  const auto ours_argv = evote_verify_command(options.evote_verify, folder);
  const ChildRun ours = evote::bench::run_child(ours_argv, options.logs / "evote-verify.log");
  const auto n = ciphertext_count(ours.output);
  std::printf("N = %s ciphertexts\n", n ? std::to_string(*n).c_str() : "?");
  print_run("evote-verify", ours_argv, ours);
  const bool ours_pass = ours.ok() && ours.output.find("checks PASS") != std::string::npos;
  if (!ours_pass) std::printf("  evote-verify did not PASS: see its log\n");

  bool theirs_pass = true;
  if (!options.vmnv.empty()) {
    const std::vector<std::string> theirs_argv{options.vmnv, "-" + folder.mode,
                                               folder.protocol_info.string(), folder.proof.string(),
                                               "-v"};
    const ChildRun theirs = evote::bench::run_child(theirs_argv, options.logs / "vmnv.log");
    print_run("vmnv", theirs_argv, theirs);
    theirs_pass = theirs.ok() && theirs.output.find("Completed verification") != std::string::npos;
    if (!theirs_pass) std::printf("  vmnv did not complete its verification: see its log\n");
    if (ours.seconds > 0 && ours.cpu_seconds > 0) {
      std::printf("evote-verify is %.2fx faster than vmnv in wall time, %.2fx in CPU time\n",
                  theirs.seconds / ours.seconds, theirs.cpu_seconds / ours.cpu_seconds);
    }
  }
  return ours_pass && theirs_pass ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  try {
    options = parse_options(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "verificatum_bench: %s\n%s", e.what(), kUsage);
    return 2;
  }
  try {
    return bench(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "verificatum_bench: %s\n", e.what());
    return 2;
  }
}
