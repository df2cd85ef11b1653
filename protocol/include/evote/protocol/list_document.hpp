// Pieces shared by the organizer's list documents (voter list change sets,
// paper-vote lists): Estonian personal codes and the signature block of a
// document that is written and read as a stream rather than as a JSON DOM.
// Formats: specs/formats-voters.md.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/ed25519.hpp"

namespace evote::protocol {

// An Estonian personal code (isikukood): exactly 11 ASCII digits. Held as a
// number (8 bytes instead of a 32-byte string); always written with 11
// digits, leading zeros included. The check digit is not verified: the
// population register is the authority on which codes exist.
struct PersonalCode {
  std::uint64_t value = 0;

  // nullopt unless `text` is exactly 11 digits '0'..'9'.
  static std::optional<PersonalCode> parse(std::string_view text);
  std::array<char, 11> digits() const;
  std::string str() const;
  auto operator<=>(const PersonalCode&) const = default;
};

// "personal code must be 11 digits, found \"<text>\"" (for error messages).
std::string personal_code_problem(std::string_view text);

// The "signature" member of a signed document (signed_document.hpp):
// {"algorithm":"ed25519","public_key":...,"value":...}.
struct DocumentSignature {
  crypto::Ed25519PublicKey public_key;
  crypto::Bytes value;  // 64 bytes when well formed; checked on verification
  bool operator==(const DocumentSignature&) const = default;
};

}  // namespace evote::protocol
