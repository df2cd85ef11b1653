// The results site (specs/results.md §4) in a real browser: headless
// Chromium (Debian's chromium package) opens the pages of an election
// record (site_record.hpp) from file: addresses with no network, runs their
// scripts, and dumps the DOM; the tests read every number of every table off
// it and compare it with results.json and the signed statements, drive the
// tracker search through the address ("#tracker=<hash>"), and keep
// screenshots in the build folder (tests/results-site*.png). Without
// chromium they fail, saying how to install it.
#include <QImage>
#include <boost/test/unit_test.hpp>
#include <chrono>

#include "evote/protocol/file_hash.hpp"
#include "site_record.hpp"

using namespace evote;
using namespace evote::tally_test;

namespace {

// One headless Chromium run at a time, with its own empty profile.
class Chromium {
 public:
  Chromium() {
    const testing::ProgramRun which = testing::run_program("command -v chromium");
    BOOST_REQUIRE_MESSAGE(which.status == 0,
                          "chromium is not installed: the results site tests open the pages in "
                          "Debian's chromium package (apt-get install chromium; "
                          "deploy/install-deps.sh installs it)");
  }

  // The DOM after the page's scripts ran, as Chromium serializes it.
  std::string dump_dom(const std::string& url) const {
    run("--dump-dom " + quoted(url) + " > " + q(profile_ / "dom.html"));
    return read_text(profile_ / "dom.html");
  }

  void screenshot(const std::string& url, const fs::path& png, int width, int height) const {
    fs::remove(png);
    run("--hide-scrollbars --window-size=" + std::to_string(width) + "," + std::to_string(height) +
        " --screenshot=" + q(png) + " " + quoted(url));
  }

 private:
  static std::string quoted(const std::string& url) { return "'" + url + "'"; }

  // Runs chromium with `arguments`; fails the test with its messages when it
  // does not exit 0.
  void run(const std::string& arguments) const {
    const std::string command =
        "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic "
        "--no-first-run --disable-background-networking --disable-component-update "
        "--disable-sync --user-data-dir=" +
        q(profile_ / "profile") + " " + arguments + " 2> " + q(profile_ / "stderr.txt");
    const testing::ProgramRun r = testing::run_program(command);
    BOOST_REQUIRE_MESSAGE(r.status == 0, "chromium failed (" << r.status << "): " << command << "\n"
                                                             << read_text(profile_ / "stderr.txt"));
  }

  testing::TempFolder profile_;
};

const Chromium& chromium() {
  static const Chromium browser;
  return browser;
}

std::string file_url(const fs::path& path, const std::string& fragment = "") {
  return "file://" + fs::absolute(path).lexically_normal().generic_string() + fragment;
}

// The element <tag …id="id"…>…</tag> of a dumped DOM (tags of its kind not
// nested in it).
std::string element(const std::string& dom, const std::string& tag, const std::string& id) {
  const std::size_t at = dom.find(" id=\"" + id + "\"");
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, "no element with id " << id);
  const std::size_t start = dom.rfind("<" + tag, at);
  const std::size_t end = dom.find("</" + tag + ">", at);
  BOOST_REQUIRE(start != std::string::npos && end != std::string::npos);
  return dom.substr(start, end - start);
}

// The value of `attribute` in the start tag that begins at `tag`.
std::string attribute(const std::string& tag, const std::string& name) {
  const std::string head = tag.substr(0, tag.find('>'));
  const std::size_t at = head.find(" " + name + "=\"");
  if (at == std::string::npos) return "";
  const std::size_t from = at + name.size() + 3;
  return head.substr(from, head.find('"', from) - from);
}

// Per row of a table with attribute `key` (data-code, data-measure, …): the
// texts of its number cells (<td class="n…">), in order.
std::map<std::string, std::vector<std::string>> number_rows(const std::string& table,
                                                            const std::string& key) {
  std::map<std::string, std::vector<std::string>> rows;
  for (std::size_t at = table.find("<tr"); at != std::string::npos;
       at = table.find("<tr", at + 3)) {
    const std::string row = table.substr(at, table.find("</tr>", at) - at);
    const std::string name = attribute(row, key);
    if (name.empty()) continue;
    std::vector<std::string>& cells = rows[name];
    for (std::size_t c = row.find("<td class=\"n"); c != std::string::npos;
         c = row.find("<td class=\"n", c + 1)) {
      const std::size_t from = row.find('>', c) + 1;
      cells.push_back(row.substr(from, row.find("</td>", from) - from));
    }
  }
  return rows;
}

// A number as the page writes it ("1&nbsp;234", "1,234") as a number.
std::uint64_t number(std::string text) {
  for (const std::string separator : {"&nbsp;", "\u00a0", ","}) {
    for (std::size_t at = text.find(separator); at != std::string::npos; at = text.find(separator))
      text.erase(at, separator.size());
  }
  BOOST_REQUIRE_MESSAGE(!text.empty() && text.find_first_not_of("0123456789") == std::string::npos,
                        "not a number: " << text);
  return std::stoull(text);
}

std::uint64_t cell(const std::map<std::string, std::vector<std::string>>& rows,
                   const std::string& key, std::size_t index = 0) {
  const auto found = rows.find(key);
  BOOST_REQUIRE_MESSAGE(found != rows.end(), "no row " << key);
  BOOST_REQUIRE_MESSAGE(index < found->second.size(), "row " << key << " has no cell " << index);
  return number(found->second[index]);
}

const char* const kReasons[] = {"unknown-code", "other-district", "repeated-code",
                                "rank-after-blank"};

// A result of results.json (a district's or a total) against the page's
// table "result-<c>-<scope>" and, for a ranked contest, "rounds-<c>-<scope>".
void check_result(const std::string& dom, const std::string& contest, const std::string& scope,
                  const protocol::Json& result) {
  BOOST_TEST_CONTEXT(contest << " " << scope) {
    const std::string table = element(dom, "table", "result-" + contest + "-" + scope);
    const auto choices = number_rows(table, "data-code");
    BOOST_TEST(choices.size() == result.at("choices").size());
    for (const protocol::Json& c : result.at("choices")) {
      BOOST_TEST(cell(choices, std::to_string(c.at("code").get<std::uint64_t>())) ==
                     c.at("count").get<std::uint64_t>(),
                 "code " << c.at("code"));
    }
    const auto measures = number_rows(table, "data-measure");
    for (const char* m : {"rows", "valid", "blank", "invalid"})
      BOOST_TEST(cell(measures, m) == result.at(m).get<std::uint64_t>(), m);
    for (const char* reason : kReasons) {
      const std::uint64_t n = result.at("invalid_by_reason").at(reason);
      const std::string key = std::string("invalid-") + reason;
      BOOST_TEST(measures.count(key) == (n > 0 ? 1u : 0u), key);
      if (n > 0) BOOST_TEST(cell(measures, key) == n, key);
    }
    if (!result.contains("runoff") || result.at("runoff").at("rounds").empty()) return;
    const auto rounds =
        number_rows(element(dom, "table", "rounds-" + contest + "-" + scope), "data-code");
    const auto exhausted =
        number_rows(element(dom, "table", "rounds-" + contest + "-" + scope), "data-measure");
    std::size_t i = 0;
    for (const protocol::Json& round : result.at("runoff").at("rounds")) {
      for (const protocol::Json& c : round.at("counts")) {
        BOOST_TEST(cell(rounds, std::to_string(c.at("code").get<std::uint64_t>()), i) ==
                       c.at("count").get<std::uint64_t>(),
                   "round " << i + 1 << " code " << c.at("code"));
      }
      BOOST_TEST(cell(exhausted, "exhausted", i) == round.at("exhausted").get<std::uint64_t>());
      ++i;
    }
  }
}

protocol::Json results_json(const fs::path& record) {
  return protocol::parse_canonical(testing::read_whole_file(record / "results.json"),
                                   "results.json");
}

// The election page's numbers against results.json and the statements.
void check_election_page(const std::string& dom, const SiteRecord& r) {
  const protocol::Json results = results_json(r.record);
  for (const protocol::Json& contest : results.at("contests")) {
    const std::string id = contest.at("id");
    check_result(dom, id, "total", contest.at("total"));
    if (contest.at("districts").size() < 2) continue;
    const auto by_district = number_rows(element(dom, "table", "districts-" + id), "data-district");
    for (const protocol::Json& d : contest.at("districts")) {
      const std::string district = d.at("district");
      std::size_t i = 0;
      for (const char* m : {"rows", "valid", "blank", "invalid"})
        BOOST_TEST(cell(by_district, district, i++) == d.at(m).get<std::uint64_t>(),
                   id << " " << district << " " << m);
    }
  }
  const auto turnout = number_rows(element(dom, "table", "turnout-table"), "data-count");
  const tally::SiteSources sources = sources_of(r);
  const auto& counts = sources.counts;
  BOOST_TEST(cell(turnout, "ballots") == counts.at("check").at("ballots"));
  BOOST_TEST(cell(turnout, "rejected") == counts.at("check").at("rejected"));
  BOOST_TEST(cell(turnout, "rejected_not_eligible") ==
             counts.at("check").at("rejected_not_eligible"));
  BOOST_TEST(cell(turnout, "accepted") == counts.at("check").at("accepted"));
  BOOST_TEST(cell(turnout, "superseded") == counts.at("squash").at("superseded"));
  BOOST_TEST(cell(turnout, "voters") == counts.at("squash").at("voters"));
  BOOST_TEST(cell(turnout, "revoked") == counts.at("revoke").at("revoked"));
  BOOST_TEST(cell(turnout, "counted") == counts.at("anonymize").at("ballots"));
}

// The tracker answer element's state, district, row and text.
struct TrackerAnswer {
  std::string state, district, row, html;
};

TrackerAnswer tracker_answer(const std::string& dom) {
  const std::string answer = element(dom, "div", "tracker-result");
  return {attribute(answer, "data-state"), attribute(answer, "data-district"),
          attribute(answer, "data-row"), answer};
}

std::vector<tally::TrackerEntry> tracker_lines(const fs::path& record) {
  return tally::read_tracker_list(record / "tracker.jsonl", "tracker.jsonl");
}

fs::path build_folder() { return fs::canonical("/proc/self/exe").parent_path(); }

}  // namespace

BOOST_AUTO_TEST_CASE(chromium_shows_every_number_of_results_json_and_the_statements) {
  const SiteRecord& r = site_record();
  for (const char* page : {"site/index.html", "site/en/index.html"}) {
    BOOST_TEST_CONTEXT(page) {
      const std::string dom = chromium().dump_dom(file_url(r.record / page));
      BOOST_REQUIRE(dom.find("<table class=\"turnout\"") != std::string::npos);
      check_election_page(dom, r);
    }
  }
  // Every district page, in both languages: its district's results.
  const protocol::Json results = results_json(r.record);
  for (const char* district : {"d1", "d2"}) {
    for (const std::string folder : {"site/district/", "site/en/district/"}) {
      const std::string dom =
          chromium().dump_dom(file_url(r.record / (folder + district + ".html")));
      for (const protocol::Json& contest : results.at("contests")) {
        for (const protocol::Json& d : contest.at("districts")) {
          if (d.at("district") == district) check_result(dom, contest.at("id"), district, d);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(chromium_draws_one_bar_per_choice_and_for_blank_and_invalid) {
  const SiteRecord& r = site_record();
  const std::string dom = chromium().dump_dom(file_url(r.record / "site/index.html"));
  // As the PNG charts (results.md §3.2): mayor 5 choices + blank + invalid;
  // council 4 + 2; ranking the 2 of its final round, exhausted, blank, invalid.
  for (const auto& [contest, bars] : std::vector<std::pair<std::string, std::size_t>>{
           {"mayor", 7}, {"council", 6}, {"ranking", 5}}) {
    const std::string svg = element(dom, "svg", "chart-" + contest + "-total");
    std::size_t n = 0;
    for (std::size_t at = svg.find("<rect"); at != std::string::npos;
         at = svg.find("<rect", at + 1))
      ++n;
    BOOST_TEST(n == bars, contest);
  }
  const std::string ranking = element(dom, "svg", "chart-ranking-total");
  BOOST_TEST(ranking.find("<g class=\"choice elected\"><text class=\"label\" x=\"292\" y=\"51\">"
                          "Valik 23</text>") != std::string::npos,
             ranking);
}

BOOST_AUTO_TEST_CASE(chromium_finds_a_counted_ballot_in_the_tracker_box) {
  const SiteRecord& r = site_record();
  const std::vector<tally::TrackerEntry> lines = tracker_lines(r.record);
  BOOST_REQUIRE(lines.size() == 22u);
  const tally::TrackerEntry& line = lines[20];  // a ballot of d2
  const TrackerAnswer found = tracker_answer(
      chromium().dump_dom(file_url(r.record / "site/index.html", "#tracker=" + line.ballot_hash)));
  BOOST_TEST(found.state == "found", found.html);
  BOOST_TEST(found.district == line.district);
  BOOST_TEST(found.row == std::to_string(line.row));
  BOOST_TEST(found.html.find("Leitud: see e-hääl läks arvesse.") != std::string::npos, found.html);
  BOOST_TEST(
      found.html.find("<a href=\"district/d2.html\">Teine ringkond</a>") != std::string::npos,
      found.html);
  BOOST_TEST(found.html.find("<a href=\"../batches/mayor/d2/input.ctxt\">") != std::string::npos,
             found.html);
  // The English page; and the hash as standard base64 (+ and /, padded), as people copy it.
  std::string hash;
  const tally::TrackerEntry* with_symbol = nullptr;
  for (const tally::TrackerEntry& e : lines) {
    if (e.ballot_hash.find_first_of("-_") != std::string::npos) with_symbol = &e;
  }
  BOOST_REQUIRE(with_symbol != nullptr);
  for (char c : with_symbol->ballot_hash) hash += c == '-' ? '+' : c == '_' ? '/' : c;
  const TrackerAnswer english = tracker_answer(
      chromium().dump_dom(file_url(r.record / "site/en/index.html", "#tracker=" + hash + "%3D")));
  BOOST_TEST(english.state == "found", english.html);
  BOOST_TEST(english.row == std::to_string(with_symbol->row));
  BOOST_TEST(english.html.find("Found: this e-vote was counted.") != std::string::npos,
             english.html);
}

BOOST_AUTO_TEST_CASE(chromium_says_when_a_hash_is_not_counted_or_not_a_hash) {
  const SiteRecord& r = site_record();
  const std::string uncounted = protocol::base64url_encode(crypto::Bytes(32, 0x5a));
  const TrackerAnswer missing = tracker_answer(
      chromium().dump_dom(file_url(r.record / "site/index.html", "#tracker=" + uncounted)));
  BOOST_TEST(missing.state == "missing", missing.html);
  BOOST_TEST(missing.district.empty());
  BOOST_TEST(missing.html.find("Seda räsi loendis ei ole") != std::string::npos, missing.html);
  const TrackerAnswer invalid = tracker_answer(
      chromium().dump_dom(file_url(r.record / "site/en/index.html", "#tracker=not-a-hash")));
  BOOST_TEST(invalid.state == "invalid", invalid.html);
  BOOST_TEST(invalid.html.find("This is not a ballot hash") != std::string::npos, invalid.html);
  // No search without a hash in the address: the answer stays empty.
  const TrackerAnswer none =
      tracker_answer(chromium().dump_dom(file_url(r.record / "site/index.html")));
  BOOST_TEST(none.state.empty(), none.html);
}

// 100,000 counted ballots: the list stays a few megabytes and the search
// answers at once (a binary search in the browser).
BOOST_AUTO_TEST_CASE(chromium_searches_a_tracker_list_of_100000_ballots) {
  const SiteRecord& r = site_record();
  tally::SiteSources sources = sources_of(r);
  sources.tracker.clear();
  std::uint64_t rows[2] = {0, 0};
  for (int i = 0; i < 100000; ++i) {
    const crypto::Bytes hash = protocol::file_hash(crypto::as_bytes("ballot " + std::to_string(i)));
    sources.tracker.push_back(
        {protocol::base64url_encode(hash), i % 3 == 0 ? "d2" : "d1", ++rows[i % 3 == 0 ? 1 : 0]});
  }
  const auto started = std::chrono::steady_clock::now();
  const auto site = tally::results_site(r.tally.config(), sources);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  BOOST_TEST_MESSAGE("site of 100,000 ballots made in " << seconds << " s; tracker-list.js "
                                                        << site.at("site/tracker-list.js").size()
                                                        << " bytes");
  BOOST_TEST(site.at("site/tracker-list.js").size() < 6'000'000u);
  testing::TempFolder folder;
  tally::write_site(folder.path(), site, protocol::WriteMode::new_public());
  const tally::TrackerEntry& wanted = sources.tracker[77777];
  const TrackerAnswer found = tracker_answer(
      chromium().dump_dom(file_url(folder / "site/index.html", "#tracker=" + wanted.ballot_hash)));
  BOOST_TEST(found.state == "found", found.html);
  BOOST_TEST(found.district == wanted.district);
  BOOST_TEST(found.row == std::to_string(wanted.row));
  const TrackerAnswer first = tracker_answer(chromium().dump_dom(
      file_url(folder / "site/index.html", "#tracker=" + sources.tracker[0].ballot_hash)));
  BOOST_TEST(first.row == "1", first.html);
}

BOOST_AUTO_TEST_CASE(chromium_screenshots_of_the_pages_are_kept_in_the_build_folder) {
  const SiteRecord& r = site_record();
  struct Shot {
    std::string page, name;
    int height;
  };
  // The top of each kind of page, and the whole election page.
  const std::vector<Shot> shots = {{"site/index.html", "results-site.png", 1600},
                                   {"site/en/index.html", "results-site-en.png", 1600},
                                   {"site/district/d1.html", "results-site-district.png", 1600},
                                   {"site/index.html", "results-site-full.png", 6400}};
  for (const auto& [page, name, height] : shots) {
    const fs::path png = build_folder() / name;
    chromium().screenshot(file_url(r.record / page), png, 1200, height);
    const QImage image(QString::fromStdString(png.string()));
    BOOST_TEST_CONTEXT(png) {
      BOOST_REQUIRE(!image.isNull());
      BOOST_TEST(image.width() == 1200);
      BOOST_TEST(image.height() == height);
      // The page was drawn: the header's dark blue across the top, the
      // charts' blue bars further down.
      BOOST_TEST((image.pixel(5, 5) & 0xffffff) == 0x1a365du);
      int bar_pixels = 0;
      for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
          bar_pixels += (image.pixel(x, y) & 0xffffff) == 0x2b6cb0u ? 1 : 0;
      BOOST_TEST(bar_pixels > 200);
    }
    BOOST_TEST_MESSAGE("screenshot: " << png.string());
  }
}
