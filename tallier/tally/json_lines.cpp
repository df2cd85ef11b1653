#include "json_lines.hpp"

#include "evote/protocol/error.hpp"

namespace evote::tally {

JsonLinesWriter::JsonLinesWriter(const std::filesystem::path& path)
    : out_(path, protocol::WriteMode::new_public()) {}

void JsonLinesWriter::append(const protocol::Json& object) {
  std::string line = protocol::canonical_string(object);
  line.push_back('\n');
  out_.write(std::string_view(line));
  ++lines_;
}

JsonLinesReader::JsonLinesReader(const std::filesystem::path& path, std::string what)
    : in_(path, std::ios::binary), what_(std::move(what)) {
  if (!in_) throw protocol::FormatError(what_ + ": cannot read " + path.string());
}

std::string JsonLinesReader::where() const { return what_ + " line " + std::to_string(line_); }

std::optional<protocol::Json> JsonLinesReader::next() {
  std::string line;
  if (!std::getline(in_, line)) {
    if (in_.bad())
      throw protocol::FormatError(what_ + ": read error after line " + std::to_string(line_));
    return std::nullopt;
  }
  ++line_;
  if (in_.eof())
    throw protocol::FormatError(where() + ": truncated (the file ends inside this line)");
  if (line.size() > kMaxListLineBytes)
    throw protocol::FormatError(where() + ": longer than 64 KiB");
  return protocol::parse_canonical(crypto::as_bytes(line), where());
}

}  // namespace evote::tally
