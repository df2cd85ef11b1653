// Threshold ElGamal: Pedersen/Feldman distributed key generation for t of n
// trustees and verifiable threshold decryption, over any Group. No I/O: the
// caller moves the values between trustees (specs/keys.md, "Threshold
// cryptography", says every byte and rule).
//
// Trustees are numbered 1..n; trustee j's share of dealer i's polynomial is
// f_i(j). The joint secret key sum_{i in Q} f_i(0) exists nowhere whole.
//
// Flow: every trustee i calls deal() and publishes its DealerCommitments;
// it sends trustee j the share f_i(j), signed (sign_share) and sealed to j's
// X25519 key (seal_share). Trustee j opens it (open_share) and checks it
// (check_share); a failure becomes a Complaint that anybody settles with
// resolve_complaint(). The dealers nobody disqualified form Q; from their
// commitments anybody derives the joint key and the trustees' verification
// keys (derive_joint_key), and trustee j its secret share
// (derive_secret_share). To decrypt, each trustee publishes partial
// decryptions with Chaum–Pedersen proofs (partial_decrypt_all); anybody
// checks them in a batch and combines any t valid trustees
// (combine_partial_decryptions).
//
// As in proofs.hpp, a bad proof, share or signature is reported as a Verdict
// or a named rejection, never thrown; Error is thrown for arguments that
// cannot be right (out-of-range indices, wrong group, too few trustees).
// Secret values (coefficients, shares) are Scalars, wiped when freed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/group.hpp"
#include "evote/crypto/proofs.hpp"
#include "evote/crypto/sealed_box.hpp"
#include "evote/crypto/secret_bytes.hpp"

namespace evote::crypto {

// At most this many trustees (a guard against absurd inputs).
constexpr std::uint32_t kMaxTrustees = 1024;

struct ThresholdParams {
  std::string election_id;
  std::uint32_t trustees = 0;   // n
  std::uint32_t threshold = 0;  // t: any t trustees decrypt, t - 1 learn nothing
};

// Throws Error unless 1 <= t <= n <= kMaxTrustees.
void check_params(const ThresholdParams& params);

// ---------------------------------------------------------------- dealing

// What dealer i publishes: C_ik = g^{a_ik} for k = 0..t-1 and a Schnorr proof
// of knowledge of a_i0 whose context binds the election, n, t, i and every C_ik.
struct DealerCommitments {
  std::uint32_t dealer = 0;
  std::vector<Element> coefficients;  // C_i0 .. C_i,t-1
  SchnorrProof proof;
};

// s_ij = f_i(j): dealer i's share for trustee j. Secret.
struct Share {
  std::uint32_t dealer = 0;
  std::uint32_t recipient = 0;
  Scalar value;
};

struct Dealing {
  DealerCommitments commitments;  // public
  std::vector<Share> shares;      // shares[j - 1] for trustee j, the dealer's own included
};

// A fresh random polynomial of degree t - 1 for dealer i; its coefficients
// are wiped before returning.
Dealing deal(const Group& group, const ThresholdParams& params, std::uint32_t dealer);

// The Schnorr proof's context bytes (specs/keys.md).
Bytes dealer_proof_context(const ThresholdParams& params, std::uint32_t dealer,
                           std::span<const Element> coefficients);

// Dealer index in 1..n, exactly t commitments of `group`, the proof valid.
Verdict verify_dealer_commitments(const Group& group, const ThresholdParams& params,
                                  const DealerCommitments& commitments);

// ------------------------------------------------------ sending shares

// A share with the dealer's Ed25519 signature over share_statement(): a
// recipient can show anybody what the dealer sent it (see resolve_complaint).
struct SignedShare {
  Share share;
  Bytes signature;
};

// H_i = xof("evote/dkg/commitments/v1", enc(C_i0) || ... || enc(C_i,t-1), 32):
// the signed share statement binds the dealer's commitments through it, so a
// share signed in another run of the ceremony (same election, n, t and
// trustee keys, other commitments) does not verify.
inline constexpr std::size_t kCommitmentsHashBytes = 32;
Bytes commitments_hash(std::span<const Element> coefficients);

// The bytes the dealer signs (specs/keys.md §4); they contain the secret
// share. `commitments` are the dealer's published commitments (only their
// coefficients enter, through commitments_hash); Error unless
// commitments.dealer is the share's dealer.
SecretBytes share_statement(const Group& group, const ThresholdParams& params,
                            const DealerCommitments& commitments, const Share& share);
SignedShare sign_share(const Group& group, const ThresholdParams& params,
                       const DealerCommitments& commitments, const Share& share,
                       const Ed25519SigningKey& dealer_key);
Verdict verify_share_signature(const Group& group, const ThresholdParams& params,
                               const DealerCommitments& commitments,
                               const SignedShare& signed_share, const Ed25519PublicKey& dealer_key);

// Sealed box to the recipient of bytes_L(s_ij) || signature.
Bytes seal_share(const SignedShare& signed_share, const X25519PublicKey& recipient);
// Opens a box from dealer commitments.dealer to `recipient` and checks the
// dealer's signature (over the statement with these commitments). Throws
// Error naming dealer, recipient and what is wrong (the box does not open,
// wrong length, share not a canonical scalar, bad signature): the recipient
// then complains without a revealed share.
SignedShare open_share(const Group& group, const ThresholdParams& params,
                       const DealerCommitments& commitments, std::uint32_t recipient, BytesView box,
                       const X25519KeyPair& recipient_keys, const Ed25519PublicKey& dealer_key);

// ------------------------------------------------------ checking shares

// prod_k C_k^{j^k} = g^{f(j)} (variable time: public values).
Element share_commitment(const Group& group, std::span<const Element> coefficients,
                         std::uint32_t trustee);
// Feldman check g^{s_ij} == prod_k C_ik^{j^k}; the failure names dealer and
// recipient. Throws Error if the share is not from commitments.dealer.
Verdict check_share(const Group& group, const DealerCommitments& commitments, const Share& share);

// ------------------------------------------------------------ complaints

// Trustee `accuser` complains about `dealer`. With `revealed` it publishes the
// signed share it received ("this share fails the check"); without, it says
// no valid share arrived (no box, the box did not open, or a bad signature).
struct Complaint {
  std::uint32_t accuser = 0;
  std::uint32_t dealer = 0;
  std::optional<SignedShare> revealed;
};

enum class Culprit { none, dealer, accuser };

struct ComplaintOutcome {
  Culprit disqualified = Culprit::none;
  std::uint32_t trustee = 0;  // the disqualified trustee, 0 when none
  std::string reason;
};

// Settles one complaint; a pure function of public data, so every trustee and
// observer reaches the same outcome. `answer` is the dealer's published reply
// (a signed share for the accuser), used only for a complaint without a
// revealed share. The rule, first match wins:
//  1. The dealer's commitments fail verify_dealer_commitments -> dealer.
//  2. A revealed share ("bad share" complaint):
//     a. its dealer/recipient are not the complaint's dealer/accuser -> accuser;
//     b. the dealer's signature over it (with these commitments) does not
//        verify -> accuser (an honest recipient only reveals what open_share
//        accepted; a share signed in another ceremony is refused here);
//     c. it fails the Feldman check -> dealer;
//     d. it passes -> accuser (false complaint).
//  3. No revealed share ("no valid share" complaint):
//     a. no answer, or an answer for another dealer/recipient, or a bad
//        signature on it -> dealer;
//     b. the answer fails the Feldman check -> dealer;
//     c. it passes -> none: the accuser takes the now-public share.
// An honest dealer is never disqualified, nor an honest accuser (it reveals
// only shares whose signature it checked and that failed the check).
// Throws Error for invalid params, indices outside 1..n, accuser == dealer, or
// commitments that are not the accused dealer's.
ComplaintOutcome resolve_complaint(const Group& group, const ThresholdParams& params,
                                   const DealerCommitments& dealer_commitments,
                                   const Ed25519PublicKey& dealer_key, const Complaint& complaint,
                                   const std::optional<SignedShare>& answer);

// ------------------------------------------------------- key derivation

// Q = {1..n} minus the disqualified, ascending; Error when |Q| < t.
std::vector<std::uint32_t> qualified_dealers(const ThresholdParams& params,
                                             std::span<const std::uint32_t> disqualified);

struct JointKey {
  std::vector<std::uint32_t> qualified;  // Q, ascending
  std::vector<Element> coefficients;     // A_k = prod_{i in Q} C_ik, k = 0..t-1
  Element public_key;                    // y = A_0 = prod_{i in Q} C_i0
};

// From the commitments of (at least) every dealer in Q; each qualified
// dealer's commitments must be present once and verify (Error naming the
// dealer otherwise: disqualify it first).
JointKey derive_joint_key(const Group& group, const ThresholdParams& params,
                          std::span<const DealerCommitments> dealers,
                          std::span<const std::uint32_t> qualified);
// Y_j = prod_k A_k^{j^k} = g^{x_j}, computable by anybody.
Element verification_key(const JointKey& key, std::uint32_t trustee);
// x_j = sum_{i in Q} s_ij from the shares trustee j received from Q (its own
// included); Error if one is missing or repeated, or if g^{x_j} != Y_j.
Scalar derive_secret_share(const JointKey& key, std::uint32_t trustee,
                           std::span<const Share> received);

// -------------------------------------------------- partial decryption

// What a list of ciphertexts is: partial decryption proofs bind the election,
// the list (`batch`, e.g. a contest and district), the trustee and the
// ciphertext's position in the list.
struct DecryptionContext {
  std::string election_id;
  std::string batch;
};

Bytes partial_decryption_context(const DecryptionContext& context, std::uint32_t trustee,
                                 std::uint64_t position);

// d_j = a^{x_j} with a Chaum–Pedersen proof of log_g Y_j = log_a d_j.
struct PartialDecryption {
  Element share;
  ChaumPedersenProof proof;
};

// Trustee j's partial decryptions of a whole list, parts[p] for position p.
struct TrusteeDecryptions {
  std::uint32_t trustee = 0;
  std::vector<PartialDecryption> parts;
};

PartialDecryption partial_decrypt(const Scalar& secret_share, const Element& verification_key,
                                  const Ciphertext& ciphertext, const DecryptionContext& context,
                                  std::uint32_t trustee, std::uint64_t position);
TrusteeDecryptions partial_decrypt_all(const Scalar& secret_share, const Element& verification_key,
                                       std::span<const Ciphertext> ciphertexts,
                                       const DecryptionContext& context, std::uint32_t trustee);
Verdict verify_partial_decryption(const Element& verification_key, const Ciphertext& ciphertext,
                                  const PartialDecryption& part, const DecryptionContext& context,
                                  std::uint32_t trustee, std::uint64_t position);

// --------------------------------------------------- batch verification

struct TrusteeVerdict {
  std::uint32_t trustee = 0;
  std::vector<std::uint64_t> bad_positions;  // positions whose proof fails
  std::string reason;                        // empty when every proof is valid
  bool ok() const { return reason.empty(); }
};

// Checks every proof of every submission at once (random 128-bit weights,
// multi-exponentiation); if the batch fails, each trustee alone, and for a
// failing trustee every proof alone, to name the bad positions. A
// submission from a trustee outside 1..n, with the wrong number of parts or
// with elements of another group is refused with a reason. A trustee
// disqualified as a dealer still holds a share (of Q's polynomials) and may
// decrypt: its proofs are checked like anyone's. Returns one verdict per
// submission, in order. For a part of a longer list (a reader's chunk),
// ciphertexts[i] and parts[i] are at position first_position + i: the
// position bound in the proofs and named in bad_positions.
std::vector<TrusteeVerdict> verify_partial_decryptions(
    const ThresholdParams& params, const JointKey& key, std::span<const Ciphertext> ciphertexts,
    std::span<const TrusteeDecryptions> submissions, const DecryptionContext& context,
    std::uint64_t first_position = 0);

// ------------------------------------------------------------ combining

// Lagrange coefficients at 0 for distinct indices S:
// lambda_j = prod_{m in S, m != j} m / (m - j) mod q, in the order of S.
std::vector<Scalar> lagrange_coefficients(const ScalarField& field,
                                          std::span<const std::uint32_t> indices);

// M = b / prod_j d_j^{lambda_j} over the given trustees, with no check of
// proofs or of their number: with fewer than t the result is a wrong
// element. For combine_partial_decryptions and tests.
std::vector<Element> lagrange_combine(std::span<const Ciphertext> ciphertexts,
                                      std::span<const TrusteeDecryptions> chosen);

struct RejectedTrustee {
  std::uint32_t trustee = 0;
  std::string reason;
};

struct CombinedDecryption {
  std::vector<Element> plaintexts;  // g^m, one per ciphertext
  std::vector<std::uint32_t> used;  // the t trustees combined, ascending
  std::vector<RejectedTrustee> rejected;
};

// Verifies every submission (verify_partial_decryptions), names and skips
// the bad ones (and every submission of a trustee that submitted twice),
// and combines the t valid trustees with the smallest indices. Error naming
// how many are valid (and who was rejected) when fewer than t are.
CombinedDecryption combine_partial_decryptions(const ThresholdParams& params, const JointKey& key,
                                               std::span<const Ciphertext> ciphertexts,
                                               std::span<const TrusteeDecryptions> submissions,
                                               const DecryptionContext& context);

}  // namespace evote::crypto
