// Verificatum's hash-based PRG and random oracle (specs/interop.md §2.2),
// for the hash functions a protocol info file may name: "SHA-256",
// "SHA-384", "SHA-512".
//   PRG(seed):  H(seed || be32(0)) || H(seed || be32(1)) || ...  (seed of
//               exactly the hash's output length)
//   RO_n(d):    the first ceil(n/8) bytes of PRG(H(be32(n) || d)), the
//               leading byte masked to keep n bits.
// Public values only; thread-compatible.
#pragma once

#include <gmpxx.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "evote/verificatum/byte_tree.hpp"

namespace evote::verificatum {

class HashFunction {
 public:
  // FormatError unless name is SHA-256, SHA-384 or SHA-512.
  explicit HashFunction(std::string_view name);
  const std::string& name() const { return name_; }
  std::size_t output_bytes() const { return output_bytes_; }
  Bytes hash(BytesView data) const;

 private:
  std::string name_;
  std::size_t output_bytes_;
};

class Prg {
 public:
  // FormatError unless seed has exactly hash.output_bytes() bytes.
  Prg(const HashFunction& hash, BytesView seed);
  Bytes next_bytes(std::size_t count);
  // A non-negative integer of bit_length random bits (ceil(bits/8) bytes,
  // the leading byte masked), as Verificatum's LargeInteger(bits, prg).
  mpz_class next_integer(std::size_t bit_length);

 private:
  const HashFunction& hash_;
  Bytes input_;  // seed || be32(counter)
  std::uint32_t counter_ = 0;
  Bytes block_;
  std::size_t used_ = 0;
};

// RO_n(prefix || data) with n = out_bits; prefix is usually rho.
Bytes random_oracle(const HashFunction& hash, std::size_t out_bits, BytesView prefix,
                    BytesView data);

// Big-endian unsigned bytes to an integer and back (to_fixed pads to length,
// and is used only for values that fit).
mpz_class integer_from_bytes(BytesView bytes);
Bytes integer_to_bytes(const mpz_class& value, std::size_t length);

}  // namespace evote::verificatum
