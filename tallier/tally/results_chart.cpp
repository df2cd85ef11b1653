#include "results_chart.hpp"

#include <QBuffer>
#include <QByteArray>
#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QPainter>
#include <QString>
#include <algorithm>
#include <stdexcept>

#include "evote/protocol/files.hpp"

namespace evote::tally {

namespace {

constexpr int kMargin = 24;
constexpr int kLabelWidth = 320;
constexpr int kCountWidth = 110;
const QColor kText(0x1a, 0x20, 0x2c);
const QColor kSubtle(0x4a, 0x55, 0x68);
const QColor kChoiceBar(0x2b, 0x6c, 0xb0);
const QColor kOtherBar(0xa0, 0xae, 0xc0);

const protocol::Choice* find_choice(const protocol::Contest& contest, std::uint64_t code) {
  for (const protocol::Choice& c : contest.choices)
    if (c.code == code) return &c;
  return nullptr;
}

std::string choice_label(const protocol::Contest& contest, std::uint64_t code) {
  const protocol::Choice* choice = find_choice(contest, code);
  if (choice == nullptr) return std::to_string(code);
  std::string label = estonian_name(choice->names);
  if (!choice->party.empty()) label += " (" + estonian_name(choice->party) + ")";
  return label;
}

QString text(const std::string& s) { return QString::fromStdString(s); }

QFont pixel_font(int pixels, bool bold) {
  QFont font;
  font.setPixelSize(pixels);
  font.setBold(bold);
  return font;
}

}  // namespace

ContestChart contest_chart(const protocol::ElectionConfig& config, const ContestResults& contest) {
  const protocol::Contest* c = config.find_contest(contest.contest_id);
  if (c == nullptr)
    throw std::invalid_argument("chart: contest " + contest.contest_id + " is not in the config");
  const count::ContestResult& total = contest.total;
  ContestChart chart;
  chart.title = estonian_name(c->names);
  chart.subtitle = "Kõik ringkonnad · sedeleid " + std::to_string(total.rows) + " · kehtivaid " +
                   std::to_string(total.valid);
  const count::RunoffRound* final_round =
      total.runoff && !total.runoff->rounds.empty() ? &total.runoff->rounds.back() : nullptr;
  const std::vector<count::ChoiceVotes>& shown = final_round ? final_round->votes : total.choices;
  switch (c->type) {
    case protocol::ContestType::single_choice:
      chart.subtitle += " · hääled";
      break;
    case protocol::ContestType::approval:
      chart.subtitle += " · poolthääled";
      break;
    case protocol::ContestType::ranked:
      if (final_round == nullptr) {
        chart.subtitle += " · esimesed eelistused";
      } else {
        chart.subtitle += " · lõppvoor " + std::to_string(final_round->number);
        if (total.runoff->winner)
          chart.subtitle += " · valitud: " + choice_label(*c, *total.runoff->winner);
      }
      break;
  }
  for (const count::ChoiceVotes& v : shown)
    chart.bars.push_back({choice_label(*c, v.code), v.votes, ChartBar::Kind::choice});
  if (final_round != nullptr)
    chart.bars.push_back({"Ammendunud", final_round->exhausted, ChartBar::Kind::other});
  chart.bars.push_back({"Tühjad", total.blank, ChartBar::Kind::other});
  chart.bars.push_back({"Kehtetud", total.invalid, ChartBar::Kind::other});
  return chart;
}

QSize chart_size(const ContestChart& chart) {
  return {kChartWidth,
          kChartTop + static_cast<int>(chart.bars.size()) * kChartBarPitch + kChartBottom};
}

void ensure_gui_application() {
  if (QCoreApplication* app = QCoreApplication::instance()) {
    if (qobject_cast<QGuiApplication*>(app) == nullptr)
      throw std::logic_error("charts need a QGuiApplication, and a QCoreApplication runs");
    return;
  }
  static int argc = 3;
  static char name[] = "evote-tally", option[] = "-platform", platform[] = "offscreen";
  static char* argv[] = {name, option, platform, nullptr};
  static QGuiApplication app(argc, argv);
}

QImage draw_chart(const ContestChart& chart) {
  const QSize size = chart_size(chart);
  QImage image(size, QImage::Format_RGB32);
  image.fill(Qt::white);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setRenderHint(QPainter::TextAntialiasing);
  const int inner = size.width() - 2 * kMargin;
  painter.setPen(kText);
  painter.setFont(pixel_font(24, true));
  painter.drawText(QRect(kMargin, 14, inner, 36), Qt::AlignLeft | Qt::AlignVCenter,
                   text(chart.title));
  painter.setPen(kSubtle);
  painter.setFont(pixel_font(15, false));
  painter.drawText(QRect(kMargin, 52, inner, 28), Qt::AlignLeft | Qt::AlignVCenter,
                   text(chart.subtitle));

  std::uint64_t largest = 1;
  for (const ChartBar& bar : chart.bars) largest = std::max(largest, bar.count);
  const int bar_left = kMargin + kLabelWidth + 12;
  const int bar_room = size.width() - kMargin - kCountWidth - bar_left;
  const QFont label_font = pixel_font(15, false);
  const QFontMetrics metrics(label_font);
  painter.setFont(label_font);
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const ChartBar& bar = chart.bars[i];
    const int y = kChartTop + static_cast<int>(i) * kChartBarPitch;
    painter.setPen(kText);
    painter.drawText(QRect(kMargin, y, kLabelWidth, kChartBarPitch),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(text(bar.label), Qt::ElideRight, kLabelWidth));
    int length = static_cast<int>(static_cast<long double>(bar.count) * bar_room / largest);
    if (bar.count > 0) length = std::max(length, 2);
    painter.fillRect(QRect(bar_left, y + 8, length, kChartBarPitch - 16),
                     bar.kind == ChartBar::Kind::choice ? kChoiceBar : kOtherBar);
    painter.drawText(QRect(bar_left + length + 8, y, kCountWidth, kChartBarPitch),
                     Qt::AlignLeft | Qt::AlignVCenter, QString::number(bar.count));
  }
  painter.end();
  return image;
}

crypto::Bytes chart_png(const ContestChart& chart) {
  const QImage image = draw_chart(chart);
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  if (!image.save(&buffer, "PNG")) throw std::runtime_error("chart: Qt could not encode the PNG");
  return crypto::Bytes(bytes.begin(), bytes.end());
}

void write_chart(const std::filesystem::path& path, const ContestChart& chart,
                 protocol::WriteMode mode) {
  protocol::write_file_atomic(path, chart_png(chart), mode);
}

}  // namespace evote::tally
