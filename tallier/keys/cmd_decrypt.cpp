// partial-decrypt (a trustee's decryption shares of the last stage of a
// verified mix cascade) and combine (any t valid trustees give the
// plaintexts, decoded as the config's choice codes).
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "ceremony.hpp"
#include "choice_table.hpp"
#include "combine_stream.hpp"
#include "commands.hpp"
#include "evote/crypto/elgamal.hpp"
#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "output_guard.hpp"
#include "partial_file.hpp"
#include "secrets.hpp"
#include "verified_cascade.hpp"

namespace evote::keys {

using protocol::FormatError;
namespace fs = std::filesystem;

namespace {

struct Input {
  protocol::CiphertextFileHeader header;
  std::vector<crypto::Ciphertext> ciphertexts;  // row by row
  crypto::Bytes hash;
};

// The last stage's output, which must be of the ceremony's election and
// group and have the hash its verified proof names (so what is decrypted is
// what was verified, even if the file changed meanwhile).
Input read_input(const VerifiedCascade& cascade, const Ceremony& ceremony) {
  const std::string path = cascade.last_output.string();
  Input in;
  in.hash = protocol::hash_file(path).hash;
  if (in.hash != cascade.last_output_hash)
    throw FormatError("ciphertext file " + path + ": changed since its proof was verified");
  protocol::CiphertextFileReader reader(path);
  in.header = reader.header();
  if (in.header.election_id != ceremony.setup.params.election_id) {
    throw FormatError("ciphertext file " + path + ": election \"" + in.header.election_id +
                      "\", not the ceremony's \"" + ceremony.setup.params.election_id + "\"");
  }
  if (&reader.group() != ceremony.setup.group)
    throw FormatError("ciphertext file " + path + ": group " + in.header.group +
                      ", not the ceremony's");
  for (auto rows = reader.read_rows(4096); !rows.empty(); rows = reader.read_rows(4096)) {
    for (auto& row : rows) std::move(row.begin(), row.end(), std::back_inserter(in.ciphertexts));
  }
  if (protocol::hash_file(path).hash != in.hash)
    throw FormatError("ciphertext file " + path + ": changed while it was read");
  return in;
}

std::string list(const std::vector<std::uint32_t>& indices) {
  std::string out;
  for (std::uint32_t i : indices) out += (out.empty() ? "" : " ") + std::to_string(i);
  return out;
}

// The inputs an output of partial-decrypt or combine must not be.
std::vector<NamedInput> decryption_inputs(const cli::Args& args) {
  const CascadeOptions options = cascade_options(args);
  std::vector<NamedInput> inputs = {{"--ceremony", args.required("ceremony")},
                                    {"--config", options.config},
                                    {"--input", options.input}};
  std::error_code error;
  if (fs::is_directory(options.cascade, error)) {
    for (const auto& entry : fs::directory_iterator(options.cascade, error))
      inputs.push_back({"--cascade", entry.path()});
  }
  return inputs;
}

void print_progress(const std::string& line) { std::printf("cascade %s\n", line.c_str()); }

}  // namespace

int cmd_partial_decrypt(const cli::Args& args) {
  const fs::path dir = args.required("dir");
  refuse_unsafe_output(args.required("out"), decryption_inputs(args), dir);
  const std::optional<TokenOptions> token = token_options(args);
  const CascadeOptions options = cascade_options(args);
  const mix::io::MixElection election = mix::io::load_mix_election(options.config);
  const Ceremony ceremony = load_ceremony(args.required("ceremony"), election.config);
  const ShareInfo info = read_share_info(dir);
  const std::string share_path = (dir / kShareFile).string();
  if (info.election_id != ceremony.setup.params.election_id ||
      info.record_hash != ceremony.record_hash || info.trustee < 1 ||
      info.trustee > ceremony.setup.params.trustees ||
      info.verification_key != ceremony.verification_keys[info.trustee - 1].encode()) {
    throw FormatError(share_path + ": the share is not from the ceremony in " +
                      args.required("ceremony"));
  }
  // Only a verified cascade's last stage is decrypted; the share is opened after.
  const VerifiedCascade cascade = verify_cascade(election, options, print_progress);
  const Input in = read_input(cascade, ceremony);
  const crypto::Scalar x = load_share(dir, *ceremony.setup.group, token, args);
  const crypto::DecryptionContext context{ceremony.setup.params.election_id, batch_label(in.hash)};
  const crypto::TrusteeDecryptions parts = crypto::partial_decrypt_all(
      x, ceremony.verification_keys[info.trustee - 1], in.ciphertexts, context, info.trustee);
  write_partial_file(
      args.required("out"),
      {ceremony.setup.params.election_id, std::string(ceremony.setup.group->name()), info.trustee,
       in.hash, in.header.width, in.header.count, cascade.first_input_hash, cascade.stages},
      parts, args.public_output());
  std::printf("trustee %u: wrote %zu partial decryptions of %s (stage %u of the cascade) to %s\n",
              info.trustee, parts.parts.size(), cascade.last_output.string().c_str(),
              cascade.stages, args.required("out").c_str());
  return 0;
}

int cmd_combine(const cli::Args& args) {
  std::vector<NamedInput> inputs = decryption_inputs(args);
  for (const std::string& file : args.files()) inputs.push_back({"PARTIAL", file});
  refuse_unsafe_output(args.required("out"), inputs, std::nullopt);
  const CascadeOptions options = cascade_options(args);
  const mix::io::MixElection election = mix::io::load_mix_election(options.config);
  const Ceremony ceremony = load_ceremony(args.required("ceremony"), election.config);
  const VerifiedCascade cascade = verify_cascade(election, options, print_progress);
  const CombineOutcome c = combine_files(
      election.config, ceremony, cascade, args.files(), args.required("out"), args.public_output(),
      [](const std::string& why) { std::printf("skipped %s\n", why.c_str()); });
  std::printf("combined trustees %s: %llu rows of %u in %s\n", list(c.used).c_str(),
              static_cast<unsigned long long>(c.header.count), c.header.width,
              args.required("out").c_str());
  std::printf("contest %s (%s), district %s:\n%s", c.codes.contest_id.c_str(),
              c.codes.contest_name.c_str(),
              c.codes.district.empty() ? "(all)" : c.codes.district.c_str(),
              count_table(c.codes, c.counts).c_str());
  return 0;
}

}  // namespace evote::keys
