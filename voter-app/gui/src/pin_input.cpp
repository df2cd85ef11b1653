#include "pin_input.hpp"

#include <sodium.h>

#include <QByteArray>
#include <QRegularExpressionValidator>

namespace evote::gui {

crypto::SecretBytes take_pin(QLineEdit& field) {
  QByteArray utf8 = field.text().toUtf8();
  crypto::SecretBytes pin(crypto::BytesView(reinterpret_cast<const std::uint8_t*>(utf8.constData()),
                                            static_cast<std::size_t>(utf8.size())));
  sodium_memzero(utf8.data(), static_cast<std::size_t>(utf8.size()));
  field.clear();
  return pin;
}

void make_pin_field(QLineEdit& field) {
  field.setEchoMode(QLineEdit::Password);
  field.setMaxLength(12);
  field.setValidator(
      new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,12}")), &field));
  field.setContextMenuPolicy(Qt::NoContextMenu);
  field.setInputMethodHints(Qt::ImhDigitsOnly | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
}

}  // namespace evote::gui
