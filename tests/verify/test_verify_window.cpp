// evote-verify-vote's window (real widgets, QT_QPA_PLATFORM=offscreen)
// against the real collector: the QR code PNG of a vote cast with the voter
// core shows the signer and the right candidate, checked on a worker thread
// while the window stays responsive; the core's check_vote returns the same
// vote; a pasted code typed from the keyboard; refusals shown clearly (an
// image without a QR code, a malformed code, a code that is not
// available); every control has an accessible name and description.
#include <QAbstractButton>
#include <QLineEdit>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>
#include <boost/test/unit_test.hpp>

#include "verify_fixture.hpp"
#include "verify_window.hpp"

using namespace evote;
using namespace evote::testing;

BOOST_TEST_GLOBAL_FIXTURE(VerifyTestsGlobal);

namespace {

const CastVote& maris_vote() {
  static const CastVote vote =
      cast_vote(kVoterMari, {{"mayor", {103}}, {"council", {14}}, {"ranking", {22, 24, 21}}});
  return vote;
}

// Waits (running the event loop) for the window's check to end.
bool finished_verified(verify::VerifyWindow& window, QSignalSpy& spy) {
  BOOST_REQUIRE_MESSAGE(spy.wait(120000), "the check did not end within 2 minutes");
  BOOST_REQUIRE_EQUAL(spy.count(), 1);
  BOOST_TEST(!window.busy());
  return spy.takeFirst().at(0).toBool();
}

std::string text(const QString& s) { return s.toStdString(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(verify_window)

BOOST_AUTO_TEST_CASE(the_qr_code_png_shows_the_signer_and_the_candidates) {
  const CastVote& vote = maris_vote();
  TempFolder folder;
  write_qr_png(vote.code, folder / "code.png", 4);
  verify::VerifyWindow window(VoterEnvironment::get().settings());
  window.show();
  QSignalSpy spy(&window, &verify::VerifyWindow::check_finished);
  window.check_image(QString::fromStdString((folder / "code.png").string()));
  // The check runs on the worker: the window is busy, inputs off, progress shown.
  BOOST_TEST(window.busy());
  BOOST_TEST(!window.findChild<QAbstractButton*>("open_image")->isEnabled());
  BOOST_TEST(window.findChild<QProgressBar*>("progress")->value() >= 1);
  BOOST_TEST_REQUIRE(finished_verified(window, spy), text(window.headline() + window.details()));
  BOOST_TEST(text(window.headline()).starts_with("Verified"));
  BOOST_TEST(text(window.signer()) == "Signed by MARI-LIIS MÄNNIK, personal code " + kVoterMari);
  BOOST_TEST(!window.findChild<QTreeWidget*>("choices")->isHidden());
  const QStringList lines = window.choice_lines();
  BOOST_REQUIRE_EQUAL(lines.size(), 3);
  BOOST_TEST(text(lines[0]) == "Linnapea: " + choice_name("mayor", 103));
  BOOST_TEST(text(lines[1]) == "Volikogu: " + choice_name("council", 14));
  BOOST_TEST(text(lines[2]) == "Pingerida: 1. " + choice_name("ranking", 22) + ", 2. " +
                                   choice_name("ranking", 24) + ", 3. " +
                                   choice_name("ranking", 21));
  BOOST_TEST(text(window.details()).find(std::to_string(vote.cast.receipt.sequence)) !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_core_check_returns_the_vote_as_cast) {
  const CastVote& vote = maris_vote();
  std::vector<voter::CheckStep> steps;
  const voter::VoteCheck check =
      voter::check_vote(VoterEnvironment::get().settings(), vote.code,
                        [&](voter::CheckStep step) { steps.push_back(step); });
  BOOST_TEST(steps.size() == static_cast<std::size_t>(voter::kCheckSteps));
  BOOST_TEST(check.election_id == "TEST_2027");
  BOOST_TEST(check.vote_id == vote.cast.receipt.vote_id);
  BOOST_TEST(check.signer_name == "MARI-LIIS MÄNNIK");
  BOOST_TEST(check.signer_common_name == "MÄNNIK,MARI-LIIS," + kVoterMari);
  BOOST_TEST(check.signer_personal_code == kVoterMari);
  BOOST_TEST(check.receipt_sequence == vote.cast.receipt.sequence);
  BOOST_TEST(check.receipt_time == vote.cast.receipt.time);
  BOOST_TEST(check.verify_count == 3u);
  BOOST_TEST(check.verify_minutes == 30u);
  BOOST_REQUIRE_EQUAL(check.contests.size(), 3u);
  BOOST_TEST(check.contests[0].id == "mayor");
  BOOST_TEST(check.contests[0].slot_codes == (std::vector<std::uint64_t>{103}));
  BOOST_TEST(check.contests[1].slot_codes == (std::vector<std::uint64_t>{14, 1}));
  BOOST_REQUIRE_EQUAL(check.contests[1].chosen.size(), 1u);
  BOOST_TEST(check.contests[1].chosen[0].code == 14u);
  BOOST_TEST(check.contests[2].slot_codes == (std::vector<std::uint64_t>{22, 24, 21}));
  BOOST_TEST(!check.contests[2].blank());
}

BOOST_AUTO_TEST_CASE(a_code_typed_and_entered_from_the_keyboard_is_checked_and_cleared) {
  verify::VerifyWindow window(VoterEnvironment::get().settings());
  window.show();
  QLineEdit* code = window.findChild<QLineEdit*>("code");
  BOOST_REQUIRE(code != nullptr);
  BOOST_TEST(code->echoMode() == QLineEdit::Password);  // the code shows how one voted
  QSignalSpy spy(&window, &verify::VerifyWindow::check_finished);
  code->setFocus();
  QTest::keyClicks(code, QString::fromStdString(maris_vote().code));
  QTest::keyClick(code, Qt::Key_Return);
  BOOST_TEST(code->text().isEmpty());
  BOOST_TEST_REQUIRE(finished_verified(window, spy), text(window.headline() + window.details()));
  BOOST_TEST(text(window.choice_lines().value(0)) == "Linnapea: " + choice_name("mayor", 103));
}

BOOST_AUTO_TEST_CASE(refusals_are_shown_clearly) {
  verify::VerifyWindow window(VoterEnvironment::get().settings());
  QSignalSpy spy(&window, &verify::VerifyWindow::check_finished);
  TempFolder folder;
  QImage blank(200, 200, QImage::Format_RGB32);
  blank.fill(Qt::white);
  BOOST_REQUIRE(blank.save(QString::fromStdString((folder / "blank.png").string()), "PNG"));
  window.check_image(QString::fromStdString((folder / "blank.png").string()));
  BOOST_TEST(!finished_verified(window, spy));
  BOOST_TEST(text(window.headline()) == "No QR code could be read from this picture.");
  BOOST_TEST(text(window.details()) == "blank.png: no QR code found in the image");
  BOOST_TEST(window.choice_lines().isEmpty());
  BOOST_TEST(window.findChild<QTreeWidget*>("choices")->isHidden());

  QLineEdit* code = window.findChild<QLineEdit*>("code");
  code->setText("EVV1:TEST_2027:short");
  window.check_typed_code();
  BOOST_TEST(!finished_verified(window, spy));
  BOOST_TEST(text(window.headline()) == "This is not a valid verification code.");
  BOOST_TEST(text(window.details()).find("2 parts after EVV1:, expected 4") != std::string::npos);

  std::string vote_id = part_of(maris_vote().code, 1);
  vote_id[0] = vote_id[0] == 'A' ? 'B' : 'A';
  code->setText(QString::fromStdString(with_part(maris_vote().code, 1, vote_id)));
  window.check_typed_code();
  BOOST_TEST(!finished_verified(window, spy));
  BOOST_TEST(text(window.headline()).starts_with("The ballot box has no vote for this code"));
  BOOST_TEST(text(window.details()).find("older than 30 minutes") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_control_has_an_accessible_name_and_description) {
  verify::VerifyWindow window(VoterEnvironment::get().settings());
  int controls = 0;
  for (QWidget* widget : window.findChildren<QWidget*>()) {
    if (widget->objectName().isEmpty() || widget->objectName().startsWith("qt_")) continue;
    ++controls;
    BOOST_TEST(!widget->accessibleName().isEmpty(), text(widget->objectName()));
    BOOST_TEST(!widget->accessibleDescription().isEmpty(), text(widget->objectName()));
  }
  BOOST_TEST(controls >= 9);
  // Without settings the window says so and takes no input.
  verify::VerifyWindow unset(std::nullopt, "app.json: no such file");
  BOOST_TEST(!unset.findChild<QLineEdit*>("code")->isEnabled());
  BOOST_TEST(text(unset.details()) == "app.json: no such file");
}

BOOST_AUTO_TEST_SUITE_END()
