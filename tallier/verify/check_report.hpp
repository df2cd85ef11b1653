// evote-verify's output (specs/record.md §3): one line per check, "PASS
// <name>" or "FAIL <name>: <reason>", and on long checks a progress bar on
// stderr while it runs (only when stderr is a terminal).
#pragma once

#include <cstdint>
#include <string>

namespace evote::verify {

class CheckReport {
 public:
  void pass(const std::string& name, const std::string& detail = "");
  void fail(const std::string& name, const std::string& reason);
  // Draws "<name> [#####     ] done/total" on stderr when it is a terminal.
  void progress(const std::string& name, std::uint64_t done, std::uint64_t total);

  unsigned failures() const { return failures_; }
  unsigned checks() const { return checks_; }

 private:
  void clear_progress();
  unsigned failures_ = 0;
  unsigned checks_ = 0;
  bool progress_shown_ = false;
};

}  // namespace evote::verify
