#include "evote/protocol/voter_registry.hpp"

#include <limits>
#include <unordered_set>

#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "message_text.hpp"
#include "stream_signing.hpp"

namespace evote::protocol {

namespace {

// District id -> index in the registry's table; consecutive changes mostly
// share a district, so the last answer is kept.
class DistrictLookup {
 public:
  explicit DistrictLookup(const std::vector<std::string>& districts) {
    for (std::size_t i = 0; i < districts.size(); ++i)
      index_.emplace(districts[i], static_cast<std::uint16_t>(i));
  }
  std::optional<std::uint16_t> find(std::string_view district) {
    if (district.data() == last_.data() && district.size() == last_.size()) return last_index_;
    const auto it = index_.find(district);
    if (it == index_.end()) return std::nullopt;
    last_ = district;
    last_index_ = it->second;
    return last_index_;
  }

 private:
  std::unordered_map<std::string_view, std::uint16_t> index_;
  std::string_view last_;
  std::uint16_t last_index_ = 0;
};

std::string change_path(const std::string& what, std::size_t index) {
  return what + ": " + element_path("changes", index);
}

}  // namespace

VoterRegistry::VoterRegistry(const ElectionConfig& config)
    : election_id_(config.election_id), organizer_key_(config.organizer_key) {
  if (config.districts.size() > std::numeric_limits<std::uint16_t>::max()) {
    throw FormatError("election config: districts: more than 65535 districts");
  }
  for (const District& d : config.districts) districts_.push_back(d.id);
}

void VoterRegistry::check_header(const VoterListChanges& changes, const std::string& what) const {
  if (changes.election_id != election_id_) {
    throw FormatError(what + ": election_id: " + quote_input(changes.election_id) +
                      " is not this election (" + quote_input(election_id_) + ")");
  }
  if (changes.sequence != version_ + 1) {
    throw FormatError(what + ": sequence: expected " + std::to_string(version_ + 1) +
                      " (the voter list is at version " + std::to_string(version_) + ")");
  }
  if (changes.previous != head_) {
    const std::string expected = version_ == 0
                                     ? "32 zero bytes (no earlier change set)"
                                     : "the hash of change set " + std::to_string(version_);
    throw FormatError(what + ": previous: does not match " + expected + " (expected " +
                      base64url_encode(head_) + ", found " + base64url_encode(changes.previous) +
                      ")");
  }
}

// A dry run of the changes against the current list; returns the district
// index of every add so that commit() cannot fail on content.
std::vector<std::uint16_t> VoterRegistry::check_changes(const VoterListChanges& changes,
                                                        const std::string& what) const {
  const VoterChangeList& list = changes.changes;
  std::vector<std::uint16_t> district_of(list.size(), 0);
  DistrictLookup lookup(districts_);
  std::unordered_set<std::uint64_t> removed;
  std::size_t name_bytes = names_.size();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const VoterChange c = list[i];
    const auto found = voters_.find(c.code.value);
    if (c.action == VoterAction::remove) {
      if (found == voters_.end()) {
        throw FormatError(change_path(what, i) + ": remove of " + c.code.str() +
                          ", who is not on the list");
      }
      removed.insert(c.code.value);
      continue;
    }
    if (found != voters_.end() && !removed.contains(c.code.value)) {
      throw FormatError(change_path(what, i) + ": add of " + c.code.str() +
                        ", who is already on the list (district " +
                        districts_[found->second.district] +
                        "); a move is a remove followed by an add");
    }
    const std::optional<std::uint16_t> district = lookup.find(c.district);
    if (!district)
      throw FormatError(change_path(what, i) + ".district: unknown district " +
                        quote_input(c.district));
    district_of[i] = *district;
    name_bytes += c.name.size();
  }
  if (name_bytes > std::numeric_limits<std::uint32_t>::max()) {
    throw FormatError(what + ": more than 4 GiB of voter names");
  }
  return district_of;
}

void VoterRegistry::commit(const VoterListChanges& changes,
                           const std::vector<std::uint16_t>& district_of) {
  const VoterChangeList& list = changes.changes;
  voters_.reserve(voters_.size() + list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const VoterChange c = list[i];
    if (c.action == VoterAction::remove) {
      const auto found = voters_.find(c.code.value);
      garbage_bytes_ += found->second.name_size;
      voters_.erase(found);
      continue;
    }
    const Record record{static_cast<std::uint32_t>(names_.size()),
                        static_cast<std::uint16_t>(c.name.size()), district_of[i]};
    names_.append(c.name);
    voters_.insert_or_assign(c.code.value, record);
  }
  if (garbage_bytes_ > names_.size() / 2) compact_names();
}

void VoterRegistry::compact_names() {
  std::string kept;
  kept.reserve(names_.size() - garbage_bytes_);
  for (auto& [code, record] : voters_) {
    const auto offset = static_cast<std::uint32_t>(kept.size());
    kept.append(names_, record.name_offset, record.name_size);
    record.name_offset = offset;
  }
  names_ = std::move(kept);
  garbage_bytes_ = 0;
}

void VoterRegistry::apply(const VoterListChanges& changes) {
  const std::string what = "voter list change set " + std::to_string(changes.sequence);
  validate(changes, what);
  check_header(changes, what);
  if (!changes.signature) throw FormatError(what + ": signature: missing");
  const ChangeSetDigests digests = change_set_digests(changes);
  const crypto::Verdict verdict =
      verify_streamed_signature(digests.signing_digest, changes.signature, organizer_key_, what);
  if (!verdict) throw FormatError(verdict.reason);
  const std::vector<std::uint16_t> district_of = check_changes(changes, what);
  commit(changes, district_of);
  version_ = changes.sequence;
  head_ = digests.hash;
}

std::optional<Voter> VoterRegistry::find(PersonalCode code) const {
  const auto found = voters_.find(code.value);
  if (found == voters_.end()) return std::nullopt;
  const Record& r = found->second;
  return Voter{code, names_.substr(r.name_offset, r.name_size), districts_[r.district]};
}

std::optional<Voter> VoterRegistry::find(std::string_view personal_code) const {
  const std::optional<PersonalCode> code = PersonalCode::parse(personal_code);
  if (!code) return std::nullopt;
  return find(*code);
}

// libstdc++ nodes: next pointer + key + record = 24 bytes, 32 with malloc's
// header; one pointer per bucket.
std::size_t VoterRegistry::memory_bytes() const {
  std::size_t bytes =
      voters_.size() * 32 + voters_.bucket_count() * sizeof(void*) + names_.capacity();
  for (const auto& d : districts_) bytes += d.capacity() + sizeof(std::string);
  return bytes;
}

}  // namespace evote::protocol
