#include "ivxv_voters.hpp"

#include <algorithm>
#include <regex>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"
#include "ivxv_json.hpp"

namespace evote::admin {

namespace {

constexpr std::string_view kAdd = "lisamine";
constexpr std::string_view kRemove = "kustutamine";
constexpr std::size_t kMaxNameCharacters = 100;  // IVXV: voter-name = 1*100UTF-8-CHAR

std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text.substr(0, 64)) + (text.size() > 64 ? "...\"" : "\"");
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  while (true) {
    const std::size_t at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

std::size_t utf8_characters(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

// RFC 3339 date-time: 2021-01-12T02:00:00Z, 2021-01-12T04:00:00.5+02:00.
bool is_rfc3339(std::string_view text) {
  static const std::regex form(
      R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d))");
  return std::regex_match(text.begin(), text.end(), form);
}

// Version 1 reasons: the values of IVXV's protocol description, with the
// spellings its later English edition uses.
bool is_move_reason(std::string_view r) {
  return r == "jaoskonna vahetus" || r == "valimisringkonna vahetus";
}
bool is_known_reason(std::string_view r) {
  return r.empty() || r == "tokend" || r == "tõkend" || r == "muu" || is_move_reason(r);
}

class Reader {
 public:
  Reader(const std::string& path, const protocol::ElectionConfig& config,
         const IvxvDistrictsList* districts)
      : path_(path), config_(config), districts_(districts) {}

  IvxvVoterList read() {
    text_ = to_text(protocol::read_file(path_));
    if (text_.empty()) throw protocol::FormatError(path_ + ": empty file");
    lines_ = split(text_, '\n');
    if (!lines_.back().empty())
      fail(lines_.size(), "does not end with LF (every line of an IVXV list ends with LF)");
    lines_.pop_back();
    if (text_.starts_with("\xEF\xBB\xBF"))
      fail(1, "starts with a byte order mark (IVXV lists are UTF-8 without one)");
    const std::size_t first_record = read_header();
    if (list_.version == 2 && !districts_)
      throw protocol::FormatError(
          path_ +
          ": a version 2 list names each voter's administrative unit and district "
          "number: give --districts (the IVXV districts list) to find the district");
    if (list_.version == 2 && districts_->stations_form)
      throw protocol::FormatError(districts_->file +
                                  ": lists polling stations (the IVXV 1.5 form); a version 2 voter "
                                  "list needs the districts list that names parishes");
    for (std::size_t n = first_record; n <= lines_.size(); ++n) {
      const std::vector<std::string_view> fields = split(line(n), '\t');
      if (list_.version == 1)
        read_record_v1(n, fields);
      else
        read_record_v2(n, fields);
    }
    if (list_.changes.empty())
      throw protocol::FormatError(path_ +
                                  ": no voters after the header (a change set needs at "
                                  "least one change)");
    check_moves();
    check_order();
    return std::move(list_);
  }

 private:
  static std::string to_text(const crypto::Bytes& bytes) {
    return std::string(bytes.begin(), bytes.end());
  }

  [[noreturn]] void fail(std::size_t n, const std::string& problem) const {
    throw protocol::FormatError(path_ + ":" + std::to_string(n) + ": " + problem);
  }

  // Line n (from 1), checked for CR; a missing header line is named.
  std::string_view line(std::size_t n, const char* header_what = nullptr) const {
    if (n > lines_.size()) fail(n, std::string("missing header line (") + header_what + ")");
    const std::string_view text = lines_[n - 1];
    if (text.find('\r') != std::string_view::npos)
      fail(n, "CR character (IVXV lists end lines with LF alone)");
    return text;
  }

  // Returns the number of the first record line.
  std::size_t read_header() {
    const std::string_view version = line(1, "version");
    if (version != "1" && version != "2")
      fail(1, "unknown version " + in_quotes(version) + " (IVXV voter lists are version 1 or 2)");
    list_.version = version == "1" ? 1 : 2;
    const std::string problem = election_id_problem(line(2, "election id"), config_.election_id);
    if (!problem.empty()) fail(2, problem);
    if (list_.version == 1) {
      const std::string_view kind = line(3, "list type");
      if (kind != "algne" && kind != "muudatused")
        fail(3, "unknown list type " + in_quotes(kind) + " (algne or muudatused)");
      list_.initial = kind == "algne";
      list_.list_kind = std::string(kind);
      return 4;
    }
    const std::string_view changeset = line(3, "change set number");
    if (!is_digits(changeset, 1, 18))
      fail(3, "change set number " + in_quotes(changeset) + " is not a whole number");
    list_.initial = changeset.find_first_not_of('0') == std::string_view::npos;
    list_.list_kind = "change set " + std::string(changeset);
    const std::vector<std::string_view> period = split(line(4, "period"), '\t');
    if (period.size() != 2)
      fail(4, "the period must be two RFC 3339 times separated by a tab, found " +
                  std::to_string(period.size()) + " fields");
    for (const std::string_view time : period)
      if (!is_rfc3339(time)) fail(4, "period: " + in_quotes(time) + " is not an RFC 3339 time");
    return 5;
  }

  void check_code(std::size_t n, std::string_view text, protocol::PersonalCode& code) const {
    const auto parsed = protocol::PersonalCode::parse(text);
    if (!parsed) fail(n, protocol::personal_code_problem(text));
    code = *parsed;
  }

  void check_name(std::size_t n, std::string_view name) const {
    const std::string problem = protocol::voter_name_problem(name);
    if (!problem.empty()) fail(n, problem);
    if (utf8_characters(name) > kMaxNameCharacters)
      fail(n, "name is longer than " + std::to_string(kMaxNameCharacters) + " characters");
  }

  void check_action(std::size_t n, std::string_view action) const {
    if (action != kAdd && action != kRemove)
      fail(n, "unknown action " + in_quotes(action) + " (lisamine or kustutamine)");
    if (action == kRemove && list_.initial)
      fail(n, "action kustutamine is not allowed in an initial list (" + list_.list_kind + ")");
  }

  void check_number(std::size_t n, std::string_view text, const std::string& what) const {
    if (!is_digits(text, 1, 10))
      fail(n, what + " " + in_quotes(text) + " is not a number of 1 to 10 digits");
  }

  // The config must have the district the IVXV files name.
  void check_in_config(std::size_t n, const std::string& district) const {
    if (!config_.find_district(district))
      fail(n, "district " + district +
                  " is not a district of the config (import-ivxv-districts first)");
  }

  void read_record_v1(std::size_t n, const std::vector<std::string_view>& f) {
    if (f.size() != 9)
      fail(n, "expected 9 fields, found " + std::to_string(f.size()) +
                  " (code, name, action, station EHAK, station number, district EHAK, district "
                  "number, line number, reason)");
    protocol::PersonalCode code;
    check_code(n, f[0], code);
    check_name(n, f[1]);
    check_action(n, f[2]);
    check_number(n, f[3], "station EHAK code");
    check_number(n, f[4], "station number");
    check_number(n, f[5], "district EHAK code");
    check_number(n, f[6], "district number");
    if (list_.initial ? !is_digits(f[7], 1, 11) : !(f[7].empty() || is_digits(f[7], 1, 11)))
      fail(n, "line number " + in_quotes(f[7]) + " must be 1 to 11 digits" +
                  (list_.initial ? " in an initial list" : " or empty"));
    if (!is_known_reason(f[8]))
      fail(n, "unknown reason " + in_quotes(f[8]) + " (empty, tokend, jaoskonna vahetus or muu)");
    if (f[2] == kAdd && !f[8].empty())
      fail(n, "a lisamine record has no reason, found " + in_quotes(f[8]));
    const std::string district = std::string(f[5]) + "." + std::string(f[6]);
    if (districts_) {
      const IvxvDistrict* d = districts_->find(district);
      if (!d) fail(n, "district " + district + " is not in " + districts_->file);
      const std::string station = std::string(f[3]) + "." + std::string(f[4]);
      if (districts_->stations_form &&
          std::find(d->stations.begin(), d->stations.end(), station) == d->stations.end())
        fail(n, "station " + station + " is not a station of district " + district + " in " +
                    districts_->file);
    }
    check_in_config(n, district);
    add_change(n, f[2] == kAdd, code, f[1], district);
    if (f[2] == kRemove && is_move_reason(f[8])) moves_.emplace_back(n, code);
  }

  void read_record_v2(std::size_t n, const std::vector<std::string_view>& f) {
    if (f[0] == kAdd && f.size() != 5)
      fail(n, "expected 5 fields for lisamine, found " + std::to_string(f.size()) +
                  " (lisamine, code, name, administrative unit, district number)");
    if (f[0] == kRemove && f.size() != 2)
      fail(n, "expected 2 fields for kustutamine, found " + std::to_string(f.size()) +
                  " (kustutamine, code)");
    check_action(n, f[0]);
    protocol::PersonalCode code;
    check_code(n, f[1], code);
    if (f[0] == kRemove) {
      add_change(n, false, code, "", "");
      return;
    }
    check_name(n, f[2]);
    if (f[3] != "FOREIGN" && !is_digits(f[3], 4, 4))
      fail(n, "administrative unit " + in_quotes(f[3]) +
                  " is neither a 4-digit EHAK code nor FOREIGN");
    check_number(n, f[4], "district number");
    const std::string_view parish = f[3] == "FOREIGN" ? "0000" : f[3];
    const IvxvDistrict* d = districts_->find_by_parish(parish, f[4]);
    if (!d)
      fail(n, "no district in " + districts_->file + " has number " + std::string(f[4]) +
                  " and administrative unit " + std::string(parish));
    check_in_config(n, d->id);
    add_change(n, true, code, f[2], d->id);
  }

  void add_change(std::size_t n, bool add, protocol::PersonalCode code, std::string_view name,
                  const std::string& district) {
    try {
      if (add)
        list_.changes.add(code, name, district);
      else
        list_.changes.remove(code);
    } catch (const protocol::FormatError& e) {
      fail(n, e.what());
    }
    ++(add ? list_.adds : list_.removes);
    change_lines_.push_back(n);
  }

  // A removal for a move (version 1 reason "jaoskonna vahetus") comes with
  // the voter's lisamine later in the same list.
  void check_moves() const {
    if (moves_.empty()) return;
    std::unordered_map<std::uint64_t, std::size_t> last_add;  // code -> line of its lisamine
    for (std::size_t i = 0; i < list_.changes.size(); ++i) {
      const protocol::VoterChange change = list_.changes[i];
      if (change.action == protocol::VoterAction::add)
        last_add[change.code.value] = change_lines_[i];
    }
    for (const auto& [n, code] : moves_) {
      const auto it = last_add.find(code.value);
      if (it == last_add.end() || it->second < n)
        fail(n, "reason says the voter moves, but no lisamine of " + code.str() +
                    " follows in this list");
    }
  }

  // Each voter once per action; a removal before an addition.
  void check_order() const {
    if (const auto v = protocol::find_change_order_violation(list_.changes))
      fail(change_lines_[v->index], v->problem + " (" + v->earlier_is + " on line " +
                                        std::to_string(change_lines_[v->earlier]) + ")");
  }

  const std::string& path_;
  const protocol::ElectionConfig& config_;
  const IvxvDistrictsList* districts_;
  std::string text_;
  std::vector<std::string_view> lines_;
  IvxvVoterList list_;
  std::vector<std::size_t> change_lines_;                              // the line of each change
  std::vector<std::pair<std::size_t, protocol::PersonalCode>> moves_;  // removals for a move
};

}  // namespace

IvxvVoterList read_ivxv_voters(const std::string& path, const protocol::ElectionConfig& config,
                               const IvxvDistrictsList* districts) {
  return Reader(path, config, districts).read();
}

}  // namespace evote::admin
