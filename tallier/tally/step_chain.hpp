// Starting a step from the one before it (specs/tally.md §2): its signed
// statement read and checked, and each of its outputs this step reads
// checked against the hash the statement lists, so a step never works on a
// file its predecessor did not write.
#pragma once

#include <filesystem>
#include <string_view>

#include "step_statement.hpp"
#include "tally_context.hpp"

namespace evote::tally {

struct PreviousStep {
  StepStatement statement;
  crypto::Bytes statement_hash;  // file_hash of its statement file: the next one's "previous"
};

// Reads DIR/<step>.statement.json (read_statement). FormatError names the
// file; a missing one says which step to run first.
PreviousStep read_previous_step(const TallyContext& context, std::string_view step);

// DIR/<name>, after checking it is the output `name` of `previous` (size and
// hash); FormatError otherwise.
std::filesystem::path checked_output(const TallyContext& context, const PreviousStep& previous,
                                     std::string_view name);

// A statement for `step` with the context's election and config hash, and
// `previous` as its predecessor.
StepStatement next_statement(const TallyContext& context, std::string step,
                             const PreviousStep& previous);

}  // namespace evote::tally
