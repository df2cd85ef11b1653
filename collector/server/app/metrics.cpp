#include "app/metrics.hpp"

#include <cstdio>

namespace evote::collector {

void Metrics::record(const std::string& route, unsigned status, const std::string& error_code,
                     double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  if (!error_code.empty()) ++refused_[error_code];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];
  ++latency_count_;
  latency_sum_ += seconds;
}

void Metrics::ocsp_checked(const std::string& outcome, double seconds) {
  std::lock_guard lock(mutex_);
  ++ocsp_outcomes_[outcome];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++ocsp_bucket_counts_[i];
  ++ocsp_count_;
  ocsp_sum_ += seconds;
}

std::string Metrics::render(const std::string& extra) const {
  std::lock_guard lock(mutex_);
  std::string out;
  char line[256];
  out += "# HELP evote_requests_total Requests answered, by route and HTTP status.\n";
  out += "# TYPE evote_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    std::snprintf(line, sizeof line, "evote_requests_total{route=\"%s\",status=\"%u\"} %llu\n",
                  key.first.c_str(), key.second, static_cast<unsigned long long>(count));
    out += line;
  }
  out +=
      "# HELP evote_ballots_accepted_total Ballots durably stored and answered with a receipt.\n";
  out += "# TYPE evote_ballots_accepted_total counter\n";
  out += "evote_ballots_accepted_total " + std::to_string(accepted_.load()) + "\n";
  out += "# HELP evote_refusals_total Requests refused, by error code (specs/collector-api.md).\n";
  out += "# TYPE evote_refusals_total counter\n";
  for (const auto& [code, count] : refused_)
    out += "evote_refusals_total{code=\"" + code + "\"} " + std::to_string(count) + "\n";
  out += "# HELP evote_request_seconds Request latency.\n";
  out += "# TYPE evote_request_seconds histogram\n";
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    std::snprintf(line, sizeof line, "evote_request_seconds_bucket{le=\"%g\"} %llu\n", kBuckets[i],
                  static_cast<unsigned long long>(bucket_counts_[i]));
    out += line;
  }
  out += "evote_request_seconds_bucket{le=\"+Inf\"} " + std::to_string(latency_count_) + "\n";
  std::snprintf(line, sizeof line, "evote_request_seconds_sum %.6f\n", latency_sum_);
  out += line;
  out += "evote_request_seconds_count " + std::to_string(latency_count_) + "\n";
  out +=
      "# HELP evote_ocsp_checks_total OCSP calls for ballots' signing certificates, by outcome.\n";
  out += "# TYPE evote_ocsp_checks_total counter\n";
  for (const auto& [outcome, count] : ocsp_outcomes_)
    out += "evote_ocsp_checks_total{outcome=\"" + outcome + "\"} " + std::to_string(count) + "\n";
  out += "# HELP evote_ocsp_seconds OCSP call latency (request, answer and its checks).\n";
  out += "# TYPE evote_ocsp_seconds histogram\n";
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    std::snprintf(line, sizeof line, "evote_ocsp_seconds_bucket{le=\"%g\"} %llu\n", kBuckets[i],
                  static_cast<unsigned long long>(ocsp_bucket_counts_[i]));
    out += line;
  }
  out += "evote_ocsp_seconds_bucket{le=\"+Inf\"} " + std::to_string(ocsp_count_) + "\n";
  std::snprintf(line, sizeof line, "evote_ocsp_seconds_sum %.6f\n", ocsp_sum_);
  out += line;
  out += "evote_ocsp_seconds_count " + std::to_string(ocsp_count_) + "\n";
  return out + extra;
}

}  // namespace evote::collector
