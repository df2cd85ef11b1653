// Reading and checking a ballot box export (ballot_box.hpp).
#include <algorithm>
#include <exception>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <vector>

#include "ballot_box_json.hpp"
#include "evote/crypto/parallel.hpp"
#include "evote/protocol/ballot_box.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/signed_document.hpp"
#include "file_input.hpp"
#include "streaming_xof.hpp"

namespace evote::protocol {

BallotBoxReader::BallotBoxReader(const std::filesystem::path& path, const ElectionConfig& config,
                                 std::optional<crypto::Bytes> expected_config_hash)
    : name_("ballot box " + path.string()),
      election_id_(config.election_id),
      head_(initial_log_head()) {
  if (!config.collector) throw std::invalid_argument(name_ + ": the config has no collector key");
  collector_key_ = config.collector->signing_key;
  xof_ = std::make_unique<StreamingXof>(kFileHashTag);
  input_ = std::make_unique<FileInput>(path);
  input_->hash_as_read(xof_.get());
  crypto::Bytes line;
  if (!read_line(line)) fail("empty file (no header line)");
  header_ = header_from_json(parse_canonical(line, line_what()), line_what());
  if (header_.election_id != election_id_) {
    fail("election_id: \"" + header_.election_id + "\", expected \"" + election_id_ + "\"");
  }
  if (expected_config_hash && header_.config_hash != *expected_config_hash) {
    fail("config_hash: " + base64url_encode(header_.config_hash) + ", expected " +
         base64url_encode(*expected_config_hash) + " (a ballot box of another config)");
  }
}

BallotBoxReader::~BallotBoxReader() = default;

std::string BallotBoxReader::line_what() const { return name_ + " line " + std::to_string(line_); }

void BallotBoxReader::fail(const std::string& problem) const {
  throw FormatError(line_what() + ": " + problem);
}

// The next line; false at the end of the file. Refuses a cut or oversized line.
bool BallotBoxReader::read_line(crypto::Bytes& line) {
  const FileInput::Line result = input_->read_line(line, kMaxBallotBoxLineBytes);
  if (result == FileInput::Line::end_of_file) return false;
  ++line_;
  if (result == FileInput::Line::no_newline) fail("truncated (the file ends inside this line)");
  if (result == FileInput::Line::too_long) {
    fail("longer than " + std::to_string(kMaxBallotBoxLineBytes) + " bytes");
  }
  if (line.empty()) fail("empty line");
  return true;
}

std::optional<LoggedBallot> BallotBoxReader::next() {
  if (done_) return std::nullopt;
  crypto::Bytes line;
  if (!read_line(line)) {
    throw FormatError(name_ + ": truncated: no trailer line after line " + std::to_string(line_));
  }
  const Json document = parse_canonical(line, line_what());
  if (document.is_object() && document.contains("type")) {
    finish_with_trailer(document);
    return std::nullopt;
  }
  LoggedBallot logged = entry_from_json(document, line_what(), election_id_);
  follow_chain(logged);
  return logged;
}

void BallotBoxReader::follow_chain(LoggedBallot& logged) {
  const std::uint64_t expected = count_ + 1;
  if (logged.entry.sequence != expected) {
    fail("sequence: " + std::to_string(logged.entry.sequence) + ", expected " +
         std::to_string(expected));
  }
  const BallotBoxEntry& e = logged.entry;
  head_ = next_log_head(head_, e.sequence, e.vote_id, e.time, e.voter_id, logged.ballot_hash);
  logged.log_head = head_;
  count_ = expected;
}

void BallotBoxReader::finish_with_trailer(const Json& document, std::uint64_t lines_after) {
  const std::string what = line_what();
  trailer_ = trailer_from_json(document, what);
  if (trailer_.election_id != header_.election_id || trailer_.config_hash != header_.config_hash) {
    fail("election_id and config_hash differ from the header's");
  }
  if (trailer_.count != count_) {
    fail("count: " + std::to_string(trailer_.count) + ", but the file has " +
         std::to_string(count_) + " entries");
  }
  if (trailer_.log_head != head_) {
    fail(
        "log_head: does not match the log recomputed from the entries (an entry was altered, "
        "added or removed)");
  }
  const crypto::Verdict v = verify_document_signature(document, collector_key_, what);
  if (!v) throw FormatError(v.reason);
  if (lines_after != 0 || input_->position() != input_->size() || !input_->at_end()) {
    ++line_;
    fail("data after the trailer line");
  }
  digest_ = {xof_->finish(kHashBytes), input_->position()};
  done_ = true;
}

namespace {

// One line of a chunk, parsed apart from the others.
struct ParsedLine {
  std::optional<LoggedBallot> entry;
  std::optional<Json> trailer;  // a line with "type": the trailer candidate
  std::exception_ptr error;
};

}  // namespace

std::vector<LoggedBallot> BallotBoxReader::next_chunk(std::size_t max) {
  std::vector<LoggedBallot> out;
  if (done_ || max == 0) return out;
  const std::uint64_t first_line = line_ + 1;
  std::vector<crypto::Bytes> lines;
  lines.reserve(max);
  // A line that cannot be read (cut, too long, empty) is reported after the
  // lines before it, as next() would meet them.
  std::exception_ptr read_error;
  bool end_of_file = false;
  try {
    crypto::Bytes line;
    while (lines.size() < max) {
      if (!read_line(line)) {
        end_of_file = true;
        break;
      }
      lines.push_back(std::move(line));
    }
  } catch (const FormatError&) {
    read_error = std::current_exception();
  }
  const std::uint64_t line_after_chunk = line_;

  std::vector<ParsedLine> parsed(lines.size());
  const auto what_of = [&](std::size_t i) {
    return name_ + " line " + std::to_string(first_line + i);
  };
  crypto::parallel_for(lines.size(), [&](std::size_t i) {
    try {
      const std::string what = what_of(i);
      Json document = parse_canonical(lines[i], what);
      if (document.is_object() && document.contains("type")) {
        parsed[i].trailer = std::move(document);
      } else {
        parsed[i].entry = entry_from_json(document, what, election_id_);
      }
    } catch (...) {
      parsed[i].error = std::current_exception();
    }
  });

  out.reserve(lines.size());
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    line_ = first_line + i;
    ParsedLine& p = parsed[i];
    if (p.error) std::rethrow_exception(p.error);
    if (p.trailer) {
      finish_with_trailer(*p.trailer, lines.size() - 1 - i);
      return out;
    }
    follow_chain(*p.entry);
    out.push_back(std::move(*p.entry));
  }
  line_ = line_after_chunk;
  if (read_error) std::rethrow_exception(read_error);
  if (end_of_file) {
    throw FormatError(name_ + ": truncated: no trailer line after line " + std::to_string(line_));
  }
  return out;
}

namespace {

// The last line of the file (without its '\n'), read from the end.
crypto::Bytes last_line(const std::filesystem::path& path, const std::string& name) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FormatError(name + ": cannot read");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size <= 0) throw FormatError(name + ": empty file (no header line)");
  auto byte_at = [&](std::streamoff at) {
    char c = 0;
    in.seekg(at);
    in.get(c);
    if (!in) throw FormatError(name + ": cannot read");
    return c;
  };
  if (byte_at(size - 1) != '\n') throw FormatError(name + ": truncated (no newline at the end)");
  // Back from the final '\n' to the one before it, a block at a time.
  constexpr std::streamoff kBlock = 64 * 1024;
  std::streamoff end = size - 1, begin = end;
  std::vector<char> block;
  while (begin > 0) {
    const std::streamoff from = std::max<std::streamoff>(0, begin - kBlock);
    block.resize(static_cast<std::size_t>(begin - from));
    in.seekg(from);
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    if (!in) throw FormatError(name + ": cannot read");
    const auto newline = std::find(block.rbegin(), block.rend(), '\n');
    if (newline != block.rend()) {
      begin = from + static_cast<std::streamoff>(block.rend() - newline);
      break;
    }
    begin = from;
    if (end - begin > static_cast<std::streamoff>(kMaxBallotBoxLineBytes)) {
      throw FormatError(name + ": last line longer than " + std::to_string(kMaxBallotBoxLineBytes) +
                        " bytes");
    }
  }
  crypto::Bytes line(static_cast<std::size_t>(end - begin));
  in.seekg(begin);
  in.read(reinterpret_cast<char*>(line.data()), static_cast<std::streamsize>(line.size()));
  if (!in) throw FormatError(name + ": cannot read");
  return line;
}

}  // namespace

BallotBoxTrailer read_signed_trailer(const std::filesystem::path& path,
                                     const ElectionConfig& config,
                                     std::optional<crypto::Bytes> expected_config_hash) {
  // The header, checked as the reader checks it.
  BallotBoxReader reader(path, config, std::move(expected_config_hash));
  const std::string what = "ballot box " + path.string() + " last line";
  const crypto::Bytes line = last_line(path, "ballot box " + path.string());
  const Json document = parse_canonical(line, what);
  if (!document.is_object() || !document.contains("type")) {
    throw FormatError(what + ": not the trailer (the file ends inside the log)");
  }
  BallotBoxTrailer trailer = trailer_from_json(document, what);
  if (trailer.election_id != reader.header().election_id ||
      trailer.config_hash != reader.header().config_hash) {
    throw FormatError(what + ": election_id and config_hash differ from the header's");
  }
  const crypto::Verdict v =
      verify_document_signature(document, config.collector->signing_key, what);
  if (!v) throw FormatError(v.reason);
  return trailer;
}

}  // namespace evote::protocol
