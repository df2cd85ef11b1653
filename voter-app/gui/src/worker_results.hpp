// What the voting worker hands back to the windows, step by step: plain
// values (the QR code shared, never copied), and a Failure that says which
// step failed and why, in terms the windows can say in the voter's
// language (messages.hpp). No result ever holds a PIN; the verification
// code's text is wiped on the worker before anything is sent.
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <cstdint>
#include <memory>
#include <optional>

#include "evote/card/id_card.hpp"
#include "evote/voter/qr_code.hpp"
#include "evote/voter/voter_ballot.hpp"
#include "evote/voter/voter_error.hpp"
#include "evote/voter/voter_record.hpp"

namespace evote::gui {

// The step a request ran; a failure's "try again" goes back to it.
enum class Step { connect, find_cards, log_in, cast, record };

// One card found in the readers.
struct CardChoice {
  QString name;           // "MARI-LIIS MÄNNIK"
  QString personal_code;  // "38001085718"
  QString reader;
};

struct LoginResult {
  QString voter_name;  // as the voter list has it
  std::shared_ptr<const voter::VoterBallot> ballot;
};

struct CastDone {
  QString vote_id;  // base64url, 22 characters
  std::int64_t time = 0;
  std::uint64_t sequence = 0;
  std::shared_ptr<const voter::QrCode> qr;  // the verification code; secret
};

struct Failure {
  enum class Source { card, voter, other };
  Step step = Step::connect;
  Source source = Source::other;
  card::CardProblem card_problem = card::CardProblem::token_error;
  std::optional<int> tries_left;  // wrong_pin, when the card tells
  voter::ErrorKind voter_kind = voter::ErrorKind::network;
  QString collector_code;  // collector_refused
  QString detail;          // the exception's message (never a PIN or a vote)
};

}  // namespace evote::gui

Q_DECLARE_METATYPE(evote::gui::CardChoice)
Q_DECLARE_METATYPE(evote::gui::LoginResult)
Q_DECLARE_METATYPE(evote::gui::CastDone)
Q_DECLARE_METATYPE(evote::gui::Failure)
Q_DECLARE_METATYPE(std::shared_ptr<const evote::voter::VoterRecord>)
