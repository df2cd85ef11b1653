// Runs one program of the pipeline as a child process and measures it: wall
// seconds from spawn to reaping, CPU seconds (user and system), and the
// child's peak resident set size (wait4's ru_maxrss). Its stdin is
// /dev/null; its stdout and stderr go to a log file whose first line is the
// command, shell-quoted.
//
// Linux records, at exec, the peak RSS of the memory the exec replaces; and
// posix_spawn execs in the parent's memory (vfork). So a child's figure is
// at least the calling process's own peak: call this from a process that
// stays small (tally_bench generates in a child process of its own).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace evote::bench {

struct ChildRun {
  int status = -1;  // exit status; -1 when killed by a signal or not started
  double seconds = 0;
  double cpu_seconds = 0;  // user + system
  double peak_mib = 0;     // ru_maxrss, MiB
  std::filesystem::path log;
  std::string output;  // what it printed (the log without the command line)
  bool ok() const { return status == 0; }
};

// `argv[0]` is the program's path. Throws std::runtime_error when the log
// cannot be written or the program cannot be started.
ChildRun run_child(const std::vector<std::string>& argv, const std::filesystem::path& log);

// The command as a shell line ('…' around words with other than [A-Za-z0-9_./=:-]).
std::string shell_line(const std::vector<std::string>& argv);

}  // namespace evote::bench
