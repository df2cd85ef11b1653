#include "combine_stream.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <utility>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/threshold.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "partial_file.hpp"

namespace evote::keys {

using protocol::FormatError;

namespace {

// One PARTIAL file given to combine and what became of it.
struct Submission {
  std::string path;
  std::uint32_t trustee = 0;
  std::unique_ptr<PartialFileReader> reader;  // null once the file is rejected as unreadable
  std::string read_problem;  // why the file was rejected while read (header, shape, decoding)
  std::vector<std::uint64_t> bad_positions;  // positions whose proof fails
  std::string proof_problem;                 // the first verdict's reason, if any
  std::string who() const { return "trustee " + std::to_string(trustee) + " (" + path + ")"; }
  bool readable() const { return reader != nullptr; }
  bool proofs_hold() const { return proof_problem.empty(); }
};

// The ciphertext file decrypted: the cascade's last stage, of the
// ceremony's election and group, with the hash its verified proof names.
std::unique_ptr<protocol::CiphertextFileReader> open_input(const VerifiedCascade& cascade,
                                                           const Ceremony& ceremony) {
  const std::string path = cascade.last_output.string();
  if (protocol::hash_file(path).hash != cascade.last_output_hash)
    throw FormatError("ciphertext file " + path + ": changed since its proof was verified");
  auto reader = std::make_unique<protocol::CiphertextFileReader>(path);
  const protocol::CiphertextFileHeader& header = reader->header();
  if (header.election_id != ceremony.setup.params.election_id) {
    throw FormatError("ciphertext file " + path + ": election \"" + header.election_id +
                      "\", not the ceremony's \"" + ceremony.setup.params.election_id + "\"");
  }
  if (&reader->group() != ceremony.setup.group)
    throw FormatError("ciphertext file " + path + ": group " + header.group +
                      ", not the ceremony's");
  return reader;
}

// Opens the file and checks its header against the input and the cascade.
void open_submission(Submission& s, const Ceremony& ceremony,
                     const protocol::CiphertextFileHeader& input, const VerifiedCascade& cascade) {
  try {
    auto reader = std::make_unique<PartialFileReader>(s.path, *ceremony.setup.group);
    const PartialHeader& h = reader->header();
    s.trustee = h.trustee;
    const std::string who = s.who();
    if (h.election_id != ceremony.setup.params.election_id)
      throw FormatError(who + ": another election");
    if (h.input_hash != cascade.last_output_hash) {
      throw FormatError(who + ": input_hash is not the hash of " + cascade.last_output.string() +
                        " (the cascade's last stage)");
    }
    if (h.first_input_hash != cascade.first_input_hash || h.stages != cascade.stages) {
      throw FormatError(who + ": first_input_hash and stages are not those of this cascade (" +
                        std::to_string(cascade.stages) + " stages)");
    }
    if (h.width != input.width || h.count != input.count)
      throw FormatError(who + ": shape differs from the input");
    if (h.trustee > ceremony.setup.params.trustees) throw FormatError(who + ": no such trustee");
    s.reader = std::move(reader);
  } catch (const FormatError& e) {
    s.read_problem = e.what();
  }
}

// "proof of row 2 column 1 fails" (+ how many more) or the verdict's reason.
std::string describe(const Submission& s, std::uint32_t width) {
  if (s.bad_positions.empty()) return s.proof_problem;
  std::string out = "proof of " + position_name(s.bad_positions[0], width) + " fails";
  if (s.bad_positions.size() > 1)
    out += " (and " + std::to_string(s.bad_positions.size() - 1) + " more)";
  return out;
}

// The submissions to combine (§17 steps 3-5): of the readable ones, not of
// a trustee that submitted twice, with every proof valid (so far), the t of
// smallest indices; fewer when there are not t. `rejected` (if given)
// hears each file left out and why: first the unreadable ones, then the
// others, each in the order given.
std::vector<std::size_t> choose(const std::vector<Submission>& all, std::uint32_t threshold,
                                std::uint32_t width, std::vector<std::string>* rejected) {
  std::map<std::uint32_t, int> times;
  for (const Submission& s : all) {
    if (s.readable()) ++times[s.trustee];
  }
  if (rejected) {
    for (const Submission& s : all) {
      if (!s.readable()) rejected->push_back(s.read_problem);
    }
  }
  std::vector<std::size_t> valid;
  for (std::size_t k = 0; k < all.size(); ++k) {
    const Submission& s = all[k];
    if (!s.readable()) continue;
    if (times[s.trustee] > 1) {
      if (rejected) {
        rejected->push_back(s.who() + ": trustee " + std::to_string(s.trustee) + " submitted " +
                            std::to_string(times[s.trustee]) + " files");
      }
    } else if (!s.proofs_hold()) {
      if (rejected) rejected->push_back(s.who() + ": " + describe(s, width));
    } else {
      valid.push_back(k);
    }
  }
  std::stable_sort(valid.begin(), valid.end(),
                   [&](std::size_t a, std::size_t b) { return all[a].trustee < all[b].trustee; });
  if (valid.size() > threshold) valid.resize(threshold);
  return valid;
}

// One line per row (§17 step 6): the codes, or "invalid"; counts each value.
class PlaintextWriter {
 public:
  PlaintextWriter(const std::filesystem::path& path, protocol::WriteMode mode,
                  const crypto::Group& group, const ChoiceCodes& codes, std::uint32_t width)
      : out_(path, mode), table_(group, values(codes)), width_(width) {}

  void write(const std::vector<crypto::Element>& plain) {
    std::string text;
    for (std::size_t p = 0; p < plain.size(); ++p) {
      const auto code = table_.lookup(plain[p]);
      if (code) {
        ++counts_.by_code[*code];
        text += std::to_string(*code);
      } else {
        ++counts_.invalid;
        text += "invalid";
      }
      text += (p + 1) % width_ == 0 ? "\n" : " ";
    }
    out_.write(text);
  }
  void commit() { out_.commit(); }
  const CodeCounts& counts() const { return counts_; }

 private:
  static std::vector<std::uint64_t> values(const ChoiceCodes& codes) {
    std::vector<std::uint64_t> out;
    for (const ChoiceCode& c : codes.codes) out.push_back(c.code);
    return out;
  }
  protocol::AtomicOutput out_;
  crypto::CodeTable table_;
  std::uint32_t width_;
  CodeCounts counts_;
};

std::vector<crypto::Ciphertext> next_ciphertexts(protocol::CiphertextFileReader& reader,
                                                 std::size_t rows) {
  std::vector<crypto::Ciphertext> out;
  for (auto& row : reader.read_rows(rows))
    std::move(row.begin(), row.end(), std::back_inserter(out));
  return out;
}

}  // namespace

CombineOutcome combine_files(const protocol::ElectionConfig& config, const Ceremony& ceremony,
                             const VerifiedCascade& cascade,
                             const std::vector<std::string>& partial_paths,
                             const std::filesystem::path& out, protocol::WriteMode mode,
                             const std::function<void(const std::string&)>& skipped,
                             std::size_t chunk_positions) {
  const crypto::ThresholdParams& params = ceremony.setup.params;
  const crypto::Group& group = *ceremony.setup.group;
  std::unique_ptr<protocol::CiphertextFileReader> input = open_input(cascade, ceremony);
  CombineOutcome outcome{input->header(), choice_codes(config, input->header()), {}, {}};
  const std::uint32_t width = outcome.header.width;
  const std::size_t chunk_rows = std::max<std::size_t>(1, chunk_positions / width);
  const crypto::DecryptionContext context{params.election_id,
                                          batch_label(cascade.last_output_hash)};

  std::vector<Submission> submissions(partial_paths.size());
  for (std::size_t k = 0; k < partial_paths.size(); ++k) {
    submissions[k].path = partial_paths[k];
    open_submission(submissions[k], ceremony, outcome.header, cascade);
  }

  // Pass 1: every proof verified; the likely choice combined meanwhile.
  const std::vector<std::size_t> likely = choose(submissions, params.threshold, width, nullptr);
  std::optional<PlaintextWriter> writer;
  if (likely.size() == params.threshold) writer.emplace(out, mode, group, outcome.codes, width);
  std::uint64_t position = 0;
  for (auto cts = next_ciphertexts(*input, chunk_rows); !cts.empty();
       cts = next_ciphertexts(*input, chunk_rows)) {
    std::vector<std::size_t> live;
    std::vector<crypto::TrusteeDecryptions> batch;
    for (std::size_t k = 0; k < submissions.size(); ++k) {
      Submission& s = submissions[k];
      if (!s.readable()) continue;
      try {
        batch.push_back({s.trustee, s.reader->read(cts.size())});
        live.push_back(k);
      } catch (const FormatError& e) {
        s.read_problem = e.what();
        s.reader.reset();
      }
    }
    const std::vector<crypto::TrusteeVerdict> verdicts =
        crypto::verify_partial_decryptions(params, *ceremony.key, cts, batch, context, position);
    for (std::size_t i = 0; i < live.size(); ++i) {
      Submission& s = submissions[live[i]];
      const crypto::TrusteeVerdict& v = verdicts[i];
      s.bad_positions.insert(s.bad_positions.end(), v.bad_positions.begin(), v.bad_positions.end());
      if (s.proof_problem.empty()) s.proof_problem = v.reason;
    }
    if (writer) {
      std::vector<crypto::TrusteeDecryptions> chosen;
      for (std::size_t k : likely) {
        const auto at = std::find(live.begin(), live.end(), k);
        if (at == live.end() || !submissions[k].proofs_hold()) break;
        chosen.push_back(std::move(batch[static_cast<std::size_t>(at - live.begin())]));
      }
      if (chosen.size() == likely.size()) {
        writer->write(crypto::lagrange_combine(cts, chosen));
      } else {
        writer.reset();  // the likely choice is not the choice: pass 2
      }
    }
    position += cts.size();
  }

  std::vector<std::string> rejected;
  const std::vector<std::size_t> chosen = choose(submissions, params.threshold, width, &rejected);
  for (const std::string& r : rejected) skipped(r);
  if (chosen.size() < params.threshold) {
    std::string why = "need " + std::to_string(params.threshold) +
                      " valid partial decryptions, have " + std::to_string(chosen.size());
    for (const std::string& r : rejected) why += ": " + r;
    throw FormatError(why);
  }
  for (std::size_t k : chosen) outcome.used.push_back(submissions[k].trustee);

  if (!writer || chosen != likely) {
    // Pass 2: the chosen trustees' files again, which must read as before.
    writer.reset();
    writer.emplace(out, mode, group, outcome.codes, width);
    input = open_input(cascade, ceremony);
    std::vector<PartialFileReader> readers;
    for (std::size_t k : chosen) readers.emplace_back(submissions[k].path, group);
    for (auto cts = next_ciphertexts(*input, chunk_rows); !cts.empty();
         cts = next_ciphertexts(*input, chunk_rows)) {
      std::vector<crypto::TrusteeDecryptions> parts;
      for (std::size_t i = 0; i < chosen.size(); ++i)
        parts.push_back({submissions[chosen[i]].trustee, readers[i].read(cts.size())});
      writer->write(crypto::lagrange_combine(cts, parts));
    }
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      const Submission& s = submissions[chosen[i]];
      if (readers[i].digest() != s.reader->digest())
        throw FormatError(s.who() + ": changed while it was read");
    }
  }
  if (protocol::hash_file(cascade.last_output.string()).hash != cascade.last_output_hash) {
    throw FormatError("ciphertext file " + cascade.last_output.string() +
                      ": changed while it was read");
  }
  outcome.counts = writer->counts();
  writer->commit();
  return outcome;
}

}  // namespace evote::keys
