// evote-tally squash (specs/tally.md §4): of each voter's accepted ballots
// the last in ballot box order counts; the others are listed as superseded.
#include <iostream>
#include <unordered_map>

#include "ballot_list.hpp"
#include "commands.hpp"
#include "evote/protocol/list_document.hpp"
#include "json_lines.hpp"
#include "step_chain.hpp"

namespace evote::tally {

namespace {

namespace fs = std::filesystem;

int run_squash(const cli::Args& args) {
  const TallyContext context = open_context(args);
  const fs::path last_path = context.dir / "last.jsonl";
  const fs::path superseded_path = context.dir / "superseded.jsonl";
  for (const fs::path& out : {last_path, superseded_path, statement_path(context.dir, "squash")}) {
    refuse_existing_output(out);
  }
  const PreviousStep check = read_previous_step(context, "check");
  const fs::path accepted = checked_output(context, check, "accepted.jsonl");
  const crypto::Ed25519SigningKey key = open_tally_key(args, context.config);

  // Pass 1: each voter's last accepted ballot (the list is in log order).
  std::unordered_map<std::uint64_t, std::uint64_t> last_of;  // personal code -> sequence
  {
    BallotListReader reader(accepted, "accepted.jsonl");
    while (auto b = reader.next())
      last_of[protocol::PersonalCode::parse(b->voter_id)->value] = b->sequence;
  }
  // Pass 2: keep those, list the rest with the ballot that superseded them.
  JsonLinesWriter last_out(last_path);
  JsonLinesWriter superseded_out(superseded_path);
  std::uint64_t ballots = 0;
  BallotListReader reader(accepted, "accepted.jsonl");
  while (auto b = reader.next()) {
    ++ballots;
    const std::uint64_t last = last_of.at(protocol::PersonalCode::parse(b->voter_id)->value);
    if (b->sequence == last) {
      last_out.append(to_json(*b));
    } else {
      superseded_out.append(
          {{"sequence", b->sequence}, {"superseded_by", last}, {"voter_id", b->voter_id}});
    }
  }
  last_out.commit();
  superseded_out.commit();

  StepStatement statement = next_statement(context, "squash", check);
  statement.inputs = {describe_step_file(accepted, "accepted.jsonl")};
  statement.outputs = {describe_step_file(last_path, "last.jsonl"),
                       describe_step_file(superseded_path, "superseded.jsonl")};
  statement.counts = {
      {"ballots", ballots}, {"voters", last_out.lines()}, {"superseded", superseded_out.lines()}};
  write_statement(context.dir, std::move(statement), key);
  std::cout << "squashed " << ballots << " accepted ballots: " << last_out.lines()
            << " voters' last ballots kept, " << superseded_out.lines()
            << " superseded by a later ballot of the same voter\n"
            << "wrote last.jsonl, superseded.jsonl, squash.statement.json in "
            << context.dir.string() << std::endl;
  return 0;
}

}  // namespace

cli::CommandSpec squash_command() {
  std::vector<cli::OptionSpec> options = {config_option(), dir_option()};
  for (auto& o : signing_options()) options.push_back(std::move(o));
  return {"squash",
          "Tally steps (in this order)",
          "keep each voter's last accepted ballot; write last.jsonl, superseded.jsonl",
          std::move(options),
          std::nullopt,
          "squash --config config.json --dir tally --key tally.key",
          run_squash};
}

}  // namespace evote::tally
