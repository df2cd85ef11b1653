#include "canonical_writer.hpp"

#include <algorithm>
#include <charconv>

#include "evote/protocol/error.hpp"

namespace evote::protocol {

namespace {

constexpr std::size_t kChunkBytes = 1 << 16;

// Length of the UTF-8 sequence starting at text[i], or 0 if it is malformed.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto lead = static_cast<std::uint8_t>(text[i]);
  std::size_t length = 0;
  std::uint32_t code_point = 0;
  if ((lead & 0xe0) == 0xc0) {
    length = 2, code_point = lead & 0x1f;
  } else if ((lead & 0xf0) == 0xe0) {
    length = 3, code_point = lead & 0x0f;
  } else if ((lead & 0xf8) == 0xf0) {
    length = 4, code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (text.size() - i < length) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<std::uint8_t>(text[i + k]);
    if ((next & 0xc0) != 0x80) return 0;
    code_point = (code_point << 6) | (next & 0x3f);
  }
  static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < kSmallest[length] || code_point > 0x10ffff) return 0;
  if (code_point >= 0xd800 && code_point <= 0xdfff) return 0;
  return length;
}

bool needs_escape(char c) { return c == '"' || c == '\\' || static_cast<std::uint8_t>(c) < 0x20; }

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<std::uint8_t>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

CanonicalWriter::CanonicalWriter(ByteSink sink) : sink_(std::move(sink)) {
  buffer_.reserve(kChunkBytes + 256);
}

void CanonicalWriter::raw(std::string_view text) {
  buffer_.append(text);
  if (buffer_.size() >= kChunkBytes) flush();
}

void CanonicalWriter::string(std::string_view text) {
  buffer_.push_back('"');
  escape_into_buffer(text);
  buffer_.push_back('"');
  if (buffer_.size() >= kChunkBytes) flush();
}

// The escapes of nlohmann's serializer with ensure_ascii = false.
void CanonicalWriter::escape_into_buffer(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (static_cast<std::uint8_t>(c) >= 0x80) {
      const std::size_t length = utf8_sequence_length(text, i);
      if (length == 0) throw FormatError("canonical JSON: string is not valid UTF-8");
      buffer_.append(text.substr(i, length));
      i += length;
      continue;
    }
    ++i;
    if (!needs_escape(c)) {
      buffer_.push_back(c);
      continue;
    }
    switch (c) {
      case '"':
        buffer_.append("\\\"");
        break;
      case '\\':
        buffer_.append("\\\\");
        break;
      case '\b':
        buffer_.append("\\b");
        break;
      case '\f':
        buffer_.append("\\f");
        break;
      case '\n':
        buffer_.append("\\n");
        break;
      case '\r':
        buffer_.append("\\r");
        break;
      case '\t':
        buffer_.append("\\t");
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const auto byte = static_cast<std::uint8_t>(c);
        buffer_.append("\\u00");
        buffer_.push_back(kHex[byte >> 4]);
        buffer_.push_back(kHex[byte & 0xf]);
      }
    }
  }
}

void CanonicalWriter::number(std::uint64_t value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  raw(std::string_view(digits, static_cast<std::size_t>(result.ptr - digits)));
}

void CanonicalWriter::flush() {
  if (buffer_.empty()) return;
  sink_(buffer_);
  buffer_.clear();
}

}  // namespace evote::protocol

namespace evote::protocol {

namespace {
const char* const kNotCanonical =
    "(whitespace, key order, a duplicate key, string escapes or number form)";
}

void expect_canonical(const std::function<void(const ByteSink&)>& write, std::string_view input,
                      const std::string& what) {
  std::size_t matched = 0;  // bytes of input equal to the output so far
  bool same = true;
  write([&](std::string_view chunk) {
    if (!same) return;
    const std::string_view expected = input.substr(matched, chunk.size());
    const auto diff =
        std::mismatch(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(expected.size()),
                      expected.begin());
    matched += static_cast<std::size_t>(diff.first - chunk.begin());
    same = expected.size() == chunk.size() &&
           diff.first == chunk.begin() + static_cast<std::ptrdiff_t>(chunk.size());
  });
  if (!same || matched != input.size()) {
    throw FormatError(what + ": not in canonical form at byte " + std::to_string(matched) + " " +
                      kNotCanonical);
  }
}

void expect_canonical(const std::function<void(const ByteSink&)>& write,
                      const crypto::Digest& input_sha512, const std::string& what) {
  crypto::Sha512 hash;
  write([&](std::string_view chunk) { hash.update(crypto::as_bytes(chunk)); });
  if (hash.finish() != input_sha512)
    throw FormatError(what + ": not in canonical form " + std::string(kNotCanonical));
}

}  // namespace evote::protocol
