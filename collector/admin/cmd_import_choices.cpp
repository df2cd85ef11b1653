// import-choices: a contest's candidates from CSV with the header
//   code,district,name_et[,name_en][,name_ru][,party_et[,party_en][,party_ru]]
// (optional columns in that order; an empty party_et cell: no party).
// Each row is checked against the config (code 2..kMaxChoiceCode, not yet
// used in the contest, a known district) so that an error names its CSV
// line; the whole config is then checked as the reader would (config_edit.hpp).
#include <algorithm>
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

constexpr const char* kHeaderRule =
    "header must be code,district,name_et[,name_en][,name_ru][,party_et[,party_en][,party_ru]]";

// code,district,name_et, then optional columns in their order, party_en and
// party_ru only after party_et.
void check_header(const std::vector<std::string>& header, const std::string& path) {
  const std::vector<std::string> optional = {"name_en", "name_ru", "party_et", "party_en",
                                             "party_ru"};
  bool ok = header.size() >= 3 && header[0] == "code" && header[1] == "district" &&
            header[2] == "name_et";
  std::size_t next = 0;
  bool party_et = false;
  for (std::size_t k = 3; ok && k < header.size(); ++k) {
    const auto found =
        std::find(optional.begin() + static_cast<std::ptrdiff_t>(next), optional.end(), header[k]);
    ok = found != optional.end();
    if (!ok) break;
    next = static_cast<std::size_t>(found - optional.begin()) + 1;
    if (header[k] == "party_et") party_et = true;
    if (header[k].starts_with("party_") && !party_et) ok = false;
  }
  if (!ok) throw protocol::FormatError(path + ":1: " + kHeaderRule);
}

// The rows of `path` as choices of `contest`, each checked against `config`.
std::vector<protocol::Choice> read_choices(const std::string& path,
                                           const protocol::ElectionConfig& config,
                                           const protocol::Contest& contest) {
  const std::vector<CsvRow> rows = parse_csv(protocol::read_file(path), path);
  if (rows.empty()) throw protocol::FormatError(path + ": empty file (expected a header line)");
  const std::vector<std::string>& header = rows[0].fields;
  check_header(header, path);
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
    protocol::Choice choice{parse_code(f[0], where), f[1], {}, {}};
    if (!codes.insert(choice.code).second) {
      throw protocol::FormatError(where + ": duplicate choice code " + f[0] + " in contest " +
                                  contest.id);
    }
    if (!config.find_district(choice.district)) {
      throw protocol::FormatError(where + ": unknown district \"" + choice.district +
                                  "\" (add-district first)");
    }
    for (std::size_t k = 2; k < f.size(); ++k) {
      const bool party = header[k].starts_with("party_");
      if (f[k].empty() && !party) throw protocol::FormatError(where + ": empty " + header[k]);
      if (f[k].empty()) continue;
      (party ? choice.party : choice.names)[header[k].substr(party ? 6 : 5)] = f[k];
    }
    if (!choice.party.empty() && !choice.party.count("et"))
      throw protocol::FormatError(where +
                                  ": a party name without party_et (the Estonian name "
                                  "is required; leave every party cell empty for none)");
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
