#include "evote/crypto/hash.hpp"

#include <sodium.h>

#include <cstring>

namespace evote::crypto {

static_assert(sizeof(crypto_hash_sha512_state) <= 256, "Sha512 state buffer too small");

namespace {
crypto_hash_sha512_state* as_state(unsigned char* raw) {
  return reinterpret_cast<crypto_hash_sha512_state*>(raw);
}
}  // namespace

Digest sha512(BytesView data) {
  Digest out;
  crypto_hash_sha512(out.data(), data.data(), data.size());
  return out;
}

Sha512::Sha512() { crypto_hash_sha512_init(as_state(state_)); }

void Sha512::update(BytesView data) {
  crypto_hash_sha512_update(as_state(state_), data.data(), data.size());
}

Digest Sha512::finish() {
  Digest out;
  crypto_hash_sha512_final(as_state(state_), out.data());
  return out;
}

Bytes xof(std::string_view tag, BytesView msg, std::size_t n) {
  Sha512 seed_hash;
  Bytes tag_prefix;
  append_be64(tag_prefix, tag.size());
  seed_hash.update(tag_prefix);
  seed_hash.update(as_bytes(tag));
  seed_hash.update(msg);
  const Digest seed = seed_hash.finish();

  Bytes out;
  out.reserve(n + 64);
  for (std::uint32_t block = 1; out.size() < n; ++block) {
    Bytes input(seed.begin(), seed.end());
    append_be32(input, block);
    const Digest d = sha512(input);
    out.insert(out.end(), d.begin(), d.end());
  }
  out.resize(n);
  return out;
}

}  // namespace evote::crypto
