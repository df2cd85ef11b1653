// The key ceremony run with the real evote-keys, one process per step as
// tests/keys/ceremony_harness.hpp runs it: trustee j works in ROOT/t<j>, the
// public messages go to ROOT/public (the bulletin board) and to every other
// trustee, as USB sticks would carry them; ROOT/public/ceremony.json is the
// ceremony file the trustees decrypt with.
//
//   KeyCeremony ceremony(keys_bin, root, passphrase_file, logs, 3);
//   config.trustees = ceremony.init_trustees();  config.threshold = 2;
//   std::string key = ceremony.run(signed_config_bytes);   // base64url
//
// Every step that fails throws std::runtime_error with the program's output.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::bench {

class KeyCeremony {
 public:
  KeyCeremony(std::string keys_bin, std::filesystem::path root,
              std::filesystem::path passphrase_file, std::filesystem::path logs, std::uint32_t n);

  // trustee-init for every trustee: their identity keys, for the config.
  std::vector<protocol::Trustee> init_trustees();
  // deal, receive, finish and publish-key with `signed_config` (canonical
  // bytes of the organizer-signed config naming the trustees). Returns the
  // election public key, base64url.
  std::string run(const crypto::Bytes& signed_config);

  std::uint32_t trustees() const { return n_; }
  std::filesystem::path trustee_dir(std::uint32_t j) const;
  std::filesystem::path ceremony_file() const { return root_ / "public" / "ceremony.json"; }
  std::filesystem::path passphrase_file() const { return passphrase_file_; }
  double seconds() const { return seconds_; }    // wall seconds of every step so far
  double peak_mib() const { return peak_mib_; }  // largest peak RSS of a step

 private:
  std::string step(const std::vector<std::string>& argv, const std::string& log_name);
  std::vector<std::string> trustee_step(const std::string& command, std::uint32_t j) const;
  void share(std::uint32_t j, const std::string& name, bool publish) const;

  std::string keys_bin_;
  std::filesystem::path root_, passphrase_file_, logs_;
  std::uint32_t n_;
  double seconds_ = 0, peak_mib_ = 0;
};

}  // namespace evote::bench
