// The main() of every evote command-line program: `PROGRAM help` prints the
// usage; `PROGRAM COMMAND [options]` runs the command. Exit status: the
// command's (0 done / PASS, 1 FAIL), 1 for any other error (its message on
// stderr, prefixed with the program's name), 2 for wrong usage (UsageError,
// unknown command, no command).
#pragma once

#include <functional>
#include <map>
#include <string>

#include "evote/cli/args.hpp"

namespace evote::cli {

using Command = std::function<int(const Args&)>;

int run_program(int argc, char** argv, const std::string& program, const char* usage,
                const std::map<std::string, Command>& commands);

}  // namespace evote::cli
