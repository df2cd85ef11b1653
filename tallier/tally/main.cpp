// evote-tally: the election officials' offline tally. Usage: evote-tally help.
#include "commands.hpp"
#include "evote/cli/program.hpp"

int main(int argc, char** argv) {
  using namespace evote::tally;
  const evote::cli::ProgramSpec program{
      "evote-tally",
      "The offline tally: check the ballot box, keep each voter's last ballot, cancel paper "
      "voters' e-votes, strip identities for the mix-net, count and publish (specs/tally.md).",
      "\nSteps run in this order in one tally folder: check, squash, revoke, anonymize; then the "
      "mix\nservers (evote-mix cascade) and the trustees (evote-keys partial-decrypt, combine); "
      "then\ncount, publish and record. Each step signs a statement of what it read and wrote with the "
      "tally\noperator's key, naming the statement before it.\n",
      {check_command(), squash_command(), revoke_command(), anonymize_command(), count_command(),
       publish_command(), record_command()}};
  return evote::cli::run_program(argc, argv, program);
}
