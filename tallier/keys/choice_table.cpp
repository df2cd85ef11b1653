#include "choice_table.hpp"

#include <algorithm>
#include <array>

#include "evote/protocol/error.hpp"

namespace evote::keys {

using protocol::FormatError;

namespace {

std::string estonian(const protocol::Names& names) {
  const auto it = names.find("et");
  return it == names.end() ? std::string() : it->second;
}

// Characters, not bytes: names are UTF-8 ("Jüri Õunapuu").
std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string pad_right(const std::string& text, std::size_t width) {
  return text + std::string(width - std::min(width, display_width(text)), ' ');
}

std::string pad_left(const std::string& text, std::size_t width) {
  return std::string(width - std::min(width, display_width(text)), ' ') + text;
}

}  // namespace

ChoiceCodes choice_codes(const protocol::ElectionConfig& config,
                         const protocol::CiphertextFileHeader& header) {
  const protocol::Contest* contest = config.find_contest(header.contest_id);
  if (!contest)
    throw FormatError("contest \"" + header.contest_id +
                      "\" of the ciphertexts is not in the election config");
  if (!header.district.empty() && !config.find_district(header.district))
    throw FormatError("district \"" + header.district +
                      "\" of the ciphertexts is not in the election config");
  ChoiceCodes out{contest->id, estonian(contest->names), header.district, {}};
  out.codes.push_back({protocol::kBlankCode, "(blank)"});
  for (const protocol::Choice& choice : contest->choices) {
    if (!header.district.empty() && choice.district != header.district) continue;
    if (choice.code == protocol::kBlankCode || choice.code > protocol::kMaxChoiceCode) continue;
    out.codes.push_back({choice.code, estonian(choice.names)});
  }
  return out;
}

std::string count_table(const ChoiceCodes& codes, const CodeCounts& counts) {
  std::vector<std::array<std::string, 3>> rows;
  for (const ChoiceCode& c : codes.codes) {
    const auto it = counts.by_code.find(c.code);
    rows.push_back({std::to_string(c.code), c.name,
                    std::to_string(it == counts.by_code.end() ? 0 : it->second)});
  }
  rows.push_back({"invalid", "", std::to_string(counts.invalid)});
  std::array<std::size_t, 3> width = {4, 4, 5};  // "code", "name", "count"
  for (const auto& row : rows)
    for (std::size_t k = 0; k < 3; ++k) width[k] = std::max(width[k], display_width(row[k]));
  const auto line = [&](const std::array<std::string, 3>& row) {
    std::string text = pad_right(row[0], width[0]) + "  " + pad_right(row[1], width[1]) + "  " +
                       pad_left(row[2], width[2]);
    text.erase(text.find_last_not_of(' ') + 1);
    return text + "\n";
  };
  std::string text = line({"code", "name", "count"});
  for (const auto& row : rows) text += line(row);
  return text;
}

}  // namespace evote::keys
