// Every version of the voter list at once: the tally judges each ballot
// against the version in force when it was accepted (specs/tally.md §3),
// and versions can change during the election (moves, removals).
//
//   VoterListHistory history(config);
//   for (auto& set : change_sets) history.apply(set);   // 1, 2, ... in order
//   auto district = history.district_at(code, version);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "evote/protocol/election_config.hpp"
#include "evote/protocol/voter_list.hpp"
#include "evote/protocol/voter_registry.hpp"

namespace evote::tally {

class VoterListHistory {
 public:
  explicit VoterListHistory(const protocol::ElectionConfig& config);

  // Checks and applies the next change set as protocol::VoterRegistry does
  // (chain, organizer signature, add/remove rules; FormatError naming the
  // set and change), and remembers what it changed.
  void apply(const protocol::VoterListChanges& changes);

  std::uint64_t version() const { return registry_.version(); }
  const protocol::ChangeSetHash& head() const { return registry_.head(); }
  // change_set_hash of each applied set, [0] = set 1.
  const std::vector<protocol::ChangeSetHash>& hashes() const { return hashes_; }

  // The voter's district in voter list version `version` (1 … version()),
  // nullopt when the voter is not on that version (or version is 0).
  std::optional<std::string_view> district_at(protocol::PersonalCode code,
                                              std::uint64_t version) const;

 private:
  struct Event {
    std::uint32_t version;  // the change set that made it
    std::int32_t district;  // index into districts_, -1: removed
  };
  std::int32_t district_index(std::string_view district);

  protocol::VoterRegistry registry_;
  std::vector<protocol::ChangeSetHash> hashes_;
  std::vector<std::string> districts_;
  // Per voter its events in version order; within one version the last wins.
  std::unordered_map<std::uint64_t, std::vector<Event>> events_;
};

}  // namespace evote::tally
