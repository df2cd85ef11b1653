// One bar chart per contest (specs/results.md §3.2): the contest's total as
// horizontal bars, one per choice with its Estonian name (and party) and its
// count, then grey bars for the blank and the invalid rows (and, for a
// ranked contest, the rows exhausted in the final round). A ranked contest
// shows its final runoff round. Drawn with QPainter on a QImage and stored
// as PNG by Qt.
//
// Drawing needs a QGuiApplication; ensure_gui_application() makes one on
// the "offscreen" platform when there is none, so it runs without a
// display. Not thread-safe (Qt's GUI objects belong to the main thread).
#pragma once

#include <QImage>
#include <QSize>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/election_config.hpp"
#include "results_json.hpp"

namespace evote::tally {

struct ChartBar {
  enum class Kind { choice, other };  // other: blank, invalid, exhausted (grey)
  std::string label;
  std::uint64_t count = 0;
  Kind kind = Kind::choice;
};

// What a chart shows, before any pixel is drawn.
struct ContestChart {
  std::string title;     // the contest's Estonian name
  std::string subtitle;  // what the bars count, e.g. "Kokku · sedeleid 11 · kehtivaid 7"
  std::vector<ChartBar> bars;
};

// The chart of a contest's total (ContestResults::total): single choice
// the votes, approval the approvals, ranked the final round (the first
// preferences when no row was valid), each choice of the total in the
// config's order (a ranked final round: its continuing choices); then
// "Ammendunud" (ranked with rounds: exhausted in the final round),
// "Tühjad" (blank) and "Kehtetud" (invalid). Labels: "<name> (<party>)" or
// "<name>".
ContestChart contest_chart(const protocol::ElectionConfig& config, const ContestResults& contest);

// The image size: kChartWidth wide, kChartTop + bars × kChartBarPitch +
// kChartBottom high.
inline constexpr int kChartWidth = 1000;
inline constexpr int kChartTop = 100;
inline constexpr int kChartBarPitch = 40;
inline constexpr int kChartBottom = 30;
QSize chart_size(const ContestChart& chart);

// A QGuiApplication exists afterwards (made once, platform "offscreen",
// when there is none). Throws std::logic_error when a QCoreApplication
// without GUI already runs.
void ensure_gui_application();

// The chart drawn (ensure_gui_application first): white background, the
// title and subtitle at the top, per bar its label on the left, the bar
// (its length in proportion to the largest count) and the count after it.
QImage draw_chart(const ContestChart& chart);

// draw_chart encoded as PNG. Throws std::runtime_error if Qt cannot encode.
crypto::Bytes chart_png(const ContestChart& chart);

// chart_png written to `path` through write_file_atomic.
void write_chart(const std::filesystem::path& path, const ContestChart& chart,
                 protocol::WriteMode mode);

}  // namespace evote::tally
