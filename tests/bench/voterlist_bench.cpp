// The voter list at national scale: a 1,000,000-line voter TSV is imported
// into a change set, signed and written; the file is read back (streamed),
// its signature verified, and it is applied to a VoterRegistry. Prints the
// seconds of each step, the process's peak RSS after each, and the sizes.
// Reproduce:
//   cmake -S . -B build -G Ninja && cmake --build build --target voterlist_bench &&
//   build/tests/bench/voterlist_bench [voters (default 1000000)] [--keep]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "evote/crypto/ed25519.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/voter_list.hpp"
#include "evote/protocol/voter_registry.hpp"

using namespace evote;
using namespace evote::protocol;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kFirstNames[] = {"Mari",  "Jüri", "Tiit",   "Õie",   "Mart",
                                       "Kadri", "Oleg", "Ülle",   "Anna",  "Peeter",
                                       "Liis",  "Jaan", "Ksenia", "Toomas"};
constexpr const char* kLastNames[] = {"Tamm",   "Saar",   "Sepp",  "Mägi",      "Kask",
                                      "Kukk",   "Rebane", "Ilves", "Pärn",      "Koppel",
                                      "Ivanov", "Männik", "Lepik", "Kuznetsova"};
constexpr int kDistricts = 13;

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Times one step and prints its line: wall and CPU seconds (they differ on
// a busy machine), and the peak RSS so far.
template <typename F>
void step(const char* name, F&& f) {
  const auto start = Clock::now();
  const double cpu_start = cpu_seconds();
  f();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("%-34s %7.2f s wall %7.2f s CPU   peak RSS %7.1f MiB\n", name, seconds,
              cpu_seconds() - cpu_start, peak_rss_mib());
}

ElectionConfig make_config(const crypto::Ed25519SigningKey& organizer) {
  ElectionConfig config;
  config.election_id = "RK_2027";
  for (int d = 1; d <= kDistricts; ++d) {
    char id[8];
    std::snprintf(id, sizeof id, "%02d", d);
    config.districts.push_back(District{id, {{"et", std::string("Valimisringkond ") + id}}});
  }
  config.organizer_key = organizer.public_key();
  return config;
}

// Personal codes 3xxxxxxxxxx in a scrambled order (unique by construction).
void write_tsv(const std::filesystem::path& path, std::size_t voters) {
  std::ofstream out(path, std::ios::binary);
  std::string line;
  for (std::size_t i = 0; i < voters; ++i) {
    const std::uint64_t scrambled = (i * 2654435761u) % 10000000000ull;
    char code[16];
    std::snprintf(code, sizeof code, "%011llu",
                  static_cast<unsigned long long>(30000000000ull + scrambled));
    line = "add\t";
    line += code;
    line += '\t';
    line += kFirstNames[i % 14];
    line += ' ';
    line += kLastNames[(i / 14) % 14];
    line += '\t';
    char district[4];
    std::snprintf(district, sizeof district, "%02d", static_cast<int>(i % kDistricts) + 1);
    line += district;
    line += '\n';
    out << line;
  }
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

// Import, sign and write: the organizer's side. The list is freed at the end.
void write_side(const std::filesystem::path& tsv, const std::filesystem::path& json,
                const ElectionConfig& config, const crypto::Ed25519SigningKey& organizer,
                std::size_t voters) {
  VoterListChanges doc;
  doc.election_id = config.election_id;
  step("import TSV (check every line)", [&] { doc.changes = import_voter_tsv_file(tsv, config); });
  std::printf("  change list in memory: %.1f MiB (%.1f bytes per voter)\n",
              doc.changes.memory_bytes() / 1048576.0,
              static_cast<double>(doc.changes.memory_bytes()) / static_cast<double>(voters));
  step("sign (streamed digest)", [&] { sign(doc, organizer); });
  step("write signed file (streamed)", [&] { save_voter_list_changes(doc, json, evote::protocol::WriteMode::replace_public()); });
  std::printf("  TSV %.1f MiB, signed JSON %.1f MiB\n", std::filesystem::file_size(tsv) / 1048576.0,
              std::filesystem::file_size(json) / 1048576.0);
}

// Read, verify, apply and look up: the collector's side.
void read_side(const std::filesystem::path& json, const ElectionConfig& config) {
  VoterListChanges loaded;
  step("parse file (SAX, canonical check)", [&] { loaded = load_voter_list_changes(json); });
  step("verify signature (streamed)", [&] {
    if (!verify_signature(loaded, config.organizer_key, json.string())) std::abort();
  });
  VoterRegistry registry(config);
  step("apply to registry (checks + sig)", [&] { registry.apply(loaded); });
  std::printf("  registry: %zu voters, %.1f MiB (%.1f bytes per voter)\n", registry.size(),
              registry.memory_bytes() / 1048576.0,
              static_cast<double>(registry.memory_bytes()) / static_cast<double>(registry.size()));
  loaded = VoterListChanges{};
  std::size_t found = 0;
  step("1,000,000 lookups by personal code", [&] {
    for (std::uint64_t i = 0; i < 1000000; ++i) {
      found += registry.find(PersonalCode{30000000000ull + (i * 2654435761u) % 10000000000ull})
                   .has_value();
    }
  });
  std::printf("  %zu of 1000000 lookups found a voter\n", found);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t voters = 1000000;
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--keep") == 0) {
      keep = true;
    } else {
      voters = std::strtoull(argv[i], nullptr, 10);
    }
  }
  char dir_template[] = "/tmp/evote-voterlist-bench-XXXXXX";
  if (mkdtemp(dir_template) == nullptr) return 1;
  const std::filesystem::path dir = dir_template;
  const crypto::Ed25519SigningKey organizer = crypto::Ed25519SigningKey::generate();
  const ElectionConfig config = make_config(organizer);

  std::printf("voter list bench: %zu voters, %d districts, files in %s\n", voters, kDistricts,
              dir.c_str());
  const auto total_start = Clock::now();
  step("generate TSV", [&] { write_tsv(dir / "voters.tsv", voters); });
  write_side(dir / "voters.tsv", dir / "voter-list-1.json", config, organizer, voters);
  read_side(dir / "voter-list-1.json", config);
  const double total = std::chrono::duration<double>(Clock::now() - total_start).count();
  std::printf("total %.2f s wall, %.2f s CPU, peak RSS %.1f MiB\n", total, cpu_seconds(),
              peak_rss_mib());
  std::printf(
      "reproduce: cmake -S . -B build -G Ninja && cmake --build build --target voterlist_bench && "
      "build/tests/bench/voterlist_bench %zu\n",
      voters);
  if (!keep) std::filesystem::remove_all(dir);
  return 0;
}
