// Ciphertext array files: the bulk binary format of the mix-net's inputs
// and outputs (specs/formats.md, "Ciphertext array file"):
//
//   "EVCTXT01" (8 bytes) || be32(H) || header (H bytes, canonical JSON)
//   || count rows × width ciphertexts, each enc(a) || enc(b)
//
// and nothing after. The header says the group, the row width and the row
// count, so a reader knows the exact file size before reading a row.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/group.hpp"
#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/canonical_json.hpp"

namespace evote::protocol {

// A view of an inline array, one object in the program. A view of a literal
// could have begin() folded to this file's copy of the literal and end()
// read from the copy the linker kept (seen with clang and ASan).
inline constexpr char kCiphertextFileMagicBytes[] = "EVCTXT01";
inline constexpr std::string_view kCiphertextFileMagic{kCiphertextFileMagicBytes,
                                                       sizeof kCiphertextFileMagicBytes - 1};
inline constexpr std::string_view kCiphertextArrayType = "ciphertext-array";
inline constexpr std::uint64_t kCiphertextArrayVersion = 1;
inline constexpr std::uint32_t kMaxCiphertextHeaderBytes = 65536;
inline constexpr std::uint32_t kMaxRowWidth = 1024;

struct CiphertextFileHeader {
  std::string election_id;
  std::string contest_id;
  std::string district;     // "" when the rows are of all districts
  std::string group;        // crypto group name
  std::uint32_t width = 1;  // ciphertexts per row, 1..kMaxRowWidth
  std::uint64_t count = 0;  // rows
  bool operator==(const CiphertextFileHeader&) const = default;
};

using CiphertextRow = std::vector<crypto::Ciphertext>;

Json to_json(const CiphertextFileHeader& header);
// FormatError names the field; the group must be known.
CiphertextFileHeader ciphertext_header_from_json(const Json& document, const std::string& what);

// Writes exactly header.count rows to a temporary file; finish() renames it
// into place. The count is fixed upfront so that the header never changes.
// Destroyed unfinished, it leaves nothing behind.
class CiphertextFileWriter {
 public:
  // FormatError for a header a reader would refuse (checked before the
  // temporary file is made).
  CiphertextFileWriter(const std::filesystem::path& path, CiphertextFileHeader header,
                       WriteMode mode = WriteMode::new_public());
  // Throws std::invalid_argument for a row of the wrong width or group, or
  // one row too many.
  void append(std::span<const crypto::Ciphertext> row);
  // Appends `count` rows, row(i) giving row i, encoding them on every core;
  // the same checks as append, naming the first bad row.
  void append_rows(std::size_t count,
                   const std::function<std::span<const crypto::Ciphertext>(std::size_t)>& row);
  // Appends one row given as the group's encodings of its ciphertexts
  // (crypto::encode), e.g. bytes read from a ballot, so that nothing is
  // encoded again. The caller must have decoded each (the group's strict,
  // membership-checking decoder accepts only such encodings), as every
  // reader of the file does again. Throws std::invalid_argument for a row
  // of the wrong width, a ciphertext of the wrong length, or one row too many.
  void append_encoded(std::span<const crypto::Bytes> row);
  // Throws std::invalid_argument unless header.count rows were appended.
  void finish();
  std::uint64_t rows_written() const { return rows_; }

 private:
  std::string row_problem(std::span<const crypto::Ciphertext> row, std::uint64_t index) const;
  CiphertextFileHeader header_;
  const crypto::Group* group_;
  AtomicOutput file_;
  std::uint64_t rows_ = 0;
};

class FileInput;

// Reads rows in chunks; every element is decoded with the group's strict,
// membership-checking decoder. FormatError names the file and the place:
//   ciphertext file x.bin: row 17 column 2: ciphertext b: not in the order-q subgroup
class CiphertextFileReader {
 public:
  // Reads the magic and the header and checks the file's exact size.
  explicit CiphertextFileReader(const std::filesystem::path& path);
  ~CiphertextFileReader();

  const CiphertextFileHeader& header() const { return header_; }
  const crypto::Group& group() const { return *group_; }
  // The next rows, at most max_rows; empty once every row is read.
  std::vector<CiphertextRow> read_rows(std::size_t max_rows);
  std::uint64_t rows_read() const { return rows_; }

 private:
  [[noreturn]] void fail(const std::string& problem) const;
  void read_header();
  CiphertextRow decode_row(crypto::BytesView bytes, std::uint64_t index) const;

  std::string name_;
  std::unique_ptr<FileInput> input_;
  CiphertextFileHeader header_;
  const crypto::Group* group_ = nullptr;
  std::uint64_t rows_ = 0;
};

}  // namespace evote::protocol
