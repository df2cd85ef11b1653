// The current voter list: the result of applying the organizer's change
// sets in order. The collector looks voters up here at authentication; the
// tally rebuilds it to check eligibility.
//
// Add of a voter who is on the list is an error (an accidental re-import
// must not pass silently); a move to another district is a remove followed
// by an add, in the same change set or a later one. Remove of a voter who is
// not on the list is an error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "evote/protocol/election_config.hpp"
#include "evote/protocol/voter_list.hpp"

namespace evote::protocol {

struct Voter {
  PersonalCode code;
  std::string name;
  std::string district;
};

class VoterRegistry {
 public:
  // Keeps the election id, the organizer key and the district ids.
  explicit VoterRegistry(const ElectionConfig& config);

  // Checks and applies the next change set. Throws FormatError naming the
  // change set and the change ("voter list change set 3: changes[17]: remove
  // of 38001085718, who is not on the list") for: another election, a
  // sequence other than version() + 1, a previous hash other than head(),
  // a missing or bad signature or one by another key than the organizer's,
  // an unknown district, and the add/remove rules above. On error the
  // registry is unchanged.
  void apply(const VoterListChanges& changes);

  // Sequence of the last applied change set; 0 before the first.
  std::uint64_t version() const { return version_; }
  // change_set_hash of the last applied change set; zeros before the first.
  const ChangeSetHash& head() const { return head_; }
  std::size_t size() const { return voters_.size(); }

  std::optional<Voter> find(PersonalCode code) const;
  // nullopt also for text that is not a personal code.
  std::optional<Voter> find(std::string_view personal_code) const;
  // Approximate heap bytes held (for the benchmark's memory figures).
  std::size_t memory_bytes() const;

 private:
  // 8 bytes per voter next to its key: the name is a slice of names_.
  struct Record {
    std::uint32_t name_offset;
    std::uint16_t name_size;
    std::uint16_t district;  // index into districts_
  };
  void check_header(const VoterListChanges& changes, const std::string& what) const;
  std::vector<std::uint16_t> check_changes(const VoterListChanges& changes,
                                           const std::string& what) const;
  void commit(const VoterListChanges& changes, const std::vector<std::uint16_t>& district_of);
  void compact_names();

  std::string election_id_;
  crypto::Ed25519PublicKey organizer_key_;
  std::vector<std::string> districts_;
  std::unordered_map<std::uint64_t, Record> voters_;
  std::string names_;
  std::size_t garbage_bytes_ = 0;  // names of removed voters still in names_
  std::uint64_t version_ = 0;
  ChangeSetHash head_ = kNoPreviousChangeSet;
};

}  // namespace evote::protocol
