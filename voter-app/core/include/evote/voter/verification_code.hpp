// The verification code: what the voter's second device needs to check the
// vote (specs/voter-app.md, "Verification code", byte by byte):
//
//   EVV1:<election id>:<vote id>:<collector url>:<randomness>
//
// vote id, collector url (its UTF-8 bytes) and randomness in base64url
// without padding; the randomness is the encryption randomness of every
// ciphertext of the ballot, contest by contest in ballot order, slot by slot,
// each the group's fixed-length scalar encoding, concatenated.
//
// The randomness lets anyone holding the code read the vote from the
// ballot: it is a secret. VerificationCode keeps it in SecretBytes (wiped
// when dropped); an encoded text is the caller's to wipe (wipe_text).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/scalar.hpp"
#include "evote/crypto/secret_bytes.hpp"
#include "evote/protocol/ballot.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::voter {

inline constexpr std::string_view kVerificationCodePrefix = "EVV1:";
// The longest code accepted: what a QR code of version 40 holds in byte
// mode at error correction M.
inline constexpr std::size_t kMaxVerificationCodeChars = 2331;

struct VerificationCode {
  std::string election_id;
  crypto::Bytes vote_id;           // 16 bytes
  std::string collector_url;       // where the ballot can be fetched (check_collector_url)
  crypto::SecretBytes randomness;  // concatenated scalar encodings, ballot order

  VerificationCode clone() const;
};

// The code as text. Throws std::invalid_argument for fields that break the
// format (a vote id not 16 bytes, empty randomness, a bad election id or URL).
std::string encode_verification_code(const VerificationCode& code);

// Strict parse: the prefix, exactly five ':'-separated parts, an election
// id of letters, digits, '_' and '-' (1..64), a 16-byte vote id, a URL
// check_collector_url accepts, non-empty randomness, every base64url strict,
// at most kMaxVerificationCodeChars. Throws VoterError(malformed_code)
// naming the part ("verification code: vote id: 12 bytes, expected 16").
VerificationCode parse_verification_code(std::string_view text);

// The randomness made by make_ballot, encoded for the code (ballot order).
crypto::SecretBytes encode_randomness(const std::vector<std::vector<crypto::Scalar>>& randomness);

// Splits the code's randomness by the ballot's rows (each row's width the
// number of its ciphertexts) into scalars of `field`. Throws
// VoterError(malformed_code) when the length is not sum(widths) *
// field.byte_length() or a scalar is not below the group order.
std::vector<std::vector<crypto::Scalar>> split_randomness(const crypto::SecretBytes& randomness,
                                                          const crypto::ScalarField& field,
                                                          std::span<const std::size_t> row_widths);

// What the randomness says each ciphertext of `ballot` holds: for contest i,
// slot j, the code m with ciphertext = (g^r, g^m y^r) for r =
// randomness[i][j] (kBlankCode for a blank slot), looked up over the
// contest's blank and choice codes. Throws VoterError(malformed_code) when
// a ciphertext's first half is not g^r (the randomness is not this
// ballot's) or its plaintext is none of the contest's codes; the message
// names contests[i].ciphertexts[j].
std::vector<std::vector<std::uint64_t>> recover_choices(
    const protocol::ElectionConfig& config, const protocol::Ballot& ballot,
    const std::vector<std::vector<crypto::Scalar>>& randomness);

// Overwrites the text's characters (sodium_memzero) and clears it.
void wipe_text(std::string& text);

}  // namespace evote::voter
