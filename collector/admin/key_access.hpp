// Opening the organizer's sealed key for a command that signs.
#pragma once

#include <string>

#include "args.hpp"
#include "evote/crypto/ed25519.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::admin {

// Reads --key (a sealed-signing-key file) and the passphrase
// (--passphrase-file or the terminal); with `config`, the key must be its
// organizer key.
crypto::Ed25519SigningKey open_key(const Args& args, const std::string& key_path);
crypto::Ed25519SigningKey open_organizer_key(const Args& args,
                                             const protocol::ElectionConfig& config);

}  // namespace evote::admin
