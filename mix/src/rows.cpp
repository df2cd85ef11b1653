#include "evote/mix/rows.hpp"

#include <limits>
#include <string>

#include "evote/crypto/error.hpp"
#include "evote/crypto/parallel.hpp"

namespace evote::mix {

using crypto::Bytes;
using crypto::BytesView;
using crypto::DecodeError;

Bytes encode_rows(const Rows& rows) {
  const std::size_t width = rows.empty() ? 0 : rows.front().items.size();
  Bytes out;
  crypto::append_be64(out, rows.size());
  crypto::append_be64(out, width);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].items.size() != width || width == 0) {
      throw crypto::Error("rows: row " + std::to_string(i + 1) + " has width " +
                          std::to_string(rows[i].items.size()) + ", expected " +
                          std::to_string(width));
    }
    for (const crypto::Ciphertext& c : rows[i].items) crypto::append(out, crypto::encode(c));
  }
  return out;
}

namespace {

// Total length for N rows of width w, or 0 if it would overflow.
std::size_t rows_length(std::uint64_t n, std::uint64_t w, std::size_t ciphertext_bytes) {
  constexpr std::uint64_t max = std::numeric_limits<std::size_t>::max() / 2;
  if (w != 0 && n > max / w) return 0;  // overflow
  const std::uint64_t count = n * w;
  if (count > (max - 16) / ciphertext_bytes) return 0;
  return 16 + count * ciphertext_bytes;
}

}  // namespace

Rows decode_rows(const crypto::Group& group, BytesView bytes) {
  if (bytes.size() < 16) {
    throw DecodeError("rows: truncated header (" + std::to_string(bytes.size()) + " bytes)");
  }
  const std::uint64_t n = crypto::read_be64(bytes);
  const std::uint64_t w = crypto::read_be64(bytes.subspan(8));
  // The width of no rows is 0; rows have at least one column.
  if ((n == 0) != (w == 0)) {
    throw DecodeError("rows: " + std::to_string(n) + " rows of width " + std::to_string(w));
  }
  const std::size_t ct = 2 * group.element_bytes();
  const std::size_t expected = rows_length(n, w, ct);
  if (expected == 0 || bytes.size() != expected) {
    throw DecodeError("rows: wrong length (" + std::to_string(bytes.size()) + " bytes for " +
                      std::to_string(n) + " rows of width " + std::to_string(w) + ")");
  }
  Rows rows(n);
  crypto::parallel_ranges(n, 64, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      std::size_t offset = 16 + i * w * ct;
      rows[i].items.reserve(w);
      for (std::size_t k = 0; k < w; ++k, offset += ct) {
        try {
          rows[i].items.push_back(crypto::decode_ciphertext(group, bytes.subspan(offset, ct)));
        } catch (const DecodeError& e) {
          throw DecodeError("rows: row " + std::to_string(i + 1) + ", column " +
                            std::to_string(k + 1) + ": " + e.what());
        }
      }
    }
  });
  return rows;
}

}  // namespace evote::mix
