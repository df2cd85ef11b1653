// evote-voter's languages and candidate search, in real widgets against the
// real collector: switching Estonian, English and Russian mid-flow changes
// the visible texts at once (labels, buttons, a problem's message, the
// parties of the candidates as the config names them); every card problem
// is said in each language with the way to try again; the search field
// filters the candidates by name, party (any language) or number.
#include <boost/test/unit_test.hpp>
#include <set>

#include "gui_fixture.hpp"
#include "messages.hpp"

using namespace evote;
using namespace evote::testing;

BOOST_TEST_GLOBAL_FIXTURE(GuiTestsGlobal);

namespace {

// The codes the contest's list shows now.
std::set<std::uint64_t> shown(VoterWindow& w, const char* contest) {
  std::set<std::uint64_t> codes;
  QListWidget* list = w.contest(contest)->choice_list();
  for (int row = 0; row < list->count(); ++row)
    if (!list->item(row)->isHidden()) codes.insert(list->item(row)->text().split(' ')[0].toULong());
  return codes;
}

QString item_text(VoterWindow& w, const char* contest, int row) {
  return w.contest(contest)->choice_list()->item(row)->text();
}

QString button(VoterWindow& w, const char* page, const char* name) {
  return w.find_on<QPushButton>(page, name)->text();
}

}  // namespace

BOOST_AUTO_TEST_CASE(switching_the_language_mid_flow_changes_the_visible_texts) {
  VoterWindow w(QStringLiteral("et"));
  BOOST_TEST(w.label("connect_page", "title") == "E-hääletamine");
  BOOST_TEST(button(w, "connect_page", "connect_button") == "&Ühenda");
  w.switch_language("en");
  BOOST_TEST(w.label("connect_page", "title") == "Internet voting");
  BOOST_TEST(button(w, "connect_page", "connect_button") == "&Connect");
  BOOST_TEST(w.window->windowTitle() == "evote — internet voting");
  w.switch_language("ru");
  BOOST_TEST(w.label("connect_page", "title") == "Интернет-голосование");
  BOOST_TEST(w.window->windowTitle() == "evote — интернет-голосование");

  w.tab_to(w.find("connect_button"));
  w.connect_by_keyboard();
  BOOST_TEST(w.label("card_page", "title") == "ID-карта и PIN1");
  BOOST_TEST(button(w, "card_page", "log_in_button") == "&Войти");
  BOOST_TEST(w.label("card_page", "holder").startsWith("Владелец карты: "));
  // A wrong PIN1: the message in Russian, then in Estonian and English as
  // the language changes while it is shown.
  w.log_in_by_keyboard(kVoterMari, "9999");
  w.wait_for_page("card_page");
  BOOST_TEST(w.window->problem().text().startsWith("PIN1 неверный."), w.window->problem().text());
  w.switch_language("et");
  BOOST_TEST(w.window->problem().text().startsWith("PIN1 on vale."), w.window->problem().text());
  BOOST_TEST(w.label("card_page", "title") == "ID-kaart ja PIN1");
  BOOST_TEST(w.find<QPushButton>("try_again_button")->text() == "&Proovi uuesti");
  w.switch_language("en");
  BOOST_TEST(w.window->problem().text().startsWith("The PIN1 is wrong."),
             w.window->problem().text());
  BOOST_TEST(w.find<QPushButton>("try_again_button")->text() == "&Try again");

  w.log_in_by_keyboard(kVoterMari, kPin1);
  w.wait_for_page("choose_page");
  BOOST_TEST(w.find("problem_panel")->isHidden());
  BOOST_TEST(w.label("choose_page", "title") == "Your ballot");
  BOOST_TEST(item_text(w, "mayor", 0) == "101  Mari Maasikas — Greens");
  BOOST_TEST(w.contest("mayor")->title() == "Linnapea");  // the config names it in Estonian only
  w.switch_language("ru");
  BOOST_TEST(w.label("choose_page", "title") == "Ваш бюллетень");
  BOOST_TEST(w.label("choose_page", "greeting").startsWith("Здравствуйте, Mari-Liis Männik."));
  BOOST_TEST(item_text(w, "mayor", 0) == "101  Mari Maasikas — Зелёные");
  BOOST_TEST(item_text(w, "mayor", 1) == "102  Jaan Tamm — Центристская партия");
  BOOST_TEST(button(w, "choose_page", "review_button") == "&Проверить выбор");
  w.switch_language("et");
  BOOST_TEST(w.label("choose_page", "title") == "Sinu hääletussedel");
  BOOST_TEST(item_text(w, "mayor", 0) == "101  Mari Maasikas — Rohelised");
  BOOST_TEST(w.contest("council")->findChild<QLabel*>("summary")->text() ==
             "Midagi pole valitud: selles hääletuses on hääl tühi.");
  // Accessible names follow the language too.
  BOOST_TEST(w.contest("mayor")->search_field()->accessibleName() ==
             "Otsi hääletuse Linnapea kandidaate");
  BOOST_TEST(w.find("language_box")->accessibleName() == "Keel");
}

BOOST_AUTO_TEST_CASE(every_card_problem_is_said_in_each_language_with_a_way_to_try_again) {
  gui::Language language;
  const std::map<QString, QString> again = {{"et", "uuesti"}, {"en", "again"}, {"ru", "снова"}};
  using card::CardProblem;
  for (const CardProblem problem :
       {CardProblem::wrong_pin, CardProblem::pin_blocked, CardProblem::card_removed,
        CardProblem::no_reader, CardProblem::no_card, CardProblem::not_an_id_card,
        CardProblem::pin_format, CardProblem::module_not_loaded, CardProblem::token_error}) {
    std::set<QString> texts;
    for (const auto& [code, word] : again) {
      BOOST_REQUIRE(language.set(code));
      gui::Failure failure;
      failure.step = gui::Step::log_in;
      failure.source = gui::Failure::Source::card;
      failure.card_problem = problem;
      const QString text = gui::Messages::text(failure);
      BOOST_TEST(text.contains(word), code << ": " << text);
      texts.insert(text);
      if (problem == CardProblem::wrong_pin) {
        failure.tries_left = 2;
        BOOST_TEST(gui::Messages::text(failure).contains(" 2"), gui::Messages::text(failure));
      }
    }
    BOOST_TEST(texts.size() == 3u, "not translated: " << card::to_string(problem));
  }
  BOOST_REQUIRE(language.set("en"));
  gui::Failure blocked;
  blocked.step = gui::Step::cast;
  blocked.source = gui::Failure::Source::card;
  blocked.card_problem = CardProblem::pin_blocked;
  BOOST_TEST(gui::Messages::text(blocked).startsWith("Your PIN2 is blocked"));
  BOOST_TEST(!gui::Messages::pin_again(blocked));
}

BOOST_AUTO_TEST_CASE(search_filters_the_candidates_by_name_party_or_number) {
  VoterWindow w;
  w.connect_by_keyboard();
  w.log_in_by_keyboard(kVoterMari, kPin1);
  w.wait_for_page("choose_page");
  using Codes = std::set<std::uint64_t>;
  BOOST_TEST((shown(w, "mayor") == Codes{101, 102, 103}));
  const std::vector<std::pair<QString, Codes>> searches = {
      {"Tamm", {102}},          // a name
      {"maasikas", {101}},      // a name, any case
      {"Rohelised", {101}},     // a party in Estonian
      {"greens", {101}},        // in English
      {"Центрист", {102}},      // in Russian
      {"103", {103}},           // a number
      {"10", {101, 102, 103}},  // the start of a number
      {"Karu", {103}},          // a candidate without a party
      {"nobody", {}},          {"", {101, 102, 103}}};
  for (const auto& [query, expected] : searches) {
    w.tab_to(w.contest("mayor")->search_field());
    w.press(Qt::Key_A, Qt::ControlModifier);
    w.press(Qt::Key_Backspace);
    if (!query.isEmpty()) w.type(query);
    BOOST_TEST((shown(w, "mayor") == expected), "search " << query);
  }
  // A tick made under a filter stays when the filter changes.
  w.tick_by_search("council", "13");
  BOOST_TEST((shown(w, "council") == Codes{13}));
  w.tab_to(w.contest("council")->search_field());
  w.press(Qt::Key_A, Qt::ControlModifier);
  w.type("Valik");
  BOOST_TEST((shown(w, "council") == Codes{11, 12, 13, 14}));
  BOOST_TEST((w.contest("council")->selection() == std::vector<std::uint64_t>{13}));
}
