#include "evote/protocol/base64url.hpp"

#include <array>

#include "evote/protocol/error.hpp"

namespace evote::protocol {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<int, 256> make_reverse() {
  std::array<int, 256> r{};
  for (int& v : r) v = -1;
  for (int i = 0; i < 64; ++i) r[static_cast<unsigned char>(kAlphabet[i])] = i;
  return r;
}
constexpr std::array<int, 256> kReverse = make_reverse();
}  // namespace

std::string base64url_encode(crypto::BytesView bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = bytes[i] << 16 | bytes[i + 1] << 8 | bytes[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kAlphabet[(v >> shift) & 63]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const unsigned v = bytes[i] << 16;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
  } else if (rest == 2) {
    const unsigned v = bytes[i] << 16 | bytes[i + 1] << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
  }
  return out;
}

crypto::Bytes base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) throw FormatError("base64url: impossible length " + std::to_string(text.size()));
  crypto::Bytes out;
  out.reserve(text.size() * 3 / 4);
  unsigned acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int v = kReverse[static_cast<unsigned char>(text[i])];
    if (v < 0) {
      throw FormatError("base64url: character " + std::to_string(i) + " is not in the base64url alphabet" +
                        (text[i] == '=' ? " (no padding allowed)" : ""));
    }
    acc = (acc << 6 | static_cast<unsigned>(v)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>(acc >> bits));
    }
  }
  if ((acc & ((1u << bits) - 1)) != 0) throw FormatError("base64url: non-zero unused bits (not canonical)");
  return out;
}

}  // namespace evote::protocol
