// Reading a verification code from a picture of its QR code (ZXing-cpp):
// the QR code's bytes exactly as encoded (byte mode), as text. The text is
// a secret (the caller wipes it, voter::wipe_text); the decoder's copy and
// the grey-scale copy of the image made here are wiped before returning.
#pragma once

#include <QImage>
#include <QString>
#include <stdexcept>
#include <string>

namespace evote::verify {

// The image holds no readable QR code (or cannot be read as an image).
class QrImageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The first QR code found in the image (tries harder, also rotated).
// Throws QrImageError "no QR code found in the image" otherwise.
std::string read_qr_code(const QImage& image);

// Loads the file (PNG, JPEG, ... as Qt reads them) and reads its QR code.
// Throws QrImageError naming the file when it cannot be read as an image
// or holds no QR code.
std::string read_qr_file(const QString& path);

}  // namespace evote::verify
