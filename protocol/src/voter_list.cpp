// The compact change list and the rules within one change set.
#include "evote/protocol/voter_list.hpp"

#include <algorithm>
#include <limits>
#include <span>

#include "canonical_writer.hpp"
#include "evote/protocol/error.hpp"
#include "message_text.hpp"
#include "names_json.hpp"

namespace evote::protocol {

std::string voter_name_problem(std::string_view name) {
  if (name.empty()) return "empty name";
  if (name.size() > kMaxVoterNameBytes) {
    return "name longer than " + std::to_string(kMaxVoterNameBytes) + " bytes";
  }
  if (!is_valid_utf8(name)) return "name is not valid UTF-8";
  for (char c : name) {
    if (static_cast<std::uint8_t>(c) < 0x20 || c == 0x7f)
      return "name contains a control character";
  }
  return "";
}

std::uint16_t VoterChangeList::intern_district(std::string_view district) {
  const auto it = district_index_.find(district);
  if (it != district_index_.end()) return it->second;
  if (districts_.size() >= kRemove)
    throw FormatError("more than 65534 districts in one change set");
  const auto index = static_cast<std::uint16_t>(districts_.size());
  districts_.emplace_back(district);
  district_index_.emplace(std::string(district), index);
  return index;
}

void VoterChangeList::add(PersonalCode code, std::string_view name, std::string_view district) {
  const std::string problem = voter_name_problem(name);
  if (!problem.empty()) throw FormatError(problem);
  if (!is_identifier(district)) {
    throw FormatError("district " + quote_input(district) +
                      " is not an identifier (1-64 of A-Z a-z 0-9 _ - .)");
  }
  if (names_.size() + name.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw FormatError("more than 4 GiB of names in one change set");
  }
  const std::uint16_t district_index = intern_district(district);
  entries_.push_back(Entry{code.value, static_cast<std::uint32_t>(names_.size()),
                           static_cast<std::uint16_t>(name.size()), district_index});
  names_.append(name);
}

void VoterChangeList::remove(PersonalCode code) {
  entries_.push_back(Entry{code.value, 0, 0, kRemove});
}

void VoterChangeList::reserve(std::size_t changes, std::size_t name_bytes) {
  entries_.reserve(changes);
  names_.reserve(name_bytes);
}

VoterChange VoterChangeList::operator[](std::size_t index) const {
  const Entry& e = entries_[index];
  if (e.district == kRemove) return VoterChange{VoterAction::remove, PersonalCode{e.code}, {}, {}};
  return VoterChange{VoterAction::add, PersonalCode{e.code},
                     std::string_view(names_).substr(e.name_offset, e.name_size),
                     districts_[e.district]};
}

std::size_t VoterChangeList::memory_bytes() const {
  std::size_t bytes = entries_.capacity() * sizeof(Entry) + names_.capacity();
  for (const auto& d : districts_) bytes += 2 * (d.capacity() + 64);  // + map node
  return bytes;
}

bool VoterChangeList::operator==(const VoterChangeList& other) const {
  if (size() != other.size()) return false;
  for (std::size_t i = 0; i < size(); ++i) {
    const VoterChange a = (*this)[i];
    const VoterChange b = other[i];
    if (a.action != b.action || a.code != b.code || a.name != b.name || a.district != b.district)
      return false;
  }
  return true;
}

namespace {

using CodeAndIndex = std::pair<std::uint64_t, std::size_t>;

// The first conflict among the changes of one personal code (in list order).
std::optional<ChangeOrderViolation> violation_in_group(const VoterChangeList& changes,
                                                       std::span<const CodeAndIndex> group) {
  std::optional<std::size_t> added;
  std::optional<std::size_t> removed;
  for (const auto& [code_value, index] : group) {
    const std::string code = PersonalCode{code_value}.str();
    if (changes[index].action == VoterAction::add) {
      if (added)
        return ChangeOrderViolation{index, *added, "duplicate add of " + code, "first added"};
      added = index;
      continue;
    }
    if (removed)
      return ChangeOrderViolation{index, *removed, "duplicate remove of " + code, "first removed"};
    if (added)
      return ChangeOrderViolation{index, *added, "remove of " + code + " after its add", "added"};
    removed = index;
  }
  return std::nullopt;
}

}  // namespace

// Sorting (code, index) pairs costs 16 bytes per change, less than a hash
// set, and finds the same first violation as a scan in list order.
std::optional<ChangeOrderViolation> find_change_order_violation(const VoterChangeList& changes) {
  std::vector<CodeAndIndex> order;
  order.reserve(changes.size());
  for (std::size_t i = 0; i < changes.size(); ++i) order.emplace_back(changes[i].code.value, i);
  std::sort(order.begin(), order.end());
  std::optional<ChangeOrderViolation> first;
  for (std::size_t begin = 0; begin < order.size();) {
    std::size_t end = begin + 1;
    while (end < order.size() && order[end].first == order[begin].first) ++end;
    if (end - begin > 1) {
      auto v = violation_in_group(changes,
                                  std::span<const CodeAndIndex>(order).subspan(begin, end - begin));
      if (v && (!first || v->index < first->index)) first = std::move(v);
    }
    begin = end;
  }
  return first;
}

void validate(const VoterListChanges& doc, const std::string& what) {
  if (!is_identifier(doc.election_id)) {
    fail_at(what, "election_id",
            quote_input(doc.election_id) + " is not an identifier (1-64 of A-Z a-z 0-9 _ - .)");
  }
  if (doc.sequence == 0) fail_at(what, "sequence", "must be at least 1");
  const bool no_previous = doc.previous == kNoPreviousChangeSet;
  if (doc.sequence == 1 && !no_previous) {
    fail_at(what, "previous", "must be 32 zero bytes in the first change set (sequence 1)");
  }
  if (doc.sequence > 1 && no_previous) {
    fail_at(what, "previous",
            "32 zero bytes, but only the first change set (sequence 1) has no previous one");
  }
  if (doc.changes.empty()) fail_at(what, "changes", "no changes");
  if (const auto v = find_change_order_violation(doc.changes)) {
    fail_at(what, element_path("changes", v->index),
            v->problem + " (" + v->earlier_is + " at " + element_path("changes", v->earlier) + ")");
  }
}

}  // namespace evote::protocol
