// Signed documents. A signed document is a canonical JSON object with a
// member "signature":
//   {"algorithm":"ed25519","public_key":<base64url, 32 bytes>,"value":<base64url, 64 bytes>}
// The signature is Ed25519 over the 64-byte digest
//   SHA-512(be64(len(tag)) || tag || canonical bytes of the object without "signature")
// with tag = "evote/signed-document/v1/" + the object's "type". The tag keeps a
// signature on one kind of document from being passed off as another.
#pragma once

#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/hash.hpp"
#include "evote/protocol/canonical_json.hpp"

namespace evote::protocol {

// The digest that is signed (document must have a string "type").
crypto::Digest signing_digest(const Json& document);

// Adds (or replaces) document["signature"].
void sign_document(Json& document, const crypto::Ed25519SigningKey& key);

// The key named in document["signature"]; FormatError if absent or malformed.
crypto::Ed25519PublicKey document_signer(const Json& document, const std::string& what);

// Checks that the document is signed, by `expected_signer`, and that the
// signature verifies. Never throws for a bad signature; the reason names
// `what` (e.g. "voter list change set 3: signature does not verify").
crypto::Verdict verify_document_signature(const Json& document, const crypto::Ed25519PublicKey& expected_signer,
                                          const std::string& what);

}  // namespace evote::protocol
