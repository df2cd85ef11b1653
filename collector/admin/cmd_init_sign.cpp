// init (new draft config + organizer key) and sign.
#include <cstdio>
#include <ctime>

#include "args.hpp"
#include "certificates.hpp"
#include "commands.hpp"
#include "config_edit.hpp"
#include "documents.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/key_file.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/utc_time.hpp"
#include "key_access.hpp"
#include "names_args.hpp"

namespace evote::admin {

int cmd_init(const Args& args) {
  protocol::ElectionConfig config;
  config.election_id = args.required("election-id");
  config.names = names_from_args(args);
  config.voting_start = protocol::parse_utc(args.required("start"), "init", "--start");
  config.voting_end = protocol::parse_utc(args.required("end"), "init", "--end");
  config.group = args.optional("group").value_or("ristretto255");
  const std::string config_path = args.required("config");
  const std::string key_path = args.required("key");

  const crypto::Ed25519SigningKey key = crypto::Ed25519SigningKey::generate();
  config.organizer_key = key.public_key();
  check_round_trip(config);  // before anything is written

  const crypto::SecretBytes passphrase = read_passphrase(
      args.optional("passphrase-file"), "Passphrase for the new organizer key", true);
  const protocol::SealedKeyFile sealed =
      protocol::seal_signing_key(key, "organizer", as_text(passphrase));
  protocol::save_canonical(key_path, protocol::to_json(sealed), protocol::WriteMode::new_secret());
  protocol::save_canonical(config_path, protocol::to_json(config),
                           protocol::WriteMode::new_public());
  std::printf("created draft config %s for %s and organizer key %s\n", config_path.c_str(),
              config.election_id.c_str(), key_path.c_str());
  return 0;
}

int cmd_sign(const Args& args) {
  const std::string config_path = args.required("config");
  const std::string key_path = args.required("key");
  const protocol::ElectionConfig config = load_config(config_path);
  if (config.collector)
    check_collector_certificate_now(config.collector->tls_certificate, std::time(nullptr),
                                    config_path);
  const crypto::Ed25519SigningKey key = open_key(args, key_path);
  if (!(key.public_key() == config.organizer_key)) {
    throw protocol::FormatError(key_path + ": not the organizer key named in " + config_path);
  }
  protocol::Json document = protocol::to_json(config);
  protocol::sign_document(document, key);
  protocol::save_canonical(config_path, document, protocol::WriteMode::replace_public());
  const auto missing = config.missing_for_voting();
  std::printf("signed %s\n", config_path.c_str());
  for (const auto& m : missing) std::printf("note: not ready for voting yet: %s\n", m.c_str());
  return 0;
}

}  // namespace evote::admin
