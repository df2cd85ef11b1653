// partial-decrypt (a trustee's decryption shares of the last stage of a
// verified mix cascade) and combine (any t valid trustees give the
// plaintexts, decoded as the config's choice codes).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

#include "ceremony.hpp"
#include "choice_table.hpp"
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

// "proof of row 2 column 1 fails" (+ how many more) or the verdict's reason.
std::string describe(const crypto::TrusteeVerdict& v, std::uint32_t width) {
  if (v.bad_positions.empty()) return v.reason;
  std::string out = "proof of " + position_name(v.bad_positions[0], width) + " fails";
  if (v.bad_positions.size() > 1)
    out += " (and " + std::to_string(v.bad_positions.size() - 1) + " more)";
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

namespace {

// The partial files that parse and are of the verified cascade's last
// stage; the others are named in `rejected`.
struct Submissions {
  std::vector<crypto::TrusteeDecryptions> decryptions;
  std::vector<std::string> files;
  std::vector<std::string> rejected;  // "trustee 4 (file): why" or "file: why"
};

Submissions read_submissions(const std::vector<std::string>& paths, const Ceremony& ceremony,
                             const Input& in, const VerifiedCascade& cascade) {
  Submissions out;
  for (const std::string& path : paths) {
    try {
      PartialFile f = read_partial_file(path, *ceremony.setup.group);
      const std::string who = "trustee " + std::to_string(f.header.trustee) + " (" + path + ")";
      if (f.header.election_id != ceremony.setup.params.election_id)
        throw FormatError(who + ": another election");
      if (f.header.input_hash != in.hash) {
        throw FormatError(who + ": input_hash is not the hash of " + cascade.last_output.string() +
                          " (the cascade's last stage)");
      }
      if (f.header.first_input_hash != cascade.first_input_hash ||
          f.header.stages != cascade.stages) {
        throw FormatError(who + ": first_input_hash and stages are not those of this cascade (" +
                          std::to_string(cascade.stages) + " stages)");
      }
      if (f.header.width != in.header.width || f.header.count != in.header.count)
        throw FormatError(who + ": shape differs from the input");
      if (f.header.trustee > ceremony.setup.params.trustees)
        throw FormatError(who + ": no such trustee");
      out.decryptions.push_back(std::move(f.decryptions));
      out.files.push_back(path);
    } catch (const FormatError& e) {
      out.rejected.push_back(e.what());
    }
  }
  return out;
}

// The t valid submissions with the smallest indices (§17 steps 3-5).
std::vector<crypto::TrusteeDecryptions> choose_valid(Submissions& s, const Ceremony& ceremony,
                                                     const Input& in,
                                                     const crypto::DecryptionContext& context) {
  const crypto::ThresholdParams& params = ceremony.setup.params;
  std::map<std::uint32_t, int> times;
  for (const auto& d : s.decryptions) ++times[d.trustee];
  const std::vector<crypto::TrusteeVerdict> verdicts = crypto::verify_partial_decryptions(
      params, *ceremony.key, in.ciphertexts, s.decryptions, context);
  std::vector<const crypto::TrusteeDecryptions*> valid;
  for (std::size_t k = 0; k < s.decryptions.size(); ++k) {
    const std::uint32_t j = s.decryptions[k].trustee;
    const std::string who = "trustee " + std::to_string(j) + " (" + s.files[k] + ")";
    if (times[j] > 1) {
      s.rejected.push_back(who + ": trustee " + std::to_string(j) + " submitted " +
                           std::to_string(times[j]) + " files");
    } else if (!verdicts[k].ok()) {
      s.rejected.push_back(who + ": " + describe(verdicts[k], in.header.width));
    } else {
      valid.push_back(&s.decryptions[k]);
    }
  }
  std::sort(valid.begin(), valid.end(), [](auto* a, auto* b) { return a->trustee < b->trustee; });
  for (const std::string& r : s.rejected) std::printf("skipped %s\n", r.c_str());
  if (valid.size() < params.threshold) {
    std::string why = "need " + std::to_string(params.threshold) +
                      " valid partial decryptions, have " + std::to_string(valid.size());
    for (const std::string& r : s.rejected) why += ": " + r;
    throw FormatError(why);
  }
  std::vector<crypto::TrusteeDecryptions> chosen;
  for (std::size_t k = 0; k < params.threshold; ++k) chosen.push_back(*valid[k]);
  return chosen;
}

// One line per row (§17 step 6): the codes, or "invalid"; counts each value.
CodeCounts write_plaintexts(const std::string& path, const std::vector<crypto::Element>& plain,
                            std::uint32_t width, const crypto::Group& group,
                            const ChoiceCodes& codes, protocol::WriteMode mode) {
  std::vector<std::uint64_t> values;
  for (const ChoiceCode& c : codes.codes) values.push_back(c.code);
  const crypto::CodeTable table(group, values);
  CodeCounts counts;
  std::string text;
  for (std::size_t p = 0; p < plain.size(); ++p) {
    const auto code = table.lookup(plain[p]);
    if (code) {
      ++counts.by_code[*code];
      text += std::to_string(*code);
    } else {
      ++counts.invalid;
      text += "invalid";
    }
    text += (p + 1) % width == 0 ? "\n" : " ";
  }
  protocol::AtomicOutput out(path, mode);
  out.write(text);
  out.commit();
  return counts;
}

}  // namespace

int cmd_combine(const cli::Args& args) {
  std::vector<NamedInput> inputs = decryption_inputs(args);
  for (const std::string& file : args.files()) inputs.push_back({"PARTIAL", file});
  refuse_unsafe_output(args.required("out"), inputs, std::nullopt);
  const CascadeOptions options = cascade_options(args);
  const mix::io::MixElection election = mix::io::load_mix_election(options.config);
  const Ceremony ceremony = load_ceremony(args.required("ceremony"), election.config);
  const VerifiedCascade cascade = verify_cascade(election, options, print_progress);
  const Input in = read_input(cascade, ceremony);
  const ChoiceCodes codes = choice_codes(election.config, in.header);
  const crypto::DecryptionContext context{ceremony.setup.params.election_id, batch_label(in.hash)};
  Submissions submissions = read_submissions(args.files(), ceremony, in, cascade);
  const std::vector<crypto::TrusteeDecryptions> chosen =
      choose_valid(submissions, ceremony, in, context);
  std::vector<std::uint32_t> used;
  for (const auto& c : chosen) used.push_back(c.trustee);
  const std::vector<crypto::Element> plain = crypto::lagrange_combine(in.ciphertexts, chosen);
  const CodeCounts counts = write_plaintexts(args.required("out"), plain, in.header.width,
                                             *ceremony.setup.group, codes, args.public_output());
  std::printf("combined trustees %s: %llu rows of %u in %s\n", list(used).c_str(),
              static_cast<unsigned long long>(in.header.count), in.header.width,
              args.required("out").c_str());
  std::printf("contest %s (%s), district %s:\n%s", codes.contest_id.c_str(),
              codes.contest_name.c_str(), codes.district.empty() ? "(all)" : codes.district.c_str(),
              count_table(codes, counts).c_str());
  return 0;
}

}  // namespace evote::keys
