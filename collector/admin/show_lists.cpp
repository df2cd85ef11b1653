#include "show_lists.hpp"

#include <cstdio>
#include <map>

#include "evote/protocol/base64url.hpp"
#include "evote/protocol/paper_votes.hpp"
#include "evote/protocol/voter_list.hpp"

namespace evote::admin {

namespace {

void show_voter_list(const std::string& path) {
  const protocol::VoterListChanges doc = protocol::load_voter_list_changes(path);
  std::size_t adds = 0;
  std::map<std::string, std::size_t> per_district;
  for (std::size_t i = 0; i < doc.changes.size(); ++i) {
    const protocol::VoterChange change = doc.changes[i];
    if (change.action == protocol::VoterAction::add) {
      ++adds;
      ++per_district[std::string(change.district)];
    }
  }
  std::printf("voter list change set %llu of election %s%s\n",
              static_cast<unsigned long long>(doc.sequence), doc.election_id.c_str(),
              doc.signature ? " (signed)" : " (unsigned)");
  std::printf("previous: %s\n", protocol::base64url_encode(doc.previous).c_str());
  std::printf("changes: %zu (%zu add, %zu remove)\n", doc.changes.size(), adds,
              doc.changes.size() - adds);
  for (const auto& [district, count] : per_district)
    std::printf("  district %s: %zu added\n", district.c_str(), count);
}

void show_paper_votes(const std::string& path) {
  const protocol::PaperVotes doc = protocol::load_paper_votes(path);
  std::printf("paper-vote list of election %s%s: %zu voters\n", doc.election_id.c_str(),
              doc.signature ? " (signed)" : " (unsigned)", doc.voters.size());
}

}  // namespace

bool show_list(const std::string& type, const std::string& path) {
  if (type == "voter-list-changes") {
    show_voter_list(path);
    return true;
  }
  if (type == "paper-votes") {
    show_paper_votes(path);
    return true;
  }
  return false;
}

}  // namespace evote::admin
