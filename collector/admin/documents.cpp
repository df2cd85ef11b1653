#include "documents.hpp"

#include <filesystem>

#include "evote/protocol/config_file.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/signed_document.hpp"

namespace evote::admin {

protocol::Json load_document(const std::string& path) {
  return protocol::parse_canonical(protocol::read_file(path), path);
}

protocol::ElectionConfig load_config(const std::string& path) {
  const protocol::Json document = load_document(path);
  try {
    return protocol::election_config_from_json(document);
  } catch (const protocol::FormatError& e) {
    throw protocol::FormatError(path + ": " + e.what());
  }
}

protocol::ElectionConfig load_signed_config(const std::string& path) {
  return protocol::load_signed_election_config(path);
}

std::string document_type(const std::string& path, std::optional<protocol::Json>& document) {
  const crypto::Bytes bytes = protocol::read_file(path);
  static constexpr std::string_view kVoterListStart = "{\"changes\":";
  if (bytes.size() >= kVoterListStart.size() &&
      std::equal(kVoterListStart.begin(), kVoterListStart.end(), bytes.begin())) {
    return "voter-list-changes";
  }
  document = protocol::parse_canonical(bytes, path);
  if (!document->is_object() || !document->contains("type") || !(*document)["type"].is_string()) {
    throw protocol::FormatError(path + ": no \"type\": not an evote document");
  }
  return (*document)["type"].get<std::string>();
}

void chain_after_previous(protocol::VoterListChanges& doc, const std::string& previous_path,
                          const protocol::ElectionConfig& config) {
  const protocol::VoterListChanges previous = protocol::load_voter_list_changes(previous_path);
  const crypto::Verdict v =
      protocol::verify_signature(previous, config.organizer_key, previous_path);
  if (!v) throw protocol::FormatError(v.reason);
  doc.sequence = previous.sequence + 1;
  doc.previous = protocol::change_set_hash(previous);
}

}  // namespace evote::admin
