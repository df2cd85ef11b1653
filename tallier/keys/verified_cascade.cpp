#include "verified_cascade.hpp"

#include "evote/mix/io/shuffle_proof_file.hpp"
#include "evote/protocol/error.hpp"
#include "partial_file.hpp"

namespace evote::keys {

using protocol::FormatError;

CascadeOptions cascade_options(const cli::Args& args) {
  CascadeOptions options{args.required("config"), args.required("input"), args.required("cascade"),
                         kDefaultMinStages};
  if (auto k = args.optional_number("min-stages", kDefaultMinStages, kMaxStages))
    options.min_stages = static_cast<std::uint32_t>(*k);
  return options;
}

VerifiedCascade verify_cascade(const mix::io::MixElection& election, const CascadeOptions& options,
                               const std::function<void(const std::string&)>& progress) {
  const std::string name = "cascade " + options.cascade.string();
  const mix::io::ChainVerdict chain =
      mix::io::verify_chain(election, options.input, options.cascade, std::nullopt, progress);
  if (!chain.verdict)
    throw FormatError(name + " does not verify, nothing is decrypted: " + chain.verdict.reason);
  if (chain.stages < options.min_stages) {
    throw FormatError(name + " has " + std::to_string(chain.stages) +
                      (chain.stages == 1 ? " stage" : " stages") + ", at least " +
                      std::to_string(options.min_stages) +
                      " are needed (--min-stages): nothing is decrypted unless mixed by that many "
                      "mix servers");
  }
  VerifiedCascade out;
  out.stages = chain.stages;
  const mix::io::StageFiles first = mix::io::cascade_stage_files(options.cascade, options.input, 1);
  const mix::io::StageFiles last =
      mix::io::cascade_stage_files(options.cascade, options.input, chain.stages);
  out.last_output = last.output;
  out.first_input_hash = mix::io::read_shuffle_proof_head(first.proof).header.input_hash;
  out.last_output_hash = mix::io::read_shuffle_proof_head(last.proof).header.output_hash;
  return out;
}

}  // namespace evote::keys
