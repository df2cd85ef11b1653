// The votes-order page of admin_request.hpp.
#include <stdexcept>

#include "binary_fields.hpp"
#include "evote/protocol/admin_request.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/signed_document.hpp"
#include "evote/protocol/utc_time.hpp"
#include "names_json.hpp"
#include "stream_signing.hpp"

namespace evote::protocol {

namespace {

Json unsigned_json(const VotesOrder& page) {
  Json entries = Json::array();
  for (const VotesOrderEntry& e : page.entries) {
    entries.push_back(
        {{"sequence", e.sequence}, {"voter_id", e.voter_id}, {"time", format_utc(e.time)}});
  }
  return {{"type", kVotesOrderType},         {"version", kVotesOrderVersion},
          {"election_id", page.election_id}, {"after", page.after},
          {"entries", std::move(entries)},   {"last", page.last},
          {"time", format_utc(page.time)}};
}

// The order rules shared by signing and decoding: the problem with entry
// `index` (its sequence must exceed `previous`), or an empty string.
std::string sequence_problem(std::uint64_t sequence, std::uint64_t previous, std::size_t index,
                             std::uint64_t after) {
  if (sequence == 0) return "sequence numbers start at 1";
  if (index == 0 && sequence <= after) {
    return "sequence " + std::to_string(sequence) + " is not after " + std::to_string(after);
  }
  if (index > 0 && sequence <= previous) {
    return "sequence " + std::to_string(sequence) + " does not follow " + std::to_string(previous) +
           " (entries ascend)";
  }
  return {};
}

}  // namespace

void sign_votes_order(VotesOrder& page, const crypto::Ed25519SigningKey& collector_key) {
  if (!is_identifier(page.election_id)) {
    throw std::invalid_argument("votes-order: election_id: not an identifier");
  }
  if (page.entries.size() > kVotesOrderMaxEntries) {
    throw std::invalid_argument("votes-order: entries: more than 10000");
  }
  if (page.time < 0) throw std::invalid_argument("votes-order: time: before 1970");
  std::uint64_t previous = page.after;
  for (std::size_t i = 0; i < page.entries.size(); ++i) {
    const VotesOrderEntry& e = page.entries[i];
    const std::string problem = sequence_problem(e.sequence, previous, i, page.after);
    if (!problem.empty()) {
      throw std::invalid_argument("votes-order: entries[" + std::to_string(i) + "]: " + problem);
    }
    if (!is_identifier(e.voter_id) || e.time < 0) {
      throw std::invalid_argument("votes-order: entries[" + std::to_string(i) +
                                  "]: voter_id or time");
    }
    previous = e.sequence;
  }
  page.last = page.entries.empty() ? page.after : page.entries.back().sequence;
  Json document = unsigned_json(page);
  sign_document(document, collector_key);
  page.signer = collector_key.public_key();
  page.signature = ObjectReader(document, "votes-order").object("signature").binary("value");
}

Json to_json(const VotesOrder& page) {
  Json document = unsigned_json(page);
  if (!page.signature.empty()) {
    document["signature"] = signature_to_json({page.signer, page.signature});
  }
  return document;
}

crypto::Bytes encode_votes_order(const VotesOrder& page) {
  if (page.signature.empty()) throw std::invalid_argument("votes-order: encoding an unsigned page");
  return canonical_bytes(to_json(page));
}

VotesOrder decode_votes_order(crypto::BytesView bytes, const std::string& what) {
  const Json json = parse_canonical(bytes, what);
  const ObjectReader top(json, what);
  top.expect_type_and_version(kVotesOrderType, kVotesOrderVersion);
  top.allow_only(
      {"type", "version", "election_id", "after", "entries", "last", "time", "signature"});
  VotesOrder page;
  page.election_id = read_identifier(top, "election_id");
  page.after = top.unsigned_integer("after");
  const Json& entries = top.array("entries");
  if (entries.size() > kVotesOrderMaxEntries) {
    top.fail("entries", std::to_string(entries.size()) + " entries, at most 10000");
  }
  std::uint64_t previous = page.after;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const ObjectReader entry(entries[i], what, element_path(top.path_of("entries"), i));
    entry.allow_only({"sequence", "voter_id", "time"});
    VotesOrderEntry e;
    e.sequence = entry.unsigned_integer("sequence");
    const std::string problem = sequence_problem(e.sequence, previous, i, page.after);
    if (!problem.empty()) entry.fail("sequence", problem);
    e.voter_id = read_identifier(entry, "voter_id");
    e.time = parse_utc(entry.string("time"), what, entry.path_of("time"));
    previous = e.sequence;
    page.entries.push_back(std::move(e));
  }
  page.last = top.unsigned_integer("last");
  if (page.last != previous) {
    top.fail("last", std::to_string(page.last) + ", expected " + std::to_string(previous) +
                         " (the last entry's sequence, or after when there is none)");
  }
  page.time = parse_utc(top.string("time"), what, "time");
  page.signer = document_signer(json, what);
  page.signature =
      read_fixed_binary(top.object("signature"), "value", crypto::kEd25519SignatureBytes);
  return page;
}

crypto::Verdict verify_votes_order(const VotesOrder& page, std::string_view election_id,
                                   const crypto::Ed25519PublicKey& collector_key) {
  if (page.election_id != election_id) {
    return crypto::Verdict::fail("votes-order: for election \"" + page.election_id +
                                 "\", expected \"" + std::string(election_id) + "\"");
  }
  if (page.signature.empty()) return crypto::Verdict::fail("votes-order: not signed");
  return verify_document_signature(to_json(page), collector_key, "votes-order");
}

}  // namespace evote::protocol
