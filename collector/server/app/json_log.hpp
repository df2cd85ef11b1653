// The collector's log: one JSON object per line on stderr,
//   {"event":"request","level":"info","route":"/v1/election","status":"200","time":"2027-02-24T09:06:40Z"}
// Callers pass only what the audit needs: never ballot content, a PIN, a
// secret, a session or a personal code.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace evote::collector {

// Levels: error, warning, info, debug; lines below the level are dropped.
void set_log_level(const std::string& level);
void log_event(const std::string& level, const std::string& event,
               const std::vector<std::pair<std::string, std::string>>& fields = {});

}  // namespace evote::collector
