#include "check_report.hpp"

#include "evote/protocol/utc_time.hpp"

namespace evote::verify {

std::string name_in(const protocol::Names& names, std::string_view language) {
  if (const auto it = names.find(std::string(language)); it != names.end()) return it->second;
  if (const auto it = names.find("et"); it != names.end()) return it->second;
  return names.empty() ? std::string() : names.begin()->second;
}

std::string choices_text(const voter::CheckedContest& contest, std::string_view language) {
  if (contest.blank()) return "blank";
  std::string text;
  for (std::size_t i = 0; i < contest.chosen.size(); ++i) {
    if (i > 0) text += ", ";
    if (contest.type == protocol::ContestType::ranked) text += std::to_string(i + 1) + ". ";
    text += name_in(contest.chosen[i].names, language);
  }
  return text;
}

std::vector<std::string> report_lines(const voter::VoteCheck& check, std::string_view language) {
  std::vector<std::string> lines;
  lines.push_back("verified: election " + check.election_id + " (" +
                  name_in(check.election_names, language) + ") at " + check.collector_url +
                  ": the ballot in the ballot box is the one you cast");
  lines.push_back("signer: " + check.signer_name + ", personal code " + check.signer_personal_code);
  lines.push_back("receipt: sequence " + std::to_string(check.receipt_sequence) + ", time " +
                  protocol::format_utc(check.receipt_time) + ", signed by the collector");
  for (const voter::CheckedContest& contest : check.contests)
    lines.push_back("contest " + name_in(contest.names, language) + " (" + contest.id +
                    "): " + choices_text(contest, language));
  lines.push_back("limits: this code can be checked " + std::to_string(check.verify_count) +
                  " times within " + std::to_string(check.verify_minutes) + " minutes of casting");
  return lines;
}

int exit_status_of(voter::CheckProblem problem) {
  switch (problem) {
    case voter::CheckProblem::malformed:
    case voter::CheckProblem::wrong_election:
    case voter::CheckProblem::not_available:
    case voter::CheckProblem::bad_signature:
    case voter::CheckProblem::does_not_match:
      return 1;
    case voter::CheckProblem::untrusted:
    case voter::CheckProblem::unreachable:
    case voter::CheckProblem::failed:
      return 4;
  }
  return 4;
}

}  // namespace evote::verify
