#include "evote/protocol/atomic_output.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "evote/crypto/random.hpp"
#include "evote/protocol/error.hpp"

namespace evote::protocol {

namespace {

constexpr std::size_t kBufferBytes = 1 << 16;

[[noreturn]] void fail(const std::string& action, const std::filesystem::path& path) {
  const int error = errno;
  throw FormatError(path.string() + ": cannot write: " + action + ": " + std::strerror(error));
}

void write_all(int fd, const std::uint8_t* data, std::size_t size,
               const std::filesystem::path& path) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("write", path);
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

// fsync of the folder makes the rename itself durable.
void sync_folder(const std::filesystem::path& file) {
  std::filesystem::path folder = file.parent_path();
  if (folder.empty()) folder = ".";
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("open folder", folder);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) fail("fsync folder", folder);
}

}  // namespace

AtomicOutput::AtomicOutput(std::filesystem::path target) : target_(std::move(target)) {
  temp_ = target_;
  temp_ += ".tmp-" + crypto::to_hex(crypto::random_bytes(8));
  fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd_ < 0) fail("create", temp_);
  buffer_.reserve(kBufferBytes);
}

AtomicOutput::~AtomicOutput() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temp_.c_str());
}

void AtomicOutput::write(crypto::BytesView bytes) {
  if (committed_)
    throw std::logic_error("atomic output: write after commit to " + target_.string());
  written_ += bytes.size();
  if (buffer_.size() + bytes.size() > kBufferBytes) flush();
  if (bytes.size() >= kBufferBytes) {
    write_all(fd_, bytes.data(), bytes.size(), temp_);
  } else {
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
  }
}

void AtomicOutput::write(std::string_view text) { write(crypto::as_bytes(text)); }

void AtomicOutput::flush() {
  write_all(fd_, buffer_.data(), buffer_.size(), temp_);
  buffer_.clear();
}

void AtomicOutput::commit() {
  if (committed_) return;
  flush();
  if (::fsync(fd_) != 0) fail("fsync", temp_);
  const int rc = ::close(fd_);
  fd_ = -1;
  if (rc != 0) fail("close", temp_);
  if (::rename(temp_.c_str(), target_.c_str()) != 0) fail("rename", target_);
  committed_ = true;
  sync_folder(target_);
}

}  // namespace evote::protocol
