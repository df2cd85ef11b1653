// collector_load's command line: what to run and how (each option in
// kUsage), checked before anything is started; a bad one is a usage error
// (exit 2).
#pragma once

#include <cstddef>
#include <string>

namespace evote::bench {

struct Options {
  double seconds = 60;
  double rate = 0;       // voter sessions per second; 0: closed loop
  unsigned clients = 0;  // 0: 32 closed loop, 128 open loop
  std::size_t voters = 2000;
  std::size_t ballots = 0;  // 0: enough for the run (see kUsage)
  std::size_t ballots_per_login = 1;
  bool reuse = false;  // kept-alive connections instead of one per voter session
  std::string group = "ristretto255";
  bool tls_p256 = false;  // the collector's TLS key: P-384 (default) or P-256
  unsigned workers = 0;   // 0: the collector's default (four per core)
  unsigned threads = 0;
  std::string collector = EVOTE_COLLECTOR_BIN;  // the evote-collector program to run
};

extern const char* const kUsage;

// Exits 0 after --help, 2 (with kUsage) on a bad option.
Options parse_options(int argc, char** argv);
// The run in words, for the report's heading.
std::string describe(const Options& options);
// argv as one line, to reproduce the run.
std::string command_line(int argc, char** argv);

}  // namespace evote::bench
