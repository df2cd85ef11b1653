#include "support/temp_folder.hpp"

#include <fstream>
#include <stdexcept>

#include "evote/crypto/random.hpp"

namespace evote::testing {

TempFolder::TempFolder()
    : path_(std::filesystem::temp_directory_path() /
            ("evote-test-" + crypto::to_hex(crypto::random_bytes(8)))) {
  std::filesystem::create_directories(path_);
}

TempFolder::~TempFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

crypto::Bytes read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return crypto::Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_whole_file(const std::filesystem::path& path, crypto::BytesView bytes) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace evote::testing
