// Reading IVXV's JSON election files (the districts list and the choices
// list, specs/interop.md §1): any JSON text (IVXV writes them pretty-printed,
// in any key order), each key at most once per object, members kept in the
// file's order. Errors name the file and the field path in the form
// districts["0784.6"].parish[1], because IVXV's keys contain dots.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace evote::admin {

using IvxvJson = nlohmann::ordered_json;

// Parses the file at `path`. Throws FormatError "<path>:<line>: not valid
// JSON (byte N)", "<path>: <field>: the key \"k\" appears twice", "<path>:
// not a JSON object" or "<path>: cannot read: ...".
IvxvJson read_ivxv_json(const std::string& path);

// The path of member `key` inside `parent` ("" for the top level):
// member_path("", "districts") = "districts",
// member_path("districts", "0784.6") = "districts[\"0784.6\"]".
std::string member_path(const std::string& parent, std::string_view key);
// The path of element `index` (from 0) of the array at `parent`.
std::string element_path(const std::string& parent, std::size_t index);

// Throws FormatError "<file>: <path>: <problem>".
[[noreturn]] void refuse_field(const std::string& file, const std::string& path,
                               const std::string& problem);

// Member checks that refuse with the member's path:
// the object at `path` has only the `allowed` keys and every `required` one.
void check_members(const IvxvJson& object, const std::string& file, const std::string& path,
                   std::initializer_list<std::string_view> allowed,
                   std::initializer_list<std::string_view> required);
// The value must be an object (with at least `minimum` members), an array
// or a string; returns it (the string by value).
const IvxvJson& expect_object(const IvxvJson& value, const std::string& file,
                              const std::string& path, std::size_t minimum = 0);
const IvxvJson& expect_array(const IvxvJson& value, const std::string& file,
                             const std::string& path);
std::string expect_text(const IvxvJson& value, const std::string& file, const std::string& path);

// "" when `id` names the election of the config (`config_election`), else
// the problem: not IVXV's form (1-28 ASCII characters, no whitespace) or
// another election.
std::string election_id_problem(std::string_view id, const std::string& config_election);
// The same for the "election" member of a JSON list; refuses at `path`.
void check_ivxv_election(const IvxvJson& value, const std::string& file, const std::string& path,
                         const std::string& config_election);

// "digits.digits": 1 to `max_left` ASCII digits, a dot, 1 to `max_right`
// digits (an IVXV district id "0784.6", station "524.68", choice id
// "0296.198").
bool is_dotted_number(std::string_view text, std::size_t max_left = 10, std::size_t max_right = 10);
bool is_digits(std::string_view text, std::size_t min_digits, std::size_t max_digits);

}  // namespace evote::admin
