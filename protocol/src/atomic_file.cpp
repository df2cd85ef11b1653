#include "atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <string>

#include "evote/protocol/error.hpp"

namespace evote::protocol {

void write_file_atomically(const std::filesystem::path& path, WriteMode mode,
                           const std::function<void(const ByteSink&)>& produce) {
  AtomicOutput out(path, mode);
  produce([&](std::string_view chunk) { out.write(chunk); });
  out.commit();
}

FilePtr open_for_reading(const std::filesystem::path& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw FormatError(path.string() + ": cannot read: is a folder, not a file");
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file) throw FormatError(path.string() + ": cannot read: " + std::strerror(errno));
  return file;
}

}  // namespace evote::protocol
