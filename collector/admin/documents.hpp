// Loading and saving canonical JSON documents for evote-admin.
#pragma once

#include <optional>
#include <string>

#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/voter_list.hpp"

namespace evote::admin {

protocol::Json load_document(const std::string& path);

// A config file: signed or draft. Errors name the file.
protocol::ElectionConfig load_config(const std::string& path);
// Loads a config that must carry a valid organizer signature (by its own
// organizer_key); throws FormatError naming the file otherwise.
protocol::ElectionConfig load_signed_config(const std::string& path);

// The file's "type". Small documents are parsed into `document`; voter list
// change sets (up to a million entries) are recognised by their first key,
// "changes" (keys are sorted), and left for the streaming reader.
std::string document_type(const std::string& path, std::optional<protocol::Json>& document);

// Chains `doc` after the change set at `previous_path` (specs/formats-voters.md
// §V2): its sequence is the previous one's plus 1 and `previous` its hash.
// The previous set must carry a valid signature by the config's organizer
// key; otherwise throws FormatError naming the file, and `doc` is unchanged.
void chain_after_previous(protocol::VoterListChanges& doc, const std::string& previous_path,
                          const protocol::ElectionConfig& config);

}  // namespace evote::admin
