#include "app/json_log.hpp"

#include <atomic>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>

#include "evote/protocol/utc_time.hpp"

namespace evote::collector {

namespace {

int rank(const std::string& level) {
  if (level == "error") return 0;
  if (level == "warning") return 1;
  if (level == "info") return 2;
  return 3;
}

std::atomic<int> threshold{2};
std::mutex output;

}  // namespace

void set_log_level(const std::string& level) { threshold = rank(level); }

void log_event(const std::string& level, const std::string& event,
               const std::vector<std::pair<std::string, std::string>>& fields) {
  if (rank(level) > threshold) return;
  nlohmann::json line = {
      {"time", protocol::format_utc(std::time(nullptr))}, {"level", level}, {"event", event}};
  for (const auto& [key, value] : fields) line[key] = value;
  const std::string text = line.dump() + "\n";
  std::lock_guard lock(output);
  std::fputs(text.c_str(), stderr);
  std::fflush(stderr);
}

}  // namespace evote::collector
