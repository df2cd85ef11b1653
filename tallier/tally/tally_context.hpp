// What every evote-tally command starts from: the signed election config
// (its hash ties every statement to it), the tally folder, and, for the
// steps that sign, the tally operator's key (specs/tally.md §1).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "evote/cli/args.hpp"
#include "evote/cli/program.hpp"
#include "evote/crypto/bytes.hpp"
#include "evote/crypto/ed25519.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::tally {

struct TallyContext {
  protocol::ElectionConfig config;
  crypto::Bytes config_hash;  // file_hash of the signed config's bytes
  std::filesystem::path dir;  // the tally folder
};

// --config (signed by its organizer, naming a tally key) and --dir.
// Throws protocol::FormatError naming the file.
TallyContext open_context(const cli::Args& args);

// Opens --key (a sealed signing key; passphrase from --passphrase-file or the
// terminal) and checks that it is the config's tally_key.
crypto::Ed25519SigningKey open_tally_key(const cli::Args& args,
                                         const protocol::ElectionConfig& config);

// Throws protocol::FormatError "<path>: already exists (…)" when it does:
// a step never replaces its outputs (specs/tally.md §1).
void refuse_existing_output(const std::filesystem::path& path);

// The options every command has: --config, --dir; and the signing ones.
cli::OptionSpec config_option();
cli::OptionSpec dir_option();
std::vector<cli::OptionSpec> signing_options();

}  // namespace evote::tally
