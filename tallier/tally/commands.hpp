// evote-tally commands (specs/tally.md). Each returns the exit status (0
// done, 1 a failed check); errors are thrown and reported by run_program.
// Each command file defines its own spec, so main.cpp only lists them.
#pragma once

#include "evote/cli/program.hpp"

namespace evote::tally {

cli::CommandSpec check_command();
cli::CommandSpec squash_command();
cli::CommandSpec revoke_command();
cli::CommandSpec anonymize_command();
cli::CommandSpec count_command();
cli::CommandSpec publish_command();
cli::CommandSpec record_command();

}  // namespace evote::tally
