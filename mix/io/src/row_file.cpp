#include "row_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <numeric>

#include "evote/crypto/error.hpp"
#include "evote/crypto/parallel.hpp"
#include "evote/protocol/error.hpp"

namespace evote::mix::io {

using protocol::FormatError;

FileBytes::FileBytes(const std::filesystem::path& path) : name_(path.string()) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat info {};
  if (fd_ < 0 || ::fstat(fd_, &info) != 0)
    throw FormatError(name_ + ": cannot read: " + std::strerror(errno));
  size_ = static_cast<std::uint64_t>(info.st_size);
}

FileBytes::~FileBytes() {
  if (fd_ >= 0) ::close(fd_);
}

void FileBytes::read(std::uint64_t offset, std::uint8_t* out, std::size_t count) const {
  std::size_t done = 0;
  while (done < count) {
    const ssize_t got = ::pread(fd_, out + done, count - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw FormatError(name_ + ": cannot read: " + std::strerror(errno));
    if (got == 0)
      throw FormatError(name_ + ": truncated at byte offset " + std::to_string(offset + done) +
                        " (the file shrank while reading)");
    done += static_cast<std::size_t>(got);
  }
}

crypto::Bytes FileBytes::read(std::uint64_t offset, std::size_t count) const {
  crypto::Bytes out(count);
  read(offset, out.data(), count);
  return out;
}

RowFile::RowFile(const std::filesystem::path& path) : bytes_(path) {
  const protocol::CiphertextFileReader reader(path);  // magic, header, exact size
  header_ = reader.header();
  group_ = &reader.group();
  row_bytes_ = std::size_t{header_.width} * 2 * group_->element_bytes();
  const crypto::Bytes prefix = bytes_.read(0, 12);
  data_offset_ = 12 + crypto::read_be32(crypto::BytesView(prefix).subspan(8, 4));
}

crypto::Bytes RowFile::read_rows(std::uint64_t first, std::size_t count) const {
  return bytes_.read(data_offset_ + first * row_bytes_, count * row_bytes_);
}

void RowFile::read_row(std::uint64_t row, std::uint8_t* out) const {
  bytes_.read(data_offset_ + row * row_bytes_, out, row_bytes_);
}

std::vector<crypto::Ciphertext> RowFile::decode(
    crypto::BytesView bytes, const std::vector<std::uint64_t>& row_numbers) const {
  const std::size_t width = header_.width;
  const std::size_t size = 2 * group_->element_bytes();
  std::vector<crypto::Ciphertext> out(row_numbers.size() * width,
                                      {group_->identity(), group_->identity()});
  try {
    crypto::parallel_ranges(out.size(), 64, [&](std::size_t begin, std::size_t end) {
      for (std::size_t at = begin; at < end; ++at) {
        try {
          out[at] = crypto::decode_ciphertext(*group_, bytes.subspan(at * size, size));
        } catch (const crypto::DecodeError& e) {
          // Counted from 1 in the message (specs/mix.md §1).
          throw crypto::DecodeError("ciphertext file " + bytes_.name() + ": row " +
                                    std::to_string(row_numbers[at / width] + 1) + " column " +
                                    std::to_string(at % width + 1) + ": " + e.what());
        }
      }
    });
  } catch (const crypto::DecodeError& e) {
    throw FormatError(e.what());
  }
  return out;
}

std::vector<crypto::Ciphertext> RowFile::decode_range(std::uint64_t first,
                                                      std::size_t count) const {
  std::vector<std::uint64_t> numbers(count);
  std::iota(numbers.begin(), numbers.end(), first);
  return decode(read_rows(first, count), numbers);
}

}  // namespace evote::mix::io
