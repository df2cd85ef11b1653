// Ed25519 signatures (libsodium) for servers, officials and trustees.
// Signing keys are secret: wiped when destroyed, never printed.
#pragma once

#include <array>
#include <cstdint>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/secret_bytes.hpp"

namespace evote::crypto {

constexpr std::size_t kEd25519PublicKeyBytes = 32;
constexpr std::size_t kEd25519SecretKeyBytes = 64;  // libsodium's seed || public key
constexpr std::size_t kEd25519SignatureBytes = 64;

struct Ed25519PublicKey {
  std::array<std::uint8_t, kEd25519PublicKeyBytes> bytes{};
  bool operator==(const Ed25519PublicKey&) const = default;
  // Throws DecodeError for a wrong length or a key that is not a valid point.
  static Ed25519PublicKey decode(BytesView bytes);
};

class Ed25519SigningKey {
 public:
  static Ed25519SigningKey generate();
  // From a 64-byte libsodium secret key (seed || public key); throws
  // DecodeError for a wrong length or if its public half does not match the
  // key pair derived from its seed.
  static Ed25519SigningKey from_secret(BytesView secret_key);

  const Ed25519PublicKey& public_key() const { return public_key_; }
  const SecretBytes& secret() const { return secret_; }
  Bytes sign(BytesView message) const;  // detached, 64 bytes

 private:
  SecretBytes secret_;
  Ed25519PublicKey public_key_;
};

// Never throws for a bad signature: Verdict::fail("Ed25519 signature: wrong
// length (N bytes, expected 64)") or Verdict::fail("Ed25519 signature does not
// verify").
Verdict verify_ed25519(const Ed25519PublicKey& key, BytesView message, BytesView signature);

}  // namespace evote::crypto
