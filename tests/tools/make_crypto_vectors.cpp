// Prints the test vectors of specs/crypto.md (fenced `vector` blocks) from
// fixed inputs. Run it after a deliberate format change and paste its output
// into the spec; the tests check the spec against the code, never this tool.
//   build/tests/make_crypto_vectors
#include <iostream>
#include <string>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/hash.hpp"
#include "evote/crypto/proofs.hpp"
#include "evote/crypto/transcript.hpp"

using namespace evote::crypto;

namespace {

// Fixed "random" inputs: scalars hashed from a label, so anyone can see they
// were not chosen to hide anything.
Scalar fixed_scalar(const Group& group, const std::string& label) {
  return group.scalars().from_hash("evote/test-vector/v1", as_bytes(label));
}

void print_block(const std::string& name,
                 std::initializer_list<std::pair<std::string, std::string>> fields) {
  std::cout << "```vector\nname: " << name << "\n";
  for (const auto& [key, value] : fields) std::cout << key << ": " << value << "\n";
  std::cout << "```\n\n";
}

std::string hex(const Bytes& b) { return to_hex(b); }

void print_group_vectors(const Group& group, const std::string& p_hex) {
  const std::string g(group.name());
  if (p_hex.empty()) {
    print_block(g + "/parameters",
                {{"q", group.scalars().order().get_str(16)},
                 {"generator", hex(group.generator().encode())},
                 {"element_bytes", std::to_string(group.element_bytes())},
                 {"scalar_bytes", std::to_string(group.scalars().byte_length())}});
  } else {
    print_block(g + "/parameters",
                {{"p", p_hex},
                 {"q", group.scalars().order().get_str(16)},
                 {"generator", hex(group.generator().encode())},
                 {"element_bytes", std::to_string(group.element_bytes())},
                 {"scalar_bytes", std::to_string(group.scalars().byte_length())}});
  }
  print_block(
      g + "/elements",
      {{"generator", hex(group.generator().encode())},
       {"identity", hex(group.identity().encode())},
       {"generator_pow_2", hex(group.exp_generator(group.scalars().from_u64(2)).encode())},
       {"hash_to_element_tag", "evote/test"},
       {"hash_to_element_msg", hex(Bytes(as_bytes("abc").begin(), as_bytes("abc").end()))},
       {"hash_to_element", hex(group.hash_to_element("evote/test", as_bytes("abc")).encode())}});

  // Each derived input is printed with its label (`<field>_label`).
  const std::string x_label = g + "/x", r_label = g + "/r", w_label = g + "/w";
  const Scalar x = fixed_scalar(group, x_label);
  const Element y = group.exp_generator(x);
  const Scalar r = fixed_scalar(group, r_label);
  const Ciphertext c = encrypt_with(y, 3, r);
  print_block(g + "/elgamal", {{"secret_label", x_label},
                               {"secret", hex(x.encode())},
                               {"public_key", hex(y.encode())},
                               {"code", "3"},
                               {"randomness_label", r_label},
                               {"randomness", hex(r.encode())},
                               {"ciphertext", hex(encode(c))}});

  const Bytes context(as_bytes("trustee-1").begin(), as_bytes("trustee-1").end());
  const Scalar w = fixed_scalar(group, w_label);
  print_block(g + "/schnorr", {{"secret_label", x_label},
                               {"secret", hex(x.encode())},
                               {"h", hex(y.encode())},
                               {"context", hex(context)},
                               {"nonce_label", w_label},
                               {"nonce", hex(w.encode())},
                               {"proof", hex(encode(prove_schnorr_with_nonce(x, y, context, w)))}});

  const Element u = c.a;
  const Element v = group.exp(u, x);
  print_block(g + "/chaum-pedersen",
              {{"secret_label", x_label},
               {"secret", hex(x.encode())},
               {"u", hex(u.encode())},
               {"h", hex(y.encode())},
               {"v", hex(v.encode())},
               {"context", hex(context)},
               {"nonce_label", w_label},
               {"nonce", hex(w.encode())},
               {"proof", hex(encode(prove_chaum_pedersen_with_nonce(x, u, y, v, context, w)))}});

  const BallotContext ctx{"RK_2027", "riigikogu", "38001085718", 0};
  print_block(g + "/ballot-proof",
              {{"public_key", hex(y.encode())},
               {"election_id", ctx.election_id},
               {"contest_id", ctx.contest_id},
               {"voter_id", ctx.voter_id},
               {"position", std::to_string(ctx.position)},
               {"ciphertext", hex(encode(c))},
               {"randomness_label", r_label},
               {"randomness", hex(r.encode())},
               {"nonce_label", w_label},
               {"nonce", hex(w.encode())},
               {"proof", hex(encode(prove_ballot_with_nonce(y, c, r, ctx, w)))}});
}

void print_hash_vectors() {
  const Bytes msg(as_bytes("abc").begin(), as_bytes("abc").end());
  print_block("xof", {{"tag", "evote/test"},
                      {"msg", hex(msg)},
                      {"length", "100"},
                      {"output", hex(xof("evote/test", msg, 100))}});
  Transcript t("evote/test-transcript");
  t.append("label", msg);
  t.append_u64("count", 7);
  const Digest d = t.digest();
  std::cout << "```vector\nname: transcript\ndomain_tag: evote/test-transcript\n"
            << "item_1: label=label data=616263\nitem_2: label=count data=0000000000000007\n"
            << "digest: " << hex(Bytes(d.begin(), d.end())) << "\n";
  for (auto name : group_names()) {
    const Group& group = group_by_name(name);
    std::cout << "challenge_" << name << ": " << hex(t.challenge(group.scalars()).encode()) << "\n";
  }
  std::cout << "```\n\n";
}

mpz_class smallest_noncanonical(const Group& group) {
  auto refused_as_noncanonical = [&](const mpz_class& x) {
    Bytes out(group.element_bytes());
    std::size_t count = 0;
    mpz_export(out.data() + out.size() - (mpz_sizeinbase(x.get_mpz_t(), 2) + 7) / 8, &count, 1, 1,
               1, 0, x.get_mpz_t());
    try {
      group.decode(out);
      return false;
    } catch (const DecodeError& e) {
      return std::string(e.what()).find("not canonical") != std::string::npos;
    }
  };
  mpz_class lo = 1, hi;  // invariant: lo accepted-or-member-refused, hi refused as non-canonical
  mpz_ui_pow_ui(hi.get_mpz_t(), 256, group.element_bytes());
  hi -= 1;
  while (hi - lo > 1) {
    mpz_class mid = (lo + hi) / 2;
    (refused_as_noncanonical(mid) ? hi : lo) = mid;
  }
  return hi;
}

}  // namespace

int main() {
  print_hash_vectors();
  // p is not part of the Group interface: it is the smallest value the
  // decoder refuses as non-canonical, found here by bisection.
  for (auto name : group_names()) {
    const Group& group = group_by_name(name);
    print_group_vectors(group,
                        name == "ristretto255" ? "" : smallest_noncanonical(group).get_str(16));
  }
  return 0;
}
