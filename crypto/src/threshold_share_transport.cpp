// Sending a share: the dealer signs it, bound to its commitments (so the
// recipient can later show anybody what it received, in this ceremony only),
// and seals it to the recipient's X25519 key.
#include <algorithm>

#include "evote/crypto/error.hpp"
#include "evote/crypto/hash.hpp"
#include "evote/crypto/threshold.hpp"
#include "mpz_bytes.hpp"
#include "threshold_internal.hpp"

namespace evote::crypto {

namespace {

using threshold_detail::ItemWriter;

constexpr std::string_view kShareStatementTag = "evote/dkg/share/v2";
constexpr std::string_view kCommitmentsHashTag = "evote/dkg/commitments/v1";

std::string share_name(std::uint32_t dealer, std::uint32_t recipient) {
  return "share from dealer " + std::to_string(dealer) + " to trustee " + std::to_string(recipient);
}

void require_group(const Group& group, const Share& share) {
  if (&share.value.field() != &group.scalars()) {
    throw Error(share_name(share.dealer, share.recipient) + ": a scalar of " +
                share.value.field().name() + ", expected " + std::string(group.name()));
  }
}

}  // namespace

Bytes commitments_hash(std::span<const Element> coefficients) {
  Bytes encoded;
  for (const Element& c : coefficients) append(encoded, c.encode());
  return xof(kCommitmentsHashTag, encoded, kCommitmentsHashBytes);
}

SecretBytes share_statement(const Group& group, const ThresholdParams& params,
                            const DealerCommitments& commitments, const Share& share) {
  check_params(params);
  require_group(group, share);
  if (commitments.dealer != share.dealer) {
    throw Error(share_name(share.dealer, share.recipient) +
                ": statement made with the commitments of dealer " +
                std::to_string(commitments.dealer));
  }
  for (const Element& c : commitments.coefficients) {
    if (&c.group() != &group) {
      throw Error(share_name(share.dealer, share.recipient) + ": a commitment is not in group " +
                  std::string(group.name()));
    }
  }
  const std::size_t length = group.scalars().byte_length();
  const Bytes prefix = ItemWriter(kShareStatementTag)
                           .text("group", group.name())
                           .text("election_id", params.election_id)
                           .u64("n", params.trustees)
                           .u64("t", params.threshold)
                           .u64("dealer", share.dealer)
                           .u64("recipient", share.recipient)
                           .bytes("commitments_hash", commitments_hash(commitments.coefficients))
                           .header("share", length)
                           .take();
  // Written straight into wiped memory: the statement holds the secret.
  SecretBytes out(prefix.size() + length);
  std::copy(prefix.begin(), prefix.end(), out.data());
  mpz_to_be(share.value.value(), out.data() + prefix.size(), length);
  return out;
}

SignedShare sign_share(const Group& group, const ThresholdParams& params,
                       const DealerCommitments& commitments, const Share& share,
                       const Ed25519SigningKey& dealer_key) {
  const SecretBytes statement = share_statement(group, params, commitments, share);
  return {share, dealer_key.sign(statement.view())};
}

Verdict verify_share_signature(const Group& group, const ThresholdParams& params,
                               const DealerCommitments& commitments,
                               const SignedShare& signed_share,
                               const Ed25519PublicKey& dealer_key) {
  const Share& share = signed_share.share;
  const SecretBytes statement = share_statement(group, params, commitments, share);
  const Verdict v = verify_ed25519(dealer_key, statement.view(), signed_share.signature);
  if (!v) return Verdict::fail(share_name(share.dealer, share.recipient) + ": " + v.reason);
  return Verdict::pass();
}

Bytes seal_share(const SignedShare& signed_share, const X25519PublicKey& recipient) {
  const Scalar& value = signed_share.share.value;
  const std::size_t length = value.field().byte_length();
  if (signed_share.signature.size() != kEd25519SignatureBytes) {
    throw Error(share_name(signed_share.share.dealer, signed_share.share.recipient) +
                ": signature of " + std::to_string(signed_share.signature.size()) + " bytes");
  }
  SecretBytes plaintext(length + kEd25519SignatureBytes);
  mpz_to_be(value.value(), plaintext.data(), length);
  std::copy(signed_share.signature.begin(), signed_share.signature.end(),
            plaintext.data() + length);
  return seal_to(recipient, plaintext.view());
}

SignedShare open_share(const Group& group, const ThresholdParams& params,
                       const DealerCommitments& commitments, std::uint32_t recipient, BytesView box,
                       const X25519KeyPair& recipient_keys, const Ed25519PublicKey& dealer_key) {
  const std::uint32_t dealer = commitments.dealer;
  const std::string what = share_name(dealer, recipient);
  threshold_detail::require_trustee(params, dealer, what);
  threshold_detail::require_trustee(params, recipient, what);
  SecretBytes plaintext;
  try {
    plaintext = open_sealed(recipient_keys, box);
  } catch (const Error& e) {
    throw Error(what + ": " + e.what());
  }
  const std::size_t length = group.scalars().byte_length();
  if (plaintext.size() != length + kEd25519SignatureBytes) {
    throw Error(what + ": sealed content of " + std::to_string(plaintext.size()) +
                " bytes, expected " + std::to_string(length + kEd25519SignatureBytes));
  }
  SignedShare out{{dealer, recipient, group.scalars().zero()}, {}};
  try {
    out.share.value = group.scalars().decode(plaintext.view().first(length));
  } catch (const DecodeError& e) {
    throw Error(what + ": " + e.what());
  }
  const BytesView signature = plaintext.view().subspan(length);
  out.signature.assign(signature.begin(), signature.end());
  const Verdict v = verify_share_signature(group, params, commitments, out, dealer_key);
  if (!v) throw Error(v.reason);
  return out;
}

}  // namespace evote::crypto
