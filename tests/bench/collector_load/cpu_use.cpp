#include "collector_load/cpu_use.hpp"

#include <dirent.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace evote::bench {

namespace {

// The fields of /proc/<pid>/stat after the command name (field 3 onwards).
std::vector<std::string> stat_fields(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return {};
  const auto name_end = line.rfind(')');  // the name may hold spaces and parentheses
  if (name_end == std::string::npos) return {};
  std::istringstream rest(line.substr(name_end + 2));
  std::vector<std::string> fields;
  for (std::string field; rest >> field;) fields.push_back(field);
  return fields;
}

double ticks_to_seconds(const std::string& ticks) {
  static const double per_second = static_cast<double>(::sysconf(_SC_CLK_TCK));
  return std::strtod(ticks.c_str(), nullptr) / per_second;
}

// Field numbers of proc(5) minus 3: ppid 4, utime 14, stime 15, cutime 16, cstime 17.
constexpr std::size_t kPpid = 1, kUtime = 11, kStime = 12, kCutime = 13, kCstime = 14;

}  // namespace

double process_cpu_seconds(pid_t pid) {
  const auto f = stat_fields(pid);
  if (f.size() <= kCstime) return 0;
  return ticks_to_seconds(f[kUtime]) + ticks_to_seconds(f[kStime]);
}

pid_t parent_pid(pid_t pid) {
  const auto f = stat_fields(pid);
  return f.size() > kPpid ? static_cast<pid_t>(std::atoi(f[kPpid].c_str())) : 0;
}

double process_tree_cpu_seconds(pid_t root) {
  const auto f = stat_fields(root);
  if (f.size() <= kCstime) return 0;
  double total = ticks_to_seconds(f[kUtime]) + ticks_to_seconds(f[kStime]) +
                 ticks_to_seconds(f[kCutime]) + ticks_to_seconds(f[kCstime]);
  DIR* proc = ::opendir("/proc");
  if (!proc) return total;
  while (const dirent* entry = ::readdir(proc)) {
    const pid_t pid = static_cast<pid_t>(std::atoi(entry->d_name));
    if (pid <= 0 || pid == root) continue;
    const auto child = stat_fields(pid);
    if (child.size() > kCstime && std::atoi(child[kPpid].c_str()) == root)
      total += ticks_to_seconds(child[kUtime]) + ticks_to_seconds(child[kStime]);
  }
  ::closedir(proc);
  return total;
}

std::vector<pid_t> children_named(const std::string& name) {
  std::vector<pid_t> found;
  DIR* proc = ::opendir("/proc");
  if (!proc) return found;
  while (const dirent* entry = ::readdir(proc)) {
    const pid_t pid = static_cast<pid_t>(std::atoi(entry->d_name));
    if (pid <= 0 || parent_pid(pid) != ::getpid()) continue;
    std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
    std::string command;
    if (std::getline(comm, command) && command == name) found.push_back(pid);
  }
  ::closedir(proc);
  return found;
}

MachineCpu machine_cpu() {
  std::ifstream in("/proc/stat");
  std::string cpu;
  double user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
  in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal;
  static const double per_second = static_cast<double>(::sysconf(_SC_CLK_TCK));
  MachineCpu m;
  m.busy = (user + nice + system + irq + softirq + steal) / per_second;
  m.total = m.busy + (idle + iowait) / per_second;
  return m;
}

CpuReading CpuMeter::read() const {
  CpuReading r;
  r.collector = process_cpu_seconds(collector_);
  r.postgres = process_tree_cpu_seconds(postmaster_);
  r.generator = process_cpu_seconds(::getpid());
  for (pid_t pid : extra_) r.extra += process_tree_cpu_seconds(pid);
  r.machine = machine_cpu();
  return r;
}

}  // namespace evote::bench
