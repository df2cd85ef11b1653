// Prints microseconds per ECDSA P-384 verification on one thread: the
// private verifier of crypto/src/p384/ (a PublicKey decoded per signature,
// and one decoded once and reused, for KeyUse::once and KeyUse::many) against OpenSSL's
// EVP_DigestVerify on the same signatures (SHA-384 over 100-byte messages). Reproduce: cmake
// --preset ci && cmake --build build --target p384_bench &&
//            nice -n 19 build/tests/bench/p384_bench [--quick]
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/random.hpp"
#include "p384/p384_verify.hpp"

using namespace evote::crypto;
using Clock = std::chrono::steady_clock;

namespace {

struct Sample {
  Bytes message, digest, der, public_key;
  std::uint8_t r[48], s[48];
};

std::size_t der_int(const std::uint8_t* at, std::uint8_t* out48) {
  // INTEGER: 0x02 len bytes (with a possible leading zero).
  const std::size_t length = at[1];
  const std::uint8_t* value = at + 2;
  std::size_t n = length;
  while (n > 48) ++value, --n;
  std::memset(out48, 0, 48);
  std::memcpy(out48 + 48 - n, value, n);
  return 2 + length;
}

Sample make_sample(EVP_PKEY* key) {
  Sample s;
  s.message = random_bytes(100);
  s.digest.resize(48);
  unsigned int dl = 0;
  EVP_Digest(s.message.data(), s.message.size(), s.digest.data(), &dl, EVP_sha384(), nullptr);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestSignInit(ctx, nullptr, EVP_sha384(), nullptr, key);
  std::size_t length = 0;
  EVP_DigestSign(ctx, nullptr, &length, s.message.data(), s.message.size());
  s.der.resize(length);
  EVP_DigestSign(ctx, s.der.data(), &length, s.message.data(), s.message.size());
  s.der.resize(length);
  EVP_MD_CTX_free(ctx);
  // SEQUENCE { INTEGER r, INTEGER s } (short lengths: under 128 bytes).
  const std::size_t r_length = der_int(s.der.data() + 2, s.r);
  der_int(s.der.data() + 2 + r_length, s.s);
  s.public_key.resize(97);
  EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, s.public_key.data(), 97,
                                  &length);
  return s;
}

// Microseconds per call of `op` over the samples: the median and the fastest
// of many passes (the fastest is the least disturbed by other load).
struct Timing {
  double median, fastest;
};

template <class Op>
Timing time_us(const std::vector<Sample>& samples, Op op, double budget_s) {
  int ok = 0;
  for (const Sample& s : samples) ok += op(s);  // warm-up (the G table)
  if (ok != int(samples.size())) std::fprintf(stderr, "verification failed!\n");
  std::vector<double> passes;
  const auto start = Clock::now();
  do {
    const auto pass_start = Clock::now();
    for (const Sample& s : samples) ok += op(s);
    passes.push_back(std::chrono::duration<double>(Clock::now() - pass_start).count() * 1e6 /
                     double(samples.size()));
  } while (std::chrono::duration<double>(Clock::now() - start).count() < budget_s);
  std::sort(passes.begin(), passes.end());
  return {passes[passes.size() / 2], passes.front()};
}

}  // namespace

int main(int argc, char** argv) {
  const double budget = argc > 1 && std::strcmp(argv[1], "--quick") == 0 ? 0.3 : 2.0;
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
  std::vector<Sample> samples;
  for (int i = 0; i < 64; ++i) samples.push_back(make_sample(key));
  const std::optional<p384::PublicKey> reused = p384::decode_public_key(samples[0].public_key);
  const std::optional<p384::PublicKey> reused_many =
      p384::decode_public_key(samples[0].public_key, p384::KeyUse::many);

  const Timing fresh = time_us(
      samples,
      [](const Sample& s) {
        const std::optional<p384::PublicKey> k = p384::decode_public_key(s.public_key);
        return k && p384::verify_digest(*k, s.digest, std::span<const std::uint8_t, 48>(s.r),
                                        std::span<const std::uint8_t, 48>(s.s));
      },
      budget);
  const Timing kept = time_us(
      samples,
      [&](const Sample& s) {
        return p384::verify_digest(*reused, s.digest, std::span<const std::uint8_t, 48>(s.r),
                                   std::span<const std::uint8_t, 48>(s.s));
      },
      budget);
  const Timing kept_many = time_us(
      samples,
      [&](const Sample& s) {
        return p384::verify_digest(*reused_many, s.digest, std::span<const std::uint8_t, 48>(s.r),
                                   std::span<const std::uint8_t, 48>(s.s));
      },
      budget);
  const Timing decode_many = time_us(
      samples,
      [](const Sample& s) {
        return p384::decode_public_key(s.public_key, p384::KeyUse::many).has_value();
      },
      budget);
  const Timing openssl = time_us(
      samples,
      [&](const Sample& s) {
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        EVP_DigestVerifyInit(ctx, nullptr, EVP_sha384(), nullptr, key);
        const int v =
            EVP_DigestVerify(ctx, s.der.data(), s.der.size(), s.message.data(), s.message.size());
        EVP_MD_CTX_free(ctx);
        return v == 1;
      },
      budget);
  std::printf("ECDSA P-384 verify, one thread, us per signature (SHA-384, 100-byte messages)\n");
  std::printf("                                         median   fastest pass\n");
  std::printf("  ours, PublicKey decoded per signature: %8.1f  %8.1f\n", fresh.median,
              fresh.fastest);
  std::printf("  ours, PublicKey reused (KeyUse::once):  %8.1f  %8.1f\n", kept.median,
              kept.fastest);
  std::printf("  ours, PublicKey reused (KeyUse::many):  %8.1f  %8.1f\n", kept_many.median,
              kept_many.fastest);
  std::printf("  decode_public_key(KeyUse::many) alone:  %8.1f  %8.1f\n", decode_many.median,
              decode_many.fastest);
  std::printf("  OpenSSL EVP_DigestVerify:              %8.1f  %8.1f\n", openssl.median,
              openssl.fastest);
  std::printf(
      "  OpenSSL / ours (median): %.2fx decoded per signature, %.2fx reused (once), %.2fx "
      "reused (many)\n",
      openssl.median / fresh.median, openssl.median / kept.median,
      openssl.median / kept_many.median);
  std::printf("reproduce: nice -n 19 build/tests/bench/p384_bench\n");
  EVP_PKEY_free(key);
  return 0;
}
