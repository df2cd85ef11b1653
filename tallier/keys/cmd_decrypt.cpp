// partial-decrypt (a trustee's decryption shares of a ciphertext file) and
// combine (any t valid trustees give the plaintexts).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

#include "ceremony.hpp"
#include "commands.hpp"
#include "evote/crypto/elgamal.hpp"
#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "partial_file.hpp"
#include "secrets.hpp"

namespace evote::keys {

using protocol::FormatError;
namespace fs = std::filesystem;

namespace {

struct Input {
  protocol::CiphertextFileHeader header;
  std::vector<crypto::Ciphertext> ciphertexts;  // row by row
  crypto::Bytes hash;
};

// The ciphertext file, which must be of the ceremony's election and group.
Input read_input(const std::string& path, const Ceremony& ceremony) {
  Input in;
  in.hash = protocol::hash_file(path).hash;
  protocol::CiphertextFileReader reader(path);
  in.header = reader.header();
  if (in.header.election_id != ceremony.setup.params.election_id) {
    throw FormatError("ciphertext file " + path + ": election \"" + in.header.election_id +
                      "\", not the ceremony's \"" + ceremony.setup.params.election_id + "\"");
  }
  if (&reader.group() != ceremony.setup.group) {
    throw FormatError("ciphertext file " + path + ": group " + in.header.group +
                      ", not the ceremony's");
  }
  for (auto rows = reader.read_rows(4096); !rows.empty(); rows = reader.read_rows(4096)) {
    for (auto& row : rows) std::move(row.begin(), row.end(), std::back_inserter(in.ciphertexts));
  }
  return in;
}

std::string list(const std::vector<std::uint32_t>& indices) {
  std::string out;
  for (std::uint32_t i : indices) out += (out.empty() ? "" : " ") + std::to_string(i);
  return out;
}

// "proof of ciphertext 17 fails" (+ how many more) or the verdict's reason.
std::string describe(const crypto::TrusteeVerdict& v) {
  if (v.bad_positions.empty()) return v.reason;
  std::string out = "proof of ciphertext " + std::to_string(v.bad_positions[0]) + " fails";
  if (v.bad_positions.size() > 1)
    out += " (and " + std::to_string(v.bad_positions.size() - 1) + " more)";
  return out;
}

std::uint64_t parse_max_code(const std::string& text) {
  std::size_t used = 0;
  unsigned long long v = 0;
  try {
    v = std::stoull(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty() || text[0] == '-' || v < 1 || v > 100000000) {
    throw cli::UsageError("--max-code: not a number in 1..100000000: \"" + text + "\"");
  }
  return v;
}

}  // namespace

int cmd_partial_decrypt(const cli::Args& args) {
  const std::optional<TokenOptions> token = token_options(args);
  const fs::path dir = args.required("dir");
  const Ceremony ceremony = load_ceremony(args.required("ceremony"));
  const ShareInfo info = read_share_info(dir);
  const std::string share_path = (dir / kShareFile).string();
  if (info.election_id != ceremony.setup.params.election_id ||
      info.record_hash != ceremony.record_hash || info.trustee < 1 ||
      info.trustee > ceremony.setup.params.trustees ||
      info.verification_key != ceremony.verification_keys[info.trustee - 1].encode()) {
    throw FormatError(share_path + ": the share is not from the ceremony in " +
                      args.required("ceremony"));
  }
  const Input in = read_input(args.required("in"), ceremony);
  const crypto::Scalar x = load_share(dir, *ceremony.setup.group, token, args);
  const crypto::DecryptionContext context{ceremony.setup.params.election_id, batch_label(in.hash)};
  const crypto::TrusteeDecryptions parts = crypto::partial_decrypt_all(
      x, ceremony.verification_keys[info.trustee - 1], in.ciphertexts, context, info.trustee);
  write_partial_file(args.required("out"),
                     {ceremony.setup.params.election_id, std::string(ceremony.setup.group->name()),
                      info.trustee, in.hash, in.header.width, in.header.count},
                     parts, args.public_output());
  std::printf("trustee %u: wrote %zu partial decryptions to %s\n", info.trustee, parts.parts.size(),
              args.required("out").c_str());
  return 0;
}

namespace {

// The partial files that parse and match the input; the others are named in
// `rejected`.
struct Submissions {
  std::vector<crypto::TrusteeDecryptions> decryptions;
  std::vector<std::string> files;
  std::vector<std::string> rejected;  // "trustee 4 (file): why" or "file: why"
};

Submissions read_submissions(const std::vector<std::string>& paths, const Ceremony& ceremony,
                             const Input& in, const std::string& input_path) {
  Submissions out;
  for (const std::string& path : paths) {
    try {
      PartialFile f = read_partial_file(path, *ceremony.setup.group);
      const std::string who = "trustee " + std::to_string(f.header.trustee) + " (" + path + ")";
      if (f.header.election_id != ceremony.setup.params.election_id)
        throw FormatError(who + ": another election");
      if (f.header.input_hash != in.hash)
        throw FormatError(who + ": input_hash is not the hash of " + input_path);
      if (f.header.width != in.header.width || f.header.count != in.header.count) {
        throw FormatError(who + ": shape differs from the input");
      }
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

// The t valid submissions with the smallest indices (§17 steps 2-4).
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
      s.rejected.push_back(who + ": " + describe(verdicts[k]));
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

// One line per row (§17 step 5); returns how many values are invalid.
std::uint64_t write_plaintexts(const std::string& path, const std::vector<crypto::Element>& plain,
                               std::uint32_t width, const crypto::Group& group,
                               std::uint64_t max_code, protocol::WriteMode mode) {
  std::optional<crypto::CodeTable> table;
  if (max_code != 0) {
    std::vector<std::uint64_t> codes;
    for (std::uint64_t m = 1; m <= max_code; ++m) codes.push_back(m);
    table.emplace(group, codes);
  }
  std::string text;
  std::uint64_t invalid = 0;
  for (std::size_t p = 0; p < plain.size(); ++p) {
    if (table) {
      const auto code = table->lookup(plain[p]);
      if (!code) ++invalid;
      text += code ? std::to_string(*code) : std::string("invalid");
    } else {
      text += crypto::to_hex(plain[p].encode());
    }
    text += (p + 1) % width == 0 ? "\n" : " ";
  }
  protocol::AtomicOutput out(path, mode);
  out.write(text);
  out.commit();
  return invalid;
}

}  // namespace

int cmd_combine(const cli::Args& args) {
  const std::uint64_t max_code =
      args.optional("max-code") ? parse_max_code(*args.optional("max-code")) : 0;
  const Ceremony ceremony = load_ceremony(args.required("ceremony"));
  const Input in = read_input(args.required("in"), ceremony);
  const crypto::DecryptionContext context{ceremony.setup.params.election_id, batch_label(in.hash)};
  Submissions submissions = read_submissions(args.files(), ceremony, in, args.required("in"));
  const std::vector<crypto::TrusteeDecryptions> chosen =
      choose_valid(submissions, ceremony, in, context);
  std::vector<std::uint32_t> used;
  for (const auto& c : chosen) used.push_back(c.trustee);
  const std::vector<crypto::Element> plain = crypto::lagrange_combine(in.ciphertexts, chosen);
  const std::uint64_t invalid = write_plaintexts(args.required("out"), plain, in.header.width,
                                                 *ceremony.setup.group, max_code, args.public_output());
  std::printf("combined trustees %s: %zu plaintexts in %s", list(used).c_str(), plain.size(),
              args.required("out").c_str());
  if (max_code != 0) std::printf(" (%llu invalid)", static_cast<unsigned long long>(invalid));
  std::printf("\n");
  return 0;
}

}  // namespace evote::keys
