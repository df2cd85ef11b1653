// Streaming canonical JSON (internal): the writer of documents too large for
// a DOM. Produces the bytes canonical_json.hpp defines, so a streamed
// document equals canonical_string() of the same DOM; the callers write keys
// in sorted order themselves (tests compare against the DOM path).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "evote/crypto/hash.hpp"

namespace evote::protocol {

using ByteSink = std::function<void(std::string_view)>;

// Well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points
// above U+10FFFF), the same set nlohmann::json accepts.
bool is_valid_utf8(std::string_view text);

// Buffers output and hands it to the sink in chunks of about 64 KiB.
// flush() must be called at the end.
class CanonicalWriter {
 public:
  explicit CanonicalWriter(ByteSink sink);
  CanonicalWriter(const CanonicalWriter&) = delete;
  CanonicalWriter& operator=(const CanonicalWriter&) = delete;

  // Structural text ('{', "\"key\":", ...), written as given.
  void raw(std::string_view text);
  // A JSON string, escaped like nlohmann's dump(); FormatError if not UTF-8.
  void string(std::string_view text);
  void number(std::uint64_t value);
  void flush();

 private:
  void escape_into_buffer(std::string_view text);

  ByteSink sink_;
  std::string buffer_;
};

// Canonical-form checks of a document read by streaming: `write` writes
// the document as read to the sink it is given; FormatError "<what>: not in
// canonical form ..." unless that equals the input (given as its bytes, or as
// the SHA-512 of its bytes when it was streamed from a file).
void expect_canonical(const std::function<void(const ByteSink&)>& write, std::string_view input,
                      const std::string& what);
void expect_canonical(const std::function<void(const ByteSink&)>& write,
                      const crypto::Digest& input_sha512, const std::string& what);

}  // namespace evote::protocol
