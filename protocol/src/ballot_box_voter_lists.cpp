// The voter list version in force at a ballot's time (ballot_box.hpp).
#include <algorithm>

#include "evote/protocol/ballot_box.hpp"

namespace evote::protocol {

std::uint64_t voter_list_version_at(const std::vector<VoterListVersion>& voter_lists,
                                    std::int64_t time) {
  std::uint64_t version = 0;
  for (const VoterListVersion& v : voter_lists) {
    if (v.applied <= time) version = std::max(version, v.sequence);
  }
  return version;
}

}  // namespace evote::protocol
