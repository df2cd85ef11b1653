#include "support/run_program.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <stdexcept>

namespace evote::testing {

ProgramRun run_program(const std::string& command) {
  ProgramRun r;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run: " + command);
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) r.output.append(buffer, n);
  const int raw = ::pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

std::string shell_quote(const std::filesystem::path& path) {
  const std::string text = path.string();
  if (text.find('\'') != std::string::npos)
    throw std::invalid_argument("path with a single quote: " + text);
  return "'" + text + "'";
}

}  // namespace evote::testing
