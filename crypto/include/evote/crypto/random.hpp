// Randomness. All of it comes from libsodium's randombytes (the OS CSPRNG).
#pragma once

#include <cstddef>

#include "evote/crypto/bytes.hpp"

namespace evote::crypto {

Bytes random_bytes(std::size_t count);

}  // namespace evote::crypto
