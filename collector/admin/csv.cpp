#include "csv.hpp"

#include "evote/protocol/error.hpp"

namespace evote::admin {

namespace {

struct CsvParser {
  crypto::BytesView in;
  const std::string& name;
  std::size_t pos = 0;
  std::size_t line = 1;

  [[noreturn]] void fail(const std::string& why) const {
    throw protocol::FormatError(name + ":" + std::to_string(line) + ": " + why);
  }
  bool at_end() const { return pos >= in.size(); }
  char peek() const { return static_cast<char>(in[pos]); }

  std::string quoted_field() {
    std::string out;
    ++pos;  // opening quote
    for (;;) {
      if (at_end()) fail("unterminated quoted field");
      const char c = peek();
      ++pos;
      if (c == '"') {
        if (!at_end() && peek() == '"') {
          out.push_back('"');
          ++pos;
          continue;
        }
        if (!at_end() && peek() != ',' && peek() != '\n' && peek() != '\r')
          fail("text after a closing quote");
        return out;
      }
      if (c == '\n') ++line;
      out.push_back(c);
    }
  }

  std::string plain_field() {
    std::string out;
    while (!at_end() && peek() != ',' && peek() != '\n' && peek() != '\r') {
      if (peek() == '"') fail("quote inside an unquoted field");
      out.push_back(peek());
      ++pos;
    }
    return out;
  }

  CsvRow row() {
    CsvRow r;
    r.line = line;
    for (;;) {
      r.fields.push_back(!at_end() && peek() == '"' ? quoted_field() : plain_field());
      if (!at_end() && peek() == ',') {
        ++pos;
        continue;
      }
      if (!at_end() && peek() == '\r') ++pos;
      if (!at_end() && peek() == '\n') ++pos;
      ++line;
      return r;
    }
  }
};

}  // namespace

std::vector<CsvRow> parse_csv(crypto::BytesView bytes, const std::string& name) {
  CsvParser parser{bytes, name};
  std::vector<CsvRow> rows;
  while (!parser.at_end()) {
    CsvRow r = parser.row();
    if (r.fields.size() == 1 && r.fields[0].empty()) continue;  // blank line
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace evote::admin
