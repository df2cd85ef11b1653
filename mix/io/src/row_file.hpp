// Direct access to the rows of a ciphertext array file (internal to
// mix/io): raw bytes by row range or single row (pread), and strict parallel
// decoding of a range, so that a stage never holds more than a chunk of
// decoded rows. The file's magic, header and exact size are checked on
// opening (protocol::CiphertextFileReader).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/protocol/ciphertext_file.hpp"

namespace evote::mix::io {

// pread of a byte range of any file, with errors naming the file.
class FileBytes {
 public:
  explicit FileBytes(const std::filesystem::path& path);
  ~FileBytes();
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;

  std::uint64_t size() const { return size_; }
  const std::string& name() const { return name_; }
  // Exactly `count` bytes at `offset`; FormatError if the file is shorter.
  void read(std::uint64_t offset, std::uint8_t* out, std::size_t count) const;
  crypto::Bytes read(std::uint64_t offset, std::size_t count) const;

 private:
  int fd_ = -1;
  std::uint64_t size_ = 0;
  std::string name_;
};

class RowFile {
 public:
  explicit RowFile(const std::filesystem::path& path);

  const protocol::CiphertextFileHeader& header() const { return header_; }
  const crypto::Group& group() const { return *group_; }
  std::uint64_t rows() const { return header_.count; }
  std::size_t width() const { return header_.width; }
  std::size_t row_bytes() const { return row_bytes_; }
  std::uint64_t data_offset() const { return data_offset_; }
  const FileBytes& bytes() const { return bytes_; }

  // Rows [first, first + count) as raw bytes.
  crypto::Bytes read_rows(std::uint64_t first, std::size_t count) const;
  // Row `row` into out[0 .. row_bytes()).
  void read_row(std::uint64_t row, std::uint8_t* out) const;

  // Decodes `count` rows of raw bytes (row-major: count · width ciphertexts)
  // on every core; `row_numbers[i]` is row i's index (from 0) in the file;
  // the error reads "ciphertext file <path>: row R column C: <reason>" (a
  // FormatError) with R and C counted from 1.
  std::vector<crypto::Ciphertext> decode(crypto::BytesView bytes,
                                         const std::vector<std::uint64_t>& row_numbers) const;
  // The same for rows first .. first + count − 1 read in order.
  std::vector<crypto::Ciphertext> decode_range(std::uint64_t first, std::size_t count) const;

 private:
  FileBytes bytes_;
  protocol::CiphertextFileHeader header_;
  const crypto::Group* group_ = nullptr;
  std::size_t row_bytes_ = 0;
  std::uint64_t data_offset_ = 0;
};

}  // namespace evote::mix::io
