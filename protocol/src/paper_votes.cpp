// Paper-vote lists: rules, streaming writer, signing.
#include "evote/protocol/paper_votes.hpp"

#include <algorithm>

#include "atomic_file.hpp"
#include "canonical_writer.hpp"
#include "evote/protocol/error.hpp"
#include "message_text.hpp"
#include "names_json.hpp"
#include "stream_signing.hpp"

namespace evote::protocol {

namespace {

// `with_signature` false gives the bytes that are signed.
void write_document(CanonicalWriter& out, const PaperVotes& doc, bool with_signature) {
  out.raw("{\"election_id\":");
  out.string(doc.election_id);
  if (with_signature && doc.signature) {
    out.raw(",");
    write_signature_member(out, *doc.signature);
  }
  out.raw(",\"type\":");
  out.string(kPaperVotesType);
  out.raw(",\"version\":");
  out.number(kPaperVotesVersion);
  out.raw(",\"voters\":[");
  for (std::size_t i = 0; i < doc.voters.size(); ++i) {
    const std::array<char, 11> code = doc.voters[i].digits();
    out.raw(i == 0 ? "\"" : ",\"");
    out.raw(std::string_view(code.data(), code.size()));
    out.raw("\"");
  }
  out.raw("]}");
}

}  // namespace

bool PaperVotes::contains(PersonalCode code) const {
  return std::binary_search(voters.begin(), voters.end(), code);
}

void validate(const PaperVotes& doc, const std::string& what) {
  if (!is_identifier(doc.election_id)) {
    fail_at(what, "election_id",
            quote_input(doc.election_id) + " is not an identifier (1-64 of A-Z a-z 0-9 _ - .)");
  }
  for (std::size_t i = 1; i < doc.voters.size(); ++i) {
    const PersonalCode previous = doc.voters[i - 1];
    const PersonalCode current = doc.voters[i];
    if (current == previous)
      fail_at(what, element_path("voters", i), "duplicate voter " + current.str());
    if (current < previous) {
      fail_at(what, element_path("voters", i),
              "not in increasing order (" + current.str() + " after " + previous.str() + ")");
    }
  }
}

Json to_json(const PaperVotes& doc) {
  Json voters = Json::array();
  for (const PersonalCode& code : doc.voters) voters.push_back(code.str());
  Json out = {{"type", std::string(kPaperVotesType)},
              {"version", kPaperVotesVersion},
              {"election_id", doc.election_id},
              {"voters", std::move(voters)}};
  if (doc.signature) out["signature"] = signature_to_json(*doc.signature);
  return out;
}

void write_canonical(const PaperVotes& doc, const std::function<void(std::string_view)>& sink) {
  CanonicalWriter out(sink);
  write_document(out, doc, true);
  out.flush();
}

std::string canonical_string(const PaperVotes& doc) {
  std::string text;
  write_canonical(doc, [&](std::string_view chunk) { text.append(chunk); });
  return text;
}

crypto::Digest signing_digest(const PaperVotes& doc) {
  TaggedSha512 hash(signing_tag(kPaperVotesType));
  CanonicalWriter out([&](std::string_view chunk) { hash.update(chunk); });
  write_document(out, doc, false);
  out.flush();
  return hash.finish();
}

void sign(PaperVotes& doc, const crypto::Ed25519SigningKey& key) {
  validate(doc, "paper-vote list");
  doc.signature = sign_digest(signing_digest(doc), key);
}

crypto::Verdict verify_signature(const PaperVotes& doc,
                                 const crypto::Ed25519PublicKey& expected_signer,
                                 const std::string& what) {
  return verify_streamed_signature(signing_digest(doc), doc.signature, expected_signer, what);
}

void check_paper_votes(const PaperVotes& doc, const ElectionConfig& config,
                       const std::string& what) {
  validate(doc, what);
  if (doc.election_id != config.election_id) {
    throw FormatError(what + ": election_id: " + quote_input(doc.election_id) +
                      " is not this election (" + quote_input(config.election_id) + ")");
  }
  const crypto::Verdict verdict = verify_signature(doc, config.organizer_key, what);
  if (!verdict) throw FormatError(verdict.reason);
}

void save_paper_votes(const PaperVotes& doc, const std::filesystem::path& path, WriteMode mode) {
  write_file_atomically(path, mode, [&](const ByteSink& sink) { write_canonical(doc, sink); });
}

}  // namespace evote::protocol
