// import-choices: a contest's candidates from CSV with the header
//   code,district,name_et[,name_en][,name_ru]
// Each row is checked against the config (code 2..kMaxChoiceCode, not yet
// used in the contest, a known district) so that an error names its CSV
// line; the whole config is then checked as the reader would (config_edit.hpp).
#include <cstdio>
#include <set>

#include "commands.hpp"
#include "config_edit.hpp"
#include "csv.hpp"
#include "documents.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"

namespace evote::admin {

namespace {

std::uint64_t parse_code(const std::string& text, const std::string& where) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
    throw protocol::FormatError(where + ": code \"" + text + "\" is not a number");
  }
  if (text.size() > 18 || std::stoull(text) > protocol::kMaxChoiceCode) {
    throw protocol::FormatError(where + ": code " + text + " is above the largest choice code " +
                                std::to_string(protocol::kMaxChoiceCode));
  }
  const std::uint64_t code = std::stoull(text);
  if (code <= protocol::kBlankCode) {
    throw protocol::FormatError(where + ": code " + text +
                                ": choice codes start at 2 (1 is the blank selection)");
  }
  return code;
}

// The rows of `path` as choices of `contest`, each checked against `config`.
std::vector<protocol::Choice> read_choices(const std::string& path,
                                           const protocol::ElectionConfig& config,
                                           const protocol::Contest& contest) {
  const std::vector<CsvRow> rows = parse_csv(protocol::read_file(path), path);
  if (rows.empty()) throw protocol::FormatError(path + ": empty file (expected a header line)");
  const std::vector<std::string>& header = rows[0].fields;
  const std::vector<std::string> expected = {"code", "district", "name_et", "name_en", "name_ru"};
  if (header.size() < 3 || header.size() > 5 ||
      !std::equal(header.begin(), header.end(), expected.begin())) {
    throw protocol::FormatError(path +
                                ":1: header must be code,district,name_et[,name_en][,name_ru]");
  }
  std::set<std::uint64_t> codes;
  for (const auto& choice : contest.choices) codes.insert(choice.code);
  std::vector<protocol::Choice> out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const std::string where = path + ":" + std::to_string(rows[i].line);
    const auto& f = rows[i].fields;
    if (f.size() != header.size()) {
      throw protocol::FormatError(where + ": expected " + std::to_string(header.size()) +
                                  " fields, found " + std::to_string(f.size()));
    }
    protocol::Choice choice{parse_code(f[0], where), f[1], {}};
    if (!codes.insert(choice.code).second) {
      throw protocol::FormatError(where + ": duplicate choice code " + f[0] + " in contest " +
                                  contest.id);
    }
    if (!config.find_district(choice.district)) {
      throw protocol::FormatError(where + ": unknown district \"" + choice.district +
                                  "\" (add-district first)");
    }
    for (std::size_t k = 2; k < f.size(); ++k) {
      if (f[k].empty()) throw protocol::FormatError(where + ": empty " + header[k]);
      choice.names[header[k].substr(5)] = f[k];
    }
    out.push_back(std::move(choice));
  }
  return out;
}

}  // namespace

int cmd_import_choices(const Args& args) {
  const std::string config_path = args.required("config");
  const std::string contest_id = args.required("contest");
  const std::string csv_path = args.required("csv");
  std::size_t imported = 0;
  edit_config(
      args,
      [&](protocol::ElectionConfig& config) {
        protocol::Contest* contest = nullptr;
        for (auto& c : config.contests)
          if (c.id == contest_id) contest = &c;
        if (!contest) {
          throw protocol::FormatError(config_path + ": no contest \"" + contest_id +
                                      "\" (add-contest first)");
        }
        const std::vector<protocol::Choice> choices = read_choices(csv_path, config, *contest);
        contest->choices.insert(contest->choices.end(), choices.begin(), choices.end());
        imported = choices.size();
      },
      csv_path);
  std::printf("imported %zu choices into contest %s\n", imported, contest_id.c_str());
  return 0;
}

}  // namespace evote::admin
