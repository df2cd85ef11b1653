// The key ceremony's messages and their canonical JSON forms (specs/keys.md
// §12–§14). Every message is a signed document by one trustee's Ed25519 key;
// the readers check the signature, the election parameters and every field,
// and throw protocol::FormatError naming the document and the field.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/sealed_box.hpp"
#include "evote/crypto/threshold.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::keys {

using protocol::Json;

struct TrusteeKeys {
  std::uint32_t index = 0;
  crypto::Ed25519PublicKey signing_key;
  crypto::X25519PublicKey encryption_key;
};

// Who takes part and in what: from the signed election config, or from a
// ceremony record.
struct Setup {
  const crypto::Group* group = nullptr;
  crypto::ThresholdParams params;     // election id, n, t
  std::vector<TrusteeKeys> trustees;  // trustees[j - 1] is trustee j

  const TrusteeKeys& trustee(std::uint32_t index) const { return trustees.at(index - 1); }
  // The trustee whose signing key this is; FormatError otherwise.
  std::uint32_t index_of(const crypto::Ed25519PublicKey& signing_key) const;
};

// Trustees must be numbered 1..n with a threshold set; FormatError naming `what`.
Setup setup_from_config(const protocol::ElectionConfig& config, const std::string& what);

// ---- deal (public): commitments and the Schnorr proof, `dkg-deal`
Json deal_to_json(const Setup& setup, const crypto::DealerCommitments& commitments);
crypto::DealerCommitments deal_from_json(const Setup& setup, const Json& document,
                                         const std::string& what);

// ---- share boxes (to the trustees only), `dkg-share-boxes`
struct ShareBoxes {
  std::uint32_t dealer = 0;
  std::vector<crypto::Bytes> boxes;  // boxes[j - 1]: sealed to trustee j (the dealer included)
  crypto::Bytes dealer_copy;         // sealed to the dealer: every bytes_L(s_ij) || sigma_ij
};
Json boxes_to_json(const Setup& setup, const ShareBoxes& boxes);
ShareBoxes boxes_from_json(const Setup& setup, const Json& document, const std::string& what);

// ---- complaints of one accuser, `dkg-complaints`
struct Complaints {
  std::uint32_t accuser = 0;
  std::vector<crypto::Complaint> complaints;  // ascending dealer, each dealer once
};
Json complaints_to_json(const Setup& setup, const Complaints& complaints);
Complaints complaints_from_json(const Setup& setup, const Json& document, const std::string& what);

// ---- a dealer's answers to "no valid share" complaints, `dkg-answers`
struct Answers {
  std::uint32_t dealer = 0;
  std::vector<crypto::SignedShare> answers;  // ascending recipient
};
Json answers_to_json(const Setup& setup, const Answers& answers);
Answers answers_from_json(const Setup& setup, const Json& document, const std::string& what);

// ---- a trustee's statement at the end, `dkg-finish`
struct Finish {
  std::uint32_t trustee = 0;
  crypto::Bytes record_hash;
  std::vector<std::uint32_t> qualified;
  crypto::Element public_key;
  crypto::Element verification_key;
};
Json finish_to_json(const Setup& setup, const Finish& finish);
Finish finish_from_json(const Setup& setup, const Json& document, const std::string& what);

// A canonical JSON document from a file (errors name the file), and writing
// one atomically; with `must_be_new`, refusing to replace an existing file.
Json load_document(const std::string& path);

// Field helpers shared by the readers of this program.
crypto::Element read_element(const crypto::Group& group, const protocol::ObjectReader& r,
                             std::string_view key);
std::string encode_element(const crypto::Element& element);
std::uint32_t read_index(const protocol::ObjectReader& r, std::string_view key, std::uint32_t n);
std::vector<std::uint32_t> read_index_list(const protocol::ObjectReader& r, std::string_view key,
                                           std::uint32_t n);

}  // namespace evote::keys
