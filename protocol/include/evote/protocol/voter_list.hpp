// Voter list change sets: the organizer's signed, hash-chained documents
// that build the list of eligible voters ("voter-list-changes", version 1).
// The first change set adds every voter (~900,000 in Estonia); later ones
// add, remove or move voters. Format and rules: specs/formats-voters.md.
//
// A change set is never held as a JSON DOM: its changes live in a compact
// VoterChangeList (16 bytes per change plus the name bytes), canonical bytes
// are streamed out, and files are read with a SAX parser. to_json() exists
// for small lists and for checking against the generic canonical rules.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/ed25519.hpp"
#include "evote/protocol/atomic_output.hpp"
#include "evote/crypto/error.hpp"
#include "evote/crypto/hash.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_config.hpp"
#include "evote/protocol/list_document.hpp"

namespace evote::protocol {

inline constexpr std::string_view kVoterListChangesType = "voter-list-changes";
inline constexpr std::uint64_t kVoterListChangesVersion = 1;
inline constexpr std::size_t kMaxVoterNameBytes = 256;

// Hash of a change set, the link of the chain (change_set_hash).
using ChangeSetHash = std::array<std::uint8_t, 32>;
// "previous" of the first change set: 32 zero bytes.
inline constexpr ChangeSetHash kNoPreviousChangeSet{};

enum class VoterAction : std::uint8_t { add, remove };

// One change, viewed inside its VoterChangeList (valid until the list changes).
struct VoterChange {
  VoterAction action = VoterAction::add;
  PersonalCode code;
  std::string_view name;      // empty for remove
  std::string_view district;  // empty for remove
};

// The changes of one change set, in order, stored compactly: a 16-byte entry
// per change, names in one buffer, each district string once.
class VoterChangeList {
 public:
  // Throw FormatError with the bare problem ("empty name", ...); callers add
  // the file, line or field.
  void add(PersonalCode code, std::string_view name, std::string_view district);
  void remove(PersonalCode code);
  void reserve(std::size_t changes, std::size_t name_bytes);

  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  VoterChange operator[](std::size_t index) const;
  // Heap bytes held (for the benchmark's memory figures).
  std::size_t memory_bytes() const;
  bool operator==(const VoterChangeList& other) const;

 private:
  struct Entry {
    std::uint64_t code;
    std::uint32_t name_offset;
    std::uint16_t name_size;
    std::uint16_t district;  // index into districts_, kRemove for a remove
  };
  static constexpr std::uint16_t kRemove = 0xffff;
  std::uint16_t intern_district(std::string_view district);

  std::vector<Entry> entries_;
  std::string names_;
  std::vector<std::string> districts_;
  std::map<std::string, std::uint16_t, std::less<>> district_index_;
};

// "" if `name` may be a voter's name, else the problem: empty, longer than
// kMaxVoterNameBytes, not UTF-8, or containing a control character.
std::string voter_name_problem(std::string_view name);

// Within one change set a personal code is added at most once and removed at
// most once, and a remove comes before the add (remove + add = a move).
struct ChangeOrderViolation {
  std::size_t index = 0;    // the offending change
  std::size_t earlier = 0;  // the change it conflicts with
  std::string problem;      // "duplicate add of 38001085718"
  std::string earlier_is;   // "first added", "first removed" or "added"
};
std::optional<ChangeOrderViolation> find_change_order_violation(const VoterChangeList& changes);

struct VoterListChanges {
  std::string election_id;
  std::uint64_t sequence = 1;  // 1, 2, 3, ...: the voter list version it makes
  ChangeSetHash previous = kNoPreviousChangeSet;
  VoterChangeList changes;
  std::optional<DocumentSignature> signature;
};

// Rules within one change set (FormatError "<what>: <field>: <problem>"):
// election id an identifier; sequence >= 1; previous is zero exactly when
// sequence is 1; at least one change; the change order rule.
void validate(const VoterListChanges& doc, const std::string& what);

// The document as a DOM, with "signature" when signed (small lists only).
Json to_json(const VoterListChanges& doc);

// Streams the canonical bytes (with "signature" when signed) to `sink` in
// chunks; byte-identical to canonical_string(to_json(doc)).
void write_canonical(const VoterListChanges& doc,
                     const std::function<void(std::string_view)>& sink);
std::string canonical_string(const VoterListChanges& doc);

// signing_digest() of signed_document.hpp, computed by streaming.
crypto::Digest signing_digest(const VoterListChanges& doc);
// Validates (what = "voter list change set <sequence>") and sets doc.signature.
void sign(VoterListChanges& doc, const crypto::Ed25519SigningKey& key);
// Same reasons as verify_document_signature().
crypto::Verdict verify_signature(const VoterListChanges& doc,
                                 const crypto::Ed25519PublicKey& expected_signer,
                                 const std::string& what);

// H = xof("evote/voter-list-hash/v1", canonical bytes of the signed document, 32).
ChangeSetHash change_set_hash(crypto::BytesView signed_canonical_bytes);
// Streams; FormatError if doc is not signed.
ChangeSetHash change_set_hash(const VoterListChanges& doc);

// The signing digest and the chain hash in one streaming pass (FormatError
// if not signed); VoterRegistry::apply uses it.
struct ChangeSetDigests {
  crypto::Digest signing_digest;
  ChangeSetHash hash;
};
ChangeSetDigests change_set_digests(const VoterListChanges& doc);

// Reads a change set; `what` names it in errors. Only canonical bytes are
// accepted. Throws FormatError (never anything else for bad input) for bad
// JSON, a non-canonical encoding, a wrong type, version, field or value, or
// a broken validate() rule. The signature is read, not verified.
VoterListChanges parse_voter_list_changes(crypto::BytesView bytes, std::string_view what);
// The same from a file, streamed (what = the path); FormatError("<path>:
// cannot read: <reason>") if it cannot be read.
VoterListChanges load_voter_list_changes(const std::filesystem::path& path);
// Writes the canonical bytes through a temporary file, fsync and rename
// (mode 0600: voter lists are personal data); FormatError("<path>: cannot
// write: <reason>").
void save_voter_list_changes(const VoterListChanges& doc, const std::filesystem::path& path, WriteMode mode);

// Imports the organizer's TSV (UTF-8, one change per line):
//   add<TAB>personal code<TAB>name<TAB>district
//   remove<TAB>personal code
// `what` (the file name) starts every error: "voters.tsv:1234: unknown
// district \"0999\"". Districts are checked against `config`.
VoterChangeList import_voter_tsv(std::istream& in, const std::string& what,
                                 const ElectionConfig& config);
VoterChangeList import_voter_tsv_file(const std::filesystem::path& path,
                                      const ElectionConfig& config);

}  // namespace evote::protocol
