// Secrets at rest under a passphrase: Argon2id derives a key, XChaCha20-
// Poly1305 encrypts; the header (format, Argon2id cost, salt, nonce) is
// authenticated too. Format in specs/crypto.md, "Passphrase sealing".
#pragma once

#include <cstdint>
#include <string_view>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/secret_bytes.hpp"

namespace evote::crypto {

// Argon2id cost. `moderate` (libsodium's MODERATE: 256 MiB) for real keys;
// `interactive` (64 MiB) only where tests need speed.
struct Argon2Cost {
  std::uint64_t ops;
  std::uint64_t mem_bytes;
  static Argon2Cost moderate();
  static Argon2Cost interactive();
};

// Throws Error for an empty passphrase or a cost outside the limits below.
Bytes seal_with_passphrase(BytesView secret, std::string_view passphrase,
                           Argon2Cost cost = Argon2Cost::moderate());

// Throws Error "sealed secret: wrong passphrase, or the file was altered" when
// the tag fails, DecodeError for a truncated blob or a bad magic, and Error
// for an Argon2id cost outside [OPSLIMIT_MIN, OPSLIMIT_SENSITIVE] x
// [MEMLIMIT_MIN, MEMLIMIT_SENSITIVE], checked before any key derivation (a
// tampered header must not exhaust memory), or an empty passphrase.
SecretBytes open_with_passphrase(BytesView sealed, std::string_view passphrase);

}  // namespace evote::crypto
