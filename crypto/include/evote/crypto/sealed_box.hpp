// X25519 sealed boxes (libsodium crypto_box_seal): anonymous public-key
// encryption, used to send key shares to one trustee.
#pragma once

#include <array>
#include <cstdint>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/secret_bytes.hpp"

namespace evote::crypto {

constexpr std::size_t kX25519PublicKeyBytes = 32;
constexpr std::size_t kX25519SecretKeyBytes = 32;
constexpr std::size_t kSealedBoxOverhead = 48;

struct X25519PublicKey {
  std::array<std::uint8_t, kX25519PublicKeyBytes> bytes{};
  bool operator==(const X25519PublicKey&) const = default;
  static X25519PublicKey decode(BytesView bytes);  // DecodeError on wrong length
};

class X25519KeyPair {
 public:
  static X25519KeyPair generate();
  // From a 32-byte secret key (its public key is recomputed); DecodeError on
  // wrong length.
  static X25519KeyPair from_secret(BytesView secret_key);
  const X25519PublicKey& public_key() const { return public_key_; }
  const SecretBytes& secret() const { return secret_; }

 private:
  SecretBytes secret_;
  X25519PublicKey public_key_;
};

Bytes seal_to(const X25519PublicKey& recipient, BytesView plaintext);
// Throws Error "sealed box: cannot be opened with this key, or it was altered"
// when the box is not for this key or was altered, and Error "sealed box:
// truncated (N bytes, at least 48 needed)" when it is shorter than the overhead.
SecretBytes open_sealed(const X25519KeyPair& recipient, BytesView box);

}  // namespace evote::crypto
