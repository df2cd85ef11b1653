#include "evote/count/instant_runoff.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace evote::count {

void RankedBallots::add(std::span<const std::uint32_t> preferences) {
  preferences_.insert(preferences_.end(), preferences.begin(), preferences.end());
  ends_.push_back(preferences_.size());
}

std::span<const std::uint32_t> RankedBallots::ballot(std::size_t i) const {
  const std::uint64_t begin = i == 0 ? 0 : ends_[i - 1];
  return std::span<const std::uint32_t>(preferences_).subspan(begin, ends_[i] - begin);
}

namespace {

// Every ballot sits in the bucket of its highest-ranked continuing choice,
// or is exhausted. Eliminating a choice moves only that choice's ballots.
class Runner {
 public:
  Runner(std::span<const std::uint64_t> codes, std::span<const std::uint32_t> candidates,
         std::span<const RankedBallots* const> pools)
      : codes_(codes), candidates_(candidates.begin(), candidates.end()) {
    continuing_.assign(codes.size(), false);
    buckets_.resize(codes.size());
    for (const std::uint32_t c : candidates) {
      if (c >= codes.size())
        throw std::invalid_argument("candidate index " + std::to_string(c) + " is not a choice");
      continuing_[c] = true;
    }
    for (const RankedBallots* pool : pools)
      for (std::size_t i = 0; i < pool->size(); ++i) {
        for (const std::uint32_t p : pool->ballot(i))
          if (p >= codes.size())
            throw std::invalid_argument("a ballot ranks choice index " + std::to_string(p) +
                                        ", which is not a choice");
        ballots_.push_back(pool->ballot(i));
      }
    position_.assign(ballots_.size(), 0);
    for (std::uint32_t b = 0; b < ballots_.size(); ++b) place(b);
  }

  Runoff run() {
    Runoff out;
    if (ballots_.empty()) return out;
    std::vector<std::vector<std::uint64_t>> history;  // history[r][choice index]
    while (true) {
      RunoffRound round;
      round.number = static_cast<std::uint32_t>(history.size() + 1);
      round.exhausted = exhausted_;
      std::vector<std::uint64_t> votes(codes_.size(), 0);
      std::uint64_t best = 0;
      std::uint32_t leader = 0;
      for (const std::uint32_t c : candidates_) {
        if (!continuing_[c]) continue;
        votes[c] = buckets_[c].size();
        round.votes.push_back({codes_[c], votes[c]});
        if (votes[c] > best) best = votes[c], leader = c;
      }
      history.push_back(votes);
      const std::uint64_t active = ballots_.size() - exhausted_;
      if (active == 0) {  // only when no ballot ranks a candidate
        out.rounds.push_back(std::move(round));
        return out;
      }
      if (2 * best > active) {
        round.outcome = RoundOutcome::elected;
        round.choice = codes_[leader];
        out.winner = codes_[leader];
        out.rounds.push_back(std::move(round));
        return out;
      }
      const std::uint32_t loser = choose_loser(history, round);
      round.outcome = RoundOutcome::eliminated;
      round.choice = codes_[loser];
      out.rounds.push_back(std::move(round));
      eliminate(loser);
    }
  }

 private:
  // Moves ballot b to its highest-ranked continuing choice at or after its position.
  void place(std::uint32_t b) {
    const std::span<const std::uint32_t> ranks = ballots_[b];
    std::uint32_t& at = position_[b];
    while (at < ranks.size() && !continuing_[ranks[at]]) ++at;
    if (at < ranks.size())
      buckets_[ranks[at]].push_back(b);
    else
      ++exhausted_;
  }

  void eliminate(std::uint32_t loser) {
    continuing_[loser] = false;
    std::vector<std::uint32_t> moving;
    moving.swap(buckets_[loser]);
    for (const std::uint32_t b : moving) place(b);
  }

  // The fewest votes this round; among equals the fewest in the latest
  // earlier round that tells them apart; equal in every round: the highest code.
  std::uint32_t choose_loser(const std::vector<std::vector<std::uint64_t>>& history,
                             RunoffRound& round) const {
    const std::vector<std::uint64_t>& now = history.back();
    std::vector<std::uint32_t> tied;
    for (const std::uint32_t c : candidates_) {
      if (!continuing_[c]) continue;
      if (!tied.empty() && now[c] < now[tied.front()]) tied.clear();
      if (tied.empty() || now[c] == now[tied.front()]) tied.push_back(c);
    }
    for (std::size_t r = history.size() - 1; tied.size() > 1 && r-- > 0;) {
      const std::vector<std::uint64_t>& then = history[r];
      std::uint64_t fewest = then[tied.front()];
      for (const std::uint32_t c : tied) fewest = std::min(fewest, then[c]);
      std::vector<std::uint32_t> kept;
      for (const std::uint32_t c : tied)
        if (then[c] == fewest) kept.push_back(c);
      if (kept.size() < tied.size()) {
        round.tie_break = TieBreak::earlier_round;
        round.tie_break_round = static_cast<std::uint32_t>(r + 1);
      }
      tied.swap(kept);
    }
    if (tied.size() > 1) {
      round.tie_break = TieBreak::choice_code;
      round.tie_break_round = 0;
      return *std::max_element(tied.begin(), tied.end(), [&](std::uint32_t a, std::uint32_t b) {
        return codes_[a] < codes_[b];
      });
    }
    return tied.front();
  }

  std::span<const std::uint64_t> codes_;
  std::vector<std::uint32_t> candidates_;
  std::vector<bool> continuing_;
  std::vector<std::span<const std::uint32_t>> ballots_;
  std::vector<std::uint32_t> position_;
  std::vector<std::vector<std::uint32_t>> buckets_;
  std::uint64_t exhausted_ = 0;
};

}  // namespace

std::string round_text(const RunoffRound& round) {
  std::string text;
  for (const ChoiceVotes& c : round.votes)
    text += std::to_string(c.code) + "=" + std::to_string(c.votes) + " ";
  text += "exhausted=" + std::to_string(round.exhausted) + " ";
  text += round.outcome == RoundOutcome::elected ? "elected " : "eliminated ";
  text += std::to_string(round.choice);
  if (round.tie_break == TieBreak::earlier_round)
    text += ", tie broken by round " + std::to_string(round.tie_break_round);
  else if (round.tie_break == TieBreak::choice_code)
    text += ", tie broken by code";
  return text;
}

std::string runoff_table(const Runoff& runoff) {
  std::string text;
  for (const RunoffRound& round : runoff.rounds)
    text += "round " + std::to_string(round.number) + ": " + round_text(round) + "\n";
  return text;
}

Runoff run_instant_runoff(std::span<const std::uint64_t> codes,
                          std::span<const std::uint32_t> candidates,
                          std::span<const RankedBallots* const> pools) {
  return Runner(codes, candidates, pools).run();
}

}  // namespace evote::count
