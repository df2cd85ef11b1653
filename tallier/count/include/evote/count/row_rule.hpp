// Judging one decrypted ballot row of a contest (specs/formats-ballots.md
// §3.1 "Counting a row"): valid (the choices it gives, in slot order), blank
// (every slot the blank code) or invalid, with the first rule it breaks.
//
// A RowJudge is immutable after construction: judge() may be called from
// several threads at once.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "evote/protocol/election_config.hpp"

namespace evote::count {

// A decrypted value that is no code at all: combine's word "invalid"
// (specs/keys.md §17 step 6). No choice has code 0 (codes start at 2).
inline constexpr std::uint64_t kNotACode = 0;

// Why a row is invalid; the rules are checked in this order and the first
// one broken is the row's reason.
enum class InvalidReason : std::uint8_t {
  unknown_code,      // a value that is neither the blank code nor a code of the contest
  other_district,    // a code of the contest offered in another district
  repeated_code,     // the same choice code in two slots
  rank_after_blank,  // ranked: a code in a slot after a blank slot
};
inline constexpr std::size_t kInvalidReasonCount = 4;
using InvalidCounts = std::array<std::uint64_t, kInvalidReasonCount>;

// "unknown-code", "other-district", "repeated-code", "rank-after-blank".
std::string_view invalid_reason_name(InvalidReason reason);

enum class RowKind : std::uint8_t { valid, blank, invalid };
std::string_view row_kind_name(RowKind kind);  // "valid", "blank", "invalid"

// The judgement without the row's choices (what counting needs).
struct RowClass {
  RowKind kind = RowKind::blank;
  InvalidReason reason = InvalidReason::unknown_code;  // meaningful when kind == invalid
};

struct RowVerdict {
  RowKind kind = RowKind::blank;
  std::optional<InvalidReason> reason;  // set exactly when kind == invalid
  // valid: the chosen codes in slot order (ranked: first preference first;
  // approval: the approved codes, blanks left out); otherwise empty.
  std::vector<std::uint64_t> choices;
};

class RowJudge {
 public:
  // The rules of `contest_id`'s rows cast in `district`. Throws
  // std::invalid_argument naming what is wrong when the contest or the
  // district is not in the config, or the contest has no choice in the
  // district (it is not on that district's ballot). Keeps a pointer to the
  // contest: `config` must outlive the judge.
  RowJudge(const protocol::ElectionConfig& config, std::string_view contest_id,
           std::string_view district);

  // Throws std::invalid_argument when the row does not have exactly
  // max_selections values (a broken input, not a voter's invalid vote).
  RowVerdict judge(std::span<const std::uint64_t> row) const;

  // The same judgement without allocating: `choices` is cleared and, for a
  // valid row, receives the index (into contest().choices) of each chosen
  // code in slot order.
  RowClass judge_into(std::span<const std::uint64_t> row,
                      std::vector<std::uint32_t>& choices) const;

  const protocol::Contest& contest() const { return *contest_; }
  const std::string& district() const { return district_; }
  // The indices (into contest().choices) of the district's choices, config order.
  const std::vector<std::uint32_t>& district_choices() const { return district_choices_; }

 private:
  const protocol::Contest* contest_;
  std::string district_;
  std::vector<std::uint32_t> district_choices_;
  std::vector<bool> in_district_;                           // by choice index
  std::unordered_map<std::uint64_t, std::uint32_t> index_;  // code -> choice index
};

}  // namespace evote::count
