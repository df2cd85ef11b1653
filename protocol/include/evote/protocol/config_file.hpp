// Reading an election config file that must be signed by its organizer
// (the config names the organizer key; the signature must verify with it).
#pragma once

#include <string>

#include "evote/protocol/election_config.hpp"

namespace evote::protocol {

// Parses, validates and checks the organizer signature. FormatError names
// the file and what is wrong ("config.json: election config is not signed").
ElectionConfig load_signed_election_config(const std::string& path);
// The same for bytes received (`what` names them in errors).
ElectionConfig parse_signed_election_config(crypto::BytesView bytes, const std::string& what);

}  // namespace evote::protocol
