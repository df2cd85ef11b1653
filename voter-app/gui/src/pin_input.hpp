// Takes a PIN out of its password field: the digits are copied into
// SecretBytes, the temporary UTF-8 copy wiped, and the field cleared, so the
// PIN stays in the app's memory only as long as the step that uses it.
#pragma once

#include <QLineEdit>

#include "evote/crypto/secret_bytes.hpp"

namespace evote::gui {

crypto::SecretBytes take_pin(QLineEdit& field);

// A field for a PIN: password echo, digits only (at most 12), no context
// menu (no copying), no input method suggestions.
void make_pin_field(QLineEdit& field);

}  // namespace evote::gui
