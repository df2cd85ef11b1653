// PINs for evote-voter-cli: from files (first line) or standard input ("-"),
// never from the command line; kept in SecretBytes and never printed.
#pragma once

#include <string>

#include "evote/crypto/secret_bytes.hpp"

namespace evote::voter_cli {

struct Pins {
  crypto::SecretBytes pin1;
  crypto::SecretBytes pin2;
};

// Each source is a file path or "-" for standard input; when both are "-",
// stdin's first line is PIN1 and its second PIN2. A trailing "\r" is
// dropped. Throws std::runtime_error naming the file (never the PIN) when
// it cannot be read or its line is empty.
Pins read_pins(const std::string& pin1_source, const std::string& pin2_source);

}  // namespace evote::voter_cli
