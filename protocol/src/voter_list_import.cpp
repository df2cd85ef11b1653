// Import of the organizer's voter TSV into a change list.
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <istream>
#include <unordered_set>

#include "evote/protocol/error.hpp"
#include "evote/protocol/voter_list.hpp"
#include "message_text.hpp"

namespace evote::protocol {

namespace {

using DistrictSet = std::unordered_set<std::string_view>;

struct Line {
  const std::string& what;
  std::size_t number;
  [[noreturn]] void fail(const std::string& problem) const {
    throw FormatError(what + ":" + std::to_string(number) + ": " + problem);
  }
};

// Splits on tabs; returns the number of fields (only the first 4 are kept).
std::size_t split_fields(std::string_view text, std::array<std::string_view, 4>& fields) {
  std::size_t count = 0;
  while (true) {
    const std::size_t tab = text.find('\t');
    if (count < fields.size()) fields[count] = text.substr(0, tab);
    ++count;
    if (tab == std::string_view::npos) return count;
    text.remove_prefix(tab + 1);
  }
}

void import_line(std::string_view text, const Line& line, const DistrictSet& districts,
                 VoterChangeList& out) {
  if (text.empty()) line.fail("empty line");
  std::array<std::string_view, 4> fields;
  const std::size_t count = split_fields(text, fields);
  const std::string_view action = fields[0];
  if (action == "add" && count != 4) {
    line.fail("expected 4 fields, found " + std::to_string(count) +
              " (add<TAB>code<TAB>name<TAB>district)");
  }
  if (action == "remove" && count != 2) {
    line.fail("expected 2 fields, found " + std::to_string(count) + " (remove<TAB>code)");
  }
  if (action != "add" && action != "remove")
    line.fail("unknown action " + quote_input(action) + " (add or remove)");
  const std::optional<PersonalCode> code = PersonalCode::parse(fields[1]);
  if (!code) line.fail(personal_code_problem(fields[1]));
  if (action == "remove") {
    out.remove(*code);
    return;
  }
  const std::string problem = voter_name_problem(fields[2]);
  if (!problem.empty()) line.fail(problem);
  if (!districts.contains(fields[3])) line.fail("unknown district " + quote_input(fields[3]));
  out.add(*code, fields[2], fields[3]);
}

}  // namespace

// Every line is one change, so change i comes from line i + 1.
VoterChangeList import_voter_tsv(std::istream& in, const std::string& what,
                                 const ElectionConfig& config) {
  DistrictSet districts;
  for (const District& d : config.districts) districts.insert(d.id);
  VoterChangeList list;
  std::string text;
  for (std::size_t number = 1; std::getline(in, text); ++number) {
    std::string_view line = text;
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);  // BOM
    if (line.ends_with('\r')) line.remove_suffix(1);                             // CRLF
    import_line(line, Line{what, number}, districts, list);
  }
  if (in.bad()) throw FormatError(what + ": cannot read: input error");
  if (list.empty()) throw FormatError(what + ": no changes (empty file)");
  if (const auto v = find_change_order_violation(list)) {
    Line{what, v->index + 1}.fail(v->problem + " (" + v->earlier_is + " on line " +
                                  std::to_string(v->earlier + 1) + ")");
  }
  return list;
}

VoterChangeList import_voter_tsv_file(const std::filesystem::path& path,
                                      const ElectionConfig& config) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FormatError(path.string() + ": cannot read: " + std::strerror(errno));
  return import_voter_tsv(in, path.string(), config);
}

}  // namespace evote::protocol
