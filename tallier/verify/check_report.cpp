#include "check_report.hpp"

#include <unistd.h>

#include <cstdio>

namespace evote::verify {

void CheckReport::clear_progress() {
  if (!progress_shown_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  progress_shown_ = false;
}

void CheckReport::pass(const std::string& name, const std::string& detail) {
  clear_progress();
  ++checks_;
  std::printf("PASS %s%s%s\n", name.c_str(), detail.empty() ? "" : ": ", detail.c_str());
  std::fflush(stdout);
}

void CheckReport::fail(const std::string& name, const std::string& reason) {
  clear_progress();
  ++checks_;
  ++failures_;
  std::printf("FAIL %s: %s\n", name.c_str(), reason.c_str());
  std::fflush(stdout);
}

void CheckReport::progress(const std::string& name, std::uint64_t done, std::uint64_t total) {
  if (!isatty(STDERR_FILENO) || total == 0) return;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(kWidth * done / total);
  std::fprintf(stderr, "\r\033[K%s [%.*s%*s] %llu/%llu", name.c_str(), filled,
               "##############################", kWidth - filled, "",
               static_cast<unsigned long long>(done), static_cast<unsigned long long>(total));
  std::fflush(stderr);
  progress_shown_ = true;
}

}  // namespace evote::verify
