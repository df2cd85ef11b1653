// Streaming reader of list documents (internal). nlohmann's SAX parser
// drives a builder that makes a DOM of everything except the elements of
// one top-level array member (the list): those are built one at a time,
// handed to a callback and dropped, so a million-entry document never
// becomes a DOM. Canonical form is checked by the caller, who re-serialises
// what it read and compares bytes (or hashes).
#pragma once

#include <cstdio>
#include <functional>
#include <optional>
#include <string>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/hash.hpp"
#include "evote/protocol/canonical_json.hpp"

namespace evote::protocol {

class StreamingObjectReader {
 public:
  // `on_element` gets each list element and its index; a FormatError it
  // throws is kept (see rethrow_element_error) and later elements are
  // skipped, so that the caller can first report a wrong type or version.
  using ElementFn = std::function<void(const Json& element, std::size_t index)>;
  StreamingObjectReader(std::string what, std::string list_key, ElementFn on_element);

  // FormatError "<what>: empty file", "<what>: not valid JSON (byte N;
  // truncated or corrupted?)", "<what>: (top level): expected an object, ...".
  void parse(crypto::BytesView bytes);
  // Reads the file in chunks; returns SHA-512 of every byte read.
  crypto::Digest parse_file(std::FILE* file);

  // The top-level object with the list member (if it was an array) as [].
  const Json& top() const { return top_; }
  std::size_t element_count() const { return element_count_; }
  void rethrow_element_error() const;

 private:
  friend class StreamingSaxHandler;
  std::string what_;
  std::string list_key_;
  ElementFn on_element_;
  Json top_;
  std::size_t element_count_ = 0;
  std::optional<std::string> element_error_;
};

}  // namespace evote::protocol
