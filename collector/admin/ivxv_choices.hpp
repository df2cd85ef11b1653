// IVXV's choices list (JSON; specs/interop.md §1.3): per district, per party
// (or list, or "Üksikkandidaadid" for independents, or the question of a
// referendum), choice id "<EHAK code>.<number>" -> the candidate's name or
// the answer; and how its choices become an evote contest's choices.
#pragma once

#include <string>
#include <vector>

#include "evote/protocol/election_config.hpp"

namespace evote::admin {

struct IvxvChoice {
  std::string id;        // "0296.198"
  std::string number;    // the digits after the dot: "198"
  std::string district;  // "0296.1": the evote district id too
  std::string party;     // the group it is listed under
  std::string name;
  std::string path;  // choices["0296.1"]["Nimi Erakond"]["0296.198"], for errors
};

struct IvxvChoicesList {
  std::string file;
  std::vector<IvxvChoice> choices;  // in the file's order
};

// Reads and checks the choices list at `path` for the election
// `config_election`. Throws FormatError "<path>: <field path>: <problem>":
// unknown or missing fields, a bad district or choice id, an empty group or
// name, a choice id twice in the list (naming both places).
IvxvChoicesList read_ivxv_choices(const std::string& path, const std::string& config_election);

// The group name IVXV gives independent candidates: their evote choice has no party.
inline constexpr std::string_view kIvxvIndependents = "Üksikkandidaadid";

enum class ChoiceCodeRule {
  number,      // code = the choice number (the digits after the dot)
  sequential,  // codes 2, 3, ... in the order of the choice ids as numbers
};

struct MappedChoice {
  std::string ivxv_id;  // "0296.198"
  protocol::Choice choice;
};

// The evote choices of `list` in code order (rule number: the file's
// order), each in its IVXV district, named in Estonian, with its group as
// party (none for independents). Throws FormatError naming the choice's
// field path when a code is outside 2..kMaxChoiceCode or (rule number) two
// choices have the same number.
std::vector<MappedChoice> to_evote_choices(const IvxvChoicesList& list, ChoiceCodeRule rule);

}  // namespace evote::admin
