#include "qr_image.hpp"

#include <ZXing/ReadBarcode.h>
#include <sodium.h>

#include <QFileInfo>
#include <QImageReader>

namespace evote::verify {

std::string read_qr_code(const QImage& image) {
  if (image.isNull()) throw QrImageError("no image to read");
  QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
  const ZXing::ImageView view(grey.constBits(), grey.width(), grey.height(),
                              ZXing::ImageFormat::Lum, static_cast<int>(grey.bytesPerLine()));
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  hints.setTryHarder(true);
  hints.setTryRotate(true);
  const ZXing::Result result = ZXing::ReadBarcode(view, hints);
  sodium_memzero(grey.bits(), static_cast<std::size_t>(grey.sizeInBytes()));
  if (!result.isValid() || result.format() != ZXing::BarcodeFormat::QRCode)
    throw QrImageError("no QR code found in the image");
  const ZXing::ByteArray& bytes = result.bytes();
  std::string text(bytes.begin(), bytes.end());
  // The decoder's copy of the secret: wiped here, as nothing else will.
  auto& writable = const_cast<ZXing::ByteArray&>(bytes);
  if (!writable.empty()) sodium_memzero(writable.data(), writable.size());
  return text;
}

std::string read_qr_file(const QString& path) {
  QImageReader reader(path);
  QImage image;
  if (!reader.read(&image))
    throw QrImageError(QFileInfo(path).fileName().toStdString() + ": cannot read it as an image (" +
                       reader.errorString().toStdString() + ")");
  try {
    return read_qr_code(image);
  } catch (const QrImageError& e) {
    throw QrImageError(QFileInfo(path).fileName().toStdString() + ": " + e.what());
  }
}

}  // namespace evote::verify
