// One batch of the tally folder as evote-tally count reads it
// (specs/results.md §1): the rows of one contest cast in one district,
// anonymized into batches/<contest>/<district>/input.ctxt, mixed by the
// cascade into stage-1.ctxt … stage-K.ctxt in the same folder and decrypted
// by evote-keys combine into plaintexts.txt, one line per row of stage-K.
//
// count does not verify the cascade's proofs (combine did, and evote-verify
// does): it reads the ciphertext files' headers only, to know how many rows
// the plaintexts must have.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evote/count/contest_count.hpp"
#include "evote/protocol/election_config.hpp"
#include "step_statement.hpp"
#include "tally_context.hpp"

namespace evote::tally {

inline constexpr std::string_view kBatchInputFileName = "input.ctxt";
inline constexpr std::string_view kPlaintextsFileName = "plaintexts.txt";

// "batches/<contest_id>/<district>": a batch's folder, relative to the tally folder.
std::string batch_name(std::string_view contest_id, std::string_view district);

struct Batch {
  std::string contest_id;
  std::string district;
  // The input.ctxt the anonymize statement lists; none when the district
  // cast no ballot with this contest (it counts as zero rows).
  std::optional<StepFile> input;
};

// Every (contest, district) pair of the config whose district's ballot
// carries the contest, contests and districts in the config's order, each
// with the anonymize statement's input.ctxt if it lists one. Throws
// protocol::FormatError when the statement lists a batches/…/input.ctxt of
// no such pair.
std::vector<Batch> list_batches(const protocol::ElectionConfig& config,
                                const StepStatement& anonymize);

// What counting a batch read: its plaintexts.txt and its last stage's
// ciphertext file, named relative to the tally folder.
struct BatchCount {
  std::uint64_t rows = 0;
  std::vector<StepFile> inputs;  // empty for a batch without ballots
};

// Counts every line of the batch's plaintexts.txt into `counter` (a counter
// of the batch's contest and district) after checking, in this order: the
// batch's input.ctxt is the file the anonymize statement lists; the last
// stage stage-K.ctxt (K the highest of stage-1.ctxt, stage-2.ctxt, … present
// without gaps; at least 1) is of this election, contest, district, group
// and row width and has as many rows as input.ctxt; plaintexts.txt exists,
// every line ends in "\n" and parses (count::parse_plaintext_row, width
// max_selections), with exactly one line per row of stage-K; and it did not
// change while it was read. A batch without ballots must have no
// plaintexts.txt. Throws protocol::FormatError naming the file and, for a
// line, its number (from 1): "<dir>/batches/mayor/d1/plaintexts.txt:7: value
// 2: "x" is neither a code nor "invalid"". After an error the counter may
// hold part of the batch: discard it.
BatchCount count_batch(const TallyContext& context, const Batch& batch,
                       count::DistrictCounter& counter);

}  // namespace evote::tally
