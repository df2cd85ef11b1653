// The counting rules on a million decrypted rows (evote_count, what
// `evote-tally count` runs after combine): a single-choice contest and a
// ranked contest ranking all 10 candidates, one district. Rows are drawn
// with a fixed seed (not libsodium: nothing here is secret, and the same
// rows every run make runs comparable); a few are blank or invalid. Prints
// the time of judging and counting, of the runoff, its rounds, and the peak
// memory.
//
//   build/tests/bench/count_bench [rows, default 1000000]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "evote/count/contest_count.hpp"

namespace {

using namespace evote;

constexpr std::uint32_t kCandidates = 10;

protocol::ElectionConfig bench_config() {
  protocol::ElectionConfig config;
  config.election_id = "BENCH";
  config.districts.push_back({"d1", {{"et", "d1"}}});
  for (const auto& [id, type, width] :
       {std::tuple{"plurality", protocol::ContestType::single_choice, 1u},
        std::tuple{"ranked", protocol::ContestType::ranked, kCandidates}}) {
    protocol::Contest contest;
    contest.id = id;
    contest.type = type;
    contest.max_selections = width;
    contest.names = {{"et", id}};
    for (std::uint64_t c = 0; c < kCandidates; ++c)
      contest.choices.push_back({100 + c, "d1", {{"et", "c" + std::to_string(c)}}, {}});
    config.contests.push_back(contest);
  }
  return config;
}

// Candidate c is drawn with weight 10 + c, so the runoff takes several rounds.
std::vector<std::uint64_t> ranked_row(std::mt19937_64& random) {
  std::vector<std::uint64_t> pool(kCandidates);
  std::iota(pool.begin(), pool.end(), 100);
  std::vector<std::uint64_t> row;
  const std::uint32_t ranks = 1 + static_cast<std::uint32_t>(random() % kCandidates);
  while (row.size() < ranks) {
    std::uint64_t weight_sum = 0;
    for (const std::uint64_t c : pool) weight_sum += c - 90;
    std::uint64_t pick = random() % weight_sum;
    auto it = pool.begin();
    while (pick >= *it - 90) pick -= *it - 90, ++it;
    row.push_back(*it);
    pool.erase(it);
  }
  row.resize(kCandidates, protocol::kBlankCode);
  return row;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const long rows = argc > 1 ? std::max(1L, std::atol(argv[1])) : 1000000L;
  std::printf("count_bench: %ld rows, %u candidates, plurality and instant runoff (one thread)\n",
              rows, kCandidates);
  std::printf("reproduce: build/tests/bench/count_bench %ld\n", rows);
  const protocol::ElectionConfig config = bench_config();
  std::mt19937_64 random(20270224);

  std::vector<std::uint64_t> single(static_cast<std::size_t>(rows));
  for (auto& v : single) {
    const std::uint64_t draw = random() % 1000;
    v = draw == 0 ? 7 : draw == 1 ? protocol::kBlankCode : 100 + draw % kCandidates;
  }
  auto start = std::chrono::steady_clock::now();
  count::DistrictCounter plurality(config, "plurality", "d1");
  for (const std::uint64_t& v : single) plurality.add(std::span(&v, 1));
  const count::ContestResult p = plurality.result();
  std::printf("plurality: %.3f s for %llu rows (%llu valid, %llu blank, %llu invalid)\n",
              seconds_since(start), static_cast<unsigned long long>(p.rows),
              static_cast<unsigned long long>(p.valid), static_cast<unsigned long long>(p.blank),
              static_cast<unsigned long long>(p.invalid));

  std::vector<std::uint64_t> flat;
  flat.reserve(static_cast<std::size_t>(rows) * kCandidates);
  for (long r = 0; r < rows; ++r) {
    std::vector<std::uint64_t> row = ranked_row(random);
    if (r % 997 == 0) row[0] = 7;                  // unknown code
    if (r % 991 == 0) row.assign(kCandidates, 1);  // blank
    if (r % 983 == 0) row[1] = row[0];             // repeated
    flat.insert(flat.end(), row.begin(), row.end());
  }
  start = std::chrono::steady_clock::now();
  count::DistrictCounter ranked(config, "ranked", "d1");
  for (long r = 0; r < rows; ++r)
    ranked.add(std::span(flat).subspan(static_cast<std::size_t>(r) * kCandidates, kCandidates));
  const double judged = seconds_since(start);
  start = std::chrono::steady_clock::now();
  const count::ContestResult irv = ranked.result();
  const double runoff = seconds_since(start);
  std::printf(
      "instant runoff: %.3f s judging and counting %llu rows (%llu valid, %llu blank, %llu "
      "invalid), %.3f s for the runoff: %zu rounds, winner %llu\n",
      judged, static_cast<unsigned long long>(irv.rows), static_cast<unsigned long long>(irv.valid),
      static_cast<unsigned long long>(irv.blank), static_cast<unsigned long long>(irv.invalid),
      runoff, irv.runoff->rounds.size(),
      static_cast<unsigned long long>(irv.runoff->winner.value_or(0)));
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak memory: %.0f MB (the %ld ranked rows as 8-byte codes take %.0f MB of it)\n",
              static_cast<double>(usage.ru_maxrss) / 1024.0, rows,
              static_cast<double>(flat.size() * sizeof(std::uint64_t)) / (1024.0 * 1024.0));
  return 0;
}
