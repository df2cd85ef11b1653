// A fresh folder under the system's temp folder, removed with everything in
// it when the object goes away.
#pragma once

#include <filesystem>
#include <string>

#include "evote/crypto/bytes.hpp"

namespace evote::testing {

class TempFolder {
 public:
  TempFolder();
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

crypto::Bytes read_whole_file(const std::filesystem::path& path);
// Plain write (tests set up inputs; no atomicity needed). Creates folders.
void write_whole_file(const std::filesystem::path& path, crypto::BytesView bytes);

}  // namespace evote::testing
