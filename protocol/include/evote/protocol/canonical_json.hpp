// Canonical JSON: the one byte encoding of every evote document.
//
// Canonical form: UTF-8; no insignificant whitespace; object keys sorted by
// their UTF-8 bytes, each key once; integers only (no fractions, exponents or
// floats), in the range of a signed or unsigned 64-bit integer, without
// leading zeros or "-0"; strings escaped minimally (only '"', '\\' and
// control characters; \b \f \n \r \t, else \u00xx lower-case); no trailing
// newline. Binary values are base64url strings (base64url.hpp).
//
// parse_canonical accepts only bytes that are already in canonical form, so a
// signed document has exactly one byte string and a re-encoded or
// hand-edited file is refused before anything else is read.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/bytes.hpp"

namespace evote::protocol {

using Json = nlohmann::json;

// The canonical bytes of `value`. Throws FormatError for floats or invalid
// UTF-8 in strings.
crypto::Bytes canonical_bytes(const Json& value);
std::string canonical_string(const Json& value);

// Parses `bytes` (a document called `what` in errors). Throws FormatError:
// not JSON, not canonical, float values, a duplicate key.
Json parse_canonical(crypto::BytesView bytes, std::string_view what);

// Typed, path-aware reading of a JSON object. Every error names the document
// and the field: "<what>: <path>: <problem>".
class ObjectReader {
 public:
  // `json` must outlive the reader. Throws unless it is an object.
  ObjectReader(const Json& json, std::string what, std::string path = "");

  bool has(std::string_view key) const;
  std::string string(std::string_view key) const;
  std::uint64_t unsigned_integer(std::string_view key) const;
  crypto::Bytes binary(std::string_view key) const;  // base64url
  bool boolean(std::string_view key) const;
  ObjectReader object(std::string_view key) const;
  // The array at key; each element read through the callback with its path.
  const Json& array(std::string_view key) const;
  const Json& raw(std::string_view key) const;

  // Refuses keys other than `allowed` ("unknown field").
  void allow_only(std::initializer_list<std::string_view> allowed) const;
  // Requires "version" == expected (and "type" == type when given).
  void expect_type_and_version(std::string_view type, std::uint64_t version) const;

  // "<path>.<key>" and "<path>[i]" helpers for nested readers.
  std::string path_of(std::string_view key) const;
  const std::string& what() const { return what_; }
  const std::string& path() const { return path_; }
  [[noreturn]] void fail(std::string_view key, const std::string& problem) const;

 private:
  const Json& field(std::string_view key) const;
  const Json* json_;
  std::string what_;
  std::string path_;
};

// Reads element i of an array as the given kind, with its path in errors.
std::string element_path(const std::string& array_path, std::size_t index);
[[noreturn]] void fail_at(const std::string& what, const std::string& path, const std::string& problem);
std::string expect_string(const Json& value, const std::string& what, const std::string& path);
std::uint64_t expect_unsigned(const Json& value, const std::string& what, const std::string& path);
crypto::Bytes expect_binary(const Json& value, const std::string& what, const std::string& path);

}  // namespace evote::protocol
