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

}  // namespace evote::admin
