// The contest of the config that the counting functions are asked about.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "evote/protocol/election_config.hpp"

namespace evote::count::detail {

// The contest `contest_id` of `config`; std::invalid_argument naming it when absent.
inline const protocol::Contest& contest_of(const protocol::ElectionConfig& config,
                                           std::string_view contest_id) {
  const protocol::Contest* contest = config.find_contest(contest_id);
  if (!contest)
    throw std::invalid_argument("contest \"" + std::string(contest_id) +
                                "\" is not in the election config");
  return *contest;
}

}  // namespace evote::count::detail
