#include "atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "evote/protocol/error.hpp"

namespace evote::protocol {

namespace {

// "<path>: cannot write: <reason>", the convention of files.hpp.
[[noreturn]] void throw_errno(const std::string& name, const char* action, int error = errno) {
  throw FormatError(name + ": " + action + ": " + std::strerror(error));
}

void write_all(int fd, std::string_view data, const std::string& name) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_errno(name, "cannot write");
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Makes the rename durable; failures here do not undo a finished write.
void sync_folder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(const ByteSink&)>& produce) {
  const std::string name = path.string();
  std::string pattern = name + ".tmp.XXXXXX";
  std::vector<char> temp_name(pattern.begin(), pattern.end());
  temp_name.push_back('\0');
  const int fd = ::mkstemp(temp_name.data());
  if (fd < 0) throw_errno(name, "cannot write");
  bool fd_open = true;
  try {
    produce([&](std::string_view chunk) { write_all(fd, chunk, name); });
    if (::fsync(fd) != 0) throw_errno(name, "cannot write");
    fd_open = false;
    if (::close(fd) != 0) throw_errno(name, "cannot write");
  } catch (...) {
    if (fd_open) ::close(fd);
    ::unlink(temp_name.data());
    throw;
  }
  if (::rename(temp_name.data(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp_name.data());
    throw_errno(name, "cannot write", error);
  }
  sync_folder(path.parent_path());
}

FilePtr open_for_reading(const std::filesystem::path& path) {
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file) throw_errno(path.string(), "cannot read");
  return file;
}

}  // namespace evote::protocol
