// The offline tally at scale: a generated election (by default 100,000
// signed ballots from 80,000 voters, 2 contests, 2 districts) through the
// whole pipeline, each step the real program as officials, mix servers and
// trustees would run it: evote-tally check, squash, revoke, anonymize;
// evote-mix cascade by two mix servers per batch; evote-keys partial-decrypt
// by three trustees (a real key ceremony, 2 of 3) and combine per batch;
// evote-tally count, publish and record (when it exists); then evote-verify on
// the record (when it exists). Prints the wall seconds and peak RSS of every
// step, the pipeline total (evote-verify apart), and checks on the way that
// every ballot is accepted and every batch decrypts to the rows cast.
//
// Generation (keys, cards, OCSP responses, ballots: tests/support/
// ballot_box_maker.hpp) and the key ceremony are timed apart: they happen
// before and during the election, not in the tally.
//
// Reproduce:
//   cmake --build build --target tally_bench evote-tally evote-mix evote-keys
//   build/tests/bench/tally_bench [--ballots N] [--revotes R] [--group G]
//       [--districts D] [--card-keys K] [--keep DIR | --reuse DIR]
// --keep DIR keeps the election, ceremony, tally folder and logs in DIR;
// --reuse DIR runs the pipeline again on what an earlier --keep DIR made
// (its tally folder and record are made anew).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "evote/crypto/parallel.hpp"
#include "evote/protocol/base64url.hpp"
#include "support/ballot_box_maker.hpp"
#include "tally_bench/child_process.hpp"
#include "tally_bench/key_ceremony.hpp"

using namespace evote;
namespace fs = std::filesystem;

namespace {

const std::string kTally = EVOTE_TALLY_BIN;
const std::string kMix = EVOTE_MIX_BIN;
const std::string kKeys = EVOTE_KEYS_BIN;
#ifdef EVOTE_VERIFY_BIN
const std::string kVerify = EVOTE_VERIFY_BIN;
#else
const std::string kVerify;
#endif

constexpr std::uint32_t kTrustees = 3;
constexpr std::uint32_t kThreshold = 2;
constexpr std::uint32_t kMixServers = 2;

struct Options {
  std::size_t ballots = 100000;
  std::size_t revotes = 20000;
  std::string group = "ristretto255";
  std::size_t districts = 2;
  std::size_t card_keys = 0;
  std::optional<fs::path> keep, reuse;
};

[[noreturn]] void usage(const std::string& problem) {
  std::fprintf(stderr,
               "tally_bench: %s\nusage: tally_bench [--ballots N] [--revotes R] [--group G] "
               "[--districts D] [--card-keys K] [--keep DIR | --reuse DIR]\n",
               problem.c_str());
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) usage(arg + " needs a value");
    const std::string value = argv[++i];
    auto number = [&] {
      char* end = nullptr;
      const unsigned long long n = std::strtoull(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0') usage(arg + ": not a number: " + value);
      return static_cast<std::size_t>(n);
    };
    if (arg == "--ballots")
      o.ballots = number();
    else if (arg == "--revotes")
      o.revotes = number();
    else if (arg == "--group")
      o.group = value;
    else if (arg == "--districts")
      o.districts = number();
    else if (arg == "--card-keys")
      o.card_keys = number();
    else if (arg == "--keep")
      o.keep = value;
    else if (arg == "--reuse")
      o.reuse = value;
    else
      usage("unknown option " + arg);
  }
  if (o.keep && o.reuse) usage("--keep and --reuse exclude each other");
  return o;
}

std::string reproduce_line(const char* program, const Options& o) {
  if (o.reuse) return std::string(program) + " --reuse " + o.reuse->string();
  std::string line = std::string(program) + " --ballots " + std::to_string(o.ballots) +
                     " --revotes " + std::to_string(o.revotes) + " --group " + o.group +
                     " --districts " + std::to_string(o.districts);
  if (o.card_keys) line += " --card-keys " + std::to_string(o.card_keys);
  if (o.keep) line += " --keep " + o.keep->string();
  return line;
}

// "load average 1.02 0.80 0.51": how busy the machine was (the figures are wall seconds).
std::string load_average() {
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) != 3) return "load average unknown";
  char text[64];
  std::snprintf(text, sizeof text, "load average %.2f %.2f %.2f", load[0], load[1], load[2]);
  return text;
}

double self_peak_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string sorted_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line + "\n");
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& line : lines) out += line;
  return out;
}

void expect_output(const bench::ChildRun& run, const std::string& text) {
  if (run.output.find(text) == std::string::npos)
    throw std::runtime_error("expected \"" + text + "\" in " + run.log.string() + ":\n" +
                             run.output);
}

struct Figure {
  std::string step, batch;
  double seconds = 0, cpu_seconds = 0, peak_mib = 0;
  bool pipeline = true;  // counts in the pipeline total (evote-verify does not)
};

// The work folder: the election, the ceremony, the tally folder, the record, the logs.
class Bench {
 public:
  Bench(fs::path work, Options options) : work_(std::move(work)), options_(std::move(options)) {}

  fs::path election_dir() const { return work_ / "election"; }
  fs::path ceremony_dir() const { return work_ / "ceremony"; }
  fs::path tally_dir() const { return work_ / "tally"; }
  fs::path record_dir() const { return work_ / "record"; }
  fs::path logs_dir() const { return work_ / "logs"; }

  testing::ElectionFolder generate();
  void run_pipeline(const testing::ElectionFolder& election);
  void print_table() const;

 private:
  bench::ChildRun step(const std::string& name, const std::string& batch,
                       const std::vector<std::string>& argv, bool pipeline = true);
  std::vector<std::string> tally_step(const std::string& name,
                                      const testing::ElectionFolder& e) const;
  std::vector<fs::path> batches() const;
  bench::KeyCeremony ceremony() const {
    return bench::KeyCeremony(kKeys, ceremony_dir(), work_ / "passphrase.txt", logs_dir(),
                              kTrustees);
  }

  fs::path work_;
  Options options_;
  std::vector<Figure> figures_;
};

testing::ElectionFolder Bench::generate() {
  using Clock = std::chrono::steady_clock;
  testing::BallotBoxSpec spec;
  spec.ballots = options_.ballots;
  spec.revotes = options_.revotes;
  spec.group = options_.group;
  spec.districts = options_.districts;
  spec.card_keys = options_.card_keys;
  spec.late_voters = (spec.ballots - std::min(spec.revotes, spec.ballots)) / 100;
  spec.paper_voters = std::max<std::size_t>(2, spec.ballots / 1000);
  fs::create_directories(work_);
  { std::ofstream(work_ / "passphrase.txt") << spec.passphrase << "\n"; }
  std::printf(
      "generating %zu ballots (%zu re-votes), %s, %zu districts, %zu late voters, %zu "
      "paper voters, %s card keys\n",
      spec.ballots, spec.revotes, spec.group.c_str(), spec.districts, spec.late_voters,
      spec.paper_voters, spec.card_keys ? std::to_string(spec.card_keys).c_str() : "voters'");
  const auto start = Clock::now();
  testing::ElectionMaker maker(spec);
  std::printf("  %-36s %8.2f s\n", "voters, PKI, schedule",
              std::chrono::duration<double>(Clock::now() - start).count());

  bench::KeyCeremony keys = ceremony();
  maker.config().trustees = keys.init_trustees();
  maker.config().threshold = kThreshold;
  const std::string election_key = keys.run(maker.signed_config());
  maker.config().election_public_key = protocol::base64url_decode(election_key);
  std::printf("  %-36s %8.2f s (apart from generation; peak %.0f MB)\n",
              "key ceremony (evote-keys, 2 of 3)", keys.seconds(), keys.peak_mib());

  testing::ElectionFolder folder =
      maker.write(election_dir(), [](const std::string& phase, double seconds) {
        std::printf("  %-36s %8.2f s\n", phase.c_str(), seconds);
        std::fflush(stdout);
      });
  const double total = std::chrono::duration<double>(Clock::now() - start).count() - keys.seconds();
  std::printf("generation: %.1f s (the ceremony apart), peak RSS %.0f MB, ballot box %.1f MB\n\n",
              total, self_peak_mib(), static_cast<double>(fs::file_size(folder.ballot_box)) / 1e6);
  return folder;
}

bench::ChildRun Bench::step(const std::string& name, const std::string& batch,
                            const std::vector<std::string>& argv, bool pipeline) {
  std::string log_name = name + (batch.empty() ? "" : "-" + batch);
  std::replace(log_name.begin(), log_name.end(), '/', '-');
  std::replace(log_name.begin(), log_name.end(), ' ', '-');
  const bench::ChildRun run = bench::run_child(argv, logs_dir() / (log_name + ".log"));
  std::printf("  %-24s %-12s %8.2f s %8.2f s CPU %6.0f MB\n", name.c_str(), batch.c_str(),
              run.seconds, run.cpu_seconds, run.peak_mib);
  std::fflush(stdout);
  if (!run.ok())
    throw std::runtime_error(bench::shell_line(argv) + "\nfailed (exit " +
                             std::to_string(run.status) + "):\n" + run.output);
  figures_.push_back({name, batch, run.seconds, run.cpu_seconds, run.peak_mib, pipeline});
  return run;
}

std::vector<std::string> Bench::tally_step(const std::string& name,
                                           const testing::ElectionFolder& e) const {
  return {kTally,
          name,
          "--config",
          e.config.string(),
          "--dir",
          tally_dir().string(),
          "--key",
          e.tally_key.string(),
          "--passphrase-file",
          e.passphrase_file.string()};
}

// The batch folders anonymize wrote (batches/<contest>/<district>), sorted.
std::vector<fs::path> Bench::batches() const {
  std::vector<fs::path> out;
  for (const auto& contest : fs::directory_iterator(tally_dir() / "batches")) {
    for (const auto& district : fs::directory_iterator(contest.path())) {
      if (fs::exists(district.path() / "input.ctxt")) out.push_back(district.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void Bench::run_pipeline(const testing::ElectionFolder& e) {
  std::printf("pipeline (each step a process; seconds and peak RSS as it ends), %s:\n",
              load_average().c_str());
  auto with = [](std::vector<std::string> argv, const std::vector<std::string>& more) {
    argv.insert(argv.end(), more.begin(), more.end());
    return argv;
  };
  std::vector<std::string> check =
      with(tally_step("check", e), {"--ballot-box", e.ballot_box.string()});
  for (const fs::path& list : e.voter_lists) check.push_back(list.string());
  const std::string b = std::to_string(e.ballots), v = std::to_string(e.voters);
  expect_output(step("check", "", check),
                "checked " + b + " ballots: " + b + " accepted, 0 rejected");
  expect_output(
      step("squash", "", tally_step("squash", e)),
      v + " voters' last ballots kept, " + std::to_string(e.ballots - e.voters) + " superseded");
  expect_output(
      step("revoke", "", with(tally_step("revoke", e), {"--paper-votes", e.paper_votes.string()})),
      "revoked " + std::to_string(e.revoked) + " e-votes");
  step("anonymize", "", with(tally_step("anonymize", e), {"--ballot-box", e.ballot_box.string()}));

  const bench::KeyCeremony keys = ceremony();
  const std::vector<fs::path> batch_dirs = batches();
  auto batch_name = [&](const fs::path& dir) {
    return fs::relative(dir, tally_dir() / "batches").string();
  };
  auto cascade_options = [&](const fs::path& dir) {
    return std::vector<std::string>{"--config",  e.config.string(),
                                    "--input",   (dir / "input.ctxt").string(),
                                    "--cascade", dir.string()};
  };
  for (std::uint32_t k = 1; k <= kMixServers; ++k) {
    for (const fs::path& dir : batch_dirs)
      step("cascade stage " + std::to_string(k), batch_name(dir),
           with(with({kMix, "cascade"}, cascade_options(dir)),
                {"--key", e.mix_keys[k - 1].string(), "--passphrase-file",
                 e.passphrase_file.string()}));
  }
  for (std::uint32_t j = 1; j <= kTrustees; ++j) {
    for (const fs::path& dir : batch_dirs)
      step("partial-decrypt " + std::to_string(j), batch_name(dir),
           with(with({kKeys, "partial-decrypt", "--dir", keys.trustee_dir(j).string(), "--ceremony",
                      keys.ceremony_file().string()},
                     cascade_options(dir)),
                {"--out", (dir / ("partial-" + std::to_string(j) + ".pdec")).string(),
                 "--passphrase-file", keys.passphrase_file().string()}));
  }
  for (const fs::path& dir : batch_dirs) {
    std::vector<std::string> combine = with(
        with({kKeys, "combine", "--ceremony", keys.ceremony_file().string()}, cascade_options(dir)),
        {"--out", (dir / "plaintexts.txt").string()});
    for (std::uint32_t j = 1; j <= kTrustees; ++j)
      combine.push_back((dir / ("partial-" + std::to_string(j) + ".pdec")).string());
    step("combine", batch_name(dir), combine);
    const fs::path expected =
        e.expected_rows(dir.parent_path().filename().string(), dir.filename().string());
    if (sorted_lines(read_text(dir / "plaintexts.txt")) != read_text(expected))
      throw std::runtime_error(batch_name(dir) + ": the plaintexts are not the rows cast (" +
                               expected.string() + ")");
  }
  step("count", "", tally_step("count", e));
  step("publish", "",
       {kTally, "publish", "--config", e.config.string(), "--dir", tally_dir().string()});
  const bool has_record =
      bench::run_child({kTally, "help", "record"}, logs_dir() / "help-record.log").ok();
  if (has_record) {
    step("record", "",
         with(tally_step("record", e),
              {"--ceremony", keys.ceremony_file().string(), "--out", record_dir().string()}));
  } else {
    std::printf("  (evote-tally has no record step yet: no election record)\n");
  }
  if (kVerify.empty() || !fs::exists(kVerify)) {
    std::printf("  (evote-verify is not built yet: skipped)\n");
  } else if (has_record) {
    step("evote-verify", "", {kVerify, record_dir().string()}, false);
  }
}

void Bench::print_table() const {
  std::printf("\n%-24s %-12s %9s %9s %8s\n", "step", "batch", "seconds", "CPU s", "peak MB");
  double total = 0, cpu = 0, peak = 0;
  struct Sum {
    std::size_t runs = 0;
    double seconds = 0, cpu_seconds = 0, peak_mib = 0;
  };
  std::map<std::string, Sum> kinds;  // each step summed over the batches
  for (const Figure& f : figures_) {
    if (!f.pipeline) continue;
    std::printf("%-24s %-12s %9.2f %9.2f %8.0f\n", f.step.c_str(), f.batch.c_str(), f.seconds,
                f.cpu_seconds, f.peak_mib);
    total += f.seconds;
    cpu += f.cpu_seconds;
    peak = std::max(peak, f.peak_mib);
    Sum& kind = kinds[f.step];
    kind.runs += 1;
    kind.seconds += f.seconds;
    kind.cpu_seconds += f.cpu_seconds;
    kind.peak_mib = std::max(kind.peak_mib, f.peak_mib);
  }
  std::printf("%-24s %-12s %9.2f %9.2f %8.0f\n", "pipeline total", "", total, cpu, peak);
  // The trustees decrypt on machines of their own, at the same time: only
  // the slowest one's partial-decrypt runs count on the critical path.
  double trustees_sum = 0, trustees_max = 0;
  for (const auto& [name, sum] : kinds) {
    if (name.rfind("partial-decrypt", 0) != 0) continue;
    trustees_sum += sum.seconds;
    trustees_max = std::max(trustees_max, sum.seconds);
  }
  std::printf("%-37s %9.2f\n", "with the trustees in parallel",
              total - trustees_sum + trustees_max);
  for (const Figure& f : figures_) {
    if (!f.pipeline)
      std::printf("%-24s %-12s %9.2f %9.2f %8.0f\n", (f.step + " (apart)").c_str(), "", f.seconds,
                  f.cpu_seconds, f.peak_mib);
  }
  std::printf("(this machine: %zu cores, %s)\n",
              static_cast<std::size_t>(crypto::hardware_threads()), load_average().c_str());
  std::printf("\nby step, over its runs:\n%-24s %5s %9s %9s %8s\n", "step", "runs", "seconds",
              "CPU s", "peak MB");
  for (const auto& [name, sum] : kinds)
    std::printf("%-24s %5zu %9.2f %9.2f %8.0f\n", name.c_str(), sum.runs, sum.seconds,
                sum.cpu_seconds, sum.peak_mib);
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  fs::path work;
  if (options.keep)
    work = *options.keep;
  else if (options.reuse)
    work = *options.reuse;
  else {
    std::string pattern = (fs::temp_directory_path() / "tally_bench-XXXXXX").string();
    if (!mkdtemp(pattern.data())) usage("cannot make a temporary folder");
    work = pattern;
  }
  if (options.keep && fs::exists(*options.keep) && !fs::is_empty(*options.keep))
    usage("--keep " + options.keep->string() + ": exists and is not empty");
  Bench bench(work, options);
  int status = 0;
  try {
    testing::ElectionFolder election;
    if (options.reuse) {
      election = testing::read_election_folder(bench.election_dir());
      fs::remove_all(bench.tally_dir());
      fs::remove_all(bench.record_dir());
      fs::remove_all(bench.logs_dir());
      std::printf("reusing %s: %zu ballots, %zu voters\n\n", work.c_str(), election.ballots,
                  election.voters);
    } else {
      // In a child process of its own, so that this one stays small: a
      // child's peak RSS is at least its parent's (child_process.hpp).
      std::fflush(stdout);
      const pid_t pid = fork();
      if (pid < 0) throw std::runtime_error("fork failed");
      if (pid == 0) {
        int code = 0;
        try {
          bench.generate();
        } catch (const std::exception& error) {
          std::fprintf(stderr, "tally_bench: generation: %s\n", error.what());
          code = 1;
        }
        std::fflush(nullptr);
        _exit(code);
      }
      int child = 0;
      if (waitpid(pid, &child, 0) != pid || !WIFEXITED(child) || WEXITSTATUS(child) != 0)
        throw std::runtime_error("the election could not be generated");
      election = testing::read_election_folder(bench.election_dir());
    }
    bench.run_pipeline(election);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "tally_bench: %s\n(work folder kept: %s)\n", error.what(), work.c_str());
    status = 1;
  }
  bench.print_table();
  std::printf("\nreproduce: %s\n", reproduce_line(argv[0], options).c_str());
  if (status == 0 && !options.keep && !options.reuse) fs::remove_all(work);
  return status;
}
