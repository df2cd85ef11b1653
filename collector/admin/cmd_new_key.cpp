// new-key: a fresh Ed25519 signing key sealed under a passphrase (for the
// collector or another signer the config names).
#include <cstdio>

#include "args.hpp"
#include "commands.hpp"
#include "documents.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/key_file.hpp"

namespace evote::admin {

int cmd_new_key(const Args& args) {
  const std::string role = args.required("role");
  const std::string key_path = args.required("key");
  const crypto::Ed25519SigningKey key = crypto::Ed25519SigningKey::generate();
  const crypto::SecretBytes passphrase = read_passphrase(
      args.optional("passphrase-file"), "Passphrase for the new " + role + " key", true);
  protocol::save_canonical(
      key_path, protocol::to_json(protocol::seal_signing_key(key, role, as_text(passphrase))),
      protocol::WriteMode::new_secret());
  std::printf("created %s key %s, public key %s\n", role.c_str(), key_path.c_str(),
              protocol::base64url_encode(key.public_key().bytes).c_str());
  return 0;
}

}  // namespace evote::admin
