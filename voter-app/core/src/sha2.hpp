// SHA-256 / SHA-384 through OpenSSL (crypto/ has only the hashes evote's own
// formats use; Web eID and the ID card need these).
#pragma once

#include "evote/crypto/bytes.hpp"

namespace evote::voter {

crypto::Bytes sha256(crypto::BytesView data);
crypto::Bytes sha384(crypto::BytesView data);

}  // namespace evote::voter
