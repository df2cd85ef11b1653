#include "evote/voter/qr_code.hpp"

#include <qrencode.h>
#include <sodium.h>

#include <cerrno>
#include <memory>

#include "evote/voter/voter_error.hpp"

namespace evote::voter {

QrCode QrCode::encode(std::string_view text) {
  std::string copy(text);  // libqrencode needs a NUL-terminated string
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString8bit(copy.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
  sodium_memzero(copy.data(), copy.size());
  if (!qr) {
    if (errno == ERANGE)
      throw VoterError(ErrorKind::qr_too_large,
                       "the verification code (" + std::to_string(text.size()) +
                           " bytes) does not fit a QR code (at most 2331 bytes at error "
                           "correction M)");
    throw VoterError(ErrorKind::qr_too_large, "libqrencode could not encode the verification code");
  }
  const int width = qr->width;
  crypto::SecretBytes modules(static_cast<std::size_t>(width) * static_cast<std::size_t>(width));
  for (std::size_t i = 0; i < modules.size(); ++i) modules.data()[i] = qr->data[i] & 1;
  sodium_memzero(qr->data, modules.size());
  return QrCode(width, qr->version, std::move(modules));
}

bool QrCode::dark(int x, int y) const {
  if (x < 0 || y < 0 || x >= width_ || y >= width_) return false;
  return modules_.data()[static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) +
                         static_cast<std::size_t>(x)] != 0;
}

std::string QrCode::to_text(int quiet_zone) const {
  std::string out;
  for (int y = -quiet_zone; y < width_ + quiet_zone; ++y) {
    for (int x = -quiet_zone; x < width_ + quiet_zone; ++x) out += dark(x, y) ? "##" : "  ";
    out += '\n';
  }
  return out;
}

}  // namespace evote::voter
