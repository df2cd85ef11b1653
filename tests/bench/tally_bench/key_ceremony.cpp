// The key ceremony with evote-keys; see key_ceremony.hpp.
#include "tally_bench/key_ceremony.hpp"

#include <algorithm>
#include <stdexcept>

#include "evote/protocol/base64url.hpp"
#include "evote/protocol/files.hpp"
#include "tally_bench/child_process.hpp"

namespace evote::bench {

namespace fs = std::filesystem;

namespace {

// The value of a "key: value" line of a program's output.
std::string line_value(const std::string& output, const std::string& key) {
  const auto at = output.find(key + ": ");
  if (at == std::string::npos) throw std::runtime_error("no \"" + key + ":\" in:\n" + output);
  const auto start = at + key.size() + 2;
  return output.substr(start, output.find('\n', start) - start);
}

}  // namespace

KeyCeremony::KeyCeremony(std::string keys_bin, fs::path root, fs::path passphrase_file,
                         fs::path logs, std::uint32_t n)
    : keys_bin_(std::move(keys_bin)),
      root_(std::move(root)),
      passphrase_file_(std::move(passphrase_file)),
      logs_(std::move(logs)),
      n_(n) {}

fs::path KeyCeremony::trustee_dir(std::uint32_t j) const {
  return root_ / ("t" + std::to_string(j));
}

std::string KeyCeremony::step(const std::vector<std::string>& argv, const std::string& log_name) {
  const ChildRun run = run_child(argv, logs_ / ("ceremony-" + log_name + ".log"));
  seconds_ += run.seconds;
  peak_mib_ = std::max(peak_mib_, run.peak_mib);
  if (!run.ok())
    throw std::runtime_error(shell_line(argv) + " failed (exit " + std::to_string(run.status) +
                             "):\n" + run.output);
  return run.output;
}

std::vector<std::string> KeyCeremony::trustee_step(const std::string& command,
                                                   std::uint32_t j) const {
  return {keys_bin_,
          command,
          "--config",
          (trustee_dir(j) / "config.json").string(),
          "--dir",
          trustee_dir(j).string(),
          "--passphrase-file",
          passphrase_file_.string()};
}

// Trustee j's file to every other trustee and, if public, to the public folder.
void KeyCeremony::share(std::uint32_t j, const std::string& name, bool publish) const {
  for (std::uint32_t k = 1; k <= n_; ++k) {
    if (k != j)
      fs::copy_file(trustee_dir(j) / name, trustee_dir(k) / name,
                    fs::copy_options::overwrite_existing);
  }
  if (publish)
    fs::copy_file(trustee_dir(j) / name, root_ / "public" / name,
                  fs::copy_options::overwrite_existing);
}

std::vector<protocol::Trustee> KeyCeremony::init_trustees() {
  std::vector<protocol::Trustee> trustees;
  fs::create_directories(root_);
  for (std::uint32_t j = 1; j <= n_; ++j) {
    const std::string output = step({keys_bin_, "trustee-init", "--dir", trustee_dir(j).string(),
                                     "--passphrase-file", passphrase_file_.string()},
                                    "trustee-init-" + std::to_string(j));
    trustees.push_back({j, "Trustee " + std::to_string(j),
                        crypto::Ed25519PublicKey::decode(
                            protocol::base64url_decode(line_value(output, "signing-key"))),
                        crypto::X25519PublicKey::decode(
                            protocol::base64url_decode(line_value(output, "encryption-key")))});
  }
  return trustees;
}

std::string KeyCeremony::run(const crypto::Bytes& signed_config) {
  fs::create_directories(root_ / "public");
  protocol::write_file_atomic(root_ / "public" / "config.json", signed_config,
                              protocol::WriteMode::new_public());
  for (std::uint32_t j = 1; j <= n_; ++j)
    fs::copy_file(root_ / "public" / "config.json", trustee_dir(j) / "config.json");
  const auto each = [&](const std::string& command, const std::string& file, bool publish) {
    for (std::uint32_t j = 1; j <= n_; ++j)
      step(trustee_step(command, j), command + "-" + std::to_string(j));
    for (std::uint32_t j = 1; j <= n_; ++j)
      share(j, file + "-" + std::to_string(j) + ".json", publish);
  };
  each("deal", "deal", true);
  for (std::uint32_t j = 1; j <= n_; ++j) share(j, "boxes-" + std::to_string(j) + ".json", false);
  each("receive", "complaints", true);
  each("finish", "finish", true);
  const std::string output =
      step({keys_bin_, "publish-key", "--config", (root_ / "public" / "config.json").string(),
            "--dir", (root_ / "public").string(), "--out", ceremony_file().string()},
           "publish-key");
  return line_value(output, "election public key");
}

}  // namespace evote::bench
