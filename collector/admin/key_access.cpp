#include "key_access.hpp"

#include "args.hpp"
#include "documents.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/key_file.hpp"

namespace evote::admin {

crypto::Ed25519SigningKey open_key(const Args& args, const std::string& key_path) {
  const protocol::SealedKeyFile file =
      protocol::sealed_key_from_json(load_document(key_path), key_path);
  const crypto::SecretBytes passphrase =
      read_passphrase(args.optional("passphrase-file"), "Passphrase for " + key_path, false);
  return protocol::unseal_signing_key(file, as_text(passphrase), key_path);
}

crypto::Ed25519SigningKey open_organizer_key(const Args& args,
                                             const protocol::ElectionConfig& config) {
  const std::string key_path = args.required("key");
  crypto::Ed25519SigningKey key = open_key(args, key_path);
  if (!(key.public_key() == config.organizer_key)) {
    throw protocol::FormatError(key_path + ": not the organizer key of election " +
                                config.election_id);
  }
  return key;
}

}  // namespace evote::admin
