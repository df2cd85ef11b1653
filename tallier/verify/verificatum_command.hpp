// `evote-verify verificatum ...`: checks a Verificatum mix-net run's proofs
// (specs/interop.md §2) with interop/verificatum, printing one PASS/FAIL
// line per check through CheckReport.
#pragma once

namespace evote::verify {

// argv[0] is "verificatum". Exit code: 0 every check passes, 1 one fails,
// 2 a wrong call.
int run_verificatum_command(int argc, char** argv);

}  // namespace evote::verify
