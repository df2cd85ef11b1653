// X25519 sealed boxes through libsodium (crypto_box_seal / crypto_box_seal_open).
#include "evote/crypto/sealed_box.hpp"

#include <sodium.h>

#include <algorithm>
#include <string>

#include "evote/crypto/error.hpp"
#include "evote/crypto/init.hpp"

namespace evote::crypto {

static_assert(kX25519PublicKeyBytes == crypto_box_PUBLICKEYBYTES);
static_assert(kX25519SecretKeyBytes == crypto_box_SECRETKEYBYTES);
static_assert(kSealedBoxOverhead == crypto_box_SEALBYTES);

namespace {

const unsigned char* nonnull(BytesView bytes) {
  static const unsigned char empty = 0;
  return bytes.empty() ? &empty : bytes.data();
}

}  // namespace

X25519PublicKey X25519PublicKey::decode(BytesView bytes) {
  if (bytes.size() != kX25519PublicKeyBytes) {
    throw DecodeError("X25519 public key: wrong length (" + std::to_string(bytes.size()) +
                      " bytes, expected " + std::to_string(kX25519PublicKeyBytes) + ")");
  }
  X25519PublicKey key;
  std::copy(bytes.begin(), bytes.end(), key.bytes.begin());
  return key;
}

X25519KeyPair X25519KeyPair::generate() {
  init();
  X25519KeyPair pair;
  pair.secret_ = SecretBytes(kX25519SecretKeyBytes);
  if (crypto_box_keypair(pair.public_key_.bytes.data(), pair.secret_.data()) != 0) {
    throw Error("X25519: key generation failed");
  }
  return pair;
}

X25519KeyPair X25519KeyPair::from_secret(BytesView secret_key) {
  init();
  if (secret_key.size() != kX25519SecretKeyBytes) {
    throw DecodeError("X25519 secret key: wrong length (" + std::to_string(secret_key.size()) +
                      " bytes, expected " + std::to_string(kX25519SecretKeyBytes) + ")");
  }
  X25519KeyPair pair;
  pair.secret_ = SecretBytes(secret_key);
  if (crypto_scalarmult_base(pair.public_key_.bytes.data(), pair.secret_.data()) != 0) {
    throw Error("X25519: cannot derive the public key from this secret key");
  }
  return pair;
}

Bytes seal_to(const X25519PublicKey& recipient, BytesView plaintext) {
  init();
  Bytes box(plaintext.size() + kSealedBoxOverhead);
  if (crypto_box_seal(box.data(), nonnull(plaintext), plaintext.size(),
                      recipient.bytes.data()) != 0) {
    throw Error("sealed box: cannot seal to this public key");
  }
  return box;
}

SecretBytes open_sealed(const X25519KeyPair& recipient, BytesView box) {
  init();
  if (box.size() < kSealedBoxOverhead) {
    throw Error("sealed box: truncated (" + std::to_string(box.size()) + " bytes, at least " +
                std::to_string(kSealedBoxOverhead) + " needed)");
  }
  if (recipient.secret().size() != kX25519SecretKeyBytes) {
    throw Error("sealed box: recipient has no secret key");
  }
  SecretBytes plaintext(box.size() - kSealedBoxOverhead);
  unsigned char empty_out = 0;
  unsigned char* out = plaintext.size() == 0 ? &empty_out : plaintext.data();
  if (crypto_box_seal_open(out, box.data(), box.size(), recipient.public_key().bytes.data(),
                           recipient.secret().data()) != 0) {
    throw Error("sealed box: cannot be opened with this key, or it was altered");
  }
  return plaintext;
}

}  // namespace evote::crypto
