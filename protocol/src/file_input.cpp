#include "file_input.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "evote/protocol/error.hpp"
#include "streaming_xof.hpp"

namespace evote::protocol {

namespace {
constexpr std::size_t kBufferBytes = 1 << 16;
}

FileInput::FileInput(const std::filesystem::path& path) : path_(path), buffer_(kBufferBytes) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw FormatError(path.string() + ": cannot read: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    const std::string reason = std::strerror(errno);
    ::close(fd_);
    throw FormatError(path.string() + ": cannot read: " + reason);
  }
  size_ = static_cast<std::uint64_t>(st.st_size);
}

FileInput::~FileInput() {
  if (fd_ >= 0) ::close(fd_);
}

// Refills the buffer; false at the end of the file.
bool FileInput::fill() {
  begin_ = 0;
  end_ = 0;
  for (;;) {
    const ssize_t n = ::read(fd_, buffer_.data(), buffer_.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw FormatError(path_.string() + ": cannot read: " + std::strerror(errno));
    end_ = static_cast<std::size_t>(n);
    if (xof_ != nullptr && n > 0) xof_->update(crypto::BytesView(buffer_.data(), end_));
    return n > 0;
  }
}

bool FileInput::at_end() { return begin_ == end_ && !fill(); }

std::size_t FileInput::read(std::uint8_t* out, std::size_t count) {
  std::size_t done = 0;
  while (done < count) {
    if (begin_ == end_ && !fill()) break;
    const std::size_t n = std::min(count - done, end_ - begin_);
    std::memcpy(out + done, buffer_.data() + begin_, n);
    begin_ += n;
    done += n;
  }
  position_ += done;
  return done;
}

FileInput::Line FileInput::read_line(crypto::Bytes& line, std::size_t max_bytes) {
  line.clear();
  for (;;) {
    if (begin_ == end_ && !fill()) return line.empty() ? Line::end_of_file : Line::no_newline;
    const auto first = buffer_.begin() + static_cast<std::ptrdiff_t>(begin_);
    const auto last = buffer_.begin() + static_cast<std::ptrdiff_t>(end_);
    const auto newline = std::find(first, last, std::uint8_t{'\n'});
    const std::size_t n = static_cast<std::size_t>(newline - first);
    if (line.size() + n > max_bytes) return Line::too_long;
    line.insert(line.end(), first, newline);
    begin_ += n;
    position_ += n;
    if (newline != last) {
      ++begin_;
      ++position_;
      return Line::ok;
    }
  }
}

}  // namespace evote::protocol
