#include "stream_signing.hpp"

#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/signed_document.hpp"

namespace evote::protocol {

TaggedSha512::TaggedSha512(std::string_view tag) {
  crypto::Bytes length;
  crypto::append_be64(length, tag.size());
  hash_.update(length);
  hash_.update(crypto::as_bytes(tag));
}

std::string signing_tag(std::string_view document_type) {
  return "evote/signed-document/v1/" + std::string(document_type);
}

crypto::Bytes xof_from_seed(const crypto::Digest& seed, std::size_t n) {
  crypto::Bytes input(seed.begin(), seed.end());
  crypto::append_be32(input, 1);
  const crypto::Digest block = crypto::sha512(input);
  return crypto::Bytes(block.begin(), block.begin() + static_cast<std::ptrdiff_t>(n));
}

DocumentSignature sign_digest(const crypto::Digest& digest, const crypto::Ed25519SigningKey& key) {
  return DocumentSignature{key.public_key(), key.sign(digest)};
}

void write_signature_member(CanonicalWriter& out, const DocumentSignature& signature) {
  out.raw("\"signature\":{\"algorithm\":\"ed25519\",\"public_key\":");
  out.string(base64url_encode(signature.public_key.bytes));
  out.raw(",\"value\":");
  out.string(base64url_encode(signature.value));
  out.raw("}");
}

Json signature_to_json(const DocumentSignature& signature) {
  return Json{{"algorithm", "ed25519"},
              {"public_key", base64url_encode(signature.public_key.bytes)},
              {"value", base64url_encode(signature.value)}};
}

std::optional<DocumentSignature> read_signature_member(const ObjectReader& top) {
  if (!top.has("signature")) return std::nullopt;
  // `top` only reads the member's fields; the document itself is not needed.
  Json holder = Json::object();
  holder["signature"] = top.raw("signature");
  DocumentSignature signature;
  signature.public_key = document_signer(holder, top.what());
  signature.value = top.object("signature").binary("value");
  return signature;
}

crypto::Verdict verify_streamed_signature(const crypto::Digest& digest,
                                          const std::optional<DocumentSignature>& signature,
                                          const crypto::Ed25519PublicKey& expected_signer,
                                          const std::string& what) {
  if (!signature) return crypto::Verdict::fail(what + ": signature: missing");
  if (!(signature->public_key == expected_signer)) {
    return crypto::Verdict::fail(what + ": signed by another key (" +
                                 base64url_encode(signature->public_key.bytes) + ", expected " +
                                 base64url_encode(expected_signer.bytes) + ")");
  }
  crypto::Verdict v = crypto::verify_ed25519(expected_signer, digest, signature->value);
  if (!v) return crypto::Verdict::fail(what + ": signature does not verify (" + v.reason + ")");
  return v;
}

}  // namespace evote::protocol
