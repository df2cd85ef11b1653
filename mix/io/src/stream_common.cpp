#include "stream_common.hpp"

#include <algorithm>
#include <cstdlib>
#include <mutex>

#include "evote/crypto/parallel.hpp"

namespace evote::mix::io {

std::size_t chunk_rows(std::size_t width) {
  if (const char* text = std::getenv("EVOTE_MIX_CHUNK_ROWS")) {
    const long long rows = std::atoll(text);
    if (rows >= 1) return static_cast<std::size_t>(rows);
  }
  return std::clamp<std::size_t>(65536 / (width + 1), 2048, 32768);
}

void absorb_file_range(crypto::Transcript& transcript, std::string_view label,
                       const FileBytes& file, std::uint64_t offset, std::uint64_t length) {
  constexpr std::size_t kPiece = 1 << 22;
  transcript.begin_item(label, length);
  crypto::Bytes buffer;
  for (std::uint64_t done = 0; done < length;) {
    const std::size_t piece =
        static_cast<std::size_t>(std::min<std::uint64_t>(kPiece, length - done));
    buffer.resize(piece);
    file.read(offset + done, buffer.data(), piece);
    transcript.absorb(buffer);
    done += piece;
  }
  transcript.end_item();
}

std::vector<crypto::Element> column_half(std::span<const crypto::Ciphertext> rows,
                                         std::size_t width, std::size_t k, bool a) {
  std::vector<crypto::Element> out;
  out.reserve(rows.size() / width);
  for (std::size_t at = k; at < rows.size(); at += width)
    out.push_back(a ? rows[at].a : rows[at].b);
  return out;
}

crypto::Element parallel_product(const crypto::Group& group,
                                 std::span<const crypto::Element> elements) {
  std::mutex mutex;
  crypto::Element product = group.identity();
  crypto::parallel_ranges(elements.size(), 1024, [&](std::size_t begin, std::size_t end) {
    crypto::Element part = group.identity();
    for (std::size_t i = begin; i < end; ++i) part = group.mul(part, elements[i]);
    std::lock_guard lock(mutex);
    product = group.mul(product, part);
  });
  return product;
}

void encode_into(std::span<const crypto::Element> elements, std::uint8_t* out) {
  if (elements.empty()) return;
  const std::size_t size = elements[0].group().element_bytes();
  crypto::parallel_ranges(elements.size(), 256, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const crypto::Bytes bytes = elements[i].encode();
      std::copy(bytes.begin(), bytes.end(), out + i * size);
    }
  });
}

}  // namespace evote::mix::io
