#include "evote/protocol/key_file.hpp"

#include "evote/crypto/error.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "names_json.hpp"

namespace evote::protocol {

SealedKeyFile seal_signing_key(const crypto::Ed25519SigningKey& key, std::string role, std::string_view passphrase,
                               crypto::Argon2Cost cost) {
  return {std::move(role), key.public_key(), crypto::seal_with_passphrase(key.secret().view(), passphrase, cost)};
}

Json to_json(const SealedKeyFile& file) {
  return {{"type", "sealed-signing-key"},
          {"version", 1},
          {"role", file.role},
          {"public_key", base64url_encode(file.public_key.bytes)},
          {"sealed_secret", base64url_encode(file.sealed_secret)}};
}

SealedKeyFile sealed_key_from_json(const Json& document, const std::string& what) {
  const ObjectReader r(document, what);
  r.expect_type_and_version("sealed-signing-key", 1);
  r.allow_only({"type", "version", "role", "public_key", "sealed_secret"});
  return {r.string("role"), read_ed25519_key(r, "public_key"), r.binary("sealed_secret")};
}

crypto::Ed25519SigningKey unseal_signing_key(const SealedKeyFile& file, std::string_view passphrase,
                                             const std::string& what) {
  crypto::SecretBytes secret;
  try {
    secret = crypto::open_with_passphrase(file.sealed_secret, passphrase);
  } catch (const crypto::Error& e) {
    throw crypto::Error(what + ": " + e.what());
  }
  crypto::Ed25519SigningKey key = crypto::Ed25519SigningKey::from_secret(secret.view());
  if (!(key.public_key() == file.public_key)) {
    throw FormatError(what + ": the sealed key does not match public_key");
  }
  return key;
}

}  // namespace evote::protocol
