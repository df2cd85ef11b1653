// Writing, signing and hashing change sets by streaming (no DOM).
#include <algorithm>

#include "atomic_file.hpp"
#include "canonical_writer.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/voter_list.hpp"
#include "stream_signing.hpp"

namespace evote::protocol {

namespace {

constexpr std::string_view kHashTag = "evote/voter-list-hash/v1";

std::string default_what(const VoterListChanges& doc) {
  return "voter list change set " + std::to_string(doc.sequence);
}

// The members before "signature", in canonical (sorted) key order.
void write_head(CanonicalWriter& out, const VoterListChanges& doc) {
  out.raw("{\"changes\":[");
  for (std::size_t i = 0; i < doc.changes.size(); ++i) {
    const VoterChange change = doc.changes[i];
    const std::array<char, 11> code = change.code.digits();
    out.raw(i == 0 ? "{\"action\":" : ",{\"action\":");
    out.raw(change.action == VoterAction::add ? "\"add\",\"code\":\"" : "\"remove\",\"code\":\"");
    out.raw(std::string_view(code.data(), code.size()));
    if (change.action == VoterAction::remove) {
      out.raw("\"}");
      continue;
    }
    out.raw("\",\"district\":");
    out.string(change.district);
    out.raw(",\"name\":");
    out.string(change.name);
    out.raw("}");
  }
  out.raw("],\"election_id\":");
  out.string(doc.election_id);
  out.raw(",\"previous\":");
  out.string(base64url_encode(doc.previous));
  out.raw(",\"sequence\":");
  out.number(doc.sequence);
}

// The members after "signature", and the end of the object.
void write_tail(CanonicalWriter& out) {
  out.raw(",\"type\":");
  out.string(kVoterListChangesType);
  out.raw(",\"version\":");
  out.number(kVoterListChangesVersion);
  out.raw("}");
}

ChangeSetHash first_32(const crypto::Bytes& bytes) {
  ChangeSetHash hash{};
  std::copy_n(bytes.begin(), hash.size(), hash.begin());
  return hash;
}

}  // namespace

Json to_json(const VoterListChanges& doc) {
  Json changes = Json::array();
  for (std::size_t i = 0; i < doc.changes.size(); ++i) {
    const VoterChange c = doc.changes[i];
    if (c.action == VoterAction::remove) {
      changes.push_back({{"action", "remove"}, {"code", c.code.str()}});
    } else {
      changes.push_back({{"action", "add"},
                         {"code", c.code.str()},
                         {"district", std::string(c.district)},
                         {"name", std::string(c.name)}});
    }
  }
  Json out = {{"type", std::string(kVoterListChangesType)},
              {"version", kVoterListChangesVersion},
              {"election_id", doc.election_id},
              {"sequence", doc.sequence},
              {"previous", base64url_encode(doc.previous)},
              {"changes", std::move(changes)}};
  if (doc.signature) out["signature"] = signature_to_json(*doc.signature);
  return out;
}

void write_canonical(const VoterListChanges& doc,
                     const std::function<void(std::string_view)>& sink) {
  CanonicalWriter out(sink);
  write_head(out, doc);
  if (doc.signature) {
    out.raw(",");
    write_signature_member(out, *doc.signature);
  }
  write_tail(out);
  out.flush();
}

std::string canonical_string(const VoterListChanges& doc) {
  std::string text;
  write_canonical(doc, [&](std::string_view chunk) { text.append(chunk); });
  return text;
}

crypto::Digest signing_digest(const VoterListChanges& doc) {
  TaggedSha512 hash(signing_tag(kVoterListChangesType));
  CanonicalWriter out([&](std::string_view chunk) { hash.update(chunk); });
  write_head(out, doc);
  write_tail(out);
  out.flush();
  return hash.finish();
}

// The unsigned and the signed bytes share all but the signature member, so
// one pass feeds both hashes.
ChangeSetDigests change_set_digests(const VoterListChanges& doc) {
  if (!doc.signature)
    throw FormatError(default_what(doc) + ": not signed (its hash covers the signature)");
  TaggedSha512 signing(signing_tag(kVoterListChangesType));
  TaggedSha512 chain(kHashTag);
  bool in_signature = false;
  CanonicalWriter out([&](std::string_view chunk) {
    chain.update(chunk);
    if (!in_signature) signing.update(chunk);
  });
  write_head(out, doc);
  out.flush();
  in_signature = true;
  out.raw(",");
  write_signature_member(out, *doc.signature);
  out.flush();
  in_signature = false;
  write_tail(out);
  out.flush();
  return ChangeSetDigests{signing.finish(), first_32(xof_from_seed(chain.finish(), 32))};
}

ChangeSetHash change_set_hash(crypto::BytesView signed_canonical_bytes) {
  return first_32(crypto::xof(kHashTag, signed_canonical_bytes, 32));
}

ChangeSetHash change_set_hash(const VoterListChanges& doc) { return change_set_digests(doc).hash; }

void sign(VoterListChanges& doc, const crypto::Ed25519SigningKey& key) {
  validate(doc, default_what(doc));
  doc.signature = sign_digest(signing_digest(doc), key);
}

crypto::Verdict verify_signature(const VoterListChanges& doc,
                                 const crypto::Ed25519PublicKey& expected_signer,
                                 const std::string& what) {
  return verify_streamed_signature(signing_digest(doc), doc.signature, expected_signer, what);
}

void save_voter_list_changes(const VoterListChanges& doc, const std::filesystem::path& path, WriteMode mode) {
  write_file_atomically(path, mode, [&](const ByteSink& sink) { write_canonical(doc, sink); });
}

}  // namespace evote::protocol
