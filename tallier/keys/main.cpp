// evote-keys: a trustee's offline tool. Usage: evote-keys help.
#include "commands.hpp"
#include "evote/cli/program.hpp"

namespace {

using evote::cli::Kind;
using evote::cli::OptionSpec;
using evote::cli::optional_option;
using evote::cli::required_option;

const OptionSpec kConfig =
    required_option("config", "CONFIG", "the signed election config that names the trustees", Kind::input_file);
const OptionSpec kDir = required_option("dir", "DIR", "this trustee's folder", Kind::input_folder);
const OptionSpec kPassphraseFile = optional_option(
    "passphrase-file", "FILE", "the trustee passphrase (first line); else asked at the terminal", Kind::input_file);
const std::vector<OptionSpec> kToken = {
    optional_option("token-module", "SO", "PKCS#11 module holding the share (with --token-label, --pin-file)",
                    Kind::input_file),
    optional_option("token-label", "LABEL", "the token's label"),
    optional_option("pin-file", "FILE", "the token's user PIN (first line)", Kind::input_file)};

std::vector<OptionSpec> with_token(std::vector<OptionSpec> options) {
  options.insert(options.end(), kToken.begin(), kToken.end());
  return options;
}

evote::cli::ProgramSpec program() {
  using namespace evote::keys;
  const std::string ceremony =
      "Key ceremony (each trustee on its own offline machine, files moved on USB sticks; specs/keys.md §12)";
  const std::string decryption = "Decryption";
  return {
      "evote-keys",
      "A trustee's offline tool: the key ceremony that makes the election key, and threshold decryption.",
      "\nPassphrases and PINs are read from files (first line) or the terminal, never from the command line.\n"
      "No step replaces a file: a step run twice stops at its first output.\n",
      {
          {"trustee-init", ceremony, "make this trustee's identity keys; prints them for evote-admin add-trustee",
           {required_option("dir", "DIR", "this trustee's folder (created if missing)", Kind::output_folder),
            kPassphraseFile},
           {},
           "trustee-init --dir trustee-1",
           cmd_trustee_init},
          {"deal", ceremony, "write deal-I.json (publish) and boxes-I.json (give to every trustee)",
           {kConfig, kDir, kPassphraseFile},
           {},
           "deal --config config.json --dir trustee-1",
           cmd_deal},
          {"receive", ceremony, "open and check the shares; write complaints-J.json (publish)",
           {kConfig, kDir, kPassphraseFile},
           {},
           "receive --config config.json --dir trustee-1",
           cmd_receive},
          {"answer", ceremony, "answer \"no valid share\" complaints; write answers-I.json (publish)",
           {kConfig, kDir, kPassphraseFile},
           {},
           "answer --config config.json --dir trustee-1",
           cmd_answer},
          {"finish", ceremony, "derive and store the share (share.json); write finish-J.json (publish)",
           with_token({kConfig, kDir, kPassphraseFile}),
           {},
           "finish --config config.json --dir trustee-1",
           cmd_finish},
          {"publish-key", ceremony, "write the ceremony file and print the election key",
           {kConfig, required_option("dir", "DIR", "a folder with every trustee's public messages", Kind::input_folder),
            required_option("out", "CEREMONY", "the ceremony file to write", Kind::output_file)},
           {},
           "publish-key --config config.json --dir public --out ceremony.json",
           cmd_publish_key},
          {"verify-ceremony", ceremony, "re-check a ceremony file: PASS or FAIL",
           {optional_option("config", "CONFIG", "the signed config the ceremony must match", Kind::input_file)},
           evote::cli::FilesSpec{"CEREMONY", "the ceremony file", Kind::input_file, 1, 1},
           "verify-ceremony --config config.json ceremony.json",
           cmd_verify_ceremony},
          {"partial-decrypt", decryption, "this trustee's decryption shares, with proofs (EVPDEC01)",
           with_token({kDir,
                       required_option("ceremony", "CEREMONY", "the ceremony file", Kind::input_file),
                       required_option("in", "CIPHERTEXTS", "the ciphertexts (EVCTXT01)", Kind::input_file),
                       required_option("out", "PARTIAL", "the partial-decryption file to write", Kind::output_file),
                       kPassphraseFile}),
           {},
           "partial-decrypt --dir trustee-1 --ceremony ceremony.json --in stage-2.ctxt --out partial-1.bin",
           cmd_partial_decrypt},
          {"combine", decryption, "check the trustees' shares and combine any t valid ones",
           {required_option("ceremony", "CEREMONY", "the ceremony file", Kind::input_file),
            required_option("in", "CIPHERTEXTS", "the ciphertexts the shares decrypt", Kind::input_file),
            required_option("out", "PLAINTEXTS", "the plaintexts to write, one row per line", Kind::output_file),
            evote::cli::number_option("max-code", "M", "decode choice codes 1..M (else hex elements)", 1, 100000000,
                                      false)},
           evote::cli::FilesSpec{"PARTIAL", "the trustees' partial-decryption files", Kind::input_file, 1},
           "combine --ceremony ceremony.json --in stage-2.ctxt --out plain.txt --max-code 300 partial-1.bin "
           "partial-2.bin partial-3.bin",
           cmd_combine},
      }};
}

}  // namespace

int main(int argc, char** argv) { return evote::cli::run_program(argc, argv, program()); }
