#include "record_layout.hpp"

#include <vector>

namespace evote::tally {

namespace {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return parts;
    path.remove_prefix(slash + 1);
  }
}

// An election identifier (formats.md §1): 1-64 of A-Z a-z 0-9 _ - .
bool is_identifier(std::string_view text) {
  if (text.empty() || text.size() > 64 || text == "." || text == "..") return false;
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

bool is_number_from_1(std::string_view text) {
  if (text.empty() || text.size() > 4 || text[0] == '0') return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "<prefix><number><suffix>"
bool numbered(std::string_view name, std::string_view prefix, std::string_view suffix) {
  if (name.size() <= prefix.size() + suffix.size()) return false;
  if (name.substr(0, prefix.size()) != prefix) return false;
  if (name.substr(name.size() - suffix.size()) != suffix) return false;
  return is_number_from_1(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size()));
}

std::optional<std::string> batch_file_role(std::string_view name) {
  if (name == "input.ctxt") return "mix-input";
  if (name == "plaintexts.txt") return "plaintexts";
  if (numbered(name, "stage-", ".ctxt")) return "mix-output";
  if (numbered(name, "stage-", ".proof")) return "mix-proof";
  if (numbered(name, "stage-", ".sig")) return "mix-signature";
  if (numbered(name, "partial-", ".pdec")) return "partial-decryption";
  return std::nullopt;
}

// "<identifier>.html"
bool is_page_of(std::string_view name) {
  constexpr std::string_view kHtml = ".html";
  return name.size() > kHtml.size() && name.substr(name.size() - kHtml.size()) == kHtml &&
         is_identifier(name.substr(0, name.size() - kHtml.size()));
}

// The results site (specs/results.md §4): site/ without the first component.
bool is_site_file(const std::vector<std::string_view>& parts) {
  std::size_t i = 1;
  if (parts.size() == 2 &&
      (parts[1] == "style.css" || parts[1] == "tracker.js" || parts[1] == "tracker-list.js"))
    return true;
  if (parts.size() > i && parts[i] == "en") ++i;  // the English pages
  if (parts.size() == i + 1) return parts[i] == "index.html";
  return parts.size() == i + 2 && parts[i] == "district" && is_page_of(parts[i + 1]);
}

}  // namespace

std::optional<std::string> record_role(std::string_view path) {
  const std::vector<std::string_view> parts = split(path);
  if (parts.size() == 1) {
    const std::string_view name = parts[0];
    if (name == kRecordConfig) return "config";
    if (name == kRecordCeremony) return "key-ceremony";
    if (name == "tracker.jsonl") return "tracker-list";
    if (name == "results.json") return "results";
    if (name == "results.csv") return "results-csv";
    for (std::string_view step : {"check", "squash", "revoke", "anonymize", "count"}) {
      if (name == std::string(step) + ".statement.json") return "statement";
    }
    return std::nullopt;
  }
  if (parts.size() == 2 && parts[0] == "charts" && parts[1].size() > 4 &&
      parts[1].substr(parts[1].size() - 4) == ".png" &&
      is_identifier(parts[1].substr(0, parts[1].size() - 4))) {
    return "chart";
  }
  if (parts[0] == "site" && is_site_file(parts)) return "results-site";
  if (parts.size() == 4 && parts[0] == "batches" && is_identifier(parts[1]) &&
      is_identifier(parts[2])) {
    return batch_file_role(parts[3]);
  }
  return std::nullopt;
}

}  // namespace evote::tally
