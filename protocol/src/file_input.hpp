// Buffered reading of a file (internal): exact reads for binary formats and
// bounded line reads for JSON Lines, so that no input makes a reader hold
// more than one record in memory.
#pragma once

#include <cstdint>
#include <filesystem>

#include "evote/crypto/bytes.hpp"

namespace evote::protocol {

class StreamingXof;

class FileInput {
 public:
  // Throws FormatError("<path>: cannot read: <reason>").
  explicit FileInput(const std::filesystem::path& path);
  ~FileInput();
  FileInput(const FileInput&) = delete;
  FileInput& operator=(const FileInput&) = delete;

  // The file's size when it was opened.
  std::uint64_t size() const { return size_; }
  std::uint64_t position() const { return position_; }

  // Up to `count` bytes; fewer only at the end of the file.
  std::size_t read(std::uint8_t* out, std::size_t count);

  enum class Line { ok, end_of_file, no_newline, too_long };
  // The next line without its '\n'. end_of_file: nothing left; no_newline:
  // the file ends inside the line (kept in `line`); too_long: more than
  // `max_bytes` before the newline (the rest is not read).
  Line read_line(crypto::Bytes& line, std::size_t max_bytes);

  // Feeds every byte read from the file from now on to `xof` (which must
  // outlive the reads); call before the first read to hash the whole file.
  void hash_as_read(StreamingXof* xof) { xof_ = xof; }
  // True when every byte of the file has been consumed (reads ahead).
  bool at_end();

 private:
  bool fill();
  int fd_ = -1;
  std::filesystem::path path_;
  std::uint64_t size_ = 0;
  std::uint64_t position_ = 0;
  crypto::Bytes buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  StreamingXof* xof_ = nullptr;
};

}  // namespace evote::protocol
