#include "evote/verificatum/random_oracle.hpp"

#include <openssl/evp.h>

#include <memory>

namespace evote::verificatum {
namespace {

const EVP_MD* digest_of(const std::string& name) {
  if (name == "SHA-256") return EVP_sha256();
  if (name == "SHA-384") return EVP_sha384();
  if (name == "SHA-512") return EVP_sha512();
  return nullptr;
}

}  // namespace

HashFunction::HashFunction(std::string_view name) : name_(name) {
  const EVP_MD* md = digest_of(name_);
  if (md == nullptr) {
    throw FormatError("hash function \"" + name_ +
                      "\" is not supported (SHA-256, SHA-384 or SHA-512)");
  }
  output_bytes_ = static_cast<std::size_t>(EVP_MD_get_size(md));
}

Bytes HashFunction::hash(BytesView data) const {
  Bytes out(output_bytes_);
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, digest_of(name_), nullptr) != 1 ||
      len != output_bytes_) {
    throw std::runtime_error("OpenSSL " + name_ + " failed");
  }
  return out;
}

Prg::Prg(const HashFunction& hash, BytesView seed) : hash_(hash) {
  if (seed.size() != hash.output_bytes()) {
    throw FormatError("PRG seed of " + std::to_string(seed.size()) + " bytes, " + hash.name() +
                      " needs " + std::to_string(hash.output_bytes()));
  }
  input_.assign(seed.begin(), seed.end());
  input_.resize(seed.size() + 4);
}

Bytes Prg::next_bytes(std::size_t count) {
  Bytes out;
  out.reserve(count);
  while (out.size() < count) {
    if (used_ == block_.size()) {
      const std::size_t at = input_.size() - 4;
      input_[at] = static_cast<std::uint8_t>(counter_ >> 24);
      input_[at + 1] = static_cast<std::uint8_t>(counter_ >> 16);
      input_[at + 2] = static_cast<std::uint8_t>(counter_ >> 8);
      input_[at + 3] = static_cast<std::uint8_t>(counter_);
      block_ = hash_.hash(input_);
      used_ = 0;
      ++counter_;
    }
    const std::size_t take = std::min(count - out.size(), block_.size() - used_);
    out.insert(out.end(), block_.begin() + static_cast<std::ptrdiff_t>(used_),
               block_.begin() + static_cast<std::ptrdiff_t>(used_ + take));
    used_ += take;
  }
  return out;
}

mpz_class Prg::next_integer(std::size_t bit_length) {
  Bytes bytes = next_bytes((bit_length + 7) / 8);
  if (bit_length % 8 != 0 && !bytes.empty())
    bytes[0] &= static_cast<std::uint8_t>(0xFF >> (8 - bit_length % 8));
  return integer_from_bytes(bytes);
}

Bytes random_oracle(const HashFunction& hash, std::size_t out_bits, BytesView prefix,
                    BytesView data) {
  Bytes input;
  input.reserve(4 + prefix.size() + data.size());
  crypto::append_be32(input, static_cast<std::uint32_t>(out_bits));
  crypto::append(input, prefix);
  crypto::append(input, data);
  const Bytes seed = hash.hash(input);
  Prg prg(hash, seed);
  Bytes out = prg.next_bytes((out_bits + 7) / 8);
  if (out_bits % 8 != 0 && !out.empty())
    out[0] &= static_cast<std::uint8_t>(0xFF >> (8 - out_bits % 8));
  return out;
}

mpz_class integer_from_bytes(BytesView bytes) {
  mpz_class out;
  if (!bytes.empty()) mpz_import(out.get_mpz_t(), bytes.size(), 1, 1, 1, 0, bytes.data());
  return out;
}

Bytes integer_to_bytes(const mpz_class& value, std::size_t length) {
  Bytes out(length, 0);
  const std::size_t size = (mpz_sizeinbase(value.get_mpz_t(), 2) + 7) / 8;
  if (value == 0) return out;
  if (size > length) throw std::logic_error("integer_to_bytes: value does not fit");
  std::size_t written = 0;
  mpz_export(out.data() + (length - size), &written, 1, 1, 1, 0, value.get_mpz_t());
  return out;
}

}  // namespace evote::verificatum
