#include "voter_list_history.hpp"

#include <algorithm>

namespace evote::tally {

VoterListHistory::VoterListHistory(const protocol::ElectionConfig& config) : registry_(config) {}

std::int32_t VoterListHistory::district_index(std::string_view district) {
  const auto found = std::find(districts_.begin(), districts_.end(), district);
  if (found != districts_.end()) return static_cast<std::int32_t>(found - districts_.begin());
  districts_.emplace_back(district);
  return static_cast<std::int32_t>(districts_.size() - 1);
}

void VoterListHistory::apply(const protocol::VoterListChanges& changes) {
  registry_.apply(changes);  // all checks; throws before anything below changes
  hashes_.push_back(protocol::change_set_hash(changes));
  const auto version = static_cast<std::uint32_t>(changes.sequence);
  for (std::size_t i = 0; i < changes.changes.size(); ++i) {
    const protocol::VoterChange change = changes.changes[i];
    const std::int32_t district =
        change.action == protocol::VoterAction::add ? district_index(change.district) : -1;
    events_[change.code.value].push_back(Event{version, district});
  }
}

std::optional<std::string_view> VoterListHistory::district_at(protocol::PersonalCode code,
                                                              std::uint64_t version) const {
  const auto found = events_.find(code.value);
  if (found == events_.end()) return std::nullopt;
  std::optional<std::int32_t> district;
  for (const Event& e : found->second) {  // in version order, few per voter
    if (e.version > version) break;
    district = e.district;
  }
  if (!district || *district < 0) return std::nullopt;
  return std::string_view(districts_[static_cast<std::size_t>(*district)]);
}

}  // namespace evote::tally
