// What the voter app does between "Vote" and the card's PIN2 prompt:
// build, encrypt and prove a ballot of the test election's 3 contests
// (single choice, approval of 2, ranked of 3: 6 ciphertexts with their
// disjunctive proofs) and encode it canonically, for each group. The issue's
// target: under 20 ms. Prints the median and the 95th percentile.
//
//   build/tests/bench/ballot_build_bench [runs per group, default 50]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "evote/crypto/groups.hpp"
#include "evote/protocol/ballot.hpp"
#include "support/test_election.hpp"

int main(int argc, char** argv) {
  using namespace evote;
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
  std::printf("ballot_build_bench: make_ballot + encode_ballot, 3 contests (district d1), %d runs\n",
              runs);
  std::printf("reproduce: build/tests/bench/ballot_build_bench %d\n", runs);
  const protocol::Selections selections = {
      {"mayor", {102}}, {"council", {11, 13}}, {"ranking", {24, 21, 22}}};
  for (std::string_view group : crypto::group_names()) {
    const testing::TestElection election = testing::make_test_election(group);
    (void)protocol::make_ballot(election.config, "38001085718", "d1", selections);  // warm up
    std::vector<double> ms;
    std::size_t bytes = 0;
    for (int i = 0; i < runs; ++i) {
      const auto start = std::chrono::steady_clock::now();
      const protocol::MadeBallot made =
          protocol::make_ballot(election.config, "38001085718", "d1", selections);
      bytes = protocol::encode_ballot(made.ballot).size();
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                             start)
                       .count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("  %-18s median %8.2f ms   p95 %8.2f ms   ballot %zu bytes\n",
                std::string(group).c_str(), ms[ms.size() / 2],
                ms[std::min(ms.size() - 1, ms.size() * 95 / 100)], bytes);
  }
  return 0;
}
