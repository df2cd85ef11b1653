// The one error type of the voter core: what kind of step failed, for the
// app to say it in the voter's language, and the message that names the
// input or the check. ID-card failures are not wrapped: they stay
// card::CardError (evote/card/id_card.hpp) with their CardProblem.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace evote::voter {

enum class ErrorKind {
  settings,           // the app settings file is wrong (the message names the field)
  network,            // no connection, connection lost, name not found (names Qt's error)
  timeout,            // no answer within the request timeout
  tls,                // the TLS handshake failed (e.g. the server does not speak TLS 1.3)
  certificate_pin,    // the collector's TLS certificate is not the one of the signed config
  config_untrusted,   // the election config is not signed by the organizer, or not valid
  collector_refused,  // the collector answered {"error","message"}: collector_code(), http_status()
  bad_answer,         // an answer that cannot be read (not JSON, a field missing or wrong)
  receipt_invalid,    // the receipt's signature, ballot hash or log position does not check
  invalid_choice,     // a selection the voter's ballot does not allow (named)
  wrong_state,        // a step called before the one it needs (cast before authenticate)
  qr_too_large,       // the verification code does not fit a QR code (error correction M)
  malformed_code,     // a verification code that does not parse or does not fit its ballot
};

// "network", "collector_refused", ... (for logs and the CLI).
std::string_view to_string(ErrorKind kind);

class VoterError : public std::runtime_error {
 public:
  VoterError(ErrorKind kind, const std::string& message, std::string collector_code = {},
             int http_status = 0)
      : std::runtime_error(message),
        kind_(kind),
        collector_code_(std::move(collector_code)),
        http_status_(http_status) {}
  ErrorKind kind() const { return kind_; }
  // For collector_refused: the collector's error code ("not_eligible", ...,
  // specs/collector-api.md §1.1) and the HTTP status; empty and 0 otherwise.
  const std::string& collector_code() const { return collector_code_; }
  int http_status() const { return http_status_; }

 private:
  ErrorKind kind_;
  std::string collector_code_;
  int http_status_;
};

}  // namespace evote::voter
