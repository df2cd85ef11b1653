// Prints the test vectors of specs/keys.md §18 (fenced `vector` blocks) for
// every group from fixed inputs. Run it after a deliberate format change and
// paste its output into the spec; the tests check the spec against the code,
// never this tool.
//   build/tests/make_keys_vectors
#include <sodium.h>

#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "evote/crypto/groups.hpp"
#include "evote/crypto/init.hpp"
#include "evote/crypto/proofs.hpp"
#include "evote/crypto/threshold.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/signed_document.hpp"

using namespace evote::crypto;
using evote::protocol::base64url_encode;
using evote::protocol::Json;

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

void print_block(const std::string& name, const Fields& fields) {
  std::cout << "```vector\nname: " << name << "\n";
  for (const auto& [key, value] : fields) std::cout << key << ": " << value << "\n";
  std::cout << "```\n\n";
}

// A scalar input: for ristretto255 the fixed hex the spec has printed since
// version 1; for the other groups derived from a label (printed as
// `<key>_label` before it), as in specs/crypto.md §10.
struct Inputs {
  const Group& group;
  Fields* out;
  Scalar scalar(const std::string& key, const std::string& ristretto_hex) const {
    if (group.name() == "ristretto255") {
      Scalar s = group.scalars().decode(from_hex(ristretto_hex));
      out->emplace_back(key, ristretto_hex);
      return s;
    }
    const std::string label = "keys/" + std::string(group.name()) + "/" + key;
    Scalar s = group.scalars().from_hash("evote/test-vector/v1", as_bytes(label));
    out->emplace_back(key + "_label", label);
    out->emplace_back(key, to_hex(s.encode()));
    return s;
  }
};

const std::string kSeed = "4242424242424242424242424242424242424242424242424242424242424242";
const std::string kA0 = "0a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223242526272829";
const std::string kA1 = "01112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3";

Ed25519SigningKey key_from_seed() {
  const Bytes seed = from_hex(kSeed);
  unsigned char pk[32], sk[64];
  crypto_sign_seed_keypair(pk, sk, seed.data());
  Ed25519SigningKey key = Ed25519SigningKey::from_secret(BytesView(sk, 64));
  sodium_memzero(sk, sizeof sk);
  return key;
}

// Dealer 1 of a 2-of-3 election: its deal message and its signed share for
// trustee 2.
void print_dealer_vectors(const Group& g) {
  const std::string group(g.name());
  const ThresholdParams params{"RK_2027", 3, 2};
  const std::uint32_t dealer = 1, recipient = 2;

  Fields deal = {{"group", group},
                 {"election_id", params.election_id},
                 {"n", "3"},
                 {"t", "2"},
                 {"dealer", "1"}};
  const Inputs in{g, &deal};
  const Scalar a0 = in.scalar("a_0", kA0);
  const Scalar a1 = in.scalar("a_1", kA1);
  const Scalar nonce =
      in.scalar("proof_nonce", "0555555555555555555555555555555555555555555555555555555555555555");
  const std::vector<Element> commitments = {g.exp_generator(a0), g.exp_generator(a1)};
  const SchnorrProof proof = prove_schnorr_with_nonce(
      a0, commitments[0], dealer_proof_context(params, dealer, commitments), nonce);
  Json list = Json::array();
  for (const Element& c : commitments) list.push_back(base64url_encode(c.encode()));
  Json doc = {{"type", "dkg-deal"},
              {"version", 1},
              {"election_id", params.election_id},
              {"group", group},
              {"trustees", params.trustees},
              {"threshold", params.threshold},
              {"dealer", dealer},
              {"commitments", list},
              {"proof", base64url_encode(encode(proof))}};
  const Digest digest = evote::protocol::signing_digest(doc);
  const Ed25519SigningKey key = key_from_seed();
  evote::protocol::sign_document(doc, key);
  deal.emplace_back("ed25519_seed", kSeed);
  deal.emplace_back("signing_digest", to_hex(digest));
  deal.emplace_back("document", evote::protocol::canonical_string(doc));
  print_block("keys/" + group + "/deal-message", deal);

  // s = f(2) = a_0 + 2 a_1, signed over share_stmt(1, 2, s).
  const DealerCommitments published{dealer, commitments, proof};
  const Share share{dealer, recipient, a0 + g.scalars().from_u64(recipient) * a1};
  const SecretBytes statement = share_statement(g, params, published, share);
  Fields signed_share = {{"group", group}, {"election_id", params.election_id},
                         {"n", "3"},       {"t", "2"},
                         {"dealer", "1"},  {"recipient", "2"}};
  const Inputs again{g, &signed_share};
  again.scalar("a_0", kA0);
  again.scalar("a_1", kA1);
  signed_share.emplace_back("commitments_hash", to_hex(commitments_hash(commitments)));
  signed_share.emplace_back("share", to_hex(share.value.encode()));
  signed_share.emplace_back("statement", to_hex(statement.view()));
  signed_share.emplace_back("ed25519_seed", kSeed);
  signed_share.emplace_back("signature", to_hex(key.sign(statement.view())));
  print_block("keys/" + group + "/share-signature", signed_share);
}

// Trustee 2's partial decryption at position 5 of an input file.
void print_partial_vector(const Group& g) {
  const std::string group(g.name());
  const std::string text = "evote partial decryption vector";
  const Bytes input_hash = evote::protocol::file_hash(as_bytes(text));
  const DecryptionContext context{"RK_2027", base64url_encode(input_hash)};
  Fields f = {{"group", group},          {"election_id", context.election_id},
              {"input_file_text", text}, {"input_hash", to_hex(input_hash)},
              {"batch", context.batch},  {"trustee", "2"},
              {"position", "5"}};
  const Inputs in{g, &f};
  const Scalar x =
      in.scalar("share", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  const Scalar r =
      in.scalar("ciphertext_r", "0fedcba9876543210fedcba9876543210fedcba9876543210fedcba987654321");
  const Scalar w =
      in.scalar("proof_nonce", "0777777777777777777777777777777777777777777777777777777777777777");
  const Element y = g.exp_generator(x);
  const Element a = g.exp_generator(r);
  const Element d = g.exp(a, x);
  const ChaumPedersenProof proof =
      prove_chaum_pedersen_with_nonce(x, a, y, d, partial_decryption_context(context, 2, 5), w);
  Bytes record = d.encode();
  append(record, encode(proof));
  f.emplace_back("verification_key", to_hex(y.encode()));
  f.emplace_back("ciphertext_a", to_hex(a.encode()));
  f.emplace_back("record", to_hex(record));
  print_block("keys/" + group + "/partial-record", f);
}

}  // namespace

int main() {
  init();
  for (auto name : group_names()) {
    const Group& g = group_by_name(name);
    print_dealer_vectors(g);
    print_partial_vector(g);
  }
  return 0;
}
