// publish: the results the count step signed (results.json, checked against
// count.statement.json) as a table (results.csv) and one bar chart per
// contest (charts/<contest_id>.png), specs/results.md §3–§4.
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/files.hpp"
#include "results_chart.hpp"
#include "results_csv.hpp"
#include "results_json.hpp"
#include "step_chain.hpp"

namespace evote::tally {

namespace {

namespace fs = std::filesystem;

inline constexpr std::string_view kChartsFolder = "charts";

fs::path chart_path(const fs::path& dir, const std::string& contest_id) {
  return dir / std::string(kChartsFolder) / (contest_id + ".png");
}

// results.json, read once and checked against the hash the signed count
// statement lists, so what is published is what count wrote.
ElectionResults read_counted_results(const TallyContext& context) {
  const PreviousStep count = read_previous_step(context, "count");
  const fs::path path = context.dir / std::string(kResultsFileName);
  const StepFile& listed = statement_output(count.statement, kResultsFileName, path.string());
  const crypto::Bytes bytes = protocol::read_file(path);
  if (bytes.size() != listed.size || protocol::file_hash(bytes) != listed.hash)
    throw protocol::FormatError(path.string() +
                                ": is not the file count.statement.json lists (size or hash "
                                "differs)");
  const std::string what = "results " + path.string();
  return results_from_json(protocol::parse_canonical(bytes, what), context.config,
                           context.config_hash, what);
}

int run_publish(const cli::Args& args) {
  const TallyContext context = open_context(args);
  const protocol::WriteMode mode = args.public_output();
  const fs::path csv_path = context.dir / std::string(kResultsCsvFileName);
  cli::check_output(csv_path, mode);
  for (const protocol::Contest& contest : context.config.contests)
    cli::check_output(chart_path(context.dir, contest.id), mode);
  const ElectionResults results = read_counted_results(context);

  write_results_csv(csv_path, context.config, results, mode);
  std::cout << "wrote " << csv_path.string() << "\n";
  ensure_gui_application();
  fs::create_directories(context.dir / std::string(kChartsFolder));
  for (const ContestResults& contest : results.contests) {
    const fs::path path = chart_path(context.dir, contest.contest_id);
    write_chart(path, contest_chart(context.config, contest), mode);
    std::cout << "wrote " << path.string() << "\n";
  }
  std::cout << std::flush;
  return 0;
}

}  // namespace

cli::CommandSpec publish_command() {
  return {"publish",
          "Tally steps (in this order)",
          "write the counted results as results.csv and a bar chart per contest (charts/*.png)",
          {config_option(), dir_option(),
           cli::flag_option("force", "replace results.csv and the charts of an earlier publish")},
          std::nullopt,
          "publish --config config.json --dir tally",
          run_publish};
}

}  // namespace evote::tally
