// Signing keys at rest: a canonical JSON document holding the public key and
// the secret key sealed under a passphrase (specs/crypto.md §8):
//   {"type":"sealed-signing-key","version":1,"role":"organizer",
//    "public_key":<base64url>,"sealed_secret":<base64url EVSEAL01 blob>}
// The passphrase never appears on a command line or in a log.
#pragma once

#include <string>
#include <string_view>

#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/passphrase_seal.hpp"
#include "evote/protocol/canonical_json.hpp"

namespace evote::protocol {

struct SealedKeyFile {
  std::string role;  // "organizer", "collector", "trustee-3", ...
  crypto::Ed25519PublicKey public_key;
  crypto::Bytes sealed_secret;
};

SealedKeyFile seal_signing_key(const crypto::Ed25519SigningKey& key, std::string role, std::string_view passphrase,
                               crypto::Argon2Cost cost = crypto::Argon2Cost::moderate());
Json to_json(const SealedKeyFile& file);
SealedKeyFile sealed_key_from_json(const Json& document, const std::string& what);
// Throws crypto::Error on a wrong passphrase (the file is not touched), and
// FormatError if the unsealed key does not match the file's public key.
crypto::Ed25519SigningKey unseal_signing_key(const SealedKeyFile& file, std::string_view passphrase,
                                             const std::string& what);

}  // namespace evote::protocol
