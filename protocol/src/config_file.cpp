#include "evote/protocol/config_file.hpp"

#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/signed_document.hpp"

namespace evote::protocol {

ElectionConfig load_signed_election_config(const std::string& path) {
  return parse_signed_election_config(read_file(path), path);
}

ElectionConfig parse_signed_election_config(crypto::BytesView bytes, const std::string& path) {
  const Json document = parse_canonical(bytes, path);
  ElectionConfig config;
  try {
    config = election_config_from_json(document);
  } catch (const FormatError& e) {
    throw FormatError(path + ": " + e.what());
  }
  if (!document.contains("signature")) throw FormatError(path + ": election config is not signed");
  const crypto::Verdict v = verify_document_signature(document, config.organizer_key, "election config");
  if (!v) throw FormatError(path + ": " + v.reason);
  return config;
}

}  // namespace evote::protocol
