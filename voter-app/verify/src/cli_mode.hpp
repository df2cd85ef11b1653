// evote-verify-vote --cli: the check without a window.
//
//   evote-verify-vote --cli --settings <app settings file>
//                     (--qr-image <png> | --code <text> | --code-file <file or ->)
//                     [--language et|en|ru] [--timeout <seconds>]
//
// Prints report_lines (check_report.hpp) on stdout. Exit status: 0
// verified; 1 not verified (a malformed code, an image without a QR code,
// not available, another election, a bad signature, does not match); 2
// wrong usage; 4 any other failure (settings, network, an untrusted
// collector). Messages on stderr never hold the code; the code's copies
// made here are wiped, and a --code argument is overwritten in argv.
#pragma once

namespace evote::verify {

// `argv` as main() got it (with "--cli" among the arguments). Needs a
// QCoreApplication.
int run_cli(int argc, char** argv);

}  // namespace evote::verify
