#include "results_site_assets.hpp"

#include <algorithm>
#include <map>

#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/error.hpp"
#include "results_json.hpp"
#include "results_site_text.hpp"

namespace evote::tally {

namespace {

// 43 characters of the base64url alphabet: safe inside a JS string as is.
bool is_ballot_hash_text(std::string_view text) {
  if (text.size() != 43) return false;
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

constexpr std::string_view kStyle = R"css(/* evote results site (specs/results.md §4) */
:root {
  --text: #1a202c; --subtle: #4a5568; --line: #e2e8f0; --bg: #f3f5f8;
  --accent: #2b6cb0; --other: #a0aec0; --head: #1a365d; --good: #276749;
}
* { box-sizing: border-box; }
html {
  font-family: system-ui, "Segoe UI", "DejaVu Sans", "Noto Sans", sans-serif;
  color: var(--text); background: var(--bg); line-height: 1.45;
}
body { margin: 0; }
a { color: var(--accent); }
.wrap { max-width: 1080px; margin: 0 auto; padding: 0 1.5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem 1rem; z-index: 1; }
header.site { background: var(--head); color: #fff; padding: 1.25rem 0 1.5rem; }
header.site a { color: #fff; }
header.site h1 { margin: .2rem 0 .4rem; font-size: 2.1rem; line-height: 1.2; }
header.site p { margin: .2rem 0; color: #d6deeb; max-width: 52rem; }
header.site .eyebrow { text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; }
nav.lang { float: right; margin-left: 1rem; }
nav.lang a { display: inline-block; border: 1px solid #90a4c3; border-radius: 4px;
  padding: .2rem .7rem; text-decoration: none; font-size: .9rem; }
nav.crumbs { margin: 0 0 1rem; }
main { padding: 1.5rem 0 2rem; }
section.card { background: #fff; border: 1px solid var(--line); border-radius: 8px;
  padding: 1.25rem 1.5rem 1.5rem; margin: 0 0 1.5rem; }
h2 { font-size: 1.5rem; margin: 0 0 .5rem; }
h3 { font-size: 1.15rem; margin: 1.25rem 0 .5rem; }
p.kind, p.note { color: var(--subtle); margin: 0 0 .5rem; }
p.winner { font-size: 1.15rem; margin: .25rem 0 .5rem; }
p.winner strong { color: var(--good); }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
  gap: .75rem; margin: .75rem 0 1rem; }
.figure { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem;
  background: #f8fafc; }
.figure .big { display: block; font-size: 1.9rem; font-weight: 700; color: var(--head);
  font-variant-numeric: tabular-nums; }
.figure .what { color: var(--subtle); font-size: .9rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums;
  margin: .25rem 0 .75rem; }
caption { text-align: left; font-weight: 600; font-size: 1.05rem; padding: .75rem 0 .4rem; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
thead th { border-bottom: 2px solid #cbd5e0; font-size: .9rem; color: var(--subtle); }
tbody th { font-weight: 600; }
.n { text-align: right; white-space: nowrap; }
tbody.summary th { font-weight: 400; }
tbody.summary tr:first-child th, tbody.summary tr:first-child td { border-top: 2px solid #cbd5e0; }
tr.sub th { padding-left: 1.6rem; color: var(--subtle); font-weight: 400; }
tr.elected th, td.elected { color: var(--good); font-weight: 700; }
td.eliminated { color: #c53030; }
td.out { color: var(--other); }
tfoot td, tfoot th { font-size: .85rem; color: var(--subtle); border-bottom: 0; }
svg.chart { display: block; width: 100%; max-width: 760px; height: auto; margin: .5rem 0 1rem; }
svg.chart text { font-size: 14px; fill: var(--text); dominant-baseline: middle; }
svg.chart text.label { text-anchor: end; }
svg.chart .choice rect { fill: var(--accent); }
svg.chart .other rect { fill: var(--other); }
svg.chart .elected rect { fill: var(--good); }
svg.chart .elected text { font-weight: 700; }
ul.districts { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0;
  margin: .5rem 0 0; }
ul.districts a { display: inline-block; border: 1px solid var(--line); border-radius: 999px;
  padding: .25rem .8rem; text-decoration: none; background: #f8fafc; }
ul.districts a[aria-current] { background: var(--accent); color: #fff; }
code { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: .85em;
  overflow-wrap: anywhere; }
pre.cmd { background: #1a202c; color: #e2e8f0; padding: .7rem 1rem; border-radius: 6px;
  overflow-x: auto; }
pre.cmd code { font-size: .9rem; }
dl.keys dt { font-weight: 600; margin-top: .5rem; }
dl.keys dd { margin: .1rem 0 0; }
form.tracker { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: .5rem 0; }
form.tracker label { flex-basis: 100%; font-weight: 600; }
form.tracker input { flex: 1 1 24rem; max-width: 36rem; padding: .5rem .6rem; font-size: 1rem;
  font-family: "DejaVu Sans Mono", ui-monospace, monospace; border: 1px solid #a0aec0;
  border-radius: 4px; }
form.tracker button { padding: .5rem 1.2rem; font-size: 1rem; border: 0; border-radius: 4px;
  background: var(--accent); color: #fff; cursor: pointer; }
#tracker-result:not(:empty) { margin: .75rem 0 0; padding: .6rem .9rem; border-left: 4px solid;
  border-radius: 4px; }
#tracker-result[data-state="found"] { border-color: #38a169; background: #f0fff4; }
#tracker-result[data-state="missing"] { border-color: #dd6b20; background: #fffaf0; }
#tracker-result[data-state="invalid"] { border-color: #c53030; background: #fff5f5; }
#tracker-result p { margin: .2rem 0; }
table.files td:last-child { font-size: .85rem; }
footer.site { color: var(--subtle); font-size: .9rem; padding: 0 0 2rem; }
)css";

constexpr std::string_view kTrackerScript =
    R"js(// evote results site: the tracker search (specs/results.md §4.4). Finds a
// ballot hash in the tracker list (tracker-list.js, sorted) by binary search,
// in the browser: nothing is sent anywhere. "#tracker=<hash>" in the address
// runs the search when the page opens.
(function () {
  "use strict";
  var words = {
    et: {
      found: "Leitud: see e-hääl läks arvesse.",
      where: "Ringkond: ",
      row: ", rida ",
      inputs: "Sama rida segamise sisendfailides: ",
      missing: "Seda räsi loendis ei ole: see e-hääl ei läinud arvesse (sama valija hilisem " +
        "e-hääl, paberhääl või tagasi lükatud hääl).",
      invalid: "See ei ole sedeli räsi: oodatakse 43 märki A–Z, a–z, 0–9, - ja _ (nagu " +
        "kviitungil)."
    },
    en: {
      found: "Found: this e-vote was counted.",
      where: "District: ",
      row: ", row ",
      inputs: "The same row in the mix input files: ",
      missing: "This hash is not in the list: this e-vote was not counted (a later e-vote of " +
        "the same voter, a paper vote, or a rejected vote).",
      invalid: "This is not a ballot hash: expected 43 characters of A–Z, a–z, 0–9, - and _ " +
        "(as on the receipt)."
    }
  };
  var form = document.getElementById("tracker-form");
  var input = document.getElementById("tracker-input");
  var result = document.getElementById("tracker-result");
  var list = window.evoteTracker;
  if (!form || !input || !result || !list) return;
  var w = words[document.documentElement.lang === "en" ? "en" : "et"];
  var record = form.getAttribute("data-record");
  var districtPages = form.getAttribute("data-districts");

  function normalize(text) {
    return text.replace(/\s+/g, "").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function find(hash) {
    var low = 0, high = list.ballots.length - 1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      var here = list.ballots[middle][0];
      if (here === hash) return list.ballots[middle];
      if (here < hash) low = middle + 1; else high = middle - 1;
    }
    return null;
  }

  function element(tag, text, attributes) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    for (var name in attributes || {}) e.setAttribute(name, attributes[name]);
    return e;
  }

  function answer(state, paragraphs) {
    while (result.firstChild) result.removeChild(result.firstChild);
    result.setAttribute("data-state", state);
    result.removeAttribute("data-district");
    result.removeAttribute("data-row");
    paragraphs.forEach(function (p) { result.appendChild(p); });
  }

  function search(text) {
    var hash = normalize(text);
    if (!/^[A-Za-z0-9_-]{43}$/.test(hash)) {
      answer("invalid", [element("p", w.invalid)]);
      return;
    }
    var found = find(hash);
    if (!found) {
      answer("missing", [element("p", w.missing), element("p", hash, {"class": "hash"})]);
      return;
    }
    var district = list.districts[found[1]];
    var where = element("p", w.where);
    where.appendChild(element("a", district[document.documentElement.lang] || district.et,
                              {"href": districtPages + district.id + ".html"}));
    where.appendChild(document.createTextNode(w.row));
    where.appendChild(element("strong", String(found[2])));
    var inputs = element("p", w.inputs);
    district.inputs.forEach(function (path, i) {
      if (i > 0) inputs.appendChild(document.createTextNode(", "));
      inputs.appendChild(element("a", path, {"href": record + path}));
    });
    answer("found", [element("p", w.found), where, inputs]);
    result.setAttribute("data-district", district.id);
    result.setAttribute("data-row", String(found[2]));
  }

  function fromAddress() {
    var m = /^#tracker=(.*)$/.exec(window.location.hash);
    if (!m) return;
    var text;
    try { text = decodeURIComponent(m[1]); } catch (e) { text = m[1]; }
    input.value = text;
    search(text);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(input.value);
    try {
      window.history.replaceState(null, "", "#tracker=" + encodeURIComponent(normalize(input.value)));
    } catch (e) { /* a file: address may refuse; the answer is shown anyway */ }
  });
  window.addEventListener("hashchange", fromAddress);
  fromAddress();
})();
)js";

}  // namespace

std::string_view site_style_css() { return kStyle; }

std::string_view site_tracker_js() { return kTrackerScript; }

std::string tracker_list_js(const protocol::ElectionConfig& config,
                            const std::vector<TrackerEntry>& tracker) {
  std::map<std::string, std::size_t> index;
  protocol::Json districts = protocol::Json::array();
  for (const protocol::District& d : config.districts) {
    index.emplace(d.id, districts.size());
    protocol::Json inputs = protocol::Json::array();
    for (const protocol::Contest& c : config.contests) {
      if (!config.choices_for(c, d.id).empty())
        inputs.push_back("batches/" + c.id + "/" + d.id + "/input.ctxt");
    }
    districts.push_back({{"id", d.id},
                         {"et", name_in(d.names, SiteLanguage::et)},
                         {"en", name_in(d.names, SiteLanguage::en)},
                         {"inputs", inputs}});
  }
  std::vector<const TrackerEntry*> sorted;
  sorted.reserve(tracker.size());
  for (const TrackerEntry& e : tracker) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(), [](const TrackerEntry* a, const TrackerEntry* b) {
    return a->ballot_hash < b->ballot_hash;
  });
  std::string js =
      "// evote results site: the tracker list (tracker.jsonl of the election record) for\n"
      "// tracker.js, each ballot [hash, district index, row], sorted by the hash as text.\n"
      "window.evoteTracker = {\n\"districts\": " +
      districts.dump(-1, ' ', true) + ",\n\"ballots\": [";
  js.reserve(js.size() + sorted.size() * 60);
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (!is_ballot_hash_text(sorted[i]->ballot_hash)) {
      throw protocol::FormatError("tracker.jsonl: ballot hash " + sorted[i]->ballot_hash +
                                  " is not base64url of 32 bytes");
    }
    const auto d = index.find(sorted[i]->district);
    if (d == index.end()) {
      throw protocol::FormatError("tracker.jsonl: district " + sorted[i]->district +
                                  " is not a district of the config");
    }
    js += (i == 0 ? "\n[\"" : ",\n[\"") + sorted[i]->ballot_hash + "\"," +
          std::to_string(d->second) + "," + std::to_string(sorted[i]->row) + "]";
  }
  return js + "\n]};\n";
}

}  // namespace evote::tally
