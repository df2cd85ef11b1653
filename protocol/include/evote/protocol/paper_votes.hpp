// Paper-vote lists ("paper-votes", version 1): the personal codes of voters
// who voted on paper; the tally cancels their e-votes ("revoke"). Signed by
// the organizer. The codes are stored in increasing order, each once, so a
// set of voters has exactly one document. Format: specs/formats-voters.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/ed25519.hpp"
#include "evote/protocol/atomic_output.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/hash.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/list_document.hpp"

namespace evote::protocol {

inline constexpr std::string_view kPaperVotesType = "paper-votes";
inline constexpr std::uint64_t kPaperVotesVersion = 1;

struct PaperVotes {
  std::string election_id;
  std::vector<PersonalCode> voters;  // strictly increasing
  std::optional<DocumentSignature> signature;

  bool contains(PersonalCode code) const;  // binary search
};

// Election id an identifier; voters strictly increasing (FormatError
// "<what>: voters[3]: duplicate voter 38001085718").
void validate(const PaperVotes& doc, const std::string& what);

Json to_json(const PaperVotes& doc);
// Streams the canonical bytes; identical to canonical_string(to_json(doc)).
void write_canonical(const PaperVotes& doc, const std::function<void(std::string_view)>& sink);
std::string canonical_string(const PaperVotes& doc);

crypto::Digest signing_digest(const PaperVotes& doc);
void sign(PaperVotes& doc, const crypto::Ed25519SigningKey& key);  // validates first
crypto::Verdict verify_signature(const PaperVotes& doc,
                                 const crypto::Ed25519PublicKey& expected_signer,
                                 const std::string& what);
// Election id is the config's and the organizer signed it; FormatError otherwise.
void check_paper_votes(const PaperVotes& doc, const ElectionConfig& config,
                       const std::string& what);

// Canonical bytes only; FormatError names the field ("voters[3]: ...").
PaperVotes parse_paper_votes(crypto::BytesView bytes, std::string_view what);
PaperVotes load_paper_votes(const std::filesystem::path& path);                   // streamed
// Atomic (atomic_output.hpp); `mode` says whether an existing file may be replaced.
void save_paper_votes(const PaperVotes& doc, const std::filesystem::path& path, WriteMode mode);

// One personal code per line (UTF-8 BOM, CRLF and a missing final newline
// accepted); errors name the line ("paper.txt:12: duplicate voter
// 38001085718 (also on line 3)"). Returns the codes sorted.
std::vector<PersonalCode> import_paper_votes(std::istream& in, const std::string& what);
std::vector<PersonalCode> import_paper_votes_file(const std::filesystem::path& path);

}  // namespace evote::protocol
