// The tally's own lists (accepted, rejected, superseded … ballots;
// specs/tally.md §2): JSON Lines, one canonical JSON object and "\n" per
// line, written atomically, read strictly with errors naming file and line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/canonical_json.hpp"

namespace evote::tally {

// No line of a tally list is longer (they hold hashes, ids and reasons).
inline constexpr std::size_t kMaxListLineBytes = 64 * 1024;

// Writes to a temporary file; commit() renames it into place. Destroyed
// uncommitted, it leaves nothing.
class JsonLinesWriter {
 public:
  explicit JsonLinesWriter(const std::filesystem::path& path);
  void append(const protocol::Json& object);
  void commit() { out_.commit(); }
  std::uint64_t lines() const { return lines_; }

 private:
  protocol::AtomicOutput out_;
  std::uint64_t lines_ = 0;
};

class JsonLinesReader {
 public:
  // `what` names the file in errors ("accepted.jsonl").
  JsonLinesReader(const std::filesystem::path& path, std::string what);
  // The next line's object; nullopt at the end. FormatError
  // "<what> line <n>: <problem>" for a line that is not canonical JSON, too
  // long, or a file that does not end in "\n".
  std::optional<protocol::Json> next();
  std::uint64_t line() const { return line_; }
  // "<what> line <n>" for messages about the current line's content.
  std::string where() const;

 private:
  std::ifstream in_;
  std::string what_;
  std::uint64_t line_ = 0;
};

}  // namespace evote::tally
