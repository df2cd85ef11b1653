// --name-et/--name-en/--name-ru options into a Names map.
#pragma once

#include "args.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::admin {

protocol::Names names_from_args(const Args& args);

}  // namespace evote::admin
