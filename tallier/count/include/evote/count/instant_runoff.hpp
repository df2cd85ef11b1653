// Instant-runoff voting (specs/formats-ballots.md §3.2): rounds in which each
// ballot counts for its highest-ranked continuing choice, until one choice
// has more than half of the ballots that are not exhausted. One choice is
// eliminated per round: the one with the fewest votes; a tie is broken by
// the most recent earlier round in which the tied choices had unequal
// votes (fewest there is eliminated), and a tie in every round by
// eliminating the highest choice code.
//
// Not thread-safe while being filled; run_instant_runoff only reads.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace evote::count {

// Valid ranked ballots, each a list of distinct choice indices (into the
// contest's choices), first preference first. Compact: 4 bytes per rank and
// 8 per ballot.
class RankedBallots {
 public:
  void add(std::span<const std::uint32_t> preferences);
  std::size_t size() const { return ends_.size(); }
  std::span<const std::uint32_t> ballot(std::size_t i) const;

 private:
  std::vector<std::uint32_t> preferences_;
  std::vector<std::uint64_t> ends_;  // ballot i is preferences_[ends_[i-1], ends_[i])
};

struct ChoiceVotes {
  std::uint64_t code = 0;
  std::uint64_t votes = 0;
  bool operator==(const ChoiceVotes&) const = default;
};

enum class RoundOutcome : std::uint8_t { elected, eliminated };

// How the eliminated choice was picked among those with the fewest votes.
enum class TieBreak : std::uint8_t {
  none,           // it alone had the fewest votes (or the round elected)
  earlier_round,  // the fewest in round `tie_break_round`, the latest earlier round that tells them
                  // apart
  choice_code,    // tied in this and every earlier round: the highest code
};

struct RunoffRound {
  std::uint32_t number = 0;        // from 1
  std::vector<ChoiceVotes> votes;  // every continuing choice, in the config's order
  std::uint64_t exhausted = 0;     // ballots whose ranked choices are all eliminated
  RoundOutcome outcome = RoundOutcome::eliminated;
  std::uint64_t choice = 0;  // the code elected or eliminated
  TieBreak tie_break = TieBreak::none;
  std::uint32_t tie_break_round = 0;  // set for TieBreak::earlier_round
};

struct Runoff {
  std::vector<RunoffRound> rounds;  // empty when there are no ballots
  std::optional<std::uint64_t> winner;
};

// One line of the round table (specs/formats-ballots.md §3.2), without the
// "round r: " prefix: every continuing choice as code=votes, exhausted=n,
// then "elected C" or "eliminated C" with ", tie broken by round r" or
// ", tie broken by code", e.g. "21=6 22=5 23=5 exhausted=1 eliminated 22,
// tie broken by round 1".
std::string round_text(const RunoffRound& round);

// The whole round table: "round r: " + round_text + "\n" for every round
// (empty when there are no rounds).
std::string runoff_table(const Runoff& runoff);

// Runs the runoff over every ballot of every pool together. `codes[i]` is
// the code of choice index i; `candidates` are the indices standing (the
// continuing choices of round 1, in the config's order). A preference for a
// choice that is not a candidate is skipped like an eliminated one. Throws
// std::invalid_argument for a ballot index outside `codes`.
Runoff run_instant_runoff(std::span<const std::uint64_t> codes,
                          std::span<const std::uint32_t> candidates,
                          std::span<const RankedBallots* const> pools);

}  // namespace evote::count
