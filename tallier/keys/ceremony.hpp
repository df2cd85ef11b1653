// The ceremony as a whole: collecting the messages from a folder, settling
// complaints into the qualified set and the joint key (the same rule for
// every trustee and every observer), the public record and its hash, and
// the published ceremony file (specs/keys.md §14–§15).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ceremony_messages.hpp"

namespace evote::keys {

// The signed messages, each with its document, ascending by trustee.
struct Messages {
  std::vector<std::pair<Json, crypto::DealerCommitments>> deals;
  std::vector<std::pair<Json, Complaints>> complaints;
  std::vector<std::pair<Json, Answers>> answers;
};

// deal-I.json, complaints-J.json and answers-I.json found in `dir` (absent
// files are skipped; a present one must parse and be signed by its trustee).
Messages load_messages(const Setup& setup, const std::filesystem::path& dir);

struct Outcome {
  std::map<std::uint32_t, std::string> disqualified;  // trustee -> first reason
  std::vector<std::uint32_t> qualified;
  std::optional<crypto::JointKey> key;  // always set once made
  // Shares made public by a valid answer: (dealer, recipient) -> share.
  std::map<std::pair<std::uint32_t, std::uint32_t>, crypto::SignedShare> answered;
};

// Settles every complaint (crypto::resolve_complaint) and derives the joint
// key. Throws FormatError when fewer than t dealers are qualified.
Outcome settle(const Setup& setup, const Messages& messages);

// The `dkg-record` document and its hash (file_hash of its canonical bytes).
Json record_to_json(const Setup& setup, const Messages& messages);
crypto::Bytes record_hash(const Json& record);

// A checked `key-ceremony` file.
struct Ceremony {
  Setup setup;
  std::optional<crypto::JointKey> key;             // always set once made
  std::vector<crypto::Element> verification_keys;  // [j - 1]
  crypto::Bytes record_hash;
};

Json ceremony_to_json(const Setup& setup, const Messages& messages, const Outcome& outcome,
                      const std::vector<Json>& finishes);

// Re-checks everything from the file alone (and against the signed config
// when given): every signature, every proof, every complaint, the qualified
// set, the keys, the finish statements. Throws FormatError naming the file
// and the failed check.
Ceremony check_ceremony(const Json& document, const std::string& what,
                        const std::optional<protocol::ElectionConfig>& config);
Ceremony load_ceremony(const std::string& path,
                       const std::optional<protocol::ElectionConfig>& config = std::nullopt);

// File names in a trustee's folder.
std::string deal_file(std::uint32_t i);
std::string boxes_file(std::uint32_t i);
std::string complaints_file(std::uint32_t j);
std::string answers_file(std::uint32_t i);
std::string finish_file(std::uint32_t j);

}  // namespace evote::keys
