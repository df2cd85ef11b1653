// count: every batch's decrypted rows (plaintexts.txt, from evote-keys
// combine) judged and counted per district and in total, written to
// results.json and signed in count.statement.json (specs/results.md).
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "count_election.hpp"
#include "evote/protocol/error.hpp"
#include "results_json.hpp"
#include "step_chain.hpp"

namespace evote::tally {

namespace {

namespace fs = std::filesystem;

void print_summary(const protocol::ElectionConfig& config, const ElectionResults& results) {
  for (std::size_t i = 0; i < results.contests.size(); ++i) {
    const count::ContestResult& t = results.contests[i].total;
    std::cout << "contest " << t.contest_id << " (" << estonian_name(config.contests[i].names)
              << "): " << t.rows << " rows, " << t.valid << " valid, " << t.blank << " blank, "
              << t.invalid << " invalid";
    if (t.runoff) {
      std::cout << "; runoff of " << t.runoff->rounds.size() << " rounds";
      if (t.runoff->winner) std::cout << ", elected " << *t.runoff->winner;
    }
    std::cout << "\n";
  }
}

int run_count(const cli::Args& args) {
  const TallyContext context = open_context(args);
  const fs::path results_path = context.dir / std::string(kResultsFileName);
  for (const fs::path& out : {results_path, statement_path(context.dir, "count")}) {
    std::error_code error;
    if (fs::exists(fs::symlink_status(out, error)))
      throw protocol::FormatError(out.string() +
                                  ": already exists (this tally folder has been counted)");
  }
  const PreviousStep anonymize = read_previous_step(context, "anonymize");
  const crypto::Ed25519SigningKey key = open_tally_key(args, context.config);

  CountOutcome outcome = count_tally_folder(context, anonymize.statement);
  StepStatement statement = next_statement(context, "count", anonymize);
  std::uint64_t rows = 0, valid = 0, blank = 0, invalid = 0;
  for (const ContestResults& c : outcome.results.contests) {
    rows += c.total.rows;
    valid += c.total.valid;
    blank += c.total.blank;
    invalid += c.total.invalid;
  }
  statement.counts = {{"rows", rows}, {"valid", valid}, {"blank", blank}, {"invalid", invalid}};
  statement.inputs = std::move(outcome.inputs);

  write_results(results_path, context.config, outcome.results);
  try {
    statement.outputs = {describe_step_file(results_path, std::string(kResultsFileName))};
    write_statement(context.dir, std::move(statement), key);
  } catch (...) {
    // Without its statement the results are nobody's: leave the folder as it was.
    std::error_code ignored;
    fs::remove(results_path, ignored);
    throw;
  }
  print_summary(context.config, outcome.results);
  std::cout << "wrote " << kResultsFileName << " and count.statement.json in "
            << context.dir.string() << std::endl;
  return 0;
}

}  // namespace

cli::CommandSpec count_command() {
  std::vector<cli::OptionSpec> options = {config_option(), dir_option()};
  for (cli::OptionSpec& o : signing_options()) options.push_back(std::move(o));
  return {"count",
          "Tally steps (in this order)",
          "count every batch's decrypted rows per district and in total (results.json)",
          std::move(options),
          std::nullopt,
          "count --config config.json --dir tally --key tally.key",
          run_count};
}

}  // namespace evote::tally
