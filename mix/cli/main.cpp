// evote-mix: a mix server's program. Usage: evote-mix help.
#include <cstdio>
#include <optional>
#include <string>

#include "evote/cli/program.hpp"
#include "evote/crypto/error.hpp"
#include "evote/mix/io/mix_stage.hpp"

namespace {

using evote::cli::Args;
using evote::cli::UsageError;
namespace io = evote::mix::io;

constexpr const char* kUsage = R"(usage: evote-mix COMMAND [options]

One stage (files: EVCTXT01 ciphertext arrays, EVSHUF01 proofs; specs/mix.md):
  shuffle --config SIGNED --input IN --output OUT --proof PROOF --stage K
      re-encrypt and permute IN's rows under the config's election key; prove it
  verify --config SIGNED --input IN --output OUT --proof PROOF [--stage K]
      PASS (exit 0) or FAIL naming the failed check (exit 1)

A cascade folder (stage-1.ctxt, stage-1.proof, stage-2.ctxt, ...):
  cascade --config SIGNED --input IN --cascade DIR
      verify every stage already in DIR, then add the next one
  verify-chain --config SIGNED --input IN --cascade DIR [--stages K]
      PASS or FAIL for the whole cascade (with --stages: exactly K stages)

Exit status: 0 done / PASS, 1 FAIL or bad input, 2 wrong usage.
Rows stay on disk and are processed in chunks (memory: the permutation and
3 commitment arrays); EVOTE_MIX_CHUNK_ROWS=R sets the rows per chunk.
)";

std::uint32_t parse_stage(const std::string& text, const char* option) {
  std::size_t used = 0;
  unsigned long value = 0;
  try {
    value = std::stoul(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty() || text[0] == '-' || value == 0 || value > 1000000)
    throw UsageError(std::string("--") + option + " must be a number from 1, got \"" + text + "\"");
  return static_cast<std::uint32_t>(value);
}

io::StageFiles stage_files(const Args& args) {
  return {args.required("input"), args.required("output"), args.required("proof")};
}

void say(const std::string& line) { std::printf("%s\n", line.c_str()); }

int report(const evote::crypto::Verdict& verdict) {
  if (verdict) {
    say("PASS");
    return 0;
  }
  say("FAIL: " + verdict.reason);
  return 1;
}

int cmd_shuffle(const Args& args) {
  args.allow_only({"config", "input", "output", "proof", "stage"});
  const io::StageFiles files = stage_files(args);
  const std::uint32_t stage = parse_stage(args.required("stage"), "stage");
  const io::MixElection election = io::load_mix_election(args.required("config"));
  io::run_stage(election, files, stage);
  say("stage " + std::to_string(stage) + ": shuffled " + files.input.string() + " into " +
      files.output.string() + ", proof in " + files.proof.string());
  return 0;
}

int cmd_verify(const Args& args) {
  args.allow_only({"config", "input", "output", "proof", "stage"});
  const io::StageFiles files = stage_files(args);
  std::optional<std::uint32_t> stage;
  if (auto text = args.optional("stage")) stage = parse_stage(*text, "stage");
  const io::MixElection election = io::load_mix_election(args.required("config"));
  return report(io::verify_stage(election, files, stage));
}

int cmd_cascade(const Args& args) {
  args.allow_only({"config", "input", "cascade"});
  const io::MixElection election = io::load_mix_election(args.required("config"));
  const std::uint32_t stage =
      io::run_cascade_step(election, args.required("input"), args.required("cascade"), say);
  say("stage-" + std::to_string(stage) + ": shuffled and proved");
  return 0;
}

int cmd_verify_chain(const Args& args) {
  args.allow_only({"config", "input", "cascade", "stages"});
  std::optional<std::uint32_t> stages;
  if (auto text = args.optional("stages")) stages = parse_stage(*text, "stages");
  const io::MixElection election = io::load_mix_election(args.required("config"));
  const io::ChainVerdict chain =
      io::verify_chain(election, args.required("input"), args.required("cascade"), stages, say);
  if (chain.verdict && chain.stages == 0) return report(evote::crypto::Verdict::fail("the cascade has no stages"));
  return report(chain.verdict);
}

// The commands take options only.
evote::cli::Command options_only(int (*command)(const Args&)) {
  return [command](const Args& args) {
    if (!args.files().empty()) throw UsageError("unexpected argument \"" + args.files()[0] + "\"");
    return command(args);
  };
}

}  // namespace

int main(int argc, char** argv) {
  return evote::cli::run_program(argc, argv, "evote-mix", kUsage,
                                 {{"shuffle", options_only(cmd_shuffle)},
                                  {"verify", options_only(cmd_verify)},
                                  {"cascade", options_only(cmd_cascade)},
                                  {"verify-chain", options_only(cmd_verify_chain)}});
}
