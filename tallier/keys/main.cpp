// evote-keys: a trustee's offline tool. Usage: evote-keys help.
#include <optional>

#include "commands.hpp"
#include "evote/cli/program.hpp"
#include "partial_file.hpp"
#include "verified_cascade.hpp"

namespace {

using evote::cli::Kind;
using evote::cli::optional_option;
using evote::cli::OptionSpec;
using evote::cli::required_option;

const OptionSpec kConfig = required_option(
    "config", "CONFIG", "the signed election config that names the trustees", Kind::input_file);
const OptionSpec kDir = required_option("dir", "DIR", "this trustee's folder", Kind::input_folder);
const OptionSpec kPassphraseFile = optional_option(
    "passphrase-file", "FILE", "the trustee passphrase (first line); else asked at the terminal",
    Kind::input_file);
const std::vector<OptionSpec> kToken = {
    optional_option("token-module", "SO",
                    "PKCS#11 module holding the share (with --token-label, --pin-file)",
                    Kind::input_file),
    optional_option("token-label", "LABEL", "the token's label"),
    optional_option("pin-file", "FILE", "the token's user PIN (first line)", Kind::input_file)};

const OptionSpec kCeremony =
    required_option("ceremony", "CEREMONY", "the ceremony file", Kind::input_file);

// What is decrypted: the last stage of a mix cascade verified from its first
// input (specs/keys.md §16), then the output and the command's own options.
std::vector<OptionSpec> decryption_options(std::vector<OptionSpec> first, OptionSpec out,
                                           std::optional<OptionSpec> last) {
  first.push_back(required_option(
      "config", "CONFIG", "the signed election config (the election key the cascade mixed under)",
      Kind::input_file));
  first.push_back(required_option("input", "IN",
                                  "the cascade's first input: the unmixed ciphertexts (EVCTXT01)",
                                  Kind::input_file));
  first.push_back(required_option("cascade", "DIR",
                                  "the cascade folder (stage-K.ctxt, stage-K.proof[, stage-K.sig])",
                                  Kind::input_folder));
  first.push_back(evote::cli::number_option(
      "min-stages", "K",
      "refuse a cascade of fewer than K stages (default 2; when the config names the mix "
      "servers, the cascade has exactly one signed stage per server)",
      evote::keys::kDefaultMinStages, evote::keys::kMaxStages, false));
  first.push_back(std::move(out));
  if (last) first.push_back(std::move(*last));
  return first;
}

std::vector<OptionSpec> with_token(std::vector<OptionSpec> options) {
  options.insert(options.end(), kToken.begin(), kToken.end());
  return options;
}

evote::cli::ProgramSpec program() {
  using namespace evote::keys;
  const std::string ceremony =
      "Key ceremony (each trustee on its own offline machine, files moved on USB sticks; "
      "specs/keys.md §12)";
  const std::string decryption = "Decryption";
  return {
      "evote-keys",
      "A trustee's offline tool: the key ceremony that makes the election key, and threshold "
      "decryption.",
      "\nPassphrases and PINs are read from files (first line) or the terminal, never from the "
      "command line.\n"
      "No step replaces a file: a step run twice stops at its first output. --force replaces a "
      "public\n"
      "output (a ceremony file, a partial decryption, plaintexts), never a secret (identity.key,\n"
      "share.json, a sealed key) nor a file the command reads.\n",
      {
          {"trustee-init",
           ceremony,
           "make this trustee's identity keys; prints them for evote-admin add-trustee",
           {required_option("dir", "DIR", "this trustee's folder (created if missing)",
                            Kind::output_folder),
            kPassphraseFile},
           {},
           "trustee-init --dir trustee-1",
           cmd_trustee_init},
          {"deal",
           ceremony,
           "write deal-I.json (publish) and boxes-I.json (give to every trustee)",
           {kConfig, kDir, kPassphraseFile},
           {},
           "deal --config config.json --dir trustee-1",
           cmd_deal},
          {"receive",
           ceremony,
           "open and check the shares; write complaints-J.json (publish)",
           {kConfig, kDir, kPassphraseFile},
           {},
           "receive --config config.json --dir trustee-1",
           cmd_receive},
          {"answer",
           ceremony,
           "answer \"no valid share\" complaints; write answers-I.json (publish)",
           {kConfig, kDir, kPassphraseFile},
           {},
           "answer --config config.json --dir trustee-1",
           cmd_answer},
          {"finish",
           ceremony,
           "derive and store the share (share.json); write finish-J.json (publish)",
           with_token({kConfig, kDir, kPassphraseFile}),
           {},
           "finish --config config.json --dir trustee-1",
           cmd_finish},
          {"publish-key",
           ceremony,
           "write the ceremony file and print the election key",
           {kConfig,
            required_option("dir", "DIR", "a folder with every trustee's public messages",
                            Kind::input_folder),
            required_option("out", "CEREMONY", "the ceremony file to write", Kind::output_file)},
           {},
           "publish-key --config config.json --dir public --out ceremony.json",
           cmd_publish_key},
          {"verify-ceremony",
           ceremony,
           "re-check a ceremony file: PASS or FAIL",
           {optional_option("config", "CONFIG", "the signed config the ceremony must match",
                            Kind::input_file)},
           evote::cli::FilesSpec{"CEREMONY", "the ceremony file", Kind::input_file, 1, 1},
           "verify-ceremony --config config.json ceremony.json",
           cmd_verify_ceremony},
          {"partial-decrypt",
           decryption,
           "this trustee's decryption shares (EVPDEC01) of the last stage of a verified mix "
           "cascade",
           with_token(decryption_options(
               {kDir, kCeremony},
               required_option("out", "PARTIAL",
                               "the partial-decryption file to write (never a secret)",
                               Kind::output_file),
               kPassphraseFile)),
           {},
           "partial-decrypt --dir trustee-1 --ceremony ceremony.json --config config.json --input "
           "riigikogu-tallinn-1.ctxt --cascade mix/riigikogu-tallinn-1 --out partial-1.bin",
           cmd_partial_decrypt},
          {"combine", decryption,
           "check the trustees' shares, combine any t valid ones; print the counts per choice",
           decryption_options(
               {kCeremony},
               required_option("out", "PLAINTEXTS", "the plaintexts to write, one row per line",
                               Kind::output_file),
               std::nullopt),
           evote::cli::FilesSpec{"PARTIAL", "the trustees' partial-decryption files",
                                 Kind::input_file, 1},
           "combine --ceremony ceremony.json --config config.json --input riigikogu-tallinn-1.ctxt "
           "--cascade "
           "mix/riigikogu-tallinn-1 --out riigikogu-tallinn-1.txt partial-1.bin partial-2.bin "
           "partial-3.bin",
           cmd_combine},
      }};
}

}  // namespace

int main(int argc, char** argv) { return evote::cli::run_program(argc, argv, program()); }
