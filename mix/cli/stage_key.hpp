// The mix server's signing key for `evote-mix cascade` (specs/mix.md §10,
// "Stage signatures"): checked against the config before the passphrase is
// asked, so a wrong key or a complete cascade costs no typing.
#pragma once

#include <filesystem>
#include <optional>

#include "evote/cli/args.hpp"
#include "evote/crypto/ed25519.hpp"
#include "evote/mix/io/mix_stage.hpp"

namespace evote::mix::cli {

// When the config names the mix servers: reads --key (a sealed signing
// key), refuses it unless it is the key of the server that makes the next
// stage of `cascade` (stage K + 1, K the stages present), naming that
// server, then asks the passphrase (--passphrase-file or the terminal) and
// unseals it. When the config names none: refuses --key and
// --passphrase-file (its stages are not signed) and returns nothing.
// Throws protocol::FormatError naming the file or the config.
std::optional<crypto::Ed25519SigningKey> open_stage_key(const evote::cli::Args& args,
                                                        const io::MixElection& election,
                                                        const std::filesystem::path& cascade);

}  // namespace evote::mix::cli
