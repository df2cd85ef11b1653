// Writing ciphertext array files (ciphertext_file.hpp).
#include <algorithm>
#include <stdexcept>

#include "evote/crypto/groups.hpp"
#include "evote/crypto/parallel.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/error.hpp"

namespace evote::protocol {

namespace {

// Rows each parallel task takes at least (a thread costs more than 64 rows).
constexpr std::size_t kRowsPerTask = 64;

// Validates the header the way a reader will, so no unreadable file is made.
const crypto::Group& checked_group(const CiphertextFileHeader& header) {
  const Json json = to_json(header);
  if (ciphertext_header_from_json(json, "ciphertext file header") != header) {
    throw std::invalid_argument("ciphertext file header does not read back");
  }
  return crypto::group_by_name(header.group);
}

}  // namespace

CiphertextFileWriter::CiphertextFileWriter(const std::filesystem::path& path,
                                           CiphertextFileHeader header, WriteMode mode)
    : header_(std::move(header)), group_(&checked_group(header_)), file_(path, mode) {
  const std::string json = canonical_string(to_json(header_));
  if (json.size() > kMaxCiphertextHeaderBytes) throw std::invalid_argument("header too long");
  crypto::Bytes prefix(kCiphertextFileMagic.begin(), kCiphertextFileMagic.end());
  crypto::append_be32(prefix, static_cast<std::uint32_t>(json.size()));
  file_.write(prefix);
  file_.write(json);
}

std::string CiphertextFileWriter::row_problem(std::span<const crypto::Ciphertext> row,
                                              std::uint64_t index) const {
  const std::string where = file_.target().string() + ": row " + std::to_string(index + 1);
  if (index >= header_.count) {
    return where + ": more than the header's " + std::to_string(header_.count) + " rows";
  }
  if (row.size() != header_.width) {
    return where + ": " + std::to_string(row.size()) + " ciphertexts, width is " +
           std::to_string(header_.width);
  }
  for (const crypto::Ciphertext& c : row) {
    if (&c.a.group() != group_ || &c.b.group() != group_) {
      return where + ": a ciphertext of another group";
    }
  }
  return {};
}

void CiphertextFileWriter::append(std::span<const crypto::Ciphertext> row) {
  if (const std::string problem = row_problem(row, rows_); !problem.empty())
    throw std::invalid_argument(problem);
  for (const crypto::Ciphertext& c : row) file_.write(crypto::encode(c));
  ++rows_;
}

void CiphertextFileWriter::append_encoded(std::span<const crypto::Bytes> row) {
  const std::string where = file_.target().string() + ": row " + std::to_string(rows_ + 1);
  if (rows_ >= header_.count) {
    throw std::invalid_argument(where + ": more than the header's " +
                                std::to_string(header_.count) + " rows");
  }
  if (row.size() != header_.width) {
    throw std::invalid_argument(where + ": " + std::to_string(row.size()) +
                                " ciphertexts, width is " + std::to_string(header_.width));
  }
  const std::size_t size = 2 * group_->element_bytes();
  for (const crypto::Bytes& c : row) {
    if (c.size() != size) {
      throw std::invalid_argument(where + ": a ciphertext of " + std::to_string(c.size()) +
                                  " bytes, the group's are " + std::to_string(size));
    }
  }
  for (const crypto::Bytes& c : row) file_.write(c);
  ++rows_;
}

void CiphertextFileWriter::append_rows(
    std::size_t count, const std::function<std::span<const crypto::Ciphertext>(std::size_t)>& row) {
  const std::size_t row_bytes = std::size_t{header_.width} * 2 * group_->element_bytes();
  crypto::Bytes buffer(count * row_bytes);
  // Encoding a computed ristretto255 point costs an inversion: all cores.
  crypto::parallel_ranges(count, kRowsPerTask, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const std::span<const crypto::Ciphertext> r = row(i);
      if (const std::string problem = row_problem(r, rows_ + i); !problem.empty())
        throw std::invalid_argument(problem);
      std::size_t at = i * row_bytes;
      for (const crypto::Ciphertext& c : r) {
        const crypto::Bytes bytes = crypto::encode(c);
        std::copy(bytes.begin(), bytes.end(), buffer.begin() + static_cast<std::ptrdiff_t>(at));
        at += bytes.size();
      }
    }
  });
  file_.write(buffer);
  rows_ += count;
}

void CiphertextFileWriter::finish() {
  if (rows_ != header_.count) {
    throw std::invalid_argument(file_.target().string() + ": " + std::to_string(rows_) +
                                " rows written, the header says " + std::to_string(header_.count));
  }
  file_.commit();
}

}  // namespace evote::protocol
