// The checks run_program makes on each path a command is given (internal).
#pragma once

#include <string>

#include "evote/cli/program.hpp"

namespace evote::cli {

// Throws std::runtime_error("<path>: <problem>") (exit status 1): an input
// that is missing or of the wrong kind, an output that exists (see
// program.hpp for each kind) or whose folder is missing.
void check_path(const std::string& path, Kind kind, bool force);

}  // namespace evote::cli
