// import-choices: a contest's candidates from CSV with the header
//   code,district,name_et[,name_en][,name_ru]
#include <set>

#include "commands.hpp"
#include "csv.hpp"
#include "documents.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"

namespace evote::admin {

namespace {

std::uint64_t parse_code(const std::string& text, const std::string& where) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
    throw protocol::FormatError(where + ": code \"" + text + "\" is not a number");
  }
  return std::stoull(text);
}

std::vector<protocol::Choice> read_choices(const std::string& path) {
  const std::vector<CsvRow> rows = parse_csv(protocol::read_file(path), path);
  if (rows.empty()) throw protocol::FormatError(path + ": empty file (expected a header line)");
  const std::vector<std::string>& header = rows[0].fields;
  const std::vector<std::string> expected = {"code", "district", "name_et", "name_en", "name_ru"};
  if (header.size() < 3 || header.size() > 5 || !std::equal(header.begin(), header.end(), expected.begin())) {
    throw protocol::FormatError(path + ":1: header must be code,district,name_et[,name_en][,name_ru]");
  }
  std::vector<protocol::Choice> out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const std::string where = path + ":" + std::to_string(rows[i].line);
    const auto& f = rows[i].fields;
    if (f.size() != header.size()) {
      throw protocol::FormatError(where + ": expected " + std::to_string(header.size()) + " fields, found " +
                                  std::to_string(f.size()));
    }
    protocol::Choice choice{parse_code(f[0], where), f[1], {}};
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
  const std::vector<protocol::Choice> choices = read_choices(csv_path);

  const bool was_signed = load_document(config_path).contains("signature");
  protocol::ElectionConfig config = load_config(config_path);
  protocol::Contest* contest = nullptr;
  for (auto& c : config.contests) if (c.id == contest_id) contest = &c;
  if (!contest) throw protocol::FormatError(config_path + ": no contest \"" + contest_id + "\" (add-contest first)");
  contest->choices.insert(contest->choices.end(), choices.begin(), choices.end());
  try {
    protocol::validate(config);
  } catch (const protocol::FormatError& e) {
    throw protocol::FormatError(csv_path + ": not imported: " + e.what());
  }
  protocol::save_canonical(config_path, protocol::to_json(config), protocol::WriteMode::replace_public());
  std::printf("imported %zu choices into contest %s\n", choices.size(), contest_id.c_str());
  if (was_signed) std::fprintf(stderr, "note: %s changed, its signature was removed; sign it again\n", config_path.c_str());
  return 0;
}

}  // namespace evote::admin
