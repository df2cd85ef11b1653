#include "evote/crypto/random.hpp"

#include <sodium.h>

#include "evote/crypto/init.hpp"

namespace evote::crypto {

Bytes random_bytes(std::size_t count) {
  init();
  Bytes out(count);
  if (count > 0) randombytes_buf(out.data(), count);
  return out;
}

}  // namespace evote::crypto
