// evote-mix: a mix server's program. Usage: evote-mix help.
#include <cstdio>
#include <optional>
#include <string>

#include "evote/cli/program.hpp"
#include "evote/crypto/error.hpp"
#include "evote/mix/io/mix_stage.hpp"
#include "evote/mix/io/stage_signature.hpp"
#include "stage_key.hpp"

namespace {

using evote::cli::Args;
using evote::cli::UsageError;
namespace io = evote::mix::io;

std::uint32_t parse_stage(const std::string& text, const char* option) {
  return static_cast<std::uint32_t>(
      evote::cli::parse_number(text, std::string("--") + option, 1, 1000000));
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
  const io::StageFiles files = stage_files(args);
  const std::uint32_t stage = parse_stage(args.required("stage"), "stage");
  const io::MixElection election = io::load_mix_election(args.required("config"));
  io::run_stage(election, files, stage);
  say("stage " + std::to_string(stage) + ": shuffled " + files.input.string() + " into " +
      files.output.string() + ", proof in " + files.proof.string());
  return 0;
}

int cmd_verify(const Args& args) {
  const io::StageFiles files = stage_files(args);
  std::optional<std::uint32_t> stage;
  if (auto text = args.optional("stage")) stage = parse_stage(*text, "stage");
  std::optional<std::filesystem::path> signature;
  if (auto path = args.optional("signature")) signature = *path;
  const io::MixElection election = io::load_mix_election(args.required("config"));
  return report(io::verify_stage(election, files, stage, signature));
}

int cmd_cascade(const Args& args) {
  const io::MixElection election = io::load_mix_election(args.required("config"));
  const std::string cascade = args.required("cascade");
  const std::optional<evote::crypto::Ed25519SigningKey> key =
      evote::mix::cli::open_stage_key(args, election, cascade);
  const std::uint32_t stage =
      io::run_cascade_step(election, args.required("input"), cascade, say, key ? &*key : nullptr);
  say("stage-" + std::to_string(stage) + ": shuffled and proved" +
      (key ? ", signed by " + io::describe_mix_server(election.config, stage) : ""));
  return 0;
}

int cmd_verify_chain(const Args& args) {
  std::optional<std::uint32_t> stages;
  if (auto text = args.optional("stages")) stages = parse_stage(*text, "stages");
  const io::MixElection election = io::load_mix_election(args.required("config"));
  const io::ChainVerdict chain =
      io::verify_chain(election, args.required("input"), args.required("cascade"), stages, say);
  if (chain.verdict && chain.stages == 0)
    return report(evote::crypto::Verdict::fail("the cascade has no stages"));
  return report(chain.verdict);
}

evote::cli::ProgramSpec program() {
  using evote::cli::Kind;
  using evote::cli::optional_option;
  using evote::cli::required_option;
  const auto config = required_option(
      "config", "SIGNED", "the signed election config (its election key)", Kind::input_file);
  const auto input =
      required_option("input", "IN", "the stage's input ciphertexts (EVCTXT01)", Kind::input_file);
  const std::string one =
      "One stage (files: EVCTXT01 ciphertext arrays, EVSHUF01 proofs; specs/mix.md §10)";
  const std::string cascade =
      "A cascade folder (stage-1.ctxt, stage-1.proof, [stage-1.sig,] stage-2.ctxt, ...)";
  return {
      "evote-mix",
      "A mix server's program: re-encrypts and permutes ciphertext rows with a proof of shuffle, "
      "and checks "
      "others' proofs.",
      "\nRows stay on disk and are processed in chunks (memory: the permutation and 3 commitment "
      "arrays);\n"
      "EVOTE_MIX_CHUNK_ROWS=R sets the rows per chunk.\n"
      "No command replaces a file (there is no --force): to redo a stage, move its files away "
      "first.\n"
      "When the config names the mix servers, stage K is made and signed by mix server K "
      "(cascade --key);\n"
      "verify-chain then requires one signed stage per server.\n",
      {
          {"shuffle",
           one,
           "re-encrypt and permute IN's rows under the config's election key; prove it",
           {config, input,
            required_option("output", "OUT", "the shuffled ciphertexts to write", Kind::new_output),
            required_option("proof", "PROOF", "the proof of shuffle to write", Kind::new_output),
            evote::cli::number_option("stage", "K", "this stage's number in the cascade", 1,
                                      1000000, true)},
           {},
           "shuffle --config config.json --input riigikogu-tallinn-1.ctxt --output stage-1.ctxt "
           "--proof "
           "stage-1.proof --stage 1",
           cmd_shuffle},
          {"verify",
           one,
           "check one stage: PASS (exit 0) or FAIL naming the failed check (exit 1)",
           {config, input,
            required_option("output", "OUT", "the stage's output ciphertexts", Kind::input_file),
            required_option("proof", "PROOF", "the stage's proof of shuffle", Kind::input_file),
            evote::cli::number_option("stage", "K", "the stage number the proof must carry", 1,
                                      1000000, false),
            optional_option("signature", "SIG",
                            "the stage's signature (required when the config names the mix "
                            "servers, refused otherwise)",
                            Kind::input_file)},
           {},
           "verify --config config.json --input riigikogu-tallinn-1.ctxt --output stage-1.ctxt "
           "--proof "
           "stage-1.proof --stage 1",
           cmd_verify},
          {"cascade",
           cascade,
           "verify every stage already in DIR, then add the next one",
           {config, input,
            required_option("cascade", "DIR", "the cascade folder (created by stage 1)",
                            Kind::output_folder),
            optional_option("key", "KEYFILE",
                            "this mix server's sealed signing key, when the config names the mix "
                            "servers: it signs the stage (stage-K.sig)",
                            Kind::input_file),
            optional_option("passphrase-file", "FILE",
                            "the key's passphrase (first line); else asked at the terminal",
                            Kind::input_file)},
           {},
           "cascade --config config.json --input riigikogu-tallinn-1.ctxt --cascade "
           "mix/riigikogu-tallinn-1 --key mix-1.key",
           cmd_cascade},
          {"verify-chain",
           cascade,
           "PASS or FAIL for the whole cascade",
           {config, input,
            required_option("cascade", "DIR", "the cascade folder", Kind::input_folder),
            evote::cli::number_option(
                "stages", "K",
                "the cascade must have exactly K stages (when the config names the "
                "mix servers: their number)",
                1, 1000000, false)},
           {},
           "verify-chain --config config.json --input riigikogu-tallinn-1.ctxt --cascade "
           "mix/riigikogu-tallinn-1 "
           "--stages 2",
           cmd_verify_chain},
      }};
}

}  // namespace

int main(int argc, char** argv) { return evote::cli::run_program(argc, argv, program()); }
