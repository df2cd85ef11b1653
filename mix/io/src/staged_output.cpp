#include "staged_output.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <system_error>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/random.hpp"
#include "evote/protocol/error.hpp"

namespace evote::mix::io {

using protocol::FormatError;

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& action, int error) {
  throw FormatError(path.string() + ": cannot write: " + action + ": " + std::strerror(error));
}

std::filesystem::path folder_of(const std::filesystem::path& file) {
  const std::filesystem::path folder = file.parent_path();
  return folder.empty() ? std::filesystem::path(".") : folder;
}

// fsync of a folder makes a rename or mkdir in it durable.
void sync_folder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail(folder, "open folder", errno);
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) fail(folder, "fsync folder", error);
}

// rename(from, to) that refuses an existing `to`, atomically.
void rename_no_replace(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return;
  if (errno == EEXIST) throw FormatError(to.string() + ": already exists (refusing to replace it)");
  if (errno != EINVAL && errno != ENOSYS) fail(to, "rename", errno);
  // A file system without RENAME_NOREPLACE: link() refuses an existing name too.
  if (::link(from.c_str(), to.c_str()) != 0) {
    if (errno == EEXIST)
      throw FormatError(to.string() + ": already exists (refusing to replace it)");
    fail(to, "link", errno);
  }
  ::unlink(from.c_str());
}

}  // namespace

StagedFile::StagedFile(std::filesystem::path target) : target_(std::move(target)) {
  temp_ = target_;
  temp_ += ".tmp-" + crypto::to_hex(crypto::random_bytes(8));
}

StagedFile::~StagedFile() {
  if (!published_) ::unlink(temp_.c_str());
}

void StagedFile::publish() {
  rename_no_replace(temp_, target_);
  published_ = true;
  sync_folder(folder_of(target_));
}

void StagedFile::withdraw() noexcept {
  if (published_) ::unlink(target_.c_str());
  published_ = false;
}

void publish_together(std::initializer_list<StagedFile*> files) {
  std::vector<StagedFile*> published;
  try {
    for (StagedFile* file : files) {
      file->publish();
      published.push_back(file);
    }
  } catch (...) {
    for (StagedFile* file : published) file->withdraw();
    throw;
  }
}

void require_folder_of(const std::filesystem::path& file) {
  const std::filesystem::path folder = folder_of(file);
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error))
    throw FormatError(file.string() + ": folder " + folder.string() + " does not exist");
}

CreatedFolders::CreatedFolders(const std::filesystem::path& folder) {
  std::filesystem::path at = folder.has_filename() ? folder : folder.parent_path();
  std::error_code error;
  while (!at.empty() && !std::filesystem::exists(at, error)) {
    created_.push_back(at);
    at = at.parent_path();
  }
  for (auto it = created_.rbegin(); it != created_.rend(); ++it) {
    if (!std::filesystem::create_directory(*it, error) || error) {
      const std::string problem = it->string() + ": cannot create the folder: " +
                                  (error ? error.message() : "it appeared meanwhile");
      // Only the folders made so far are removed: *it and those below it were not made.
      created_.erase(created_.begin(), it.base());
      remove_created();
      throw FormatError(problem);
    }
  }
}

CreatedFolders::~CreatedFolders() {
  if (!kept_) remove_created();
}

void CreatedFolders::keep() {
  kept_ = true;
  if (!created_.empty()) sync_folder(folder_of(created_.back()));
}

void CreatedFolders::remove_created() noexcept {
  for (const std::filesystem::path& folder : created_) {
    std::error_code ignored;
    std::filesystem::remove(folder, ignored);  // an empty folder only
  }
  created_.clear();
}

}  // namespace evote::mix::io
