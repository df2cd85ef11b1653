// Counting a whole tally folder (specs/results.md §1): every batch the
// anonymize step wrote, counted per district and in total for every
// contest of the config, ready for results.json and the count statement.
#pragma once

#include <vector>

#include "results_json.hpp"
#include "step_statement.hpp"
#include "tally_context.hpp"

namespace evote::tally {

struct CountOutcome {
  ElectionResults results;
  // Every batch's plaintexts.txt and last mix stage file, as count_batch
  // read them (the count statement's inputs).
  std::vector<StepFile> inputs;
};

// list_batches, then count_batch for each, one contest at a time (a
// ranked contest's ballots are held until its total runoff is run). Throws
// count_batch's errors for the first bad batch.
CountOutcome count_tally_folder(const TallyContext& context, const StepStatement& anonymize);

}  // namespace evote::tally
