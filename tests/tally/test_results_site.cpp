// The results web site (specs/results.md §4): its pieces (numbers, shares,
// escaping), that it is a pure function of its sources, the record layout
// of its files, what evote-tally publish writes and refuses, and
// evote-verify's check "results site" on a record: PASS as published, FAIL
// on a changed number, a missing or an extra page, and a file added to the
// tally folder after publish. The pages in a browser:
// test_results_site_browser.cpp.
#include <boost/test/unit_test.hpp>
#include <random>

#include "evote/protocol/error.hpp"
#include "record_layout.hpp"
#include "results_site_html.hpp"
#include "site_record.hpp"

using namespace evote;
using namespace evote::tally_test;
using tally::SiteLanguage;

namespace {

std::string page(const std::map<std::string, std::string>& site, const std::string& path) {
  const auto found = site.find(path);
  BOOST_REQUIRE_MESSAGE(found != site.end(), "no " << path);
  return found->second;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Every file of the record's site/ folder, as the site map has them.
std::map<std::string, std::string> files_under_site(const fs::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder / "site")) {
    if (entry.is_regular_file())
      files["site/" + fs::relative(entry.path(), folder / "site").generic_string()] =
          read_text(entry.path());
  }
  return files;
}

}  // namespace

BOOST_AUTO_TEST_CASE(numbers_and_shares_are_written_as_each_language_writes_them) {
  using tally::format_count;
  using tally::format_share;
  BOOST_TEST(format_count(7, SiteLanguage::et) == "7");
  BOOST_TEST(format_count(999, SiteLanguage::en) == "999");
  BOOST_TEST(format_count(1000, SiteLanguage::et) == "1\u00a0000");
  BOOST_TEST(format_count(1234567, SiteLanguage::et) == "1\u00a0234\u00a0567");
  BOOST_TEST(format_count(1234567, SiteLanguage::en) == "1,234,567");
  BOOST_TEST(format_share(1, 3, SiteLanguage::et) == "33,3\u00a0%");
  BOOST_TEST(format_share(2, 3, SiteLanguage::en) == "66.7%");
  BOOST_TEST(format_share(1, 8, SiteLanguage::en) == "12.5%");  // 12.5 exactly
  BOOST_TEST(format_share(1, 16, SiteLanguage::en) == "6.3%");  // 6.25 rounds half up
  BOOST_TEST(format_share(3, 3, SiteLanguage::en) == "100.0%");
  BOOST_TEST(format_share(0, 0, SiteLanguage::et) == "–");
  BOOST_TEST(tally::shorten("Mari Maasikas", 34) == "Mari Maasikas");
  BOOST_TEST(tally::shorten("Õunapuu Ülle", 5) == "Õuna…");
  BOOST_TEST(tally::format_time(1800000000) == "2027-01-15 08:00 UTC");
  BOOST_TEST(tally::format_time(1800000001) == "2027-01-15 08:00:01 UTC");
  BOOST_TEST(tally::html_escape("<a href=\"x\">Tom & 'Jerry'</a>") ==
             "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
}

BOOST_AUTO_TEST_CASE(site_files_have_the_results_site_role_and_nothing_else_does) {
  for (const char* path : {"site/index.html", "site/en/index.html", "site/district/d1.html",
                           "site/en/district/d-2.x.html", "site/style.css", "site/tracker.js",
                           "site/tracker-list.js"}) {
    BOOST_TEST(tally::record_role(path).value_or("none") == "results-site", path);
  }
  for (const char* path :
       {"site", "site/en", "site/other.html", "site/en/style.css", "site/district/d1.htm",
        "site/district/.html", "site/district/../index.html", "site/district/a/b.html",
        "site/en/en/index.html", "site/et/index.html", "index.html"}) {
    BOOST_TEST(!tally::record_role(path).has_value(), path);
  }
  BOOST_TEST(tally::site_lists_file("results.json"));
  BOOST_TEST(tally::site_lists_file("config.json"));
  BOOST_TEST(!tally::site_lists_file("ceremony.json"));
  BOOST_TEST(!tally::site_lists_file("manifest.json"));
  BOOST_TEST(!tally::site_lists_file("site/index.html"));
}

BOOST_AUTO_TEST_CASE(the_same_sources_give_the_same_bytes_and_publish_wrote_them) {
  const SiteRecord& r = site_record();
  tally::SiteSources sources = sources_of(r);
  const auto site = tally::results_site(r.tally.config(), sources);
  // Lines and files in another order: the same site.
  std::mt19937 shuffle(7);
  std::shuffle(sources.tracker.begin(), sources.tracker.end(), shuffle);
  std::shuffle(sources.files.begin(), sources.files.end(), shuffle);
  BOOST_TEST((tally::results_site(r.tally.config(), sources) == site));

  std::vector<std::string> paths;
  for (const auto& [path, bytes] : site) paths.push_back(path);
  const std::vector<std::string> expected = {
      "site/district/d1.html",    "site/district/d2.html", "site/en/district/d1.html",
      "site/en/district/d2.html", "site/en/index.html",    "site/index.html",
      "site/style.css",           "site/tracker-list.js",  "site/tracker.js"};
  BOOST_TEST(paths == expected, boost::test_tools::per_element());
  // What publish wrote into the tally folder and record copied: exactly these bytes.
  BOOST_TEST((files_under_site(r.tally.dir()) == site));
  BOOST_TEST((files_under_site(r.record) == site));
}

BOOST_AUTO_TEST_CASE(the_pages_show_the_counts_the_keys_and_the_files) {
  const SiteRecord& r = site_record();
  const auto site = tally::results_site(r.tally.config(), sources_of(r));
  const std::string index = page(site, "site/index.html");
  BOOST_TEST(has(index, "<html lang=\"et\">"));
  BOOST_TEST(has(page(site, "site/en/index.html"), "<html lang=\"en\">"));
  BOOST_TEST(has(index,
                 "<tr data-count=\"ballots\"><th scope=\"row\">E-valimiskasti laekunud "
                 "hääli</th><td class=\"n\">30</td></tr>"));
  BOOST_TEST(has(index, "<tr data-count=\"rejected_not_eligible\" class=\"sub\">"));
  BOOST_TEST(has(index, "<tr data-count=\"superseded\" class=\"sub\">"));
  BOOST_TEST(has(index, "<tr data-count=\"revoked\" class=\"sub\">"));
  // mayor's total (choice 102's name has quotes): 1 of the 7 valid rows of both districts.
  BOOST_TEST(has(index,
                 "<tr data-code=\"102\"><th scope=\"row\">Jaan &quot;Juku&quot; Tamm, "
                 "noorem</th><td>Keskerakond</td><td>Esimene ringkond</td>"
                 "<td class=\"n\">1</td><td class=\"n\">14,3\u00a0%</td></tr>"));
  BOOST_TEST(has(index, "<table class=\"rounds\" id=\"rounds-ranking-total\">"));
  // d1's runoff breaks a tie by an earlier round (formats-ballots.md §3.2), the total's by code.
  BOOST_TEST(has(page(site, "site/district/d1.html"), "(viik, otsustas voor 1)"));
  BOOST_TEST(has(page(site, "site/en/district/d1.html"), "(tie, broken by round 1)"));
  BOOST_TEST(has(index, "(viik, otsustas valiku kood)"));
  BOOST_TEST(has(index, "<code id=\"organizer-key\">" +
                            protocol::base64url_encode(r.tally.config().organizer_key.bytes) +
                            "</code>"));
  BOOST_TEST(has(index, "<pre class=\"cmd\"><code>evote-verify KIRJE</code></pre>"));
  BOOST_TEST(has(page(site, "site/en/index.html"),
                 "<pre class=\"cmd\"><code>evote-verify RECORD --tracker HASH</code></pre>"));
  // Every listed file with its hash; not the ceremony, the manifest or the site.
  for (const protocol::RecordFile& f : manifest_of(r.record).files) {
    const bool listed = has(index, "<a href=\"../" + f.path + "\">" + f.path + "</a></th><td>" +
                                       f.role + "</td>") &&
                        has(index, protocol::base64url_encode(f.hash));
    BOOST_TEST(listed == tally::site_lists_file(f.path), f.path);
  }
  // A district page: its contests, and the batch files of its district only.
  const std::string d2 = page(site, "site/district/d2.html");
  BOOST_TEST(has(d2, "id=\"result-mayor-d2\""));
  BOOST_TEST(!has(d2, "id=\"result-council-d2\""));  // council is not on d2's ballot
  BOOST_TEST(has(d2, "<a href=\"../../batches/mayor/d2/plaintexts.txt\">"));
  BOOST_TEST(!has(d2, "batches/mayor/d1/"));
  BOOST_TEST(has(page(site, "site/en/district/d2.html"),
                 "<link rel=\"stylesheet\" href=\"../../style.css\">"));
  // The tracker list: sorted as text, districts by index.
  const std::string list = page(site, "site/tracker-list.js");
  std::vector<std::string> hashes;
  for (const tally::TrackerEntry& e : sources_of(r).tracker) hashes.push_back(e.ballot_hash);
  std::sort(hashes.begin(), hashes.end());
  BOOST_TEST(has(list, "\n[\"" + hashes.front() + "\","));
  BOOST_TEST(list.find(hashes[3]) < list.find(hashes[4]));
}

BOOST_AUTO_TEST_CASE(names_with_markup_are_escaped_on_every_page) {
  const SiteRecord& r = site_record();
  protocol::ElectionConfig config = r.tally.config();
  config.names["et"] = "Valimised <2027> & \"teised\"";
  config.contests[0].names["et"] = "<b>Linnapea</b>";
  config.contests[0].choices[0].names["et"] = "<script>alert('x')</script>";
  config.contests[0].choices[0].party["et"] = "A & B";
  config.districts[0].names["et"] = "Ida\"><img src=x>";
  const auto site = tally::results_site(config, sources_of(r));
  for (const auto& [path, text] : site) {
    if (path.size() < 5 || path.substr(path.size() - 5) != ".html") continue;
    BOOST_TEST_CONTEXT(path) {
      BOOST_TEST(!has(text, "<script>alert"));
      BOOST_TEST(!has(text, "<b>Linnapea"));
      BOOST_TEST(!has(text, "<img src=x>"));
      BOOST_TEST(!has(text, "<2027>"));
    }
  }
  const std::string index = page(site, "site/index.html");
  BOOST_TEST(has(index, "<h1>Valimised &lt;2027&gt; &amp; &quot;teised&quot;</h1>"));
  BOOST_TEST(has(index, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</th><td>A &amp; B</td>"));
  BOOST_TEST(has(index, "<h2>&lt;b&gt;Linnapea&lt;/b&gt;</h2>"));
  BOOST_TEST(has(index, ">Ida&quot;&gt;&lt;img src=x&gt;</a>"));
  // In the SVG chart too (a label text).
  BOOST_TEST(has(index, ">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; (A &amp; …</text>"));
}

BOOST_AUTO_TEST_CASE(a_missing_count_or_an_unknown_district_is_named) {
  const SiteRecord& r = site_record();
  tally::SiteSources sources = sources_of(r);
  sources.counts["squash"].erase("superseded");
  BOOST_CHECK_EXCEPTION(tally::results_site(r.tally.config(), sources), protocol::FormatError,
                        [](const protocol::FormatError& e) {
                          return std::string(e.what()) ==
                                 "squash.statement.json: counts: no superseded";
                        });
  sources = sources_of(r);
  sources.tracker[0].district = "d9";
  BOOST_CHECK_EXCEPTION(tally::results_site(r.tally.config(), sources), protocol::FormatError,
                        [](const protocol::FormatError& e) {
                          return std::string(e.what()) ==
                                 "tracker.jsonl: district d9 is not a district of the config";
                        });
}

BOOST_AUTO_TEST_CASE(publish_writes_the_site_whole_and_replaces_it_only_with_force) {
  TallyFolder t;
  add_all_batches(t);
  ok(t.count());
  const Run first = ok(t.publish());
  BOOST_TEST(first.has("wrote " + (t.dir() / "site").string() + ": 9 files, open " +
                       (t.dir() / "site" / "index.html").string()));
  const std::map<std::string, std::string> site = files_under_site(t.dir());
  BOOST_TEST(site.size() == 9u);
  // Only the site left from the first publish: it alone is refused.
  fs::remove(t.dir() / "results.csv");
  fs::remove_all(t.dir() / "charts");
  const Run again = t.publish();
  BOOST_TEST(again.status == 1);
  BOOST_TEST(
      again.has((t.dir() / "site").string() + ": already exists; give --force to replace it"),
      again.output);
  BOOST_TEST(!fs::exists(t.dir() / "results.csv"));
  // --force replaces it whole: a stray file goes, the pages are the same bytes.
  write_text(t.dir() / "site" / "district" / "old.html", "old");
  ok(t.publish(" --force"));
  BOOST_TEST((files_under_site(t.dir()) == site));
  for (const auto& entry : fs::directory_iterator(t.dir()))
    BOOST_TEST(entry.path().filename().string().find("site.") != 0, entry.path());
}

BOOST_AUTO_TEST_CASE(publish_refuses_a_tracker_list_anonymize_did_not_write) {
  TallyFolder t;
  add_all_batches(t);
  ok(t.count());
  std::string tracker = read_text(t.dir() / "tracker.jsonl");
  tracker.replace(tracker.find("\"row\":1}"), 8, "\"row\":9}");
  write_text(t.dir() / "tracker.jsonl", tracker);
  const Run r = t.publish();
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has((t.dir() / "tracker.jsonl").string() + ": is not the file"), r.output);
  BOOST_TEST(!fs::exists(t.dir() / "results.csv"));
  BOOST_TEST(!fs::exists(t.dir() / "charts"));
  BOOST_TEST(!fs::exists(t.dir() / "site"));
}

BOOST_AUTO_TEST_CASE(publish_refuses_a_broken_statement_chain) {
  TallyFolder t;
  add_all_batches(t);
  ok(t.count());
  fs::remove(t.dir() / "squash.statement.json");
  const Run r = t.publish();
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has("squash.statement.json: no such file (run evote-tally squash first)"), r.output);
  BOOST_TEST(!fs::exists(t.dir() / "site"));
}

BOOST_AUTO_TEST_CASE(evote_verify_passes_the_site_as_published) {
  const Run v = verify_record(site_record().record);
  BOOST_TEST(
      check_line(v, "results site") ==
          "PASS results site: 9 files, each what evote-tally publish writes from this record",
      v.output);
  BOOST_TEST(check_line(v, "statements").rfind("PASS", 0) == 0u, v.output);
  BOOST_TEST(check_line(v, "count").rfind("PASS", 0) == 0u, v.output);
}

BOOST_AUTO_TEST_CASE(evote_verify_fails_the_site_on_a_changed_number) {
  const auto r = make_site_record();
  const fs::path index = r->record / "site" / "index.html";
  std::string text = read_text(index);
  const std::string cell = "<td class=\"n\">30</td>";  // ballots in the ballot box
  BOOST_REQUIRE(text.find(cell) != std::string::npos);
  text.replace(text.find(cell), cell.size(), "<td class=\"n\">31</td>");
  write_text(index, text);
  const Run outsider = verify_record(r->record);
  BOOST_TEST(check_line(outsider, "files").rfind("FAIL files:", 0) == 0u, outsider.output);
  resign_manifest(*r);  // an insider signs the changed page
  const Run insider = verify_record(r->record);
  BOOST_TEST(insider.status == 1);
  BOOST_TEST(check_line(insider, "results site") ==
                 "FAIL results site: site/index.html is not what evote-tally publish writes from "
                 "this record (a number, a name or a listed file differs)",
             insider.output);
}

BOOST_AUTO_TEST_CASE(evote_verify_fails_a_missing_or_an_extra_page) {
  {
    const auto r = make_site_record();
    fs::remove(r->record / "site" / "en" / "district" / "d2.html");
    resign_manifest(*r);
    const Run v = verify_record(r->record);
    BOOST_TEST(check_line(v, "results site") ==
                   "FAIL results site: site/en/district/d2.html: missing (publish writes it for "
                   "this record)",
               v.output);
  }
  {
    const auto r = make_site_record();
    write_text(r->record / "site" / "district" / "d9.html", "<!DOCTYPE html>");
    resign_manifest(*r);
    const Run v = verify_record(r->record);
    BOOST_TEST(check_line(v, "results site") ==
                   "FAIL results site: site/district/d9.html: not a file publish writes for this "
                   "election",
               v.output);
  }
}

// publish is the last step before record: a file the tally folder gets
// after it is in the record but not in the site's list of files.
BOOST_AUTO_TEST_CASE(evote_verify_fails_a_site_older_than_the_tally_folder) {
  TallyFolder t;
  add_all_batches(t);
  ok(t.count());
  ok(t.publish());
  write_text(t.batch("mayor", "d1") / "partial-1.pdec", "a late file");
  const fs::path record = t.dir().parent_path() / "record";
  ok(t.record(record));
  const Run v = verify_record(record);
  BOOST_TEST(check_line(v, "results site") ==
                 "FAIL results site: site/district/d1.html is not what evote-tally publish "
                 "writes from this record (a number, a name or a listed file differs)",
             v.output);
}
