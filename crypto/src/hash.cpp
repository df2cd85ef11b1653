#include "evote/crypto/hash.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
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

Sha512::~Sha512() { sodium_memzero(state_, sizeof state_); }

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
  // input = seed || be32(block); the seed and each block are wiped after use.
  std::array<std::uint8_t, 64 + 4> input;
  Digest seed = seed_hash.finish();
  std::memcpy(input.data(), seed.data(), seed.size());
  sodium_memzero(seed.data(), seed.size());

  Bytes out(n);
  Digest block_out;
  std::size_t at = 0;
  for (std::uint32_t block = 1; at < n; ++block) {
    for (int i = 0; i < 4; ++i) input[64 + i] = static_cast<std::uint8_t>(block >> (24 - 8 * i));
    crypto_hash_sha512(block_out.data(), input.data(), input.size());
    const std::size_t take = std::min(block_out.size(), n - at);
    std::memcpy(out.data() + at, block_out.data(), take);
    at += take;
  }
  sodium_memzero(input.data(), input.size());
  sodium_memzero(block_out.data(), block_out.size());
  return out;
}

}  // namespace evote::crypto
