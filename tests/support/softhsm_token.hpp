// A throwaway SoftHSM2 token for tests: a temp folder with its own
// softhsm2.conf and token directory, SOFTHSM2_CONF pointing at it, and a
// token initialized with softhsm2-util. The destructor restores
// SOFTHSM2_CONF and removes the folder with every token in it.
//
// SOFTHSM2_CONF is process-wide: keep one SoftHsmToken alive at a time
// (add_token() puts more tokens into the same configuration). Not
// thread-safe.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "support/temp_folder.hpp"

namespace evote::testing {

class SoftHsmToken {
 public:
  static constexpr const char* kModule = "/usr/lib/softhsm/libsofthsm2.so";

  // Initializes a token with this label and user PIN (throws
  // std::runtime_error with softhsm2-util's output when that fails).
  explicit SoftHsmToken(std::string label = "evote-test", std::string pin = "123456",
                        std::string so_pin = "12345678");
  ~SoftHsmToken();
  SoftHsmToken(const SoftHsmToken&) = delete;
  SoftHsmToken& operator=(const SoftHsmToken&) = delete;

  // Initializes one more token in the same configuration.
  void add_token(const std::string& label, const std::string& pin,
                 const std::string& so_pin = "12345678");

  std::filesystem::path module() const { return kModule; }
  const std::string& label() const { return label_; }
  const std::string& pin() const { return pin_; }
  const std::filesystem::path& config() const { return config_; }
  const TempFolder& folder() const { return folder_; }

 private:
  TempFolder folder_;
  std::filesystem::path config_;
  std::string label_;
  std::string pin_;
  std::optional<std::string> previous_conf_;
};

}  // namespace evote::testing
