#include "stage_key.hpp"

#include <string>

#include "evote/cli/passphrase.hpp"
#include "evote/mix/io/stage_signature.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/key_file.hpp"

namespace evote::mix::cli {

using protocol::FormatError;

std::optional<crypto::Ed25519SigningKey> open_stage_key(const evote::cli::Args& args,
                                                        const io::MixElection& election,
                                                        const std::filesystem::path& cascade) {
  const std::string config = args.required("config");
  const std::optional<std::string> key_path = args.optional("key");
  const auto servers = static_cast<std::uint32_t>(election.config.mix_servers.size());
  if (servers == 0) {
    if (key_path || args.optional("passphrase-file"))
      throw FormatError(config +
                        ": names no mix servers, so its stages are not signed: leave out --key "
                        "and --passphrase-file");
    return std::nullopt;
  }
  const std::uint32_t stage = io::cascade_stages_present(cascade) + 1;
  if (stage > servers)
    throw FormatError("cascade " + cascade.string() + " has all its " + std::to_string(servers) +
                      " stages (one per mix server of the election config): nothing to add");
  if (!key_path)
    throw FormatError(config +
                      ": names the mix servers, and each stage is signed by the server that makes "
                      "it: give --key, the sealed signing key of " +
                      io::describe_mix_server(election.config, stage) + ", who makes stage " +
                      std::to_string(stage));
  const protocol::SealedKeyFile file = protocol::sealed_key_from_json(
      protocol::parse_canonical(protocol::read_file(*key_path), *key_path), *key_path);
  io::check_stage_key(election.config, stage, file.public_key, *key_path);
  const crypto::SecretBytes passphrase = evote::cli::read_passphrase(
      args.optional("passphrase-file"), "Passphrase for " + *key_path, false);
  return protocol::unseal_signing_key(file, evote::cli::as_text(passphrase), *key_path);
}

}  // namespace evote::mix::cli
