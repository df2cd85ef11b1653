#include "evote/crypto/elgamal.hpp"

#include "evote/crypto/error.hpp"

namespace evote::crypto {

Bytes encode(const Ciphertext& c) {
  Bytes out = c.a.encode();
  append(out, c.b.encode());
  return out;
}

Ciphertext decode_ciphertext(const Group& group, BytesView bytes) {
  const std::size_t n = group.element_bytes();
  if (bytes.size() != 2 * n) {
    throw DecodeError("ciphertext: wrong length (" + std::to_string(bytes.size()) + " bytes, expected " +
                      std::to_string(2 * n) + ")");
  }
  auto half = [&](std::size_t offset, const char* which) {
    try {
      return group.decode(bytes.subspan(offset, n));
    } catch (const DecodeError& e) {
      throw DecodeError(std::string("ciphertext ") + which + ": " + e.what());
    }
  };
  Element a = half(0, "a");
  Element b = half(n, "b");
  return {std::move(a), std::move(b)};
}

KeyPair generate_keypair(const Group& group) {
  Scalar x = group.scalars().random_nonzero();
  Element y = group.exp_generator(x);
  return {std::move(x), std::move(y)};
}

Element encode_code(const Group& group, std::uint64_t code) {
  if (code == 0) throw Error("ElGamal: choice code 0 is not allowed (codes start at 1)");
  return group.exp_generator(group.scalars().from_u64(code));
}

namespace {
void check_key_and_scalar(const Element& public_key, const Scalar& s) {
  const Group& group = public_key.group();
  if (group.is_identity(public_key)) throw Error("ElGamal: the public key is the identity element");
  if (&s.field() != &group.scalars()) throw Error("ElGamal: randomness from another group's scalars");
}
}  // namespace

Ciphertext encrypt_with(const Element& public_key, std::uint64_t code, const Scalar& r) {
  check_key_and_scalar(public_key, r);
  const Group& group = public_key.group();
  Element a = group.exp_generator(r);
  Element b = group.mul(encode_code(group, code), group.exp(public_key, r));
  return {std::move(a), std::move(b)};
}

Encryption encrypt(const Element& public_key, std::uint64_t code) {
  Scalar r = public_key.group().scalars().random_nonzero();
  Ciphertext c = encrypt_with(public_key, code, r);
  return {std::move(c), std::move(r)};
}

Ciphertext reencrypt(const Element& public_key, const Ciphertext& c, const Scalar& s) {
  check_key_and_scalar(public_key, s);
  const Group& group = public_key.group();
  return {group.mul(c.a, group.exp_generator(s)), group.mul(c.b, group.exp(public_key, s))};
}

Element decrypt_to_element(const Scalar& secret, const Ciphertext& c) {
  const Group& group = c.a.group();
  return group.div(c.b, group.exp(c.a, secret));
}

CodeTable::CodeTable(const Group& group, std::span<const std::uint64_t> codes) : group_(&group) {
  // The contest's codes are public: a variable-time table is fine here.
  const auto g = group.precompute(group.generator());
  for (std::uint64_t code : codes) {
    if (code == 0) throw Error("ElGamal code table: choice code 0 is not allowed (codes start at 1)");
    const Bytes enc = g->exp(group.scalars().from_u64(code)).encode();
    auto [it, fresh] = by_encoding_.emplace(std::string(enc.begin(), enc.end()), code);
    if (!fresh) throw Error("ElGamal code table: choice code " + std::to_string(code) + " listed twice");
  }
}

std::optional<std::uint64_t> CodeTable::lookup(const Element& element) const {
  if (&element.group() != group_) throw Error("ElGamal code table: element of another group");
  const Bytes enc = element.encode();
  auto it = by_encoding_.find(std::string(enc.begin(), enc.end()));
  if (it == by_encoding_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::uint64_t> decrypt_code(const Scalar& secret, const Ciphertext& c,
                                          const CodeTable& table) {
  return table.lookup(decrypt_to_element(secret, c));
}

}  // namespace evote::crypto
