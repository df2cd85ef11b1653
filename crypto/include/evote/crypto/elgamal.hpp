// ElGamal over any Group, with the lifted (exponential) encoding of a choice
// code m >= 1: Enc(y, m; r) = (g^r, g^m * y^r). specs/crypto.md, "ElGamal".
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <string>

#include "evote/crypto/group.hpp"

namespace evote::crypto {

struct Ciphertext {
  Element a;  // g^r
  Element b;  // g^m * y^r
  bool operator==(const Ciphertext& other) const = default;
};

// Encoding: a's encoding followed by b's (2 * element_bytes()).
Bytes encode(const Ciphertext& c);
// Throws DecodeError (wrong length, or either half not a group member).
Ciphertext decode_ciphertext(const Group& group, BytesView bytes);

struct KeyPair {
  Scalar secret;  // x, nonzero
  Element public_key;  // y = g^x
};

KeyPair generate_keypair(const Group& group);

// The ciphertext and the randomness r that made it. The voter keeps r to let
// a second device check the vote; it is a secret otherwise.
struct Encryption {
  Ciphertext ciphertext;
  Scalar randomness;
};

// Encrypts choice code m >= 1 under y with fresh randomness; constant time
// in m and r. Throws Error for m == 0.
Encryption encrypt(const Element& public_key, std::uint64_t code);
// The same with the caller's randomness r (test vectors, vote verification).
Ciphertext encrypt_with(const Element& public_key, std::uint64_t code, const Scalar& r);

// (a * g^s, b * y^s): the same plaintext, fresh randomness.
Ciphertext reencrypt(const Element& public_key, const Ciphertext& c, const Scalar& s);

// b / a^x = g^m.
Element decrypt_to_element(const Scalar& secret, const Ciphertext& c);

// g^m for a contest's valid codes, looked up by encoding.
class CodeTable {
 public:
  CodeTable(const Group& group, std::span<const std::uint64_t> codes);
  // The code whose g^m equals `element`, or nullopt (an invalid vote).
  std::optional<std::uint64_t> lookup(const Element& element) const;
  std::size_t size() const { return by_encoding_.size(); }

 private:
  const Group* group_;
  std::unordered_map<std::string, std::uint64_t> by_encoding_;
};

// decrypt_to_element then lookup.
std::optional<std::uint64_t> decrypt_code(const Scalar& secret, const Ciphertext& c,
                                          const CodeTable& table);

// g^m for a code m >= 1 (the lifted plaintext); constant time in m.
Element encode_code(const Group& group, std::uint64_t code);

}  // namespace evote::crypto
