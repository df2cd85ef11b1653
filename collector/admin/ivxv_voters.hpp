// IVXV's voters list (tab-separated text; specs/interop.md §1.1) read into
// the changes of an evote voter list change set (formats-voters.md V2).
//
// Version 1 (IVXV up to 1.5): header lines "1", the election id, the list
// type "algne" (initial) or "muudatused" (changes); then one voter per line,
// 9 fields: personal code, name, action ("lisamine" / "kustutamine"),
// station EHAK code, station number, district EHAK code, district number,
// line number, reason. The district is "<district EHAK>.<district number>".
//
// Version 2 (IVXV 1.7+ and VIS3): header lines "2", the election id, the
// change set number (0: the initial list), the period "<RFC 3339><TAB><RFC
// 3339>"; then "lisamine<TAB>code<TAB>name<TAB>administrative unit<TAB>
// district number" or "kustutamine<TAB>code". The district is found in the
// IVXV districts list: the one with that number holding that administrative
// unit ("FOREIGN" is unit 0000).
//
// Lines end with LF only; the last line too. Every error names the file and
// line, as IVXV's own checks do: "voters.txt:7: expected 9 fields, found 8 ...".
#pragma once

#include <string>

#include "evote/protocol/election_config.hpp"
#include "evote/protocol/voter_list.hpp"
#include "ivxv_districts.hpp"

namespace evote::admin {

struct IvxvVoterList {
  int version = 0;        // 1 or 2
  bool initial = false;   // "algne" (version 1) or change set 0 (version 2)
  std::string list_kind;  // as line 3 says it: "algne", "muudatused", or "change set 4"
  protocol::VoterChangeList changes;
  std::size_t adds = 0, removes = 0;
};

// The line that says whether the list is initial (for errors about chaining).
inline constexpr std::size_t kIvxvListKindLine = 3;

// Reads the voters list at `path` for `config` (its election id; every
// voter's district must be one of its districts). `districts`, the IVXV
// districts list, may be null for version 1 (given, each voter's district
// must be in it and, in its stations form, the station one of the
// district's); version 2 needs it. Throws FormatError
// "<path>:<line>: <problem>" at the first problem.
IvxvVoterList read_ivxv_voters(const std::string& path, const protocol::ElectionConfig& config,
                               const IvxvDistrictsList* districts);

}  // namespace evote::admin
