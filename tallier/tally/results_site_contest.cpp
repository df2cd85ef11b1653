#include "results_site_contest.hpp"

#include <algorithm>
#include <cctype>

#include "evote/count/row_rule.hpp"
#include "results_site_html.hpp"

namespace evote::tally {

namespace {

using count::ContestResult;
using protocol::ContestType;

const protocol::Choice* find_choice(const protocol::Contest& contest, std::uint64_t code) {
  for (const protocol::Choice& c : contest.choices)
    if (c.code == code) return &c;
  return nullptr;
}

std::string_view count_heading(ContestType type, const SiteText& t) {
  switch (type) {
    case ContestType::single_choice:
      return t.votes;
    case ContestType::approval:
      return t.approvals;
    case ContestType::ranked:
      return t.first_preferences;
  }
  return t.votes;
}

std::string kind_text(const protocol::Contest& contest, const SiteText& t) {
  const std::string k = std::to_string(contest.max_selections);
  switch (contest.type) {
    case ContestType::single_choice:
      return std::string(t.single_choice);
    case ContestType::approval:
      return fill(t.approval, "k", k);
    case ContestType::ranked:
      return fill(t.ranked, "k", k);
  }
  return {};
}

const count::RunoffRound* final_round(const ContestResult& result) {
  if (!result.runoff || result.runoff->rounds.empty()) return nullptr;
  return &result.runoff->rounds.back();
}

// The bars of results.md §3.2, in the page's language: the choices (a
// ranked contest: the final round's), then exhausted, blank, invalid.
std::vector<SiteBar> result_bars(const protocol::Contest& contest, const ContestResult& result,
                                 SiteLanguage language) {
  const SiteText& t = site_text(language);
  const count::RunoffRound* last = final_round(result);
  const std::vector<count::ChoiceVotes>& shown = last ? last->votes : result.choices;
  std::vector<SiteBar> bars;
  for (const count::ChoiceVotes& v : shown) {
    const bool elected = last && result.runoff->winner == v.code;
    bars.push_back({choice_label(contest, v.code, language), v.votes, true, elected});
  }
  if (last) bars.push_back({std::string(t.exhausted), last->exhausted, false, false});
  bars.push_back({std::string(t.blank), result.blank, false, false});
  bars.push_back({std::string(t.invalid), result.invalid, false, false});
  return bars;
}

std::string chart_title(const protocol::Contest& contest, const ContestResult& result,
                        std::string_view scope_name, SiteLanguage language) {
  const SiteText& t = site_text(language);
  std::string title = name_in(contest.names, language) + ", " + std::string(scope_name) + ": " +
                      std::string(t.chart_of) + ", ";
  const count::RunoffRound* last = final_round(result);
  if (last) {
    title += std::string(t.final_round) + " " + std::to_string(last->number);
  } else {
    std::string heading(count_heading(contest.type, t));
    std::transform(heading.begin(), heading.begin() + 1, heading.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    title += heading;
  }
  return title;
}

std::string number_cell(std::uint64_t n, SiteLanguage language) {
  return "<td class=\"n\">" + format_count(n, language) + "</td>";
}

std::string result_table(const protocol::ElectionConfig& config, const protocol::Contest& contest,
                         const ContestResult& result, const std::string& id,
                         std::string_view scope_name, bool district_column, SiteLanguage language) {
  const SiteText& t = site_text(language);
  std::string h = "<div class=\"scroll\"><table class=\"result\" id=\"" + html_escape(id) +
                  "\">\n<caption>" + html_escape(name_in(contest.names, language)) + " · " +
                  html_escape(scope_name) + "</caption>\n<thead><tr><th scope=\"col\">" +
                  std::string(t.choice) + "</th><th scope=\"col\">" + std::string(t.party) +
                  "</th>";
  if (district_column) h += "<th scope=\"col\">" + std::string(t.district) + "</th>";
  h += "<th scope=\"col\" class=\"n\">" + std::string(count_heading(contest.type, t)) +
       "</th><th scope=\"col\" class=\"n\">" + std::string(t.share) +
       "</th></tr></thead>\n<tbody>\n";
  // 0: no winner (a choice code is at least 2).
  const std::uint64_t winner = result.runoff && result.runoff->winner ? *result.runoff->winner : 0;
  for (const count::ChoiceVotes& v : result.choices) {
    const protocol::Choice* choice = find_choice(contest, v.code);
    h += "<tr data-code=\"" + std::to_string(v.code) + "\"" +
         (winner == v.code ? " class=\"elected\"" : "") + "><th scope=\"row\">" +
         html_escape(choice ? name_in(choice->names, language) : std::to_string(v.code)) +
         "</th><td>" +
         html_escape(choice && !choice->party.empty() ? name_in(choice->party, language) : "") +
         "</td>";
    if (district_column) {
      const protocol::District* d = choice ? config.find_district(choice->district) : nullptr;
      h += "<td>" + html_escape(d ? name_in(d->names, language) : "") + "</td>";
    }
    h += number_cell(v.votes, language) + "<td class=\"n\">" +
         format_share(v.votes, result.valid, language) + "</td></tr>\n";
  }
  h += "</tbody>\n<tbody class=\"summary\">\n";
  const std::string span = district_column ? "3" : "2";
  auto summary = [&](std::string_view measure, std::string_view label, std::uint64_t n, bool sub) {
    h += "<tr data-measure=\"" + std::string(measure) + "\"" + (sub ? " class=\"sub\"" : "") +
         "><th scope=\"row\" colspan=\"" + span + "\">" + html_escape(label) + "</th>" +
         number_cell(n, language) + "<td></td></tr>\n";
  };
  summary("valid", t.valid_ballots, result.valid, false);
  summary("blank", t.blank, result.blank, false);
  summary("invalid", t.invalid, result.invalid, false);
  for (std::size_t r = 0; r < count::kInvalidReasonCount; ++r) {
    if (result.invalid_by_reason[r] == 0) continue;
    const std::string_view reason =
        count::invalid_reason_name(static_cast<count::InvalidReason>(r));
    summary("invalid-" + std::string(reason), invalid_reason_text(reason, language),
            result.invalid_by_reason[r], true);
  }
  summary("rows", t.rows, result.rows, false);
  return h + "</tbody>\n</table></div>\n";
}

std::string rounds_table(const protocol::Contest& contest, const ContestResult& result,
                         const std::string& id, std::string_view scope_name,
                         SiteLanguage language) {
  const SiteText& t = site_text(language);
  const std::vector<count::RunoffRound>& rounds = result.runoff->rounds;
  if (rounds.empty())
    return "<p class=\"note\" id=\"" + html_escape(id) + "\">" + std::string(t.no_rounds) +
           "</p>\n";
  std::string h = "<div class=\"scroll\"><table class=\"rounds\" id=\"" + html_escape(id) +
                  "\">\n<caption>" + std::string(t.rounds) + " · " + html_escape(scope_name) +
                  "</caption>\n<thead><tr><th scope=\"col\">" + std::string(t.choice) + "</th>";
  for (const count::RunoffRound& r : rounds) {
    h += "<th scope=\"col\" class=\"n\">" + std::string(t.round) + " " + std::to_string(r.number) +
         "</th>";
  }
  h += "</tr></thead>\n<tbody>\n";
  for (const count::ChoiceVotes& c : result.choices) {
    h += "<tr data-code=\"" + std::to_string(c.code) + "\"><th scope=\"row\">" +
         html_escape(choice_label(contest, c.code, language)) + "</th>";
    for (const count::RunoffRound& r : rounds) {
      const auto in = std::find_if(r.votes.begin(), r.votes.end(),
                                   [&](const count::ChoiceVotes& v) { return v.code == c.code; });
      if (in == r.votes.end()) {
        h += "<td class=\"n out\">–</td>";
        continue;
      }
      std::string cls = "n";
      if (r.choice == c.code)
        cls += r.outcome == count::RoundOutcome::elected ? " elected" : " eliminated";
      h += "<td class=\"" + cls + "\">" + format_count(in->votes, language) + "</td>";
    }
    h += "</tr>\n";
  }
  h += "<tr data-measure=\"exhausted\" class=\"sub\"><th scope=\"row\">" +
       std::string(t.exhausted) + "</th>";
  for (const count::RunoffRound& r : rounds) h += number_cell(r.exhausted, language);
  h += "</tr>\n</tbody>\n<tfoot><tr><th scope=\"row\">" + std::string(t.outcome) + "</th>";
  for (const count::RunoffRound& r : rounds) {
    std::string what = std::string(r.outcome == count::RoundOutcome::elected ? t.round_elected
                                                                             : t.round_eliminated) +
                       ": " + choice_label(contest, r.choice, language);
    if (r.tie_break == count::TieBreak::earlier_round)
      what += " (" + fill(t.tie_by_round, "t", std::to_string(r.tie_break_round)) + ")";
    if (r.tie_break == count::TieBreak::choice_code)
      what += " (" + std::string(t.tie_by_code) + ")";
    h += "<td>" + html_escape(what) + "</td>";
  }
  return h + "</tr></tfoot>\n</table></div>\n";
}

// The choices with the most votes (several when tied), or the runoff's winner.
std::string leader(const protocol::Contest& contest, const ContestResult& result,
                   SiteLanguage language) {
  if (contest.type == ContestType::ranked) {
    return result.runoff && result.runoff->winner
               ? choice_label(contest, *result.runoff->winner, language)
               : "–";
  }
  std::uint64_t most = 0;
  for (const count::ChoiceVotes& v : result.choices) most = std::max(most, v.votes);
  if (most == 0) return "–";
  std::string names;
  for (const count::ChoiceVotes& v : result.choices) {
    if (v.votes == most)
      names += (names.empty() ? "" : " / ") + choice_label(contest, v.code, language);
  }
  return names;
}

}  // namespace

std::string choice_label(const protocol::Contest& contest, std::uint64_t code,
                         SiteLanguage language) {
  const protocol::Choice* choice = find_choice(contest, code);
  if (choice == nullptr) return std::to_string(code);
  std::string label = name_in(choice->names, language);
  if (!choice->party.empty()) label += " (" + name_in(choice->party, language) + ")";
  return label;
}

std::string contest_result_html(const protocol::ElectionConfig& config,
                                const protocol::Contest& contest, const ContestResult& result,
                                std::string_view scope, std::string_view scope_name,
                                SiteLanguage language) {
  const SiteText& t = site_text(language);
  const std::string suffix = contest.id + "-" + std::string(scope);
  std::string h = "<p class=\"kind\">" + html_escape(kind_text(contest, t)) + "</p>\n";
  if (result.runoff && result.runoff->winner) {
    h += "<p class=\"winner\">" + std::string(t.elected) + ": <strong>" +
         html_escape(choice_label(contest, *result.runoff->winner, language)) + "</strong></p>\n";
  }
  h += bar_chart_svg("chart-" + suffix, chart_title(contest, result, scope_name, language),
                     result_bars(contest, result, language), language);
  const bool district_column = scope == "total" && contest_districts(config, contest).size() > 1;
  h += result_table(config, contest, result, "result-" + suffix, scope_name, district_column,
                    language);
  if (contest.type == ContestType::ranked && result.runoff) {
    h += rounds_table(contest, result, "rounds-" + suffix, scope_name, language);
  }
  return h;
}

std::string contest_by_district_html(const protocol::ElectionConfig& config,
                                     const protocol::Contest& contest,
                                     const ContestResults& results, std::string_view district_link,
                                     SiteLanguage language) {
  const SiteText& t = site_text(language);
  const std::string_view leader_heading =
      contest.type == ContestType::ranked ? t.elected : t.most_votes;
  std::string h =
      "<div class=\"scroll\"><table class=\"by-district\" id=\"districts-" +
      html_escape(contest.id) + "\">\n<caption>" + html_escape(name_in(contest.names, language)) +
      " " + std::string(t.by_district) + "</caption>\n<thead><tr><th scope=\"col\">" +
      std::string(t.district) + "</th><th scope=\"col\" class=\"n\">" + std::string(t.rows) +
      "</th><th scope=\"col\" class=\"n\">" + std::string(t.valid_ballots) +
      "</th><th scope=\"col\" class=\"n\">" + std::string(t.blank) +
      "</th><th scope=\"col\" class=\"n\">" + std::string(t.invalid) + "</th><th scope=\"col\">" +
      std::string(leader_heading) + "</th></tr></thead>\n<tbody>\n";
  for (const ContestResult& r : results.districts) {
    const protocol::District* d = config.find_district(r.district);
    h += "<tr data-district=\"" + html_escape(r.district) + "\"><th scope=\"row\"><a href=\"" +
         html_escape(std::string(district_link) + r.district + ".html") + "\">" +
         html_escape(d ? name_in(d->names, language) : r.district) + "</a></th>" +
         number_cell(r.rows, language) + number_cell(r.valid, language) +
         number_cell(r.blank, language) + number_cell(r.invalid, language) + "<td>" +
         html_escape(leader(contest, r, language)) + "</td></tr>\n";
  }
  return h + "</tbody>\n</table></div>\n";
}

}  // namespace evote::tally
