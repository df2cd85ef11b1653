#include "evote/voter/voter_error.hpp"

namespace evote::voter {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::settings:
      return "settings";
    case ErrorKind::network:
      return "network";
    case ErrorKind::timeout:
      return "timeout";
    case ErrorKind::tls:
      return "tls";
    case ErrorKind::certificate_pin:
      return "certificate_pin";
    case ErrorKind::config_untrusted:
      return "config_untrusted";
    case ErrorKind::collector_refused:
      return "collector_refused";
    case ErrorKind::bad_answer:
      return "bad_answer";
    case ErrorKind::receipt_invalid:
      return "receipt_invalid";
    case ErrorKind::invalid_choice:
      return "invalid_choice";
    case ErrorKind::wrong_state:
      return "wrong_state";
    case ErrorKind::qr_too_large:
      return "qr_too_large";
    case ErrorKind::malformed_code:
      return "malformed_code";
  }
  return "unknown";
}

}  // namespace evote::voter
