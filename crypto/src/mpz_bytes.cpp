#include "mpz_bytes.hpp"

#include <cstring>

#include "evote/crypto/error.hpp"

namespace evote::crypto {

mpz_class mpz_from_be(BytesView bytes) {
  mpz_class v;
  if (!bytes.empty()) mpz_import(v.get_mpz_t(), bytes.size(), 1, 1, 1, 0, bytes.data());
  return v;
}

void mpz_to_be(const mpz_class& value, std::uint8_t* out, std::size_t length) {
  const std::size_t needed = (mpz_sizeinbase(value.get_mpz_t(), 2) + 7) / 8;
  if (value < 0 || needed > length) throw Error("integer does not fit in " + std::to_string(length) + " bytes");
  std::memset(out, 0, length);
  if (value != 0) {
    std::size_t written = 0;
    mpz_export(out + (length - needed), &written, 1, 1, 1, 0, value.get_mpz_t());
  }
}

Bytes mpz_to_be(const mpz_class& value, std::size_t length) {
  Bytes out(length);
  mpz_to_be(value, out.data(), length);
  return out;
}

}  // namespace evote::crypto
