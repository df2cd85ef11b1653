#include "config_edit.hpp"

#include <cstdio>

#include "documents.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"

namespace evote::admin {

void check_round_trip(const protocol::ElectionConfig& config) {
  protocol::validate(config);
  const protocol::Json written = protocol::to_json(config);
  const protocol::ElectionConfig read_back = protocol::election_config_from_json(written);
  if (protocol::canonical_bytes(protocol::to_json(read_back)) !=
      protocol::canonical_bytes(written)) {
    throw protocol::FormatError(
        "election config: would not be read back as written (a bug; please report it)");
  }
}

void edit_config(const Args& args, const std::function<void(protocol::ElectionConfig&)>& change,
                 const std::string& blame) {
  const std::string path = args.required("config");
  const bool was_signed = load_document(path).contains("signature");
  protocol::ElectionConfig config = load_config(path);
  change(config);
  try {
    check_round_trip(config);
  } catch (const protocol::FormatError& e) {
    throw protocol::FormatError((blame.empty() ? path : blame) + ": not changed: " + e.what());
  }
  protocol::save_canonical(path, protocol::to_json(config), protocol::WriteMode::replace_public());
  if (was_signed)
    std::fprintf(stderr, "note: %s changed, its signature was removed; sign it again\n",
                 path.c_str());
}

void refuse_while_election_key(const protocol::ElectionConfig& config, const std::string& path,
                               const std::string& change) {
  if (!config.election_public_key) return;
  throw protocol::FormatError(
      path + ": cannot " + change +
      ": the election key was made by the ceremony of the current trustees; remove it "
      "first with `evote-admin remove-election-key --config " +
      path + "` and run the key ceremony again with the new trustees");
}

}  // namespace evote::admin
