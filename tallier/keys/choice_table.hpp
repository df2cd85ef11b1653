// The codes a decrypted value may be and how combine reports them
// (specs/keys.md §17): for a ciphertext file's contest and district, the
// blank code and the contest's choice codes from the signed config, and the
// table "code, name (Estonian), count" plus the invalid values.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/election_config.hpp"

namespace evote::keys {

struct ChoiceCode {
  std::uint64_t code = 0;
  std::string name;  // the Estonian name; "(blank)" for the blank code
};

struct ChoiceCodes {
  std::string contest_id;
  std::string contest_name;  // Estonian
  std::string district;      // "" for the rows of every district
  // The blank code (protocol::kBlankCode) first, then the contest's choices
  // of the district (of every district for "") in the config's order; never
  // a code above protocol::kMaxChoiceCode.
  std::vector<ChoiceCode> codes;
};

// FormatError when the contest or the (non-empty) district is not in the config.
ChoiceCodes choice_codes(const protocol::ElectionConfig& config,
                         const protocol::CiphertextFileHeader& header);

// How many values decrypted to each code, and to none.
struct CodeCounts {
  std::map<std::uint64_t, std::uint64_t> by_code;
  std::uint64_t invalid = 0;
};

// The printed table: a heading line, one line per code (zero counts
// included), then "invalid"; columns "code", "name", "count".
std::string count_table(const ChoiceCodes& codes, const CodeCounts& counts);

}  // namespace evote::keys
