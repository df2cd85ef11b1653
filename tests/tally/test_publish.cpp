// evote-tally publish (specs/results.md §3–§4): results.csv line by line,
// one PNG chart per contest that Qt loads back with the expected size and
// real bars and text on it, and what publish refuses: a results.json that
// is not the one the count statement signed, outputs already there.
#include <QImage>
#include <boost/test/unit_test.hpp>
#include <sstream>

#include "evote/protocol/files.hpp"
#include "results_chart.hpp"
#include "results_csv.hpp"
#include "tally_folder.hpp"

using namespace evote::tally_test;

namespace {

std::vector<std::string> csv_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find("\r\n", start);
    BOOST_REQUIRE(end != std::string::npos);
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

bool contains(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

// A published folder of the full test election (shared by the tests that
// only read it).
const TallyFolder& published() {
  static const std::unique_ptr<TallyFolder> t = [] {
    auto made = std::make_unique<TallyFolder>();
    add_all_batches(*made);
    ok(made->count());
    const Run r = ok(made->publish());
    BOOST_TEST(r.has("wrote " + (made->dir() / "results.csv").string()));
    BOOST_TEST(r.has("wrote " + (made->dir() / "charts" / "ranking.png").string()));
    return made;
  }();
  return *t;
}

int pixels_of(const QImage& image, QRgb colour, const QRect& area) {
  int n = 0;
  for (int y = area.top(); y <= area.bottom(); ++y)
    for (int x = area.left(); x <= area.right(); ++x)
      if ((image.pixel(x, y) & 0xffffff) == (colour & 0xffffff)) ++n;
  return n;
}

constexpr QRgb kChoiceBar = 0x2b6cb0;
constexpr QRgb kOtherBar = 0xa0aec0;
// The bars start right of the labels and grow up to the count column.
constexpr int kBarLeft = 24 + 320 + 12;
constexpr int kBarRoom = 1000 - 24 - 110 - kBarLeft;

// The bar of row i: its pixels on the row's middle line.
int bar_length(const QImage& image, int i, QRgb colour) {
  const int y =
      evote::tally::kChartTop + i * evote::tally::kChartBarPitch + evote::tally::kChartBarPitch / 2;
  return pixels_of(image, colour, QRect(kBarLeft, y, kBarRoom + 1, 1));
}

}  // namespace

BOOST_AUTO_TEST_CASE(csv_fields_are_quoted_as_rfc_4180_says) {
  using evote::tally::csv_field;
  BOOST_TEST(csv_field("Linnapea") == "Linnapea");
  BOOST_TEST(csv_field("") == "");
  BOOST_TEST(csv_field("a,b") == "\"a,b\"");
  BOOST_TEST(csv_field("Jaan \"Juku\" Tamm") == "\"Jaan \"\"Juku\"\" Tamm\"");
  BOOST_TEST(csv_field("two\nlines") == "\"two\nlines\"");
  BOOST_TEST(csv_field("cr\r") == "\"cr\r\"");
  BOOST_TEST(csv_field("Õunapuu") == "Õunapuu");
}

BOOST_AUTO_TEST_CASE(results_csv_has_every_number_with_estonian_names) {
  const TallyFolder& t = published();
  const std::string text = read_text(t.dir() / "results.csv");
  const std::vector<std::string> lines = csv_lines(text);
  // mayor: 8 + 3, 8 + 2, 8 + 5; council: 8 + 4 twice; ranking d1 8 + 4 + 2 final + exhausted +
  // winner, d2 8 + 3 + 1 + 1 + 1, total 8 + 7 + 2 + 1 + 1; and the header.
  BOOST_TEST(lines.size() == 1u + 34u + 24u + 49u);
  BOOST_TEST(lines[0] ==
             "contest,contest_name,district,district_name,measure,code,choice,party,count");
  BOOST_TEST(lines[1] == "mayor,Linnapea,d1,Esimene ringkond,rows,,,,7");
  BOOST_TEST(
      contains(lines, "mayor,Linnapea,d1,Esimene ringkond,votes,101,Mari Maasikas,Rohelised,2"));
  BOOST_TEST(contains(lines,
                      "mayor,Linnapea,d1,Esimene ringkond,votes,102,"
                      "\"Jaan \"\"Juku\"\" Tamm, noorem\",Keskerakond,1"));
  BOOST_TEST(contains(lines, "mayor,Linnapea,d1,Esimene ringkond,votes,103,Kati Karu,,1"));
  BOOST_TEST(contains(lines, "mayor,Linnapea,d2,Teine ringkond,votes,202,Valik 202,,2"));
  BOOST_TEST(contains(lines, "mayor,Linnapea,,,invalid-other-district,,,,1"));
  BOOST_TEST(contains(lines, "mayor,Linnapea,,,votes,202,Valik 202,,2"));

  const std::vector<std::string> council = {
      "council,Volikogu,d1,Esimene ringkond,rows,,,,6",
      "council,Volikogu,d1,Esimene ringkond,valid,,,,3",
      "council,Volikogu,d1,Esimene ringkond,blank,,,,1",
      "council,Volikogu,d1,Esimene ringkond,invalid,,,,2",
      "council,Volikogu,d1,Esimene ringkond,invalid-unknown-code,,,,1",
      "council,Volikogu,d1,Esimene ringkond,invalid-other-district,,,,0",
      "council,Volikogu,d1,Esimene ringkond,invalid-repeated-code,,,,1",
      "council,Volikogu,d1,Esimene ringkond,invalid-rank-after-blank,,,,0",
      "council,Volikogu,d1,Esimene ringkond,approvals,11,Valik 11,,1",
      "council,Volikogu,d1,Esimene ringkond,approvals,12,Valik 12,,0",
      "council,Volikogu,d1,Esimene ringkond,approvals,13,Valik 13,,3",
      "council,Volikogu,d1,Esimene ringkond,approvals,14,Valik 14,,0",
      "council,Volikogu,,,rows,,,,6",
      "council,Volikogu,,,valid,,,,3",
      "council,Volikogu,,,blank,,,,1",
      "council,Volikogu,,,invalid,,,,2",
      "council,Volikogu,,,invalid-unknown-code,,,,1",
      "council,Volikogu,,,invalid-other-district,,,,0",
      "council,Volikogu,,,invalid-repeated-code,,,,1",
      "council,Volikogu,,,invalid-rank-after-blank,,,,0",
      "council,Volikogu,,,approvals,11,Valik 11,,1",
      "council,Volikogu,,,approvals,12,Valik 12,,0",
      "council,Volikogu,,,approvals,13,Valik 13,,3",
      "council,Volikogu,,,approvals,14,Valik 14,,0"};
  const std::vector<std::string> council_lines(lines.begin() + 35, lines.begin() + 59);
  BOOST_TEST(council_lines == council, boost::test_tools::per_element());

  const std::vector<std::string> ranking_total_tail = {
      "ranking,Pingerida,,,first-preferences,33,Valik 33,,1",
      "ranking,Pingerida,,,final-round,21,Valik 21,,6",
      "ranking,Pingerida,,,final-round,23,Valik 23,,8",
      "ranking,Pingerida,,,final-round-exhausted,,,,6",
      "ranking,Pingerida,,,winner,23,Valik 23,,8"};
  const std::vector<std::string> tail(lines.end() - 5, lines.end());
  BOOST_TEST(tail == ranking_total_tail, boost::test_tools::per_element());
  BOOST_TEST(contains(lines, "ranking,Pingerida,d2,Teine ringkond,winner,31,Valik 31,,1"));
  BOOST_TEST(
      contains(lines, "ranking,Pingerida,d1,Esimene ringkond,invalid-rank-after-blank,,,,1"));
}

BOOST_AUTO_TEST_CASE(one_chart_per_contest_with_its_bars) {
  const TallyFolder& t = published();
  // mayor: 5 choices + blank + invalid; council: 4 + 2; ranking's final round: 21, 23,
  // exhausted, blank, invalid.
  const std::vector<std::pair<std::string, int>> charts = {
      {"mayor", 7}, {"council", 6}, {"ranking", 5}};
  for (const auto& [id, bars] : charts) {
    const QImage image(QString::fromStdString((t.dir() / "charts" / (id + ".png")).string()));
    BOOST_TEST_CONTEXT(id) {
      BOOST_REQUIRE(!image.isNull());
      BOOST_TEST(image.width() == 1000);
      BOOST_TEST(image.height() == 100 + bars * 40 + 30);
      // Text was drawn: dark pixels in the title and label columns.
      BOOST_TEST(pixels_of(image, 0x1a202c, QRect(24, 14, 600, 36)) > 50);
      BOOST_TEST(pixels_of(image, 0x1a202c, QRect(24, 100, 320, bars * 40)) > 100);
    }
  }
  const QImage mayor(QString::fromStdString((t.dir() / "charts" / "mayor.png").string()));
  // 101=2 102=1 103=1 201=1 202=2, blank 2, invalid 2: the largest count fills the room.
  BOOST_TEST(bar_length(mayor, 0, kChoiceBar) == kBarRoom);
  BOOST_TEST(bar_length(mayor, 1, kChoiceBar) == kBarRoom / 2);
  BOOST_TEST(bar_length(mayor, 4, kChoiceBar) == kBarRoom);
  BOOST_TEST(bar_length(mayor, 5, kOtherBar) == kBarRoom);
  BOOST_TEST(bar_length(mayor, 6, kOtherBar) == kBarRoom);
  const QImage ranking(QString::fromStdString((t.dir() / "charts" / "ranking.png").string()));
  // Final round 21=6 23=8, exhausted 6, blank 1, invalid 1.
  BOOST_TEST(bar_length(ranking, 0, kChoiceBar) == kBarRoom * 6 / 8);
  BOOST_TEST(bar_length(ranking, 1, kChoiceBar) == kBarRoom);
  BOOST_TEST(bar_length(ranking, 2, kOtherBar) == kBarRoom * 6 / 8);
  BOOST_TEST(bar_length(ranking, 3, kOtherBar) == kBarRoom / 8);
}

BOOST_AUTO_TEST_CASE(the_chart_shows_the_final_round_and_the_winner) {
  const TallyFolder& t = published();
  const evote::tally::ElectionResults results =
      evote::tally::read_results(t.dir() / "results.json", t.config(), t.config_hash());
  const evote::tally::ContestChart chart =
      evote::tally::contest_chart(t.config(), results.contests[2]);
  BOOST_TEST(chart.title == "Pingerida");
  BOOST_TEST(chart.subtitle ==
             "Kõik ringkonnad · sedeleid 22 · kehtivaid 20 · lõppvoor 6 · valitud: Valik 23");
  std::vector<std::string> labels;
  for (const auto& bar : chart.bars) labels.push_back(bar.label + "=" + std::to_string(bar.count));
  const std::vector<std::string> expected = {"Valik 21=6", "Valik 23=8", "Ammendunud=6", "Tühjad=1",
                                             "Kehtetud=1"};
  BOOST_TEST(labels == expected, boost::test_tools::per_element());
  const evote::tally::ContestChart mayor =
      evote::tally::contest_chart(t.config(), results.contests[0]);
  BOOST_TEST(mayor.bars[0].label == "Mari Maasikas (Rohelised)");
  BOOST_TEST(mayor.bars[2].label == "Kati Karu");
}

BOOST_AUTO_TEST_CASE(publish_refuses_results_the_count_did_not_sign) {
  TallyFolder t;
  add_all_batches(t);
  ok(t.count());
  // The same document with one number changed, still canonical.
  evote::protocol::Json results = t.results();
  results["contests"][0]["total"]["choices"][0]["count"] = 3;
  fs::remove(t.dir() / "results.json");
  evote::protocol::save_canonical(t.dir() / "results.json", results,
                                  evote::protocol::WriteMode::new_public());
  const Run r = t.publish();
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has((t.dir() / "results.json").string() +
                   ": is not the file count.statement.json lists (size or hash differs)"));
  BOOST_TEST(!fs::exists(t.dir() / "results.csv"));
  BOOST_TEST(!fs::exists(t.dir() / "charts"));
}

BOOST_AUTO_TEST_CASE(publish_before_count) {
  TallyFolder t;
  add_all_batches(t);
  const Run r = t.publish();
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.has("count.statement.json: no such file (run evote-tally count first)"));
}

BOOST_AUTO_TEST_CASE(publish_again_needs_force) {
  TallyFolder t;
  add_all_batches(t);
  ok(t.count());
  ok(t.publish());
  const std::string csv = read_text(t.dir() / "results.csv");
  const Run again = t.publish();
  BOOST_TEST(again.status == 1);
  BOOST_TEST(again.has((t.dir() / "results.csv").string() +
                       ": already exists; give --force to replace it"));
  ok(t.publish(" --force"));
  BOOST_TEST(read_text(t.dir() / "results.csv") == csv);
}
