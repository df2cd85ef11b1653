// The election configuration: what is voted on, by whom, when, in which
// group, and who holds which key. Built and signed by the organizer
// (evote-admin); read by the collector, the voter app and the tally.
// Fields and rules: specs/formats.md, "Election config".
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/sealed_box.hpp"
#include "evote/protocol/canonical_json.hpp"

namespace evote::protocol {

inline constexpr std::uint64_t kElectionConfigVersion = 1;
inline constexpr std::string_view kElectionConfigType = "election-config";

// The code of an empty selection (an unused approval slot or rank).
inline constexpr std::uint64_t kBlankCode = 1;
// The largest choice code: decryption recovers a code by table lookup over
// the contest's codes (crypto.md §5), and the tally decodes codes up to this.
inline constexpr std::uint64_t kMaxChoiceCode = 999999;
// The most selections a contest may have: a ballot row of max_selections
// ciphertexts must fit a ciphertext file row (ciphertext_file.hpp kMaxRowWidth).
inline constexpr std::uint32_t kMaxSelections = 1024;

// At most this many accepted voter certificate policies.
inline constexpr std::size_t kMaxCertificatePolicies = 32;

// Names in the election's languages: "et" is required, "en" and "ru" optional.
using Names = std::map<std::string, std::string>;

enum class ContestType { single_choice, approval, ranked };
std::string_view contest_type_name(ContestType type);

struct Choice {
  std::uint64_t code = 0;  // >= 2, unique within the contest (1 = blank, kBlankCode)
  std::string district;    // the district whose voters see this choice
  Names names;
  Names party;  // the party or list the candidate stands for; empty: none (an independent)
};

struct Contest {
  std::string id;
  ContestType type = ContestType::single_choice;
  // single choice: 1; approval: at most k choices; ranked: up to k ranks.
  // A ballot row for this contest has exactly max_selections ciphertexts.
  std::uint32_t max_selections = 1;
  Names names;
  std::vector<Choice> choices;
};

struct District {
  std::string id;
  Names names;
};

struct Trustee {
  std::uint32_t index = 0;  // 1..n
  std::string name;
  crypto::Ed25519PublicKey signing_key;
  crypto::X25519PublicKey encryption_key;
};

// A mix server of the cascade: stage k of every batch is made and signed by
// mix_servers[k-1] (specs/mix.md §10, "Stage signatures").
struct MixServer {
  std::string name;  // the organisation running it, 1-256 bytes of UTF-8, no control characters
  crypto::Ed25519PublicKey signing_key;
};

// At most this many mix servers (stages of a cascade).
inline constexpr std::size_t kMaxMixServers = 16;

struct CollectorKeys {
  crypto::Bytes tls_certificate;  // DER
  crypto::Ed25519PublicKey signing_key;
};

struct ElectionConfig {
  std::string election_id;  // e.g. "RK_2027": letters, digits, '_' and '-'
  Names names;
  std::int64_t voting_start = 0;  // UTC seconds
  std::int64_t voting_end = 0;
  std::string group;  // crypto group name
  std::vector<District> districts;
  std::vector<Contest> contests;
  std::vector<crypto::Bytes> voter_ca_certificates;  // DER
  // Certificate policy OIDs (dotted) of which a voter's signing certificate
  // must carry at least one; empty: any (the member is then absent).
  std::vector<std::string> voter_certificate_policies;
  std::optional<CollectorKeys> collector;
  std::uint32_t threshold = 0;  // 0 while no trustees are set
  std::vector<Trustee> trustees;
  std::optional<crypto::Bytes> election_public_key;  // group element encoding
  std::uint32_t verify_count = 3;
  std::uint32_t verify_minutes = 30;
  std::uint32_t revotes_per_minute = 2;
  std::uint32_t revotes_per_day = 60;
  crypto::Ed25519PublicKey organizer_key;
  // The cascade, in stage order; empty: not named yet (the member is then
  // absent). When named, at least 2, each with its own key.
  std::vector<MixServer> mix_servers;
  // The tally operator's key: signs each evote-tally step's statement and
  // the election record's manifest. Absent until set.
  std::optional<crypto::Ed25519PublicKey> tally_key;

  const Contest* find_contest(std::string_view id) const;
  const District* find_district(std::string_view id) const;
  // The choices of `contest` that voters of `district` see.
  std::vector<const Choice*> choices_for(const Contest& contest, std::string_view district) const;
  // What is still missing before voting can open (empty when ready).
  std::vector<std::string> missing_for_voting() const;
};

// The unsigned document (no "signature" member).
Json to_json(const ElectionConfig& config);
// Reads and validates every field and rule; FormatError names the field.
// A "signature" member is allowed and ignored here (see signed_document.hpp).
ElectionConfig election_config_from_json(const Json& document);

// Checks every rule of specs/formats.md §3, the per-field ones (identifiers,
// names, choice codes 2..kMaxChoiceCode, 1..kMaxSelections selections) and
// those that span fields (unique ids, codes and trustee keys, known
// districts, threshold, collector key apart from the organizer's and the
// trustees', collector TLS certificate not a CA and for serverAuth, key in
// the group, CA certificates parse, voter certificate policies dotted OIDs,
// each once). election_config_from_json calls it, and
// so must every editor before it writes: a config that passes is read back
// unchanged. Throws FormatError naming the field. Time-independent: whether
// a certificate is valid now is the caller's question.
void validate(const ElectionConfig& config);

}  // namespace evote::protocol
