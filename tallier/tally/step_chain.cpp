#include "step_chain.hpp"

#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"

namespace evote::tally {

PreviousStep read_previous_step(const TallyContext& context, std::string_view step) {
  const std::filesystem::path path = statement_path(context.dir, step);
  if (!std::filesystem::exists(path)) {
    throw protocol::FormatError(path.string() + ": no such file (run evote-tally " +
                                std::string(step) + " first)");
  }
  PreviousStep previous;
  previous.statement = read_statement(path, step, context.config, context.config_hash);
  previous.statement_hash = protocol::hash_file(path).hash;
  return previous;
}

std::filesystem::path checked_output(const TallyContext& context, const PreviousStep& previous,
                                     std::string_view name) {
  const std::filesystem::path path = context.dir / std::string(name);
  const StepFile& listed = statement_output(previous.statement, name, path.string());
  const crypto::Verdict same = check_step_file(path, listed);
  if (!same) throw protocol::FormatError(same.reason);
  return path;
}

StepStatement next_statement(const TallyContext& context, std::string step,
                             const PreviousStep& previous) {
  StepStatement s;
  s.step = std::move(step);
  s.election_id = context.config.election_id;
  s.config_hash = context.config_hash;
  s.previous = previous.statement_hash;
  return s;
}

}  // namespace evote::tally
