#include "evote/protocol/atomic_output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "evote/crypto/random.hpp"
#include "evote/protocol/error.hpp"

namespace evote::protocol {

namespace {

constexpr std::size_t kBufferBytes = 1 << 16;

[[noreturn]] void fail(const std::string& action, const std::filesystem::path& path,
                       int error = errno) {
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

bool exists_as_anything(const std::filesystem::path& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0;
}

[[noreturn]] void already_exists(const std::filesystem::path& path) {
  throw FormatError(path.string() + ": already exists");
}

}  // namespace

void refuse_existing(const std::filesystem::path& path, WriteMode mode) {
  if (mode.existing == WriteMode::Existing::refuse && exists_as_anything(path))
    already_exists(path);
}

AtomicOutput::AtomicOutput(std::filesystem::path target, WriteMode mode)
    : target_(std::move(target)), mode_(mode) {
  if (mode_.access == WriteMode::Access::secret_file &&
      mode_.existing == WriteMode::Existing::replace)
    throw std::logic_error("atomic output: a secret is never replaced: " + target_.string());
  refuse_existing(target_, mode_);
  temp_ = target_;
  temp_ += ".tmp-" + crypto::to_hex(crypto::random_bytes(8));
  const mode_t permissions = mode_.access == WriteMode::Access::secret_file ? 0600 : 0644;
  fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions);
  if (fd_ < 0) fail("create " + temp_.filename().string(), target_);
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

void AtomicOutput::rename_into_place() {
  if (mode_.existing == WriteMode::Existing::replace) {
    if (::rename(temp_.c_str(), target_.c_str()) != 0) fail("rename", target_);
    return;
  }
  if (::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, target_.c_str(), RENAME_NOREPLACE) == 0)
    return;
  if (errno == EEXIST) already_exists(target_);
  if (errno != EINVAL && errno != ENOSYS) fail("rename", target_);
  // A file system without RENAME_NOREPLACE: link() refuses an existing name too.
  if (::link(temp_.c_str(), target_.c_str()) != 0) {
    if (errno == EEXIST) already_exists(target_);
    fail("link", target_);
  }
  ::unlink(temp_.c_str());
}

void AtomicOutput::commit() {
  if (committed_) return;
  flush();
  if (::fsync(fd_) != 0) fail("fsync", temp_);
  const int rc = ::close(fd_);
  fd_ = -1;
  if (rc != 0) fail("close", temp_);
  rename_into_place();
  committed_ = true;
  sync_folder(target_);
}

}  // namespace evote::protocol
