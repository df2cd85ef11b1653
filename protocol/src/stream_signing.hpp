// Signing and hashing of streamed documents (internal): the same digests
// and signature block as signed_document.hpp, computed without a DOM.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "canonical_writer.hpp"
#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/hash.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/list_document.hpp"

namespace evote::protocol {

// SHA-512(be64(len tag) || tag || data...): the signing digest's hash and
// the seed of crypto::xof.
class TaggedSha512 {
 public:
  explicit TaggedSha512(std::string_view tag);
  void update(std::string_view data) { hash_.update(crypto::as_bytes(data)); }
  crypto::Digest finish() { return hash_.finish(); }

 private:
  crypto::Sha512 hash_;
};

// "evote/signed-document/v1/" + type, the tag of signing_digest().
std::string signing_tag(std::string_view document_type);

// The first n <= 64 bytes of crypto::xof given its seed (SHA-512(seed || be32(1))).
crypto::Bytes xof_from_seed(const crypto::Digest& seed, std::size_t n);

DocumentSignature sign_digest(const crypto::Digest& digest, const crypto::Ed25519SigningKey& key);

// Writes "signature":{...} (no leading comma).
void write_signature_member(CanonicalWriter& out, const DocumentSignature& signature);
Json signature_to_json(const DocumentSignature& signature);
// The "signature" member of `top` (the document's top-level object), or
// nullopt when absent; FormatError as document_signer() for a malformed one.
std::optional<DocumentSignature> read_signature_member(const ObjectReader& top);

// verify_document_signature() for a digest computed by streaming: the same
// reasons, "<what>: signature: missing" when unsigned.
crypto::Verdict verify_streamed_signature(const crypto::Digest& digest,
                                          const std::optional<DocumentSignature>& signature,
                                          const crypto::Ed25519PublicKey& expected_signer,
                                          const std::string& what);

}  // namespace evote::protocol
