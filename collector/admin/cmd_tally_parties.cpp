// Commands that name the parties of the tally in a draft config: the mix
// servers of the cascade (stage k is made and signed by mix server k;
// specs/mix.md §10) and the tally operator's key. Each key is the public
// part of a sealed signing key file, as set-collector takes the collector's.
// A cascade has 2 to 16 servers, so the list is set whole (set-mix-servers)
// and then only changed in ways that keep at least 2 (add-mix-server,
// remove-mix-server), or removed whole (remove-mix-server --all).
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "config_edit.hpp"
#include "documents.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/key_file.hpp"

namespace evote::admin {

namespace {

// The public key of a sealed signing key file.
crypto::Ed25519PublicKey public_key_of(const std::string& key_path) {
  return protocol::sealed_key_from_json(load_document(key_path), key_path).public_key;
}

// "NAME=KEYFILE": the name is everything before the last '=' (a name may
// hold '=', a key file's path may not).
protocol::MixServer parse_server(const std::string& text) {
  const std::string::size_type equals = text.rfind('=');
  if (equals == std::string::npos)
    throw UsageError("\"" + text +
                     "\" is not NAME=KEYFILE (the mix server's name, '=', its key file)");
  return {text.substr(0, equals), public_key_of(text.substr(equals + 1))};
}

std::string key_text(const crypto::Ed25519PublicKey& key) {
  return protocol::base64url_encode(key.bytes);
}

void print_servers(const std::vector<protocol::MixServer>& servers) {
  for (std::size_t i = 0; i < servers.size(); ++i)
    std::printf("mix server %zu (stage %zu): \"%s\", signing key %s\n", i + 1, i + 1,
                servers[i].name.c_str(), key_text(servers[i].signing_key).c_str());
}

// Which server remove-mix-server removes: --index I, --name NAME or --all
// (exactly one; a usage mistake otherwise, found before the config is read).
struct ServerChoice {
  std::optional<std::uint64_t> index;
  std::optional<std::string> name;
  bool all = false;
};

ServerChoice server_choice(const Args& args) {
  ServerChoice choice{args.optional_number("index", 1, protocol::kMaxMixServers),
                      args.optional("name"), args.flag("all")};
  const int given = static_cast<int>(choice.index.has_value()) +
                    static_cast<int>(choice.name.has_value()) + static_cast<int>(choice.all);
  if (given != 1) throw UsageError("give exactly one of --index, --name and --all");
  return choice;
}

// The position in `servers` of the chosen one (not for --all).
std::size_t position_of(const ServerChoice& choice, const std::vector<protocol::MixServer>& servers,
                        const std::string& path) {
  if (servers.empty()) throw protocol::FormatError(path + ": names no mix servers");
  if (choice.index) {
    if (*choice.index > servers.size())
      throw protocol::FormatError(path + ": no mix server " + std::to_string(*choice.index) +
                                  " (it names " + std::to_string(servers.size()) + ")");
    return static_cast<std::size_t>(*choice.index - 1);
  }
  const auto it = std::find_if(servers.begin(), servers.end(), [&](const protocol::MixServer& m) {
    return m.name == *choice.name;
  });
  if (it == servers.end())
    throw protocol::FormatError(path + ": no mix server named \"" + *choice.name + "\"");
  return static_cast<std::size_t>(it - servers.begin());
}

}  // namespace

int cmd_set_mix_servers(const Args& args) {
  std::vector<protocol::MixServer> servers;
  for (const std::string& text : args.files()) servers.push_back(parse_server(text));
  edit_config(args, [&](protocol::ElectionConfig& c) { c.mix_servers = servers; });
  print_servers(servers);
  return 0;
}

int cmd_add_mix_server(const Args& args) {
  const std::string path = args.required("config");
  const protocol::MixServer server{args.required("name"),
                                   public_key_of(args.required("signing-key"))};
  std::size_t stage = 0;
  edit_config(args, [&](protocol::ElectionConfig& c) {
    if (c.mix_servers.empty())
      throw protocol::FormatError(
          path +
          ": names no mix servers yet, and a cascade needs at least 2: name them all at once "
          "with `evote-admin set-mix-servers --config " +
          path + " NAME=KEYFILE NAME=KEYFILE...`");
    c.mix_servers.push_back(server);
    stage = c.mix_servers.size();
  });
  std::printf("mix server %zu (stage %zu): \"%s\", signing key %s\n", stage, stage,
              server.name.c_str(), key_text(server.signing_key).c_str());
  return 0;
}

int cmd_remove_mix_server(const Args& args) {
  const std::string path = args.required("config");
  const ServerChoice choice = server_choice(args);
  std::string said;
  edit_config(args, [&](protocol::ElectionConfig& c) {
    if (choice.all) {
      if (c.mix_servers.empty()) throw protocol::FormatError(path + ": names no mix servers");
      said = "removed all " + std::to_string(c.mix_servers.size()) + " mix servers";
      c.mix_servers.clear();
      return;
    }
    const std::size_t at = position_of(choice, c.mix_servers, path);
    said = "removed mix server " + std::to_string(at + 1) + " \"" + c.mix_servers[at].name + "\"";
    for (std::size_t k = at + 1; k < c.mix_servers.size(); ++k)
      said += "\nrenumbered: mix server " + std::to_string(k + 1) + " \"" + c.mix_servers[k].name +
              "\" is now " + std::to_string(k);
    c.mix_servers.erase(c.mix_servers.begin() + static_cast<std::ptrdiff_t>(at));
  });
  std::printf("%s\n", said.c_str());
  return 0;
}

int cmd_set_tally_key(const Args& args) {
  const crypto::Ed25519PublicKey key = public_key_of(args.required("signing-key"));
  edit_config(args, [&](protocol::ElectionConfig& c) { c.tally_key = key; });
  std::printf("tally key: %s\n", key_text(key).c_str());
  return 0;
}

}  // namespace evote::admin
