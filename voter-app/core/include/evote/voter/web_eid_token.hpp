// The Web eID authentication token the collector checks
// (specs/collector-auth.md §2): format web-eid:1.0, the card's
// authentication certificate, and its signature over
//   M = H(origin) || H(nonce)
// with H and the algorithm named by the certificate's key: ES384 for P-384
// (the card signs SHA-384(M), raw r || s), ES256 for P-256, RS256 for RSA.
#pragma once

#include <string>
#include <string_view>

#include "evote/card/id_card.hpp"
#include "evote/crypto/bytes.hpp"
#include "evote/crypto/secret_bytes.hpp"
#include "evote/protocol/canonical_json.hpp"

namespace evote::voter {

inline constexpr std::string_view kWebEidFormat = "web-eid:1.0";
inline constexpr std::string_view kAppVersion = "https://evote.invalid/voter-app/1";

// The token object. `nonce` is the challenge's base64 text as issued.
// Throws card::CardError (PIN, card), VoterError(settings) for a
// certificate whose key is neither P-256, P-384 nor RSA.
protocol::Json make_auth_token(card::IdCard& card, std::string_view origin, std::string_view nonce,
                               const crypto::SecretBytes& pin1);

// The digest the card signs for `message` with a key like the one in
// `certificate_der`: SHA-384 for P-384, SHA-256 for P-256 and RSA (the
// hashes crypto/voter_signature.hpp checks ballot signatures with).
crypto::Bytes signing_digest_for(crypto::BytesView certificate_der, crypto::BytesView message);

}  // namespace evote::voter
