#include "count_election.hpp"

#include <memory>

#include "count_batch.hpp"

namespace evote::tally {

CountOutcome count_tally_folder(const TallyContext& context, const StepStatement& anonymize) {
  const protocol::ElectionConfig& config = context.config;
  const std::vector<Batch> batches = list_batches(config, anonymize);
  CountOutcome out;
  out.results.election_id = config.election_id;
  out.results.config_hash = context.config_hash;
  for (const protocol::Contest& contest : config.contests) {
    ContestResults contest_results;
    contest_results.contest_id = contest.id;
    std::vector<std::unique_ptr<count::DistrictCounter>> counters;
    for (const Batch& batch : batches) {
      if (batch.contest_id != contest.id) continue;
      counters.push_back(
          std::make_unique<count::DistrictCounter>(config, contest.id, batch.district));
      BatchCount counted = count_batch(context, batch, *counters.back());
      for (StepFile& f : counted.inputs) out.inputs.push_back(std::move(f));
      contest_results.districts.push_back(counters.back()->result());
    }
    std::vector<const count::DistrictCounter*> all;
    for (const auto& c : counters) all.push_back(c.get());
    contest_results.total = count::total_result(config, contest.id, all);
    out.results.contests.push_back(std::move(contest_results));
  }
  return out;
}

}  // namespace evote::tally
