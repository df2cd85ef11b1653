// A small RFC 4180 CSV reader for the organizer's input files: comma
// separated, fields optionally in double quotes ("" inside quotes is a
// quote), UTF-8, lines ending in LF or CRLF. Errors name file and line.
#pragma once

#include <string>
#include <vector>

#include "evote/crypto/bytes.hpp"

namespace evote::admin {

struct CsvRow {
  std::size_t line = 0;  // 1-based line where the row starts
  std::vector<std::string> fields;
};

// Throws FormatError("<name>:<line>: ...") for an unterminated quote or text
// after a closing quote.
std::vector<CsvRow> parse_csv(crypto::BytesView bytes, const std::string& name);

}  // namespace evote::admin
