// publish: the results the count step signed (results.json, checked against
// count.statement.json) as a table (results.csv), one bar chart per
// contest (charts/<contest_id>.png) and the results web site (site/),
// specs/results.md §3–§4.
#include <filesystem>
#include <iostream>
#include <set>

#include "commands.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/files.hpp"
#include "record_layout.hpp"
#include "results_chart.hpp"
#include "results_csv.hpp"
#include "results_json.hpp"
#include "results_site.hpp"
#include "results_site_sources.hpp"
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

// What publish writes, made in memory first: nothing is written when any
// of it fails.
struct Outputs {
  std::string csv;
  std::vector<std::pair<std::string, crypto::Bytes>> charts;  // record path, PNG
};

protocol::RecordFile in_memory_file(const std::string& path, crypto::BytesView bytes) {
  return {path, *record_role(path), protocol::file_hash(bytes), bytes.size()};
}

// The record files the site lists (specs/results.md §4.2): config.json (the
// --config file), the outputs above, and every other file of the tally
// folder that the record will copy (a path with a role) but its site.
std::vector<protocol::RecordFile> site_listed_files(const TallyContext& context,
                                                    const fs::path& config_file,
                                                    const Outputs& outputs) {
  std::vector<protocol::RecordFile> files;
  const protocol::FileDigest config = protocol::hash_file(config_file);
  files.push_back(
      {std::string(kRecordConfig), std::string(protocol::kConfigRole), config.hash, config.size});
  files.push_back(in_memory_file(std::string(kResultsCsvFileName), crypto::as_bytes(outputs.csv)));
  std::set<std::string> made = {std::string(kRecordConfig), std::string(kResultsCsvFileName)};
  for (const auto& [path, png] : outputs.charts) {
    files.push_back(in_memory_file(path, png));
    made.insert(path);
  }
  for (const auto& entry : fs::recursive_directory_iterator(context.dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string path = fs::relative(entry.path(), context.dir).generic_string();
    const std::optional<std::string> role = record_role(path);
    if (!role || !site_lists_file(path) || made.count(path)) continue;
    files.push_back(protocol::describe_record_file(context.dir, path, *role));
  }
  return files;
}

int run_publish(const cli::Args& args) {
  const TallyContext context = open_context(args);
  const protocol::WriteMode mode = args.public_output();
  const fs::path csv_path = context.dir / std::string(kResultsCsvFileName);
  cli::check_output(csv_path, mode);
  for (const protocol::Contest& contest : context.config.contests)
    cli::check_output(chart_path(context.dir, contest.id), mode);
  cli::check_output(context.dir / std::string(kSiteFolder), mode);
  const ElectionResults results = read_counted_results(context);

  Outputs outputs;
  outputs.csv = results_csv(context.config, results);
  ensure_gui_application();
  for (const ContestResults& contest : results.contests) {
    outputs.charts.emplace_back(std::string(kChartsFolder) + "/" + contest.contest_id + ".png",
                                chart_png(contest_chart(context.config, contest)));
  }
  const SiteSources sources = read_site_sources(
      context, results, site_listed_files(context, args.required("config"), outputs));
  const std::map<std::string, std::string> site = results_site(context.config, sources);

  protocol::write_file_atomic(csv_path, crypto::as_bytes(outputs.csv), mode);
  std::cout << "wrote " << csv_path.string() << "\n";
  fs::create_directories(context.dir / std::string(kChartsFolder));
  for (const auto& [path, png] : outputs.charts) {
    protocol::write_file_atomic(context.dir / path, png, mode);
    std::cout << "wrote " << (context.dir / path).string() << "\n";
  }
  write_site(context.dir, site, mode);
  std::cout << "wrote " << (context.dir / std::string(kSiteFolder)).string() << ": " << site.size()
            << " files, open " << (context.dir / std::string(kSiteFolder) / "index.html").string()
            << "\n"
            << std::flush;
  return 0;
}

}  // namespace

cli::CommandSpec publish_command() {
  return {"publish",
          "Tally steps (in this order)",
          "write the counted results as results.csv, a bar chart per contest (charts/*.png) and "
          "the results web site (site/)",
          {config_option(), dir_option(),
           cli::flag_option("force",
                            "replace results.csv, the charts and the site of an earlier publish")},
          std::nullopt,
          "publish --config config.json --dir tally",
          run_publish};
}

}  // namespace evote::tally
