#include "messages.hpp"

namespace evote::gui {

bool Messages::pin_again(const Failure& failure) {
  return failure.source == Failure::Source::card &&
         (failure.card_problem == card::CardProblem::wrong_pin ||
          failure.card_problem == card::CardProblem::pin_format);
}

QString Messages::text(const Failure& failure) {
  switch (failure.source) {
    case Failure::Source::card:
      return card_text(failure);
    case Failure::Source::voter:
      return voter_text(failure);
    case Failure::Source::other:
      break;
  }
  return tr(
      "Something unexpected went wrong. Press Try again; if it happens again, contact "
      "the election helpdesk.");
}

QString Messages::card_text(const Failure& failure) {
  const QString pin = failure.step == Step::cast ? QStringLiteral("PIN2") : QStringLiteral("PIN1");
  using card::CardProblem;
  switch (failure.card_problem) {
    case CardProblem::wrong_pin:
      if (failure.tries_left)
        return tr("The %1 is wrong. Tries left: %2. Enter it again and press the button once "
                  "more.")
            .arg(pin)
            .arg(*failure.tries_left);
      return tr("The %1 is wrong. Enter it again and press the button once more. After three "
                "wrong tries in a row the PIN is blocked.")
          .arg(pin);
    case CardProblem::pin_blocked:
      return tr("Your %1 is blocked after too many wrong tries. Unblock it with your PUK code "
                "in the ID-software (DigiDoc4), then press Try again.")
          .arg(pin);
    case CardProblem::pin_format:
      return tr("PIN1 has 4 to 12 digits, PIN2 has 5 to 12 digits. Enter your %1 again.").arg(pin);
    case CardProblem::card_removed:
      return tr("The ID card was removed from the reader. Put it back in and press Try again.");
    case CardProblem::no_reader:
      return tr("No smart card reader was found. Connect the reader and press Try again.");
    case CardProblem::no_card:
      return tr("There is no ID card in the reader. Insert your ID card and press Try again.");
    case CardProblem::not_an_id_card:
      return tr(
          "The card in the reader is not an ID card this app can use. Insert your ID card "
          "and press Try again.");
    case CardProblem::module_not_loaded:
      return tr(
          "The ID card software could not be loaded. Install the ID-software and press "
          "Try again.");
    case CardProblem::token_error:
      break;
  }
  return tr(
      "The ID card did not answer as expected. Take it out, put it back in and press Try "
      "again.");
}

QString Messages::voter_text(const Failure& failure) {
  using voter::ErrorKind;
  switch (failure.voter_kind) {
    case ErrorKind::network:
      return tr(
          "Cannot reach the vote collection server. Check your internet connection and "
          "press Try again.");
    case ErrorKind::timeout:
      return tr("The vote collection server did not answer in time. Press Try again.");
    case ErrorKind::tls:
    case ErrorKind::certificate_pin:
    case ErrorKind::config_untrusted:
      return tr(
          "The server could not be proven to be the election's vote collection server. "
          "Do not vote on this computer until this is solved; contact the election "
          "helpdesk. You may press Try again.");
    case ErrorKind::collector_refused:
      return refused_text(failure.collector_code);
    case ErrorKind::bad_answer:
    case ErrorKind::receipt_invalid:
      return tr(
          "The server's answer did not check, so your vote may not be stored correctly. "
          "Press Try again to vote again; if it happens again, contact the election "
          "helpdesk.");
    case ErrorKind::invalid_choice:
      return tr("Your choice is not valid on this ballot. Change it and try again.");
    case ErrorKind::settings:
      return tr("The app's settings file is wrong. Install the app again.");
    case ErrorKind::wrong_state:
    case ErrorKind::qr_too_large:
    case ErrorKind::malformed_code:
      break;
  }
  return tr(
      "Something unexpected went wrong. Press Try again; if it happens again, contact "
      "the election helpdesk.");
}

QString Messages::refused_text(const QString& code) {
  if (code == "not_eligible")
    return tr("You are not on the voter list of this election. Contact the election helpdesk.");
  if (code == "election_closed" || code == "election_not_open")
    return tr("Voting is not open now.");
  if (code == "session_expired" || code == "no_session")
    return tr("Your session has expired. Press Try again and log in again.");
  if (code == "certificate_revoked" || code == "certificate_unknown" ||
      code == "certificate_untrusted")
    return tr(
        "The certificates of your ID card are not valid. Contact the Police and Border "
        "Guard Board.");
  if (code == "rate_limited" || code == "unavailable" || code == "certificate_status_unavailable")
    return tr("The vote collection server is busy. Wait a moment and press Try again.");
  return tr("The vote collection server refused the request (%1). Press Try again.").arg(code);
}

}  // namespace evote::gui
