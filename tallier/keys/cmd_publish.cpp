// publish-key (the ceremony file from everybody's public messages) and
// verify-ceremony (anybody re-checks it).
#include <cstdio>
#include <filesystem>

#include "ceremony.hpp"
#include "commands.hpp"
#include "evote/protocol/config_file.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"
#include "output_guard.hpp"

namespace evote::keys {

using protocol::FormatError;
namespace fs = std::filesystem;

// The config and the ceremony messages in --dir: what --out must not replace.
std::vector<NamedInput> publish_inputs(const cli::Args& args) {
  std::vector<NamedInput> inputs = {{"--config", args.required("config")}};
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(args.required("dir"), error)) {
    const std::string name = entry.path().filename().string();
    for (const char* kind : {"deal-", "complaints-", "answers-", "finish-"})
      if (name.rfind(kind, 0) == 0) inputs.push_back({"--dir", entry.path()});
  }
  return inputs;
}

int cmd_publish_key(const cli::Args& args) {
  refuse_unsafe_output(args.required("out"), publish_inputs(args), std::nullopt);
  const std::string config_path = args.required("config");
  const protocol::ElectionConfig config = protocol::load_signed_election_config(config_path);
  const Setup setup = setup_from_config(config, config_path);
  const fs::path dir = args.required("dir");
  const Messages m = load_messages(setup, dir);
  const Outcome outcome = settle(setup, m);
  const crypto::Bytes hash = record_hash(record_to_json(setup, m));
  std::vector<Json> finishes;
  for (std::uint32_t j = 1; j <= setup.params.trustees; ++j) {
    const fs::path path = dir / finish_file(j);
    if (!fs::exists(path)) continue;
    Json doc = load_document(path.string());
    const Finish f = finish_from_json(setup, doc, path.string());
    if (f.trustee != j)
      throw FormatError(path.string() + ": trustee: the statement is from trustee " +
                        std::to_string(f.trustee));
    if (f.record_hash != hash) {
      throw FormatError(path.string() + ": record_hash: trustee " + std::to_string(j) +
                        " finished with other ceremony messages than those in " + dir.string());
    }
    finishes.push_back(std::move(doc));
  }
  const Json ceremony = ceremony_to_json(setup, m, outcome, finishes);
  // The same checks an observer runs, before anything is written.
  check_ceremony(ceremony, args.required("out"), config);
  protocol::save_canonical(args.required("out"), ceremony, args.public_output());
  std::printf("wrote %s\nelection public key: %s\n", args.required("out").c_str(),
              encode_element(outcome.key->public_key).c_str());
  std::printf("next: evote-admin set-election-key --config CONFIG --key %s\n",
              encode_element(outcome.key->public_key).c_str());
  return 0;
}

int cmd_verify_ceremony(const cli::Args& args) {
  const std::string path = args.files()[0];
  try {
    std::optional<protocol::ElectionConfig> config;
    if (auto c = args.optional("config")) config = protocol::load_signed_election_config(*c);
    const Ceremony ceremony = load_ceremony(path, config);
    std::printf("PASS %s: election %s, %u of %u trustees, public key %s\n", path.c_str(),
                ceremony.setup.params.election_id.c_str(), ceremony.setup.params.threshold,
                ceremony.setup.params.trustees, encode_element(ceremony.key->public_key).c_str());
    return 0;
  } catch (const std::exception& e) {
    std::printf("FAIL %s\n", e.what());
    return 1;
  }
}

}  // namespace evote::keys
