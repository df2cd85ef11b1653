// CPU time of the processes taking part in a run, from /proc (Linux): the
// collector, PostgreSQL (the postmaster and every backend, live or
// exited), the load generator itself, and the whole machine, so that a
// run can say which process used the cores and whether something else did.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace evote::bench {

// utime + stime of one process in seconds (0 if it is gone).
double process_cpu_seconds(pid_t pid);
// The process and its descendants: its own time, the time of children it
// has reaped (cutime + cstime), and the live children's, as PostgreSQL's
// postmaster and its backends are.
double process_tree_cpu_seconds(pid_t root);
// The parent of a process (0 if it is gone).
pid_t parent_pid(pid_t pid);
// This process's children whose command name (/proc/<pid>/comm) is `name`.
std::vector<pid_t> children_named(const std::string& name);

struct MachineCpu {
  double busy = 0;   // seconds of all cores not idle (user, nice, system, irq, softirq, steal)
  double total = 0;  // busy + idle + iowait
};
MachineCpu machine_cpu();

// One reading of everything; subtract two for a run.
struct CpuReading {
  double collector = 0;
  double postgres = 0;
  double generator = 0;
  double extra = 0;  // helper processes the bench started (the OCSP responder)
  MachineCpu machine;
};

class CpuMeter {
 public:
  CpuMeter(pid_t collector, pid_t postmaster, std::vector<pid_t> extra = {})
      : collector_(collector), postmaster_(postmaster), extra_(std::move(extra)) {}
  CpuReading read() const;

 private:
  pid_t collector_;
  pid_t postmaster_;
  std::vector<pid_t> extra_;
};

}  // namespace evote::bench
