#include "collector_load/report.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace evote::bench {

namespace {

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto at = static_cast<std::size_t>(p * static_cast<double>(sorted.size()));
  return sorted[std::min(sorted.size() - 1, at)];
}

void latency_row(const char* what, std::vector<double> values) {
  if (values.empty()) return;
  std::sort(values.begin(), values.end());
  std::printf("| %s | %zu | %.2f | %.2f | %.2f | %.2f |\n", what, values.size(),
              percentile(values, 0.50), percentile(values, 0.95), percentile(values, 0.99),
              values.back());
}

void cpu_row(const char* what, double cpu_seconds, double wall, std::size_t accepted) {
  std::printf("| %s | %.2f | %.2f |\n", what, cpu_seconds / wall,
              accepted ? 1000.0 * cpu_seconds / static_cast<double>(accepted) : 0.0);
}

}  // namespace

void print_report(const RunFacts& facts, const LoadResult& r) {
  // Throughput: ballots accepted (receipt checked) within the measured span.
  const auto within = static_cast<std::size_t>(
      std::upper_bound(r.accepted_at.begin(), r.accepted_at.end(), facts.seconds) -
      r.accepted_at.begin());
  std::printf("\n%s\n\n", facts.title.c_str());
  std::printf("voter sessions started: %llu; ballots accepted: %zu (%zu within %.0f s)\n",
              static_cast<unsigned long long>(r.sessions), r.accepted_at.size(), within,
              facts.seconds);
  std::printf("accepted ballots per second: %.1f\n", static_cast<double>(within) / facts.seconds);
  std::printf("per 10 s:");
  for (double from = 0; from + 1e-9 < facts.seconds; from += 10) {
    const double to = std::min(from + 10, facts.seconds);
    const auto n = std::lower_bound(r.accepted_at.begin(), r.accepted_at.end(), to) -
                   std::lower_bound(r.accepted_at.begin(), r.accepted_at.end(), from);
    std::printf(" %.0f", static_cast<double>(n) / (to - from));
  }
  std::printf(" /s\n");
  if (r.ran_out_of_ballots)
    std::printf("NOTE: the ballot pool ran out before the end (raise --ballots)\n");
  if (r.worst_start_lag_ms > 0)
    std::printf("open loop: the latest session started %.1f ms after it was due\n",
                r.worst_start_lag_ms);

  std::printf("\n| latency (ms) | count | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|\n");
  latency_row("TCP connect + TLS 1.3 handshake", r.connect);
  latency_row("POST /v1/auth/challenge", r.challenge);
  latency_row("POST /v1/auth/token", r.token);
  latency_row("POST /v1/ballots", r.ballot);
  latency_row("voter session, accepted (from when due)", r.session);
  latency_row("client: sign the Web eID token (P-384)", r.sign_token);
  latency_row("client: check the receipt", r.check_receipt);

  std::printf("\nerrors:");
  if (r.errors.empty())
    std::printf(" none\n");
  else {
    std::printf("\n\n| error | count | one message |\n|---|---|---|\n");
    for (const auto& [kind, count] : r.errors) {
      const auto example = r.error_examples.find(kind);
      std::printf("| %s | %llu | %s |\n", kind.c_str(), static_cast<unsigned long long>(count),
                  example == r.error_examples.end() ? "" : example->second.c_str());
    }
  }

  const CpuReading& c = facts.cpu;
  const double wall = facts.cpu_wall_seconds;
  const std::size_t accepted = r.accepted_at.size();
  std::printf(
      "\nCPU over %.1f s (cores = CPU seconds per second; the machine has %.0f):\n\n"
      "| process | cores | CPU ms per accepted ballot |\n|---|---|---|\n",
      wall, c.machine.total / wall);
  cpu_row("evote-collector", c.collector, wall, accepted);
  cpu_row("PostgreSQL (postmaster and backends)", c.postgres, wall, accepted);
  cpu_row("load generator (this program)", c.generator, wall, accepted);
  if (c.extra > 0) cpu_row("OCSP responder (openssl ocsp)", c.extra, wall, accepted);
  const double ours = c.collector + c.postgres + c.generator + c.extra;
  cpu_row("other processes on the machine", std::max(0.0, c.machine.busy - ours), wall, accepted);
  cpu_row("idle", c.machine.total - c.machine.busy, wall, accepted);
}

}  // namespace evote::bench
