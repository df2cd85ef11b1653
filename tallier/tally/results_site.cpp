#include "results_site.hpp"

#include <algorithm>

#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "record_layout.hpp"
#include "results_site_assets.hpp"
#include "results_site_contest.hpp"
#include "results_site_html.hpp"
#include "results_site_text.hpp"

namespace evote::tally {

namespace {

using protocol::ElectionConfig;

constexpr SiteLanguage kLanguages[] = {SiteLanguage::et, SiteLanguage::en};

// Where a page is, so that its links are relative (the site works from any
// folder, file: addresses included).
struct PagePlace {
  SiteLanguage language = SiteLanguage::et;
  std::string to_site;         // from the page's folder to site/: "", "../", "../../"
  std::string other_language;  // the same page in the other language
};

std::string to_record(const PagePlace& p) { return p.to_site + "../"; }

std::uint64_t count_of(const SiteSources& s, const std::string& step, const std::string& name) {
  const auto statement = s.counts.find(step);
  if (statement != s.counts.end()) {
    const auto n = statement->second.find(name);
    if (n != statement->second.end()) return n->second;
  }
  throw protocol::FormatError(step + ".statement.json: counts: no " + name);
}

std::string election_name(const ElectionConfig& config, SiteLanguage language) {
  return config.names.empty() ? config.election_id : name_in(config.names, language);
}

std::string page_start(const ElectionConfig& config, const PagePlace& place,
                       const std::string& title, const std::string& eyebrow,
                       const std::string& heading) {
  const SiteText& t = site_text(place.language);
  const SiteText& other =
      site_text(place.language == SiteLanguage::et ? SiteLanguage::en : SiteLanguage::et);
  return "<!DOCTYPE html>\n<html lang=\"" + std::string(t.lang) +
         "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
         "content=\"width=device-width, initial-scale=1\">\n<title>" +
         html_escape(title) + "</title>\n<link rel=\"stylesheet\" href=\"" + place.to_site +
         "style.css\">\n<link rel=\"alternate\" hreflang=\"" + std::string(other.lang) +
         "\" href=\"" + place.other_language +
         "\">\n</head>\n<body>\n<a class=\"skip\" "
         "href=\"#content\">" +
         std::string(t.skip_to_content) + "</a>\n<header class=\"site\"><div class=\"wrap\">\n" +
         "<nav class=\"lang\" aria-label=\"" + std::string(t.language_nav) + "\"><a href=\"" +
         place.other_language + "\" hreflang=\"" + std::string(other.lang) + "\" lang=\"" +
         std::string(other.lang) + "\">" + std::string(t.other_language) + "</a></nav>\n" +
         "<p class=\"eyebrow\">" + html_escape(eyebrow) + "</p>\n<h1>" + html_escape(heading) +
         "</h1>\n<p>" + std::string(t.lead) + "</p>\n<p class=\"period\">" +
         std::string(t.voting_period) + " " + format_time(config.voting_start) + " – " +
         format_time(config.voting_end) + " · " + std::string(t.election_id) + " <code>" +
         html_escape(config.election_id) +
         "</code></p>\n</div></header>\n<main id=\"content\">"
         "<div class=\"wrap\">\n";
}

std::string page_end(const PagePlace& place, bool tracker) {
  std::string h = "</div></main>\n<footer class=\"site\"><div class=\"wrap\"><p>" +
                  std::string(site_text(place.language).footer) + "</p></div></footer>\n";
  if (tracker) {
    h += "<script src=\"" + place.to_site + "tracker-list.js\"></script>\n<script src=\"" +
         place.to_site + "tracker.js\"></script>\n";
  }
  return h + "</body>\n</html>\n";
}

// Counted ballots per district, from the tracker list.
std::map<std::string, std::uint64_t> counted_by_district(const ElectionConfig& config,
                                                         const SiteSources& s) {
  std::map<std::string, std::uint64_t> counted;
  for (const protocol::District& d : config.districts) counted[d.id] = 0;
  for (const TrackerEntry& e : s.tracker) {
    const auto at = counted.find(e.district);
    if (at == counted.end()) {
      throw protocol::FormatError("tracker.jsonl: district " + e.district +
                                  " is not a district of the config");
    }
    ++at->second;
  }
  return counted;
}

std::string figure(const std::string& key, std::uint64_t n, std::string_view what,
                   SiteLanguage language) {
  return "<div class=\"figure\" data-count=\"" + key + "\"><span class=\"big\">" +
         format_count(n, language) + "</span><span class=\"what\">" + std::string(what) +
         "</span></div>\n";
}

// The headline figures, at the top of the election page.
std::string turnout_html(const SiteSources& s, SiteLanguage language) {
  const SiteText& t = site_text(language);
  return "<section class=\"card\" id=\"turnout\">\n<h2>" + std::string(t.turnout) +
         "</h2>\n<div class=\"figures\">\n" +
         figure("counted", count_of(s, "anonymize", "ballots"), t.counted, language) +
         figure("voters", count_of(s, "squash", "voters"), t.voters, language) +
         figure("superseded", count_of(s, "squash", "superseded"), t.superseded, language) +
         figure("revoked", count_of(s, "revoke", "revoked"), t.revoked, language) +
         "</div>\n<p class=\"note\"><a href=\"#ballot-path\">" + std::string(t.ballot_path) +
         "</a></p>\n</section>\n";
}

// Every count of the statements, from the ballot box to the counted e-votes.
std::string ballot_path_html(const SiteSources& s, SiteLanguage language) {
  const SiteText& t = site_text(language);
  std::string h = "<section class=\"card\" id=\"ballot-path\">\n<h2>" + std::string(t.ballot_path) +
                  "</h2>\n<p class=\"note\">" + std::string(t.turnout_note) +
                  "</p>\n<table class=\"turnout\" id=\"turnout-table\">\n<caption "
                  "class=\"visually-hidden\">" +
                  std::string(t.ballot_path) + "</caption>\n<thead><tr><th scope=\"col\">" +
                  std::string(t.what) + "</th><th scope=\"col\" class=\"n\">" +
                  std::string(t.number) + "</th></tr></thead>\n<tbody>\n";
  auto row = [&](const std::string& key, std::string_view label, std::uint64_t n, bool sub) {
    h += "<tr data-count=\"" + html_escape(key) + "\"" + (sub ? " class=\"sub\"" : "") +
         "><th scope=\"row\">" + html_escape(label) + "</th><td class=\"n\">" +
         format_count(n, language) + "</td></tr>\n";
  };
  row("ballots", t.ballots, count_of(s, "check", "ballots"), false);
  row("rejected", t.rejected, count_of(s, "check", "rejected"), true);
  const std::string prefix = "rejected_";
  for (const auto& [name, n] : s.counts.at("check")) {
    if (name.compare(0, prefix.size(), prefix) == 0 && n > 0)
      row(name, "– " + rejection_reason(name.substr(prefix.size()), language), n, true);
  }
  row("accepted", t.accepted, count_of(s, "check", "accepted"), false);
  row("superseded", t.superseded, count_of(s, "squash", "superseded"), true);
  row("voters", t.voters, count_of(s, "squash", "voters"), false);
  row("paper_voters", t.paper_voters, count_of(s, "revoke", "paper_voters"), true);
  row("revoked", t.revoked, count_of(s, "revoke", "revoked"), true);
  row("counted", t.counted, count_of(s, "anonymize", "ballots"), false);
  return h + "</tbody>\n</table>\n</section>\n";
}

std::string districts_html(const ElectionConfig& config,
                           const std::map<std::string, std::uint64_t>& counted,
                           const std::string& link, SiteLanguage language) {
  const SiteText& t = site_text(language);
  std::string h = "<section class=\"card\" id=\"districts\">\n<h2>" + std::string(t.districts) +
                  "</h2>\n<div class=\"scroll\"><table class=\"districts\">\n<caption "
                  "class=\"visually-hidden\">" +
                  std::string(t.districts) + "</caption>\n<thead><tr><th scope=\"col\">" +
                  std::string(t.district) + "</th><th scope=\"col\" class=\"n\">" +
                  std::string(t.counted_in_district) + "</th></tr></thead>\n<tbody>\n";
  for (const protocol::District& d : config.districts) {
    h += "<tr data-district=\"" + html_escape(d.id) + "\"><th scope=\"row\"><a href=\"" +
         html_escape(link + d.id + ".html") + "\">" + html_escape(name_in(d.names, language)) +
         "</a></th><td class=\"n\">" + format_count(counted.at(d.id), language) + "</td></tr>\n";
  }
  return h + "</tbody>\n</table></div>\n</section>\n";
}

std::string tracker_html(const SiteSources& s, const PagePlace& place) {
  const SiteText& t = site_text(place.language);
  return "<section class=\"card\" id=\"tracker\">\n<h2>" + std::string(t.tracker) + "</h2>\n<p>" +
         std::string(t.tracker_intro) + "</p>\n<p class=\"note\">" +
         fill(t.tracker_size, "n", format_count(s.tracker.size(), place.language)) +
         "</p>\n<form class=\"tracker\" id=\"tracker-form\" data-record=\"" + to_record(place) +
         "\" data-districts=\"district/\">\n<label for=\"tracker-input\">" +
         std::string(t.tracker_label) +
         "</label>\n<input id=\"tracker-input\" name=\"tracker\" autocomplete=\"off\" "
         "spellcheck=\"false\" size=\"46\">\n<button type=\"submit\">" +
         std::string(t.tracker_button) +
         "</button>\n</form>\n<div id=\"tracker-result\" role=\"status\" "
         "aria-live=\"polite\"></div>\n<noscript><p>" +
         std::string(t.tracker_noscript) + "</p></noscript>\n</section>\n";
}

std::string verify_html(const ElectionConfig& config, const SiteSources& s, SiteLanguage language) {
  const SiteText& t = site_text(language);
  const std::string record(t.record_folder);
  std::string h = "<section class=\"card\" id=\"verify\">\n<h2>" + std::string(t.verify) +
                  "</h2>\n<p>" + std::string(t.verify_intro) +
                  "</p>\n<pre class=\"cmd\"><code>evote-verify " + record + "</code></pre>\n<p>" +
                  std::string(t.verify_result) + "</p>\n<p>" + std::string(t.verify_tracker) +
                  "</p>\n<pre class=\"cmd\"><code>evote-verify " + record + " --tracker " +
                  std::string(t.ballot_hash) + "</code></pre>\n<h3>" +
                  std::string(t.organizer_key) + "</h3>\n<p>" + std::string(t.organizer_key_note) +
                  "</p>\n<p><code id=\"organizer-key\">" +
                  protocol::base64url_encode(config.organizer_key.bytes) +
                  "</code></p>\n<dl class=\"keys\">\n<dt>" + std::string(t.config_hash) +
                  "</dt><dd><code id=\"config-hash\">" + protocol::base64url_encode(s.config_hash) +
                  "</code></dd>\n";
  if (config.tally_key) {
    h += "<dt>" + std::string(t.tally_key) + "</dt><dd><code id=\"tally-key\">" +
         protocol::base64url_encode(config.tally_key->bytes) + "</code></dd>\n";
  }
  return h + "</dl>\n</section>\n";
}

// The listed files for which `keep` holds, sorted by path.
template <typename Keep>
std::string files_table(const SiteSources& s, const PagePlace& place, Keep keep) {
  const SiteText& t = site_text(place.language);
  std::vector<const protocol::RecordFile*> files;
  for (const protocol::RecordFile& f : s.files)
    if (keep(f.path)) files.push_back(&f);
  std::sort(files.begin(), files.end(),
            [](const auto* a, const auto* b) { return a->path < b->path; });
  std::string h = "<div class=\"scroll\"><table class=\"files\">\n<thead><tr><th scope=\"col\">" +
                  std::string(t.file) + "</th><th scope=\"col\">" + std::string(t.role) +
                  "</th><th scope=\"col\" class=\"n\">" + std::string(t.bytes) +
                  "</th><th scope=\"col\">" + std::string(t.hash) + "</th></tr></thead>\n<tbody>\n";
  for (const protocol::RecordFile* f : files) {
    h += "<tr><th scope=\"row\"><a href=\"" + html_escape(to_record(place) + f->path) + "\">" +
         html_escape(f->path) + "</a></th><td>" + html_escape(f->role) + "</td><td class=\"n\">" +
         format_count(f->size, place.language) + "</td><td><code>" +
         protocol::base64url_encode(f->hash) + "</code></td></tr>\n";
  }
  return h + "</tbody>\n</table></div>\n";
}

std::string election_page(const ElectionConfig& config, const SiteSources& s,
                          const std::map<std::string, std::uint64_t>& counted,
                          const PagePlace& place) {
  const SiteLanguage language = place.language;
  const SiteText& t = site_text(language);
  const std::string name = election_name(config, language);
  std::string h = page_start(config, place, name + " — " + std::string(t.results),
                             std::string(t.all_districts), name);
  h += turnout_html(s, language);
  for (std::size_t i = 0; i < config.contests.size(); ++i) {
    const protocol::Contest& contest = config.contests[i];
    const ContestResults& r = s.results.contests.at(i);
    h += "<section class=\"card contest\" id=\"contest-" + html_escape(contest.id) + "\">\n<h2>" +
         html_escape(name_in(contest.names, language)) + "</h2>\n" +
         contest_result_html(config, contest, r.total, "total", t.all_districts, language);
    if (r.districts.size() > 1) {
      h += contest_by_district_html(config, contest, r, "district/", language);
    }
    h += "</section>\n";
  }
  h += tracker_html(s, place);
  h += districts_html(config, counted, "district/", language);
  h += ballot_path_html(s, language);
  h += verify_html(config, s, language);
  h += "<section class=\"card\" id=\"files\">\n<h2>" + std::string(t.files) +
       "</h2>\n<p class=\"note\">" + std::string(t.files_note) + "</p>\n" +
       files_table(s, place, [](const std::string&) { return true; }) + "</section>\n";
  return h + page_end(place, true);
}

std::string district_page(const ElectionConfig& config, const SiteSources& s,
                          const std::map<std::string, std::uint64_t>& counted,
                          const protocol::District& district, const PagePlace& place) {
  const SiteLanguage language = place.language;
  const SiteText& t = site_text(language);
  const std::string name = name_in(district.names, language);
  const std::string election = election_name(config, language);
  std::string h = page_start(
      config, place, name + " — " + election + " — " + std::string(t.results), election, name);
  h += "<nav class=\"crumbs\" aria-label=\"" + std::string(t.districts) + "\"><a href=\"" +
       "../index.html\">← " + std::string(t.all_districts) + "</a>\n<ul class=\"districts\">\n";
  for (const protocol::District& d : config.districts) {
    h += "<li><a href=\"" + html_escape(d.id + ".html") + "\"" +
         (d.id == district.id ? " aria-current=\"page\"" : "") + ">" +
         html_escape(name_in(d.names, language)) + "</a></li>\n";
  }
  h += "</ul></nav>\n<section class=\"card\" id=\"turnout\">\n<div class=\"figures\">\n" +
       figure("counted", counted.at(district.id), t.counted_in_district, language) +
       "</div>\n</section>\n";
  for (std::size_t i = 0; i < config.contests.size(); ++i) {
    const protocol::Contest& contest = config.contests[i];
    for (const count::ContestResult& r : s.results.contests.at(i).districts) {
      if (r.district != district.id) continue;
      h += "<section class=\"card contest\" id=\"contest-" + html_escape(contest.id) + "\">\n<h2>" +
           html_escape(name_in(contest.names, language)) + "</h2>\n" +
           contest_result_html(config, contest, r, district.id, name, language) + "</section>\n";
    }
  }
  const std::string folder = "/" + district.id + "/";
  h += "<section class=\"card\" id=\"files\">\n<h2>" + std::string(t.district_files) + "</h2>\n" +
       files_table(s, place,
                   [&](const std::string& path) {
                     return path.compare(0, 8, "batches/") == 0 &&
                            path.find(folder, 8) == path.find('/', 8);
                   }) +
       "</section>\n";
  return h + page_end(place, false);
}

}  // namespace

bool is_site_path(std::string_view path) {
  return path.size() > kSiteFolder.size() && path.substr(0, kSiteFolder.size()) == kSiteFolder &&
         path[kSiteFolder.size()] == '/';
}

bool site_lists_file(std::string_view path) {
  return path != protocol::kManifestFileName && path != kRecordCeremony && !is_site_path(path);
}

std::map<std::string, std::string> results_site(const ElectionConfig& config,
                                                const SiteSources& sources) {
  if (sources.results.contests.size() != config.contests.size())
    throw std::invalid_argument("results site: the results are not of this config");
  for (std::size_t i = 0; i < config.contests.size(); ++i) {
    if (sources.results.contests[i].contest_id != config.contests[i].id)
      throw std::invalid_argument("results site: the results are not of this config");
  }
  const std::map<std::string, std::uint64_t> counted = counted_by_district(config, sources);
  std::map<std::string, std::string> site;
  const std::string root = std::string(kSiteFolder) + "/";
  site[root + "style.css"] = std::string(site_style_css());
  site[root + "tracker.js"] = std::string(site_tracker_js());
  site[root + "tracker-list.js"] = tracker_list_js(config, sources.tracker);
  for (SiteLanguage language : kLanguages) {
    const bool en = language == SiteLanguage::en;
    const std::string folder = root + (en ? "en/" : "");
    site[folder + "index.html"] =
        election_page(config, sources, counted,
                      {language, en ? "../" : "", en ? "../index.html" : "en/index.html"});
    for (const protocol::District& d : config.districts) {
      const std::string page = d.id + ".html";
      site[folder + "district/" + page] =
          district_page(config, sources, counted, d,
                        {language, en ? "../../" : "../",
                         en ? "../../district/" + page : "../en/district/" + page});
    }
  }
  return site;
}

}  // namespace evote::tally
