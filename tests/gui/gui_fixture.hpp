// The voter's window (evote-voter's MainWindow) against the real thing, as
// tests/voter/voter_fixture.hpp sets it up (PostgreSQL, evote-collector, an
// OCSP responder, SoftHSM2 ID cards of Mari (d1) and Jüri (d2) and a card
// not on the list), under QT_QPA_PLATFORM=offscreen, driven by simulated
// key presses sent to the widget that has the keyboard focus, as a voter
// without a mouse would.
#pragma once

#include <QApplication>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "choose_page.hpp"
#include "contest_widget.hpp"
#include "language.hpp"
#include "main_window.hpp"
#include "voter/voter_fixture.hpp"

// Boost.Test prints a QString that an assertion compares.
inline std::ostream& operator<<(std::ostream& out, const QString& text) {
  return out << text.toStdString();
}

namespace evote::testing {

// The one QApplication of a GUI test program (offscreen), and the voter
// environment stopped after the last test.
struct GuiTestsGlobal {
  static int& argc() {
    static int count = 1;
    return count;
  }
  static char** argv() {
    static char name[] = "gui_tests";
    static char* values[] = {name, nullptr};
    return values;
  }
  GuiTestsGlobal() { ::setenv("QT_QPA_PLATFORM", "offscreen", 0); }
  std::unique_ptr<QApplication> application{new QApplication(argc(), argv())};
  ~GuiTestsGlobal() {
    VoterEnvironment::instance().reset();
    application.reset();
  }
};

// The voting window in `language`, shown and active.
class VoterWindow {
 public:
  // `settings`: VoterEnvironment's (its collector, organizer key, SoftHSM2) unless given.
  explicit VoterWindow(const QString& language = QStringLiteral("en"),
                       std::optional<voter::AppSettings> settings = std::nullopt) {
    BOOST_REQUIRE(this->language.set(language));
    window = std::make_unique<gui::MainWindow>(
        settings ? *settings : VoterEnvironment::get().settings(), this->language);
    window->show();
    window->activateWindow();
    BOOST_REQUIRE(QTest::qWaitForWindowActive(window.get()));
  }

  template <typename T = QWidget>
  T* find(const char* name) const {
    T* found = window->findChild<T*>(QString::fromLatin1(name));
    BOOST_REQUIRE_MESSAGE(found != nullptr, "no widget named " << name);
    return found;
  }
  template <typename T = QWidget>
  T* find_on(const char* page, const char* name) const {
    return find<QWidget>(page)->findChild<T*>(QString::fromLatin1(name));
  }
  QString page() const { return window->current_page()->objectName(); }
  QWidget* focused() const { return QApplication::focusWidget(); }

  // Waits until the worker is done and the page shown (at most a minute).
  void wait_for_page(const char* page_name) {
    // A mnemonic clicks its button after a short animation: wait for the page too.
    (void)QTest::qWaitFor([&] { return !window->busy() && page() == page_name; }, 60000);
    BOOST_REQUIRE_MESSAGE(!window->busy(), "the worker is still busy");
    BOOST_REQUIRE_MESSAGE(page() == page_name,
                          "on page " << page().toStdString() << ", expected " << page_name
                                     << "; problem: " << window->problem().text().toStdString());
  }

  // A key goes to the window as a keyboard's does (shortcuts and mnemonics
  // first, then the widget with the focus).
  void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    BOOST_REQUIRE_MESSAGE(focused() != nullptr, "nothing has the keyboard focus");
    QTest::keyClick(window->windowHandle(), key, modifiers);
    QApplication::processEvents();
  }
  void type(const QString& text) {
    QWidget* target = focused();
    BOOST_REQUIRE_MESSAGE(target != nullptr, "nothing has the keyboard focus");
    for (const QChar c : text) {
      if (c.unicode() < 0x80)
        QTest::keyClick(target, static_cast<char>(c.unicode()));
      else  // a letter no ASCII key makes (Cyrillic, ä): the key event carries the text
        QTest::sendKeyEvent(QTest::Click, target, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
    QApplication::processEvents();
  }
  // Presses Tab until `target` has the focus (at most 40 times).
  void tab_to(QWidget* target) {
    for (int i = 0; i < 40 && focused() != target; ++i) press(Qt::Key_Tab);
    BOOST_REQUIRE_MESSAGE(focused() == target,
                          "Tab never reached " << target->objectName().toStdString());
  }

  // Connect (Return on the focused Connect button), then the card page.
  void connect_by_keyboard() {
    BOOST_REQUIRE(focused() == find("connect_button"));
    press(Qt::Key_Return);
    wait_for_page("card_page");
  }
  // Chooses the card of `code` with the arrow keys, types PIN1 and Return.
  void log_in_by_keyboard(const std::string& code, const std::string& pin1) {
    auto* list = find<QListWidget>("card_list");
    tab_to(list);
    auto* page = static_cast<gui::CardPage*>(find("card_page"));
    press(Qt::Key_Home);
    for (int i = 0; i < list->count() && page->chosen_code().toStdString() != code; ++i)
      press(Qt::Key_Down);
    BOOST_REQUIRE(page->chosen_code().toStdString() == code);
    tab_to(find("pin1_field"));
    type(QString::fromStdString(pin1));
    press(Qt::Key_Return);
  }
  gui::ContestWidget* contest(const char* id) const {
    const std::string name = std::string("contest_") + id;
    return find<gui::ContestWidget>(name.c_str());
  }
  // Ticks the candidate `query` finds first in `contest`: type it in the
  // contest's search field, Tab to the list, Space.
  void tick_by_search(const char* contest_id, const QString& query) {
    gui::ContestWidget* c = contest(contest_id);
    tab_to(c->search_field());
    press(Qt::Key_A, Qt::ControlModifier);
    type(query);
    tab_to(c->choice_list());
    press(Qt::Key_Space);
  }
  int visible_choices(const char* contest_id) const {
    QListWidget* list = contest(contest_id)->choice_list();
    int visible = 0;
    for (int row = 0; row < list->count(); ++row) visible += list->item(row)->isHidden() ? 0 : 1;
    return visible;
  }
  QString label(const char* page, const char* name) const {
    QLabel* found = find_on<QLabel>(page, name);
    BOOST_REQUIRE_MESSAGE(found != nullptr, "no label " << name << " on " << page);
    return found->text();
  }
  // Ctrl+L to the language selector, then the arrow keys to `code`.
  void switch_language(const QString& code) {
    press(Qt::Key_L, Qt::ControlModifier);
    auto* box = find<QComboBox>("language_box");
    BOOST_REQUIRE(focused() == box);
    const int wanted = static_cast<int>(gui::Language::codes().indexOf(code));
    while (box->currentIndex() < wanted) press(Qt::Key_Down);
    while (box->currentIndex() > wanted) press(Qt::Key_Up);
    BOOST_REQUIRE(language.current() == code);
  }

  gui::Language language;
  std::unique_ptr<gui::MainWindow> window;
};

inline std::filesystem::path gui_output_folder() {
  const std::filesystem::path folder = EVOTE_GUI_OUTPUT_DIR;
  std::filesystem::create_directories(folder);
  return folder;
}

}  // namespace evote::testing
