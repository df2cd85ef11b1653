// Secrets at rest under a passphrase (Argon2id + XChaCha20-Poly1305, libsodium).
//
// Sealed format ("EVSEAL01"), all integers big-endian:
//
//   offset  size  field
//        0     8  magic: the ASCII bytes "EVSEAL01"
//        8     8  ops: Argon2id opslimit (be64)
//       16     8  mem: Argon2id memlimit in bytes (be64)
//       24    16  salt: random, crypto_pwhash_SALTBYTES
//       40    24  nonce: random, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
//       64   n+16 ciphertext: XChaCha20-Poly1305-IETF encryption of the n-byte
//                 secret, followed by its 16-byte Poly1305 tag
//
//   key = crypto_pwhash(32 bytes, passphrase, salt, ops, mem,
//                       crypto_pwhash_ALG_ARGON2ID13)        (Argon2id v1.3)
//   associated data = bytes 0..63 (magic, ops, mem, salt, nonce), so every
//   header field is authenticated by the tag.
//
// Total length = 80 + n bytes. When opening, ops must lie in
// [crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_OPSLIMIT_SENSITIVE] (1..4) and mem
// in [crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_MEMLIMIT_SENSITIVE]
// (8 KiB..1 GiB), checked before any key derivation, so that a tampered header
// cannot make us allocate or compute without bound. A wrong passphrase and an
// altered file are indistinguishable (the tag fails either way).
#include "evote/crypto/passphrase_seal.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <string>

#include "evote/crypto/error.hpp"
#include "evote/crypto/init.hpp"

namespace evote::crypto {

namespace {

constexpr std::array<std::uint8_t, 8> kMagic = {'E', 'V', 'S', 'E', 'A', 'L', '0', '1'};
constexpr std::size_t kSaltBytes = crypto_pwhash_SALTBYTES;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t kOpsOffset = kMagic.size();
constexpr std::size_t kMemOffset = kOpsOffset + 8;
constexpr std::size_t kSaltOffset = kMemOffset + 8;
constexpr std::size_t kNonceOffset = kSaltOffset + kSaltBytes;
constexpr std::size_t kHeaderBytes = kNonceOffset + kNonceBytes;

static_assert(kSaltBytes == 16);
static_assert(kNonceBytes == 24);
static_assert(kTagBytes == 16);
static_assert(kKeyBytes == 32);
static_assert(kHeaderBytes == 64);

bool cost_in_range(std::uint64_t ops, std::uint64_t mem_bytes) {
  return ops >= crypto_pwhash_OPSLIMIT_MIN && ops <= crypto_pwhash_OPSLIMIT_SENSITIVE &&
         mem_bytes >= crypto_pwhash_MEMLIMIT_MIN && mem_bytes <= crypto_pwhash_MEMLIMIT_SENSITIVE;
}

// Argon2id key; the SecretBytes wipes it on every path out.
SecretBytes derive_key(std::string_view passphrase, const std::uint8_t* salt,
                       std::uint64_t ops, std::uint64_t mem_bytes) {
  SecretBytes key(kKeyBytes);
  static const char empty = 0;
  const char* pass = passphrase.empty() ? &empty : passphrase.data();
  if (crypto_pwhash(key.data(), key.size(), pass, passphrase.size(), salt,
                    static_cast<unsigned long long>(ops), static_cast<std::size_t>(mem_bytes),
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw Error("sealed secret: Argon2id key derivation failed (out of memory?)");
  }
  return key;
}

}  // namespace

Argon2Cost Argon2Cost::moderate() {
  return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

Argon2Cost Argon2Cost::interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

Bytes seal_with_passphrase(BytesView secret, std::string_view passphrase, Argon2Cost cost) {
  init();
  if (passphrase.empty()) {
    throw Error("sealed secret: the passphrase is empty");
  }
  if (!cost_in_range(cost.ops, cost.mem_bytes)) {
    throw Error("sealed secret: Argon2id cost out of range");
  }

  Bytes costs;
  append_be64(costs, cost.ops);
  append_be64(costs, cost.mem_bytes);
  Bytes sealed(kHeaderBytes + secret.size() + kTagBytes);
  std::copy(kMagic.begin(), kMagic.end(), sealed.begin());
  std::copy(costs.begin(), costs.end(), sealed.begin() + kOpsOffset);
  randombytes_buf(sealed.data() + kSaltOffset, kSaltBytes);
  randombytes_buf(sealed.data() + kNonceOffset, kNonceBytes);

  const SecretBytes key = derive_key(passphrase, sealed.data() + kSaltOffset, cost.ops,
                                     cost.mem_bytes);

  static const unsigned char empty = 0;
  const unsigned char* message = secret.empty() ? &empty : secret.data();
  unsigned long long written = 0;
  // The output starts after the header; the header itself is the associated data.
  if (crypto_aead_xchacha20poly1305_ietf_encrypt(
          sealed.data() + kHeaderBytes, &written, message, secret.size(), sealed.data(),
          kHeaderBytes, nullptr, sealed.data() + kNonceOffset, key.data()) != 0 ||
      written != secret.size() + kTagBytes) {
    throw Error("sealed secret: encryption failed");
  }
  return sealed;
}

SecretBytes open_with_passphrase(BytesView sealed, std::string_view passphrase) {
  init();
  const std::size_t prefix = std::min(sealed.size(), kMagic.size());
  if (!std::equal(sealed.begin(), sealed.begin() + static_cast<std::ptrdiff_t>(prefix),
                  kMagic.begin())) {
    throw DecodeError("sealed secret: not an evote sealed file (bad magic)");
  }
  if (sealed.size() < kHeaderBytes + kTagBytes) {
    throw DecodeError("sealed secret: truncated");
  }
  const std::uint64_t ops = read_be64(sealed.subspan(kOpsOffset, 8));
  const std::uint64_t mem_bytes = read_be64(sealed.subspan(kMemOffset, 8));
  if (!cost_in_range(ops, mem_bytes)) {
    throw Error("sealed secret: Argon2id cost out of range");
  }
  if (passphrase.empty()) {
    throw Error("sealed secret: the passphrase is empty");
  }

  const SecretBytes key = derive_key(passphrase, sealed.data() + kSaltOffset, ops, mem_bytes);

  const BytesView ciphertext = sealed.subspan(kHeaderBytes);
  SecretBytes secret(ciphertext.size() - kTagBytes);
  unsigned char empty_out = 0;
  unsigned char* out = secret.size() == 0 ? &empty_out : secret.data();
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(out, &written, nullptr, ciphertext.data(),
                                                 ciphertext.size(), sealed.data(), kHeaderBytes,
                                                 sealed.data() + kNonceOffset, key.data()) != 0 ||
      written != secret.size()) {
    throw Error("sealed secret: wrong passphrase, or the file was altered");
  }
  return secret;
}

}  // namespace evote::crypto
