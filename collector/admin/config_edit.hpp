// How every evote-admin command changes a draft config: load it, change it,
// check the result as the reader would (validate(), then to_json() read back
// by election_config_from_json() to the same config), and only then replace
// the file. A change removes the signature: the organizer signs again.
#pragma once

#include <functional>
#include <string>

#include "args.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::admin {

// Throws FormatError "election config: <field>: <problem>" unless `config`
// would be read back unchanged from the file it is written to.
void check_round_trip(const protocol::ElectionConfig& config);

// Loads --config, lets `change` edit it, checks it (check_round_trip) and
// writes it back. A failed check throws "<blame>: not changed: <reason>"
// (blame: the config's path unless given, e.g. the CSV being imported) and
// leaves the file as it was.
void edit_config(const Args& args, const std::function<void(protocol::ElectionConfig&)>& change,
                 const std::string& blame = "");

// Throws unless the config has no election public key: the key was made by
// the ceremony of the trustees the config names, so changing the trustees
// or the threshold under it would leave a key nobody can decrypt for.
void refuse_while_election_key(const protocol::ElectionConfig& config, const std::string& path,
                               const std::string& change);

}  // namespace evote::admin
