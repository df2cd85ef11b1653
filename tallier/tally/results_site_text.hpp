// The words of the results site (specs/results.md §4) in its two
// languages, Estonian (the default) and English: every visible string of
// the pages and of the tracker search, so that the page generator holds
// none. Plain constants; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "evote/protocol/election_config.hpp"

namespace evote::tally {

enum class SiteLanguage { et, en };

struct SiteText {
  std::string_view lang;            // the html lang attribute: "et", "en"
  std::string_view other_language;  // the link to the other language, in that language
  std::string_view skip_to_content;
  std::string_view language_nav;
  std::string_view results;  // after the election's name in the title
  std::string_view lead;     // what the site is, one sentence
  std::string_view voting_period;
  std::string_view election_id;
  std::string_view all_districts;
  std::string_view districts;
  std::string_view district;
  std::string_view counted_in_district;

  std::string_view turnout;
  std::string_view turnout_note;
  std::string_view ballot_path;  // the heading of the statements' counts
  std::string_view what;
  std::string_view number;
  std::string_view ballots;
  std::string_view rejected;
  std::string_view accepted;
  std::string_view superseded;
  std::string_view voters;
  std::string_view paper_voters;
  std::string_view revoked;
  std::string_view counted;

  std::string_view single_choice;  // contest kinds; {k}: max_selections
  std::string_view approval;
  std::string_view ranked;
  std::string_view choice;
  std::string_view party;
  std::string_view votes;  // the count column: single choice
  std::string_view approvals;
  std::string_view first_preferences;
  std::string_view share;
  std::string_view valid_ballots;
  std::string_view blank;
  std::string_view invalid;
  std::string_view rows;
  std::string_view exhausted;
  std::string_view elected;  // "Valitud: <name>"
  std::string_view final_round;
  std::string_view most_votes;
  std::string_view chart_of;  // the chart's title: "<contest>: <chart_of>"
  std::string_view rounds;
  std::string_view round;
  std::string_view outcome;
  std::string_view round_elected;
  std::string_view round_eliminated;
  std::string_view tie_by_round;  // {t}: the earlier round
  std::string_view tie_by_code;
  std::string_view no_rounds;
  std::string_view by_district;

  std::string_view tracker;
  std::string_view tracker_intro;
  std::string_view tracker_label;
  std::string_view tracker_button;
  std::string_view tracker_size;  // {n}: counted ballots
  std::string_view tracker_noscript;

  std::string_view verify;
  std::string_view verify_intro;
  std::string_view record_folder;  // the placeholder in the commands
  std::string_view ballot_hash;    // the placeholder in the tracker command
  std::string_view verify_result;
  std::string_view verify_tracker;
  std::string_view organizer_key;
  std::string_view organizer_key_note;
  std::string_view config_hash;
  std::string_view tally_key;

  std::string_view files;
  std::string_view files_note;
  std::string_view district_files;
  std::string_view file;
  std::string_view role;
  std::string_view bytes;
  std::string_view hash;

  std::string_view footer;
};

const SiteText& site_text(SiteLanguage language);

// A name in `language`, or the Estonian one when the config gives none.
const std::string& name_in(const protocol::Names& names, SiteLanguage language);

// A reason of the check statement's rejected_<reason> counts (specs/tally.md
// §3) in words; an unknown reason as it is.
std::string rejection_reason(std::string_view reason, SiteLanguage language);

// An invalid row's reason (specs/results.md §2) in words.
std::string_view invalid_reason_text(std::string_view reason, SiteLanguage language);

}  // namespace evote::tally
