#include "tally_context.hpp"

#include "evote/cli/passphrase.hpp"
#include "evote/protocol/config_file.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/key_file.hpp"

namespace evote::tally {

TallyContext open_context(const cli::Args& args) {
  const std::string config_path = args.required("config");
  TallyContext context;
  context.config = protocol::load_signed_election_config(config_path);
  context.config_hash = protocol::config_hash(protocol::read_file(config_path));
  if (!context.config.tally_key) {
    throw protocol::FormatError(
        config_path + ": the election config names no tally key (evote-admin set-tally-key)");
  }
  context.dir = args.required("dir");
  std::filesystem::create_directories(context.dir);
  return context;
}

crypto::Ed25519SigningKey open_tally_key(const cli::Args& args,
                                         const protocol::ElectionConfig& config) {
  const std::string key_path = args.required("key");
  const protocol::SealedKeyFile file = protocol::sealed_key_from_json(
      protocol::parse_canonical(protocol::read_file(key_path), key_path), key_path);
  if (!config.tally_key || !(file.public_key == *config.tally_key)) {
    throw protocol::FormatError(key_path + ": not the tally key of election " + config.election_id);
  }
  const crypto::SecretBytes passphrase =
      cli::read_passphrase(args.optional("passphrase-file"), "Passphrase for " + key_path, false);
  return protocol::unseal_signing_key(file, cli::as_text(passphrase), key_path);
}

void refuse_existing_output(const std::filesystem::path& path) {
  if (std::filesystem::exists(path)) {
    throw protocol::FormatError(path.string() +
                                ": already exists (a step never runs twice into one tally folder; start a new one)");
  }
}

cli::OptionSpec config_option() {
  return cli::required_option("config", "CONFIG",
                              "the signed election config (names the tally key)",
                              cli::Kind::input_file);
}

cli::OptionSpec dir_option() {
  return cli::required_option("dir", "DIR", "the tally folder (every step reads and writes there)",
                              cli::Kind::output_folder);
}

std::vector<cli::OptionSpec> signing_options() {
  return {cli::required_option("key", "KEY", "the tally operator's sealed signing key",
                               cli::Kind::input_file),
          cli::optional_option("passphrase-file", "FILE", "its passphrase (first line); else asked",
                               cli::Kind::input_file)};
}

}  // namespace evote::tally
