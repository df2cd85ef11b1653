#include "evote/voter/verification_code.hpp"

#include <sodium.h>

#include <stdexcept>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/voter/app_settings.hpp"
#include "evote/voter/voter_error.hpp"

namespace evote::voter {
namespace {

constexpr std::size_t kMaxElectionIdChars = 64;

[[noreturn]] void malformed(const std::string& problem) {
  throw VoterError(ErrorKind::malformed_code, "verification code: " + problem);
}

bool is_election_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxElectionIdChars) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

crypto::Bytes decode_part(std::string_view text, const std::string& part) {
  try {
    return protocol::base64url_decode(text);
  } catch (const std::exception& e) {
    malformed(part + ": " + e.what());
  }
}

}  // namespace

VerificationCode VerificationCode::clone() const {
  return {election_id, vote_id, collector_url, randomness.clone()};
}

std::string encode_verification_code(const VerificationCode& code) {
  if (!is_election_id(code.election_id))
    throw std::invalid_argument(
        "verification code: the election id is not 1..64 of A-Z a-z 0-9 _ -");
  if (code.vote_id.size() != 16)
    throw std::invalid_argument("verification code: the vote id is not 16 bytes");
  if (code.randomness.size() == 0) throw std::invalid_argument("verification code: no randomness");
  try {
    check_collector_url(code.collector_url);
  } catch (const VoterError& e) {
    throw std::invalid_argument(std::string("verification code: ") + e.what());
  }
  std::string text(kVerificationCodePrefix);
  text += code.election_id;
  text += ':';
  text += protocol::base64url_encode(code.vote_id);
  text += ':';
  text += protocol::base64url_encode(crypto::as_bytes(code.collector_url));
  text += ':';
  std::string randomness = protocol::base64url_encode(code.randomness.view());
  text += randomness;
  wipe_text(randomness);
  return text;
}

VerificationCode parse_verification_code(std::string_view text) {
  if (text.size() > kMaxVerificationCodeChars)
    malformed(std::to_string(text.size()) + " characters, at most " +
              std::to_string(kMaxVerificationCodeChars));
  if (!text.starts_with(kVerificationCodePrefix)) malformed("does not start with EVV1:");
  std::vector<std::string_view> parts;
  std::string_view rest = text.substr(kVerificationCodePrefix.size());
  for (std::size_t colon = rest.find(':'); colon != std::string_view::npos;
       colon = rest.find(':')) {
    parts.push_back(rest.substr(0, colon));
    rest.remove_prefix(colon + 1);
  }
  parts.push_back(rest);
  if (parts.size() != 4)
    malformed(std::to_string(parts.size()) +
              " parts after EVV1:, expected 4 (election id, vote id, collector URL, randomness)");
  VerificationCode code;
  if (!is_election_id(parts[0]))
    malformed("election id: not 1..64 of the letters, digits, '_' and '-'");
  code.election_id = std::string(parts[0]);
  code.vote_id = decode_part(parts[1], "vote id");
  if (code.vote_id.size() != 16)
    malformed("vote id: " + std::to_string(code.vote_id.size()) + " bytes, expected 16");
  const crypto::Bytes url = decode_part(parts[2], "collector URL");
  code.collector_url.assign(url.begin(), url.end());
  try {
    check_collector_url(code.collector_url);
  } catch (const VoterError& e) {
    malformed(e.what());
  }
  crypto::Bytes randomness = decode_part(parts[3], "randomness");
  code.randomness = crypto::SecretBytes(randomness);
  sodium_memzero(randomness.data(), randomness.size());
  if (code.randomness.size() == 0) malformed("randomness: empty");
  return code;
}

crypto::SecretBytes encode_randomness(const std::vector<std::vector<crypto::Scalar>>& randomness) {
  std::size_t total = 0;
  for (const auto& row : randomness)
    for (const crypto::Scalar& r : row) total += r.field().byte_length();
  crypto::SecretBytes out(total);
  std::size_t at = 0;
  for (const auto& row : randomness) {
    for (const crypto::Scalar& r : row) {
      crypto::Bytes encoded = r.encode();
      std::copy(encoded.begin(), encoded.end(), out.data() + at);
      at += encoded.size();
      sodium_memzero(encoded.data(), encoded.size());
    }
  }
  return out;
}

std::vector<std::vector<crypto::Scalar>> split_randomness(const crypto::SecretBytes& randomness,
                                                          const crypto::ScalarField& field,
                                                          std::span<const std::size_t> row_widths) {
  std::size_t count = 0;
  for (std::size_t width : row_widths) count += width;
  const std::size_t length = field.byte_length();
  if (randomness.size() != count * length)
    malformed("randomness: " + std::to_string(randomness.size()) + " bytes, expected " +
              std::to_string(count) + " scalars of " + std::to_string(length) + " bytes");
  std::vector<std::vector<crypto::Scalar>> rows;
  std::size_t at = 0;
  for (std::size_t i = 0; i < row_widths.size(); ++i) {
    std::vector<crypto::Scalar> row;
    for (std::size_t j = 0; j < row_widths[i]; ++j, at += length) {
      try {
        row.push_back(field.decode(randomness.view().subspan(at, length)));
      } catch (const std::exception&) {
        malformed("randomness: scalar " + std::to_string(i) + "." + std::to_string(j) +
                  " is not below the group order");
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::vector<std::uint64_t>> recover_choices(
    const protocol::ElectionConfig& config, const protocol::Ballot& ballot,
    const std::vector<std::vector<crypto::Scalar>>& randomness) {
  if (!config.election_public_key)
    throw VoterError(ErrorKind::config_untrusted, "the election config has no public key");
  const crypto::Group& group = crypto::group_by_name(config.group);
  const crypto::Element public_key = group.decode(*config.election_public_key);
  if (randomness.size() != ballot.contests.size())
    malformed("randomness: " + std::to_string(randomness.size()) + " rows for " +
              std::to_string(ballot.contests.size()) + " contests");
  std::vector<std::vector<std::uint64_t>> choices;
  for (std::size_t i = 0; i < ballot.contests.size(); ++i) {
    const protocol::BallotContest& row = ballot.contests[i];
    const protocol::Contest* contest = config.find_contest(row.contest_id);
    if (contest == nullptr)
      malformed("the ballot names an unknown contest \"" + row.contest_id + "\"");
    std::vector<std::uint64_t> codes{protocol::kBlankCode};
    for (const protocol::Choice& choice : contest->choices) codes.push_back(choice.code);
    const crypto::CodeTable table(group, codes);
    if (randomness[i].size() != row.ciphertexts.size())
      malformed("randomness: contests[" + std::to_string(i) + "] has " +
                std::to_string(randomness[i].size()) + " values for " +
                std::to_string(row.ciphertexts.size()) + " ciphertexts");
    std::vector<std::uint64_t> recovered;
    for (std::size_t j = 0; j < row.ciphertexts.size(); ++j) {
      const std::string where =
          "contests[" + std::to_string(i) + "].ciphertexts[" + std::to_string(j) + "]";
      const crypto::Ciphertext c = [&] {
        try {
          return crypto::decode_ciphertext(group, row.ciphertexts[j]);
        } catch (const std::exception& e) {
          malformed(where + ": " + e.what());
        }
      }();
      const crypto::Scalar& r = randomness[i][j];
      if (!group.equal(c.a, group.exp_generator(r)))
        malformed(where + ": the randomness did not make this ciphertext");
      const crypto::Element message = group.mul(c.b, group.inverse(group.exp(public_key, r)));
      const std::optional<std::uint64_t> code = table.lookup(message);
      if (!code) malformed(where + ": the plaintext is none of the contest's codes");
      recovered.push_back(*code);
    }
    choices.push_back(std::move(recovered));
  }
  return choices;
}

void wipe_text(std::string& text) {
  if (!text.empty()) sodium_memzero(text.data(), text.size());
  text.clear();
  text.shrink_to_fit();
}

}  // namespace evote::voter
