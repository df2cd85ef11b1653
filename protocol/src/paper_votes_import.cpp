// Import of a paper-vote text file: one personal code per line.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <istream>

#include "evote/protocol/error.hpp"
#include "evote/protocol/paper_votes.hpp"

namespace evote::protocol {

namespace {

struct CodeAndLine {
  PersonalCode code;
  std::size_t line;
  auto operator<=>(const CodeAndLine&) const = default;
};

[[noreturn]] void fail_line(const std::string& what, std::size_t line, const std::string& problem) {
  throw FormatError(what + ":" + std::to_string(line) + ": " + problem);
}

// Sorted by (code, line): the earliest second occurrence of any code is the
// error a top-to-bottom reader would report.
void check_duplicates(const std::vector<CodeAndLine>& sorted, const std::string& what) {
  const CodeAndLine* worst = nullptr;
  std::size_t first_line = 0;
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i].code != sorted[i - 1].code) continue;
    if (worst == nullptr || sorted[i].line < worst->line)
      worst = &sorted[i], first_line = sorted[i - 1].line;
  }
  if (worst != nullptr) {
    fail_line(what, worst->line,
              "duplicate voter " + worst->code.str() + " (also on line " +
                  std::to_string(first_line) + ")");
  }
}

}  // namespace

std::vector<PersonalCode> import_paper_votes(std::istream& in, const std::string& what) {
  std::vector<CodeAndLine> codes;
  std::string text;
  for (std::size_t number = 1; std::getline(in, text); ++number) {
    std::string_view line = text;
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);  // BOM
    if (line.ends_with('\r')) line.remove_suffix(1);                             // CRLF
    if (line.empty()) fail_line(what, number, "empty line");
    const std::optional<PersonalCode> code = PersonalCode::parse(line);
    if (!code) fail_line(what, number, personal_code_problem(line));
    codes.push_back(CodeAndLine{*code, number});
  }
  if (in.bad()) throw FormatError(what + ": cannot read: input error");
  std::sort(codes.begin(), codes.end());
  check_duplicates(codes, what);
  std::vector<PersonalCode> out;
  out.reserve(codes.size());
  for (const CodeAndLine& c : codes) out.push_back(c.code);
  return out;
}

std::vector<PersonalCode> import_paper_votes_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FormatError(path.string() + ": cannot read: " + std::strerror(errno));
  return import_paper_votes(in, path.string());
}

}  // namespace evote::protocol
