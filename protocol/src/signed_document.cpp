#include "evote/protocol/signed_document.hpp"

#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "stream_signing.hpp"

namespace evote::protocol {

namespace {
constexpr std::string_view kTagPrefix = "evote/signed-document/v1/";
}

crypto::Digest signing_digest(const Json& document) {
  if (!document.is_object() || !document.contains("type") || !document["type"].is_string()) {
    throw FormatError("signed document: no string \"type\"");
  }
  Json unsigned_part = document;
  unsigned_part.erase("signature");
  const std::string tag = std::string(kTagPrefix) + document["type"].get<std::string>();
  crypto::Sha512 hash;
  crypto::Bytes prefix;
  crypto::append_be64(prefix, tag.size());
  hash.update(prefix);
  hash.update(crypto::as_bytes(tag));
  hash.update(canonical_bytes(unsigned_part));
  return hash.finish();
}

void sign_document(Json& document, const crypto::Ed25519SigningKey& key) {
  const crypto::Digest digest = signing_digest(document);
  document["signature"] = signature_to_json({key.public_key(), key.sign(digest)});
}

crypto::Ed25519PublicKey document_signer(const Json& document, const std::string& what) {
  const ObjectReader top(document, what);
  const ObjectReader sig = top.object("signature");
  sig.allow_only({"algorithm", "public_key", "value"});
  if (sig.string("algorithm") != "ed25519") sig.fail("algorithm", "only \"ed25519\" is supported");
  const crypto::Bytes key = sig.binary("public_key");
  try {
    return crypto::Ed25519PublicKey::decode(key);
  } catch (const crypto::DecodeError& e) {
    sig.fail("public_key", e.what());
  }
}

crypto::Verdict verify_document_signature(const Json& document, const crypto::Ed25519PublicKey& expected_signer,
                                          const std::string& what) {
  crypto::Bytes value;
  try {
    const crypto::Ed25519PublicKey signer = document_signer(document, what);
    if (!(signer == expected_signer)) {
      return crypto::Verdict::fail(what + ": signed by another key (" + base64url_encode(signer.bytes) +
                                   ", expected " + base64url_encode(expected_signer.bytes) + ")");
    }
    value = ObjectReader(document, what).object("signature").binary("value");
  } catch (const FormatError& e) {
    return crypto::Verdict::fail(e.what());
  }
  const crypto::Digest digest = signing_digest(document);
  crypto::Verdict v = crypto::verify_ed25519(expected_signer, digest, value);
  if (!v) return crypto::Verdict::fail(what + ": signature does not verify (" + v.reason + ")");
  return v;
}

}  // namespace evote::protocol
