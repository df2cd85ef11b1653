// Reading ciphertext array files (ciphertext_file.hpp).
#include <algorithm>
#include <limits>

#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/parallel.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/error.hpp"
#include "file_input.hpp"

namespace evote::protocol {

namespace {
// Rows each parallel task takes at least (a thread costs more than 64 rows).
constexpr std::size_t kRowsPerTask = 64;
}  // namespace

CiphertextFileReader::CiphertextFileReader(const std::filesystem::path& path)
    : name_("ciphertext file " + path.string()), input_(std::make_unique<FileInput>(path)) {
  read_header();
}

CiphertextFileReader::~CiphertextFileReader() = default;

void CiphertextFileReader::fail(const std::string& problem) const {
  throw FormatError(name_ + ": " + problem);
}

void CiphertextFileReader::read_header() {
  crypto::Bytes prefix(kCiphertextFileMagic.size() + 4);
  const std::size_t got = input_->read(prefix.data(), prefix.size());
  const std::size_t magic_got = std::min(got, kCiphertextFileMagic.size());
  if (!std::equal(prefix.begin(), prefix.begin() + static_cast<std::ptrdiff_t>(magic_got),
                  kCiphertextFileMagic.begin())) {
    fail("not a ciphertext array file (wrong magic)");
  }
  if (magic_got < kCiphertextFileMagic.size()) fail("truncated (shorter than the magic)");
  if (got < prefix.size()) fail("truncated (no header length)");
  const std::uint32_t length = crypto::read_be32(crypto::BytesView(prefix).subspan(8));
  if (length == 0 || length > kMaxCiphertextHeaderBytes) {
    fail("header length " + std::to_string(length) + " is not between 1 and " +
         std::to_string(kMaxCiphertextHeaderBytes));
  }
  crypto::Bytes json(length);
  if (input_->read(json.data(), json.size()) != json.size()) fail("truncated (inside the header)");
  header_ =
      ciphertext_header_from_json(parse_canonical(json, name_ + ": header"), name_ + ": header");
  group_ = &crypto::group_by_name(header_.group);
  const std::uint64_t row_bytes = std::uint64_t{header_.width} * 2 * group_->element_bytes();
  const std::uint64_t start = prefix.size() + length;
  if (header_.count > (std::numeric_limits<std::uint64_t>::max() - start) / row_bytes) {
    fail("header: count: " + std::to_string(header_.count) + " rows cannot fit in a file");
  }
  const std::uint64_t expected = start + header_.count * row_bytes;
  const std::uint64_t size = input_->size();
  if (size < expected) {
    // Rows count from 1 in messages (formats-ballots.md §1).
    const std::uint64_t whole = (size - std::min(size, start)) / row_bytes;
    const bool partial = size > start && (size - start) % row_bytes != 0;
    fail("truncated: " + std::to_string(size) + " bytes, expected " + std::to_string(expected) +
         " for " + std::to_string(header_.count) + " rows (the file ends " +
         (partial      ? "in row " + std::to_string(whole + 1)
          : whole == 0 ? std::string("before row 1")
                       : "after row " + std::to_string(whole)) +
         ")");
  }
  if (size > expected) {
    fail(std::to_string(size - expected) + " extra bytes after the last row (the header says " +
         std::to_string(header_.count) + " rows)");
  }
}

CiphertextRow CiphertextFileReader::decode_row(crypto::BytesView bytes, std::uint64_t index) const {
  const std::size_t size = 2 * group_->element_bytes();
  CiphertextRow row;
  row.reserve(header_.width);
  for (std::size_t column = 0; column < header_.width; ++column) {
    try {
      row.push_back(crypto::decode_ciphertext(*group_, bytes.subspan(column * size, size)));
    } catch (const crypto::DecodeError& e) {
      fail("row " + std::to_string(index + 1) + " column " + std::to_string(column + 1) + ": " +
           e.what());
    }
  }
  return row;
}

std::vector<CiphertextRow> CiphertextFileReader::read_rows(std::size_t max_rows) {
  const std::size_t row_bytes = std::size_t{header_.width} * 2 * group_->element_bytes();
  const std::size_t count =
      static_cast<std::size_t>(std::min<std::uint64_t>(max_rows, header_.count - rows_));
  crypto::Bytes buffer(count * row_bytes);
  if (input_->read(buffer.data(), buffer.size()) != buffer.size()) {
    fail("truncated after " + std::to_string(rows_) + " rows (the file shrank while reading)");
  }
  // Decoding (with the membership check) is the costly part: all cores.
  std::vector<CiphertextRow> rows(count);
  const crypto::BytesView all(buffer);
  // A failure names the first bad row, as a sequential read would.
  crypto::parallel_ranges(count, kRowsPerTask, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      rows[i] = decode_row(all.subspan(i * row_bytes, row_bytes), rows_ + i);
  });
  rows_ += count;
  return rows;
}

}  // namespace evote::protocol
