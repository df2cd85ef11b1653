// The small pieces the results site's pages are written with (specs/results.md
// §4): HTML escaping, numbers and shares written the way each language
// writes them, and the inline SVG bar chart. Deterministic: integer
// arithmetic only, no locale, no clock.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "results_site_text.hpp"

namespace evote::tally {

// Text or an attribute value made safe for HTML (and SVG inside it): & < > " '
// become entities, everything else is kept (UTF-8 as is).
std::string html_escape(std::string_view text);

// "{key}" in `text` replaced by `value` (the placeholders of SiteText).
std::string fill(std::string_view text, std::string_view key, std::string_view value);

// A count with its thousands grouped: "12 345" in Estonian (a no-break
// space, U+00A0), "12,345" in English; "7" in both.
std::string format_count(std::uint64_t n, SiteLanguage language);

// part / whole as a percentage with one decimal, rounded half up:
// "45,5 %" (Estonian, with a no-break space) or "45.5%"; "–" when whole is 0.
std::string format_share(std::uint64_t part, std::uint64_t whole, SiteLanguage language);

// A label cut to at most `max_chars` characters (UTF-8 code points), the
// last one "…" when it was cut.
std::string shorten(std::string_view label, std::size_t max_chars);

// "2027-03-01 07:00 UTC".
std::string format_time(std::int64_t utc_seconds);

struct SiteBar {
  std::string label;
  std::uint64_t count = 0;
  bool choice = true;    // a choice (blue); false: exhausted, blank, invalid (grey)
  bool elected = false;  // the runoff's winner (marked)
};

// Horizontal bars as an inline <svg> (role="img", its <title> `title`):
// per bar the label (shortened to 34 characters) right-aligned on the left,
// the bar, its length in proportion to the largest count (at least 2 units
// when the count is above 0), and the count after it. `id` is unique in the
// page.
std::string bar_chart_svg(std::string_view id, std::string_view title,
                          const std::vector<SiteBar>& bars, SiteLanguage language);

}  // namespace evote::tally
