// What a checked vote says, as lines of text: the CLI prints them and the
// window shows the same facts. Names are given in `language` when the
// config has it, otherwise in Estonian ("et", always present).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "evote/voter/vote_check.hpp"

namespace evote::verify {

// names[language], else names["et"], else the first name, else "".
std::string name_in(const protocol::Names& names, std::string_view language);

// The chosen choices of one contest: "blank"; "Jaan Tamm"; approval
// "Valik 13, Valik 11"; ranked "1. Valik 23, 2. Valik 21".
std::string choices_text(const voter::CheckedContest& contest, std::string_view language);

// "verified: election ...", "signer: ...", "receipt: ...", then one
// "contest <name> (<id>): <choices_text>" per contest.
std::vector<std::string> report_lines(const voter::VoteCheck& check, std::string_view language);

// The CLI's exit status for a refusal: 1 the vote is not verified (bad code, not
// available, wrong election, bad signature, does not match), 4 anything else.
int exit_status_of(voter::CheckProblem problem);

}  // namespace evote::verify
