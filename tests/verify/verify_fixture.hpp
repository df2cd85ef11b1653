// What the tests of evote-verify-vote share: a vote cast with the voter
// core against VoterEnvironment's real collector (tests/voter), its
// verification code drawn as a real QR code PNG, evote-verify-vote --cli
// run on it, and the collector's database edited to age a ballot.
#pragma once

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>

#include "evote/protocol/base64url.hpp"
#include "evote/voter/qr_code.hpp"
#include "evote/voter/verification_code.hpp"
#include "evote/voter/vote_check.hpp"
#include "evote/voter/voting_session.hpp"
#include "voter_fixture.hpp"

namespace evote::testing {

// A QApplication (real widgets, offscreen) instead of the voter tests'
// QCoreApplication, and the environment stopped after the last test:
//   BOOST_TEST_GLOBAL_FIXTURE(evote::testing::VerifyTestsGlobal);
struct VerifyTestsGlobal {
  static int& argc() {
    static int count = 1;
    return count;
  }
  static char** argv() {
    static char name[] = "verify_tests";
    static char* args[] = {name, nullptr};
    return args;
  }
  static bool offscreen() { return ::setenv("QT_QPA_PLATFORM", "offscreen", 0) == 0; }
  bool platform_set = offscreen();
  QApplication application{argc(), argv()};
  ~VerifyTestsGlobal() { VoterEnvironment::instance().reset(); }
};

struct CastVote {
  std::string code;  // the verification code text (a secret in real life)
  voter::CastResult cast;
  std::string vote_id_text;
};

// `voter_id` (kVoterMari or kVoterJuri) votes `selections` with their card.
inline CastVote cast_vote(const std::string& voter_id, const protocol::Selections& selections) {
  VoterEnvironment& env = VoterEnvironment::get();
  voter::VotingSession session(env.settings());
  session.connect();
  const card::IdCardModule module(env.module());
  card::IdCard card = env.open_card(module, voter_id);
  session.authenticate(card, secret(kPin1));
  voter::CastResult cast = session.cast(card, selections, secret(kPin2));
  CastVote vote{session.verification_code_text(), cast, cast.vote_id_text};
  session.forget_randomness();
  return vote;
}

// The code's QR code as the voting app draws it: 4 light modules of quiet
// zone, `scale` pixels a module, black on white, saved as PNG.
inline void write_qr_png(const std::string& code, const std::filesystem::path& png, int scale = 6) {
  const voter::QrCode qr = voter::QrCode::encode(code);
  const int side = (qr.width() + 8) * scale;
  QImage image(side, side, QImage::Format_RGB32);
  image.fill(Qt::white);
  QPainter painter(&image);
  for (int y = 0; y < qr.width(); ++y)
    for (int x = 0; x < qr.width(); ++x)
      if (qr.dark(x, y))
        painter.fillRect((x + 4) * scale, (y + 4) * scale, scale, scale, Qt::black);
  painter.end();
  BOOST_REQUIRE_MESSAGE(image.save(QString::fromStdString(png.string()), "PNG"),
                        "cannot write " << png);
}

// evote-verify-vote --cli --settings <the environment's app.json> <arguments>.
inline ProgramRun run_verify_cli(const std::string& arguments) {
  return run_program(shell_quote(EVOTE_VERIFY_VOTE_BIN) + " --cli --settings " +
                     shell_quote(VoterEnvironment::get().settings_file) + " " + arguments);
}

// The name (et) of a choice of the test election, as the verifier shows it.
inline std::string choice_name(const std::string& contest, std::uint64_t code) {
  const protocol::Contest* c = VoterEnvironment::get().s.config.find_contest(contest);
  BOOST_REQUIRE(c != nullptr);
  for (const protocol::Choice& choice : c->choices)
    if (choice.code == code) return choice.names.at("et");
  BOOST_FAIL("no choice " << code << " in " << contest);
  return {};
}

// Test data: the ballot was accepted `seconds_ago` (the collector's limit
// verification.minutes counts from the receipt's time, the ballots row's
// "received").
inline void cast_seconds_ago(const crypto::Bytes& vote_id, std::int64_t seconds_ago) {
  collector::pg::Connection db(VoterEnvironment::get().s.db.connection_string());
  const collector::pg::Result r =
      db.exec("UPDATE ballots SET received = $1 WHERE vote_id = $2",
              {collector::pg::Param(static_cast<std::int64_t>(std::time(nullptr)) - seconds_ago),
               collector::pg::Param::bytes(vote_id)});
  BOOST_REQUIRE_EQUAL(r.affected(), 1u);
}

// The code with its part `index` (0 election id, 1 vote id, 2 URL, 3
// randomness) replaced.
inline std::string with_part(const std::string& code, std::size_t index,
                             const std::string& replacement) {
  std::vector<std::string> parts;
  std::size_t start = std::string(voter::kVerificationCodePrefix).size();
  for (std::size_t colon = code.find(':', start); colon != std::string::npos;
       colon = code.find(':', start)) {
    parts.push_back(code.substr(start, colon - start));
    start = colon + 1;
  }
  parts.push_back(code.substr(start));
  BOOST_REQUIRE_EQUAL(parts.size(), 4u);
  parts.at(index) = replacement;
  std::string out(voter::kVerificationCodePrefix);
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i > 0 ? ":" : "") + parts[i];
  return out;
}

inline std::string part_of(const std::string& code, std::size_t index) {
  std::string rest = code.substr(std::string(voter::kVerificationCodePrefix).size());
  for (std::size_t i = 0; i < index; ++i) rest = rest.substr(rest.find(':') + 1);
  return rest.substr(0, rest.find(':'));
}

// The check's refusal (fails the test when the check passes).
template <typename F>
voter::VoteCheckError refusal_of(F&& check) {
  try {
    check();
  } catch (const voter::VoteCheckError& e) {
    return e;
  }
  BOOST_FAIL("expected a VoteCheckError");
  throw std::logic_error("unreachable");
}

}  // namespace evote::testing
