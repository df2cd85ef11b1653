// Runs a program under test through the shell and collects what it printed,
// for the end-to-end tests of evote-admin, evote-mix and evote-keys.
#pragma once

#include <filesystem>
#include <string>

namespace evote::testing {

struct ProgramRun {
  int status = -1;     // exit status; -1 when killed by a signal
  std::string output;  // stdout and stderr together
};

// `command` is a shell command line; quote paths with shell_quote.
ProgramRun run_program(const std::string& command);

// 'path' for the shell (paths here never contain a single quote).
std::string shell_quote(const std::filesystem::path& path);

}  // namespace evote::testing
