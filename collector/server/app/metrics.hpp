// The collector's Prometheus metrics (/metrics, text format 0.0.4):
// requests by endpoint and status, accepted ballots, refusals by error code,
// a request latency histogram, the ballot commits, and the OCSP calls
// (outcomes and a latency histogram). Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace evote::collector {

class Metrics {
 public:
  // One finished request: its route ("/v1/election", or "other"), HTTP
  // status, error code ("" for success) and how long it took.
  void record(const std::string& route, unsigned status, const std::string& error_code,
              double seconds);
  void ballot_accepted() { ++accepted_; }
  // One OCSP exchange of ballot step 9: its outcome ("good", "revoked",
  // "unknown", or an auth::OcspFailure name) and how long it took.
  void ocsp_checked(const std::string& outcome, double seconds);
  // The text /metrics serves; `extra` lines (already formatted) are appended.
  std::string render(const std::string& extra = "") const;

 private:
  static constexpr std::array<double, 10> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1,
                                                      0.25,  0.5,  1,     2.5,  5};
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, unsigned>, std::uint64_t> requests_;
  std::map<std::string, std::uint64_t> refused_;
  std::array<std::uint64_t, kBuckets.size()> bucket_counts_{};
  std::uint64_t latency_count_ = 0;
  double latency_sum_ = 0;
  std::atomic<std::uint64_t> accepted_{0};
  std::map<std::string, std::uint64_t> ocsp_outcomes_;
  std::array<std::uint64_t, kBuckets.size()> ocsp_bucket_counts_{};
  std::uint64_t ocsp_count_ = 0;
  double ocsp_sum_ = 0;
};

}  // namespace evote::collector
