#include "evote/protocol/files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "evote/crypto/random.hpp"
#include "evote/protocol/error.hpp"

namespace evote::protocol {

crypto::Bytes read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FormatError(path + ": cannot read: " + std::strerror(errno));
  crypto::Bytes out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw FormatError(path + ": cannot read: I/O error");
  return out;
}

namespace {

void write_all(int fd, crypto::BytesView bytes, const std::string& path) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw FormatError(path + ": cannot write: " + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
}

void fsync_folder(const std::string& path) {
  const std::filesystem::path folder = std::filesystem::absolute(path).parent_path();
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

void write_file_atomic(const std::string& path, crypto::BytesView bytes) {
  const std::string temp = path + ".tmp-" + crypto::to_hex(crypto::random_bytes(6));
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) throw FormatError(path + ": cannot write: " + std::strerror(errno));
  try {
    write_all(fd, bytes, path);
    if (::fsync(fd) != 0) throw FormatError(path + ": cannot write: fsync: " + std::strerror(errno));
    if (::close(fd) != 0) throw FormatError(path + ": cannot write: close: " + std::strerror(errno));
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temp.c_str());
    throw FormatError(path + ": cannot write: rename: " + reason);
  }
  fsync_folder(path);
}

}  // namespace evote::protocol
