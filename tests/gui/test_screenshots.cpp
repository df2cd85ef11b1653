// Every screen of evote-voter in Estonian, English and Russian, written to
// the build folder (tests/gui/output/screenshots/NN-screen-LANG.png) from a
// real vote against the real collector; on each screen every control the
// keyboard reaches has an accessible name and description; and the window
// keeps answering (its event loop runs) while the worker talks to the card
// and the collector.
#include <QAbstractButton>
#include <QComboBox>
#include <QElapsedTimer>
#include <QTableWidget>
#include <QTimer>
#include <boost/test/unit_test.hpp>

#include "gui_fixture.hpp"

using namespace evote;
using namespace evote::testing;

BOOST_TEST_GLOBAL_FIXTURE(GuiTestsGlobal);

namespace {

// The screen in each language, then back to English.
void shoot(VoterWindow& w, int number, const std::string& screen) {
  const std::filesystem::path folder = gui_output_folder() / "screenshots";
  std::filesystem::create_directories(folder);
  for (const QString& code : gui::Language::codes()) {
    BOOST_REQUIRE(w.language.set(code));
    // LanguageChange, then the texts' layout requests: each posts the next.
    for (int i = 0; i < 4; ++i) QApplication::processEvents();
    const QImage image = w.window->grab().toImage();
    BOOST_TEST(image.width() >= 600);
    char name[64];
    std::snprintf(name, sizeof name, "%02d-%s-%s.png", number, screen.c_str(),
                  code.toStdString().c_str());
    BOOST_TEST(image.save(QString::fromStdString((folder / name).string())), name);
  }
  BOOST_REQUIRE(w.language.set("en"));
}

// Every visible control the keyboard can reach has both accessible texts.
void check_accessible(VoterWindow& w, const std::string& screen) {
  for (QWidget* widget : w.window->findChildren<QWidget*>()) {
    if (!widget->isVisible() || widget->focusPolicy() == Qt::NoFocus) continue;
    if (!(qobject_cast<QAbstractButton*>(widget) || qobject_cast<QLineEdit*>(widget) ||
          qobject_cast<QAbstractItemView*>(widget) || qobject_cast<QComboBox*>(widget) ||
          qobject_cast<QLabel*>(widget)))
      continue;
    BOOST_TEST(!widget->accessibleName().isEmpty(),
               screen << ": " << widget->metaObject()->className() << " "
                      << widget->objectName().toStdString() << " has no accessible name");
    BOOST_TEST(
        !widget->accessibleDescription().isEmpty(),
        screen << ": " << widget->objectName().toStdString() << " has no accessible description");
  }
}

// The longest time the GUI thread's event loop went without running a 10 ms timer.
class EventLoopWatch {
 public:
  EventLoopWatch() {
    clock_.start();
    QObject::connect(&timer_, &QTimer::timeout,
                     [this] { longest_ = std::max(longest_, clock_.restart()); });
    timer_.start(10);
  }
  qint64 longest_ms() const { return longest_; }

 private:
  QTimer timer_;
  QElapsedTimer clock_;
  qint64 longest_ = 0;
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_screen_in_every_language) {
  VoterWindow w;
  EventLoopWatch watch;
  shoot(w, 1, "connect");
  check_accessible(w, "connect");
  w.connect_by_keyboard();
  w.press(Qt::Key_Home);
  shoot(w, 2, "card");
  check_accessible(w, "card");
  w.log_in_by_keyboard(kVoterMari, "0000");
  w.wait_for_page("card_page");
  shoot(w, 3, "wrong-pin");
  check_accessible(w, "wrong-pin");
  w.log_in_by_keyboard(kVoterMari, kPin1);
  w.wait_for_page("choose_page");
  w.tick_by_search("mayor", "Tamm");
  w.tick_by_search("council", "11");
  w.tick_by_search("ranking", "23");
  w.tick_by_search("ranking", "21");
  for (const char* contest : {"ranking", "council", "mayor"}) {
    w.tab_to(w.contest(contest)->search_field());
    w.press(Qt::Key_A, Qt::ControlModifier);
    w.press(Qt::Key_Backspace);
  }
  shoot(w, 4, "ballot");
  check_accessible(w, "ballot");
  w.tab_to(w.contest("mayor")->search_field());
  w.type("Rohe");
  shoot(w, 5, "search");
  w.press(Qt::Key_A, Qt::ControlModifier);
  w.press(Qt::Key_Backspace);
  w.tab_to(w.find("review_button"));
  w.press(Qt::Key_Return);
  w.wait_for_page("review_page");
  shoot(w, 6, "review");
  check_accessible(w, "review");
  w.press(Qt::Key_Return);
  w.wait_for_page("sign_page");
  shoot(w, 7, "pin2");
  check_accessible(w, "pin2");
  w.type(QString::fromStdString(kPin2));
  w.press(Qt::Key_Return);
  w.wait_for_page("done_page");
  shoot(w, 8, "done");
  check_accessible(w, "done");
  w.press(Qt::Key_R, Qt::AltModifier);
  w.wait_for_page("record_page");
  shoot(w, 9, "record");
  check_accessible(w, "record");
  BOOST_TEST_MESSAGE("longest event-loop gap during the vote: " << watch.longest_ms() << " ms");
  BOOST_TEST(watch.longest_ms() < 500);
}
