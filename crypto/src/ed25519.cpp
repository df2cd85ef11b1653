// Ed25519 signatures through libsodium (crypto_sign_*).
#include "evote/crypto/ed25519.hpp"

#include <sodium.h>

#include <algorithm>
#include <string>

#include "evote/crypto/init.hpp"

namespace evote::crypto {

static_assert(kEd25519PublicKeyBytes == crypto_sign_PUBLICKEYBYTES);
static_assert(kEd25519SecretKeyBytes == crypto_sign_SECRETKEYBYTES);
static_assert(kEd25519SignatureBytes == crypto_sign_BYTES);

namespace {

// libsodium never reads through the pointer of an empty input, but a span
// over nothing may hand over a null pointer; give it a valid one anyway.
const unsigned char* nonnull(BytesView bytes) {
  static const unsigned char empty = 0;
  return bytes.empty() ? &empty : bytes.data();
}

}  // namespace

Ed25519PublicKey Ed25519PublicKey::decode(BytesView bytes) {
  init();
  if (bytes.size() != kEd25519PublicKeyBytes) {
    throw DecodeError("Ed25519 public key: wrong length (" + std::to_string(bytes.size()) +
                      " bytes, expected " + std::to_string(kEd25519PublicKeyBytes) + ")");
  }
  // Rejects non-canonical encodings, points off the curve, small-order points
  // and points outside the prime-order subgroup.
  if (crypto_core_ed25519_is_valid_point(bytes.data()) != 1) {
    throw DecodeError("Ed25519 public key: not a valid curve point");
  }
  Ed25519PublicKey key;
  std::copy(bytes.begin(), bytes.end(), key.bytes.begin());
  return key;
}

Ed25519SigningKey Ed25519SigningKey::generate() {
  init();
  Ed25519SigningKey key;
  key.secret_ = SecretBytes(kEd25519SecretKeyBytes);
  if (crypto_sign_keypair(key.public_key_.bytes.data(), key.secret_.data()) != 0) {
    throw Error("Ed25519: key generation failed");
  }
  return key;
}

Ed25519SigningKey Ed25519SigningKey::from_secret(BytesView secret_key) {
  init();
  if (secret_key.size() != kEd25519SecretKeyBytes) {
    throw DecodeError("Ed25519 secret key: wrong length (" + std::to_string(secret_key.size()) +
                      " bytes, expected " + std::to_string(kEd25519SecretKeyBytes) + ")");
  }
  // A libsodium secret key is seed || public key. crypto_sign_ed25519_sk_to_pk
  // only copies the second half, so derive the key pair from the seed again
  // and compare its public key with the embedded one.
  Ed25519PublicKey derived;
  SecretBytes rederived(kEd25519SecretKeyBytes);
  if (crypto_sign_seed_keypair(derived.bytes.data(), rederived.data(), secret_key.data()) != 0) {
    throw Error("Ed25519: key derivation from seed failed");
  }
  const BytesView embedded = secret_key.subspan(crypto_sign_SEEDBYTES);
  if (!std::equal(embedded.begin(), embedded.end(), derived.bytes.begin())) {
    throw DecodeError("Ed25519 secret key: public half does not match the seed");
  }
  Ed25519SigningKey key;
  key.secret_ = std::move(rederived);
  key.public_key_ = derived;
  return key;
}

Bytes Ed25519SigningKey::sign(BytesView message) const {
  init();
  if (secret_.size() != kEd25519SecretKeyBytes) {
    throw Error("Ed25519: signing with an empty key");
  }
  Bytes signature(kEd25519SignatureBytes);
  unsigned long long length = 0;
  if (crypto_sign_detached(signature.data(), &length, nonnull(message), message.size(),
                           secret_.data()) != 0 ||
      length != kEd25519SignatureBytes) {
    throw Error("Ed25519: signing failed");
  }
  return signature;
}

Verdict verify_ed25519(const Ed25519PublicKey& key, BytesView message, BytesView signature) {
  init();
  if (signature.size() != kEd25519SignatureBytes) {
    return Verdict::fail("Ed25519 signature: wrong length (" + std::to_string(signature.size()) +
                         " bytes, expected " + std::to_string(kEd25519SignatureBytes) + ")");
  }
  if (crypto_sign_verify_detached(signature.data(), nonnull(message), message.size(),
                                  key.bytes.data()) != 0) {
    return Verdict::fail("Ed25519 signature does not verify");
  }
  return Verdict::pass();
}

}  // namespace evote::crypto
