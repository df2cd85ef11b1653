// Spawning and measuring a child; see child_process.hpp.
#include "tally_bench/child_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace evote::bench {

namespace fs = std::filesystem;

std::string shell_line(const std::vector<std::string>& argv) {
  std::string line;
  for (const std::string& word : argv) {
    const bool plain = !word.empty() && word.find_first_not_of(
                                            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                            "0123456789_./=:-") == std::string::npos;
    if (!line.empty()) line += ' ';
    line += plain ? word : "'" + word + "'";
  }
  return line;
}

ChildRun run_child(const std::vector<std::string>& argv, const fs::path& log) {
  ChildRun run;
  run.log = log;
  fs::create_directories(log.parent_path());
  const std::string header = shell_line(argv) + "\n";
  {
    std::ofstream out(log, std::ios::binary | std::ios::trunc);
    out << header;
    if (!out.flush()) throw std::runtime_error(log.string() + ": cannot write");
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_APPEND, 0);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  const auto start = std::chrono::steady_clock::now();
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0)
    throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(spawned));
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) throw std::runtime_error("wait4: " + std::string(std::strerror(errno)));
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                    static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  run.peak_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;

  std::ifstream in(log, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  run.output = text.str().substr(std::min(header.size(), text.str().size()));
  return run;
}

}  // namespace evote::bench
