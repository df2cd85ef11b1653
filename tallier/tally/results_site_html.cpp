#include "results_site_html.hpp"

#include <algorithm>

#include "evote/protocol/utc_time.hpp"

namespace evote::tally {

namespace {

constexpr std::string_view kNoBreakSpace = "\xC2\xA0";

// The chart's geometry, in SVG user units (the page scales it to its width).
constexpr std::uint64_t kChartWidth = 760;
constexpr std::uint64_t kLabelRight = 292;  // labels end here (text-anchor end)
constexpr std::uint64_t kBarLeft = 300;
constexpr std::uint64_t kBarRoom = 360;  // the longest bar
constexpr std::uint64_t kPitch = 30;     // from one bar to the next
constexpr std::uint64_t kBarHeight = 20;
constexpr std::uint64_t kTop = 6;
constexpr std::size_t kLabelChars = 34;

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string fill(std::string_view text, std::string_view key, std::string_view value) {
  const std::string placeholder = "{" + std::string(key) + "}";
  std::string out(text);
  for (std::size_t at = out.find(placeholder); at != std::string::npos;
       at = out.find(placeholder, at + value.size())) {
    out.replace(at, placeholder.size(), value);
  }
  return out;
}

std::string format_count(std::uint64_t n, SiteLanguage language) {
  const std::string digits = std::to_string(n);
  const std::string_view separator = language == SiteLanguage::en ? "," : kNoBreakSpace;
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return out;
}

std::string format_share(std::uint64_t part, std::uint64_t whole, SiteLanguage language) {
  if (whole == 0) return "–";
  // Tenths of a percent, rounded half up, without floating point. A count
  // is far below 2^64 / 2000, so the product does not overflow.
  const std::uint64_t tenths = (part * 2000 + whole) / (2 * whole);
  const std::string whole_part = std::to_string(tenths / 10);
  const std::string decimal = std::to_string(tenths % 10);
  if (language == SiteLanguage::en) return whole_part + "." + decimal + "%";
  return whole_part + "," + decimal + std::string(kNoBreakSpace) + "%";
}

std::string shorten(std::string_view label, std::size_t max_chars) {
  std::size_t chars = 0, cut = 0;
  for (std::size_t i = 0; i < label.size(); ++i) {
    if (is_continuation_byte(label[i])) continue;
    if (chars == max_chars - 1) cut = i;
    if (++chars > max_chars) return std::string(label.substr(0, cut)) + "…";
  }
  return std::string(label);
}

std::string format_time(std::int64_t utc_seconds) {
  std::string text = protocol::format_utc(utc_seconds);  // YYYY-MM-DDTHH:MM:SSZ
  text[10] = ' ';
  text.pop_back();
  if (text.size() >= 3 && text.substr(text.size() - 3) == ":00") text.resize(text.size() - 3);
  return text + " UTC";
}

std::string bar_chart_svg(std::string_view id, std::string_view title,
                          const std::vector<SiteBar>& bars, SiteLanguage language) {
  std::uint64_t largest = 0;
  for (const SiteBar& b : bars) largest = std::max(largest, b.count);
  const std::uint64_t height = kTop * 2 + bars.size() * kPitch;
  const std::string title_id = std::string(id) + "-title";
  std::string svg = "<svg class=\"chart\" id=\"" + html_escape(id) + "\" viewBox=\"0 0 " +
                    std::to_string(kChartWidth) + " " + std::to_string(height) +
                    "\" role=\"img\" aria-labelledby=\"" + html_escape(title_id) +
                    "\">\n<title id=\"" + html_escape(title_id) + "\">" + html_escape(title) +
                    "</title>\n";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const SiteBar& b = bars[i];
    const std::uint64_t top = kTop + i * kPitch;
    const std::uint64_t middle = top + kPitch / 2;
    std::uint64_t length = largest == 0 ? 0 : b.count * kBarRoom / largest;
    if (b.count > 0 && length < 2) length = 2;
    const std::string kind =
        std::string(b.choice ? "choice" : "other") + (b.elected ? " elected" : "");
    svg += "<g class=\"" + kind + "\"><text class=\"label\" x=\"" + std::to_string(kLabelRight) +
           "\" y=\"" + std::to_string(middle) + "\">" + html_escape(shorten(b.label, kLabelChars)) +
           "</text><rect x=\"" + std::to_string(kBarLeft) + "\" y=\"" +
           std::to_string(top + (kPitch - kBarHeight) / 2) + "\" width=\"" +
           std::to_string(length) + "\" height=\"" + std::to_string(kBarHeight) +
           "\" rx=\"3\"/><text class=\"count\" x=\"" + std::to_string(kBarLeft + length + 8) +
           "\" y=\"" + std::to_string(middle) + "\">" + format_count(b.count, language) +
           "</text></g>\n";
  }
  return svg + "</svg>\n";
}

}  // namespace evote::tally
