// evote-tally revoke (specs/tally.md §5): a voter on the organizer's signed
// paper-vote list voted on paper; that vote overrides the e-vote, which is
// dropped and listed.
#include <iostream>

#include "ballot_list.hpp"
#include "commands.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/list_document.hpp"
#include "evote/protocol/paper_votes.hpp"
#include "json_lines.hpp"
#include "step_chain.hpp"

namespace evote::tally {

namespace {

namespace fs = std::filesystem;

int run_revoke(const cli::Args& args) {
  const TallyContext context = open_context(args);
  const fs::path counted_path = context.dir / "counted.jsonl";
  const fs::path revoked_path = context.dir / "revoked.jsonl";
  for (const fs::path& out : {counted_path, revoked_path, statement_path(context.dir, "revoke")}) {
    refuse_existing_output(out);
  }
  const PreviousStep squash = read_previous_step(context, "squash");
  const fs::path last = checked_output(context, squash, "last.jsonl");
  const std::string paper_path = args.required("paper-votes");
  const protocol::PaperVotes paper = protocol::load_paper_votes(paper_path);
  protocol::check_paper_votes(paper, context.config,
                              paper_path);  // election and organizer signature
  const crypto::Ed25519SigningKey key = open_tally_key(args, context.config);

  JsonLinesWriter counted_out(counted_path);
  JsonLinesWriter revoked_out(revoked_path);
  std::uint64_t ballots = 0;
  BallotListReader reader(last, "last.jsonl");
  while (auto b = reader.next()) {
    ++ballots;
    if (paper.contains(*protocol::PersonalCode::parse(b->voter_id))) {
      revoked_out.append({{"sequence", b->sequence}, {"voter_id", b->voter_id}});
    } else {
      counted_out.append(to_json(*b));
    }
  }
  counted_out.commit();
  revoked_out.commit();

  StepStatement statement = next_statement(context, "revoke", squash);
  statement.inputs = {describe_step_file(last, "last.jsonl"),
                      describe_step_file(paper_path, "paper-votes.json")};
  statement.outputs = {describe_step_file(counted_path, "counted.jsonl"),
                       describe_step_file(revoked_path, "revoked.jsonl")};
  statement.counts = {{"ballots", ballots},
                      {"paper_voters", paper.voters.size()},
                      {"revoked", revoked_out.lines()},
                      {"counted", counted_out.lines()}};
  write_statement(context.dir, std::move(statement), key);
  std::cout << "revoked " << revoked_out.lines() << " e-votes of the " << paper.voters.size()
            << " voters on the paper-vote list; " << counted_out.lines() << " e-votes count\n"
            << "wrote counted.jsonl, revoked.jsonl, revoke.statement.json in "
            << context.dir.string() << std::endl;
  return 0;
}

}  // namespace

cli::CommandSpec revoke_command() {
  std::vector<cli::OptionSpec> options = {
      config_option(), dir_option(),
      cli::required_option("paper-votes", "PAPER", "the organizer's signed paper-vote list",
                           cli::Kind::input_file)};
  for (auto& o : signing_options()) options.push_back(std::move(o));
  return {"revoke",
          "Tally steps (in this order)",
          "drop the e-votes of voters who voted on paper; write counted.jsonl, revoked.jsonl",
          std::move(options),
          std::nullopt,
          "revoke --config config.json --dir tally --key tally.key --paper-votes paper-votes.json",
          run_revoke};
}

}  // namespace evote::tally
