// The refusal of a JSON file nlohmann's parser could not read, shared by
// evote-admin's readers of hand-written JSON (canonicalize, IVXV's lists).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "evote/crypto/bytes.hpp"
#include "evote/protocol/error.hpp"

namespace evote::admin {

// The line (from 1) of the byte at `offset` of `bytes`.
inline std::size_t line_at(const crypto::Bytes& bytes, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset && i < bytes.size(); ++i) line += bytes[i] == '\n';
  return line;
}

// FormatError "<path>:<line>: not valid JSON (byte N)" for a syntax error of
// the file `path` whose content is `bytes`.
[[noreturn]] inline void refuse_json_syntax(const std::string& path, const crypto::Bytes& bytes,
                                            const nlohmann::json::parse_error& e) {
  throw protocol::FormatError(path + ":" +
                              std::to_string(line_at(bytes, e.byte == 0 ? 0 : e.byte - 1)) +
                              ": not valid JSON (byte " + std::to_string(e.byte) + ")");
}

}  // namespace evote::admin
