// verify: checks each file completely (format, every rule, signature by the
// right key, the voter-list chain in the order given) and prints OK or FAIL
// with the reason per file. Exit status 1 if any file fails.
#include <cstdio>
#include <memory>

#include "commands.hpp"
#include "documents.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/key_file.hpp"
#include "evote/protocol/paper_votes.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/voter_list.hpp"
#include "evote/protocol/voter_registry.hpp"

namespace evote::admin {

namespace {

struct VerifyState {
  std::optional<protocol::ElectionConfig> config;
  std::optional<crypto::Ed25519PublicKey> pinned_organizer_key;
  std::unique_ptr<protocol::VoterRegistry> registry;

  const protocol::ElectionConfig& need_config(const std::string& path) const {
    if (!config)
      throw protocol::FormatError(
          path + ": needs the signed election config (--config or listed before it)");
    return *config;
  }
};

std::string verify_config(const std::string& path, const protocol::Json& document,
                          VerifyState& state) {
  const protocol::ElectionConfig config = protocol::election_config_from_json(document);
  if (!document.contains("signature")) throw protocol::FormatError("election config is not signed");
  const crypto::Verdict v =
      protocol::verify_document_signature(document, config.organizer_key, "election config");
  if (!v) throw protocol::FormatError(v.reason);
  if (state.pinned_organizer_key && !(*state.pinned_organizer_key == config.organizer_key)) {
    throw protocol::FormatError("signed by organizer key " +
                                protocol::base64url_encode(config.organizer_key.bytes) +
                                ", not the expected one");
  }
  state.config = config;
  state.registry = std::make_unique<protocol::VoterRegistry>(config);
  (void)path;
  std::string summary = "election config " + config.election_id + ", organizer key " +
                        protocol::base64url_encode(config.organizer_key.bytes);
  const auto missing = config.missing_for_voting();
  if (!missing.empty())
    summary +=
        " (not ready for voting: " + missing.front() + (missing.size() > 1 ? ", ..." : "") + ")";
  return summary;
}

std::string verify_voter_list(const std::string& path, VerifyState& state) {
  state.need_config(path);
  const protocol::VoterListChanges doc = protocol::load_voter_list_changes(path);
  state.registry->apply(doc);  // signature, chain, rules; throws naming the change set
  return "voter list change set " + std::to_string(doc.sequence) + ", " +
         std::to_string(doc.changes.size()) + " changes, " +
         std::to_string(state.registry->size()) + " voters on the list";
}

std::string verify_paper_votes(const std::string& path, const VerifyState& state) {
  const protocol::ElectionConfig& config = state.need_config(path);
  const protocol::PaperVotes doc = protocol::load_paper_votes(path);
  protocol::check_paper_votes(doc, config, path);
  return "paper-vote list, " + std::to_string(doc.voters.size()) + " voters";
}

std::string verify_one(const std::string& path, VerifyState& state) {
  std::optional<protocol::Json> document;
  const std::string type = document_type(path, document);
  if (type == "election-config") return verify_config(path, *document, state);
  if (type == "voter-list-changes") return verify_voter_list(path, state);
  if (type == "paper-votes") return verify_paper_votes(path, state);
  if (type == "sealed-signing-key") {
    const protocol::SealedKeyFile key = protocol::sealed_key_from_json(*document, "sealed key");
    return "sealed signing key (" + key.role + "), format only: opening it needs the passphrase";
  }
  throw protocol::FormatError("unknown document type \"" + type + "\"");
}

}  // namespace

int cmd_verify(const Args& args) {
  VerifyState state;
  if (auto pinned = args.optional("organizer-key")) {
    state.pinned_organizer_key =
        crypto::Ed25519PublicKey::decode(protocol::base64url_decode(*pinned));
  }
  std::vector<std::string> files = args.files();
  if (auto config = args.optional("config")) files.insert(files.begin(), *config);
  int failures = 0;
  for (const std::string& path : files) {
    try {
      std::printf("OK   %s: %s\n", path.c_str(), verify_one(path, state).c_str());
    } catch (const std::exception& e) {
      ++failures;
      // The file is named once: most messages already start with it.
      const std::string message = e.what();
      const bool named = message.rfind(path + ": ", 0) == 0;
      std::printf("FAIL %s\n", (named ? message : path + ": " + message).c_str());
    }
  }
  std::fflush(stdout);
  return failures == 0 ? 0 : 1;
}

}  // namespace evote::admin
