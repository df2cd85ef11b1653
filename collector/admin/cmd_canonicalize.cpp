// canonicalize IN OUT: a hand-edited config (any whitespace and key order,
// pretty-printed) into the canonical unsigned draft, checked completely by
// the reader (errors name the field, e.g. "contests[0].choices[1].code").
#include <cstdio>
#include <filesystem>
#include <set>
#include <vector>

#include "commands.hpp"
#include "config_edit.hpp"
#include "evote/cli/program.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"
#include "json_syntax.hpp"

namespace evote::admin {

namespace {

// Any JSON text, but each key once per object (a duplicate would silently
// win over the first in nlohmann's parser).
protocol::Json parse_relaxed(const crypto::Bytes& bytes, const std::string& path) {
  std::vector<std::set<std::string>> keys;
  std::string duplicate;
  const auto callback = [&](int, protocol::Json::parse_event_t event, protocol::Json& parsed) {
    using Event = protocol::Json::parse_event_t;
    if (event == Event::object_start) keys.emplace_back();
    if (event == Event::object_end && !keys.empty()) keys.pop_back();
    if (event == Event::key && !keys.empty() &&
        !keys.back().insert(parsed.get<std::string>()).second && duplicate.empty()) {
      duplicate = parsed.get<std::string>();
    }
    return true;
  };
  protocol::Json document;
  try {
    document = protocol::Json::parse(bytes.begin(), bytes.end(), callback, true, false);
  } catch (const protocol::Json::parse_error& e) {
    refuse_json_syntax(path, bytes, e);
  } catch (const protocol::Json::exception& e) {
    throw protocol::FormatError(path + ": not valid JSON (" + e.what() + ")");
  }
  if (!duplicate.empty())
    throw protocol::FormatError(path + ": the key \"" + duplicate +
                                "\" appears twice in one object");
  if (!document.is_object()) throw protocol::FormatError(path + ": not a JSON object");
  return document;
}

}  // namespace

int cmd_canonicalize(const Args& args) {
  const std::string in = args.files().at(0);
  const std::string out = args.files().at(1);
  const crypto::Bytes bytes = protocol::read_file(in);
  protocol::Json document = parse_relaxed(bytes, in);
  const bool had_signature = document.erase("signature") > 0;
  protocol::ElectionConfig config;
  try {
    config = protocol::election_config_from_json(document);
    check_round_trip(config);
  } catch (const protocol::FormatError& e) {
    throw protocol::FormatError(in + ": " + e.what());
  }
  protocol::save_canonical(out, protocol::to_json(config), args.public_output());
  std::printf("wrote the canonical draft config %s (election %s)\n", out.c_str(),
              config.election_id.c_str());
  if (had_signature)
    std::printf("note: the signature of %s was left out; sign %s\n", in.c_str(), out.c_str());
  return 0;
}

}  // namespace evote::admin
