// What collector_load prints: throughput, latency percentiles per request
// kind and per voter session, errors by kind, and CPU use per process, as
// Markdown tables that can be pasted into a note.
#pragma once

#include <cstdint>
#include <string>

#include "collector_load/cpu_use.hpp"
#include "collector_load/load_run.hpp"

namespace evote::bench {

struct RunFacts {
  std::string title;   // mode, clients, connections, voters, group
  double seconds = 0;  // the measured span (--seconds)
  CpuReading cpu;      // after minus before
  double cpu_wall_seconds = 0;
};

void print_report(const RunFacts& facts, const LoadResult& result);

}  // namespace evote::bench
