// The QR code of a verification code (libqrencode, byte mode, error
// correction M), as a matrix of modules the GUI paints and the CLI prints;
// no QtGui here. The modules encode the secret randomness: they are wiped
// when the QrCode is destroyed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "evote/crypto/secret_bytes.hpp"

namespace evote::voter {

class QrCode {
 public:
  // Encodes `text` (the smallest version that fits). Throws
  // VoterError(qr_too_large) when it does not fit version 40 at level M
  // (the message gives the text's length and the limit).
  static QrCode encode(std::string_view text);

  // Modules per side (21 for version 1 ... 177 for version 40), without the
  // quiet zone (the caller leaves 4 light modules around it).
  int width() const { return width_; }
  int version() const { return version_; }
  // True for a dark module; x, y in [0, width).
  bool dark(int x, int y) const;

  // The matrix as text: "##" per dark module, two spaces per light one,
  // `quiet_zone` light modules around it, '\n' after each row.
  std::string to_text(int quiet_zone = 4) const;

 private:
  QrCode(int width, int version, crypto::SecretBytes modules)
      : width_(width), version_(version), modules_(std::move(modules)) {}
  int width_ = 0;
  int version_ = 0;
  crypto::SecretBytes modules_;  // width*width, 1 = dark
};

}  // namespace evote::voter
