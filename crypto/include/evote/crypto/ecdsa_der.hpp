// ECDSA signature encodings: the raw form tokens and JWS give, the DER form
// OpenSSL verifies.
#pragma once

#include <optional>

#include "evote/crypto/bytes.hpp"

namespace evote::crypto {

// A raw ECDSA signature r || s (PKCS#11's CKM_ECDSA, JWS ES256/ES384: r is
// the first half of the bytes, s the second, each big-endian) as a DER
// ECDSA-Sig-Value. The caller checks the length against the curve first;
// nullopt only when OpenSSL cannot encode it.
std::optional<Bytes> ecdsa_raw_to_der(BytesView raw);

}  // namespace evote::crypto
