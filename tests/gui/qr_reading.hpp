// Reads back what a voter's second device would: the QR code the window
// saved as a PNG, decoded with ZXing-cpp, and what the collector holds for
// its vote id (GET /v1/ballots/<id>), opened with the code's randomness.
#pragma once

#define ZX_USE_UTF8 1  // Result::text() as UTF-8
#include <ZXing/ReadBarcode.h>

#include <QImage>
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "evote/crypto/groups.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/signed_ballot.hpp"
#include "evote/voter/verification_code.hpp"
#include "voter/voter_fixture.hpp"

namespace evote::testing {

// The text of the one QR code in the PNG at `path`.
inline std::string read_qr_png(const QString& path) {
  QImage image(path);
  BOOST_REQUIRE_MESSAGE(!image.isNull(), "cannot read " << path.toStdString());
  image = image.convertToFormat(QImage::Format_Grayscale8);
  const ZXing::ImageView view(image.constBits(), image.width(), image.height(),
                              ZXing::ImageFormat::Lum, static_cast<int>(image.bytesPerLine()));
  const ZXing::Result result =
      ZXing::ReadBarcode(view, ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
  BOOST_REQUIRE_MESSAGE(result.isValid(), "no QR code in " << path.toStdString());
  return result.text();
}

// The choices the collector's ballot of the code's vote id holds, each row
// as make_ballot filled it (blank slots as the blank code 1).
inline std::vector<std::vector<std::uint64_t>> choices_in_collector(
    const std::string& code_text, std::string* vote_id = nullptr) {
  VoterEnvironment& env = VoterEnvironment::get();
  const voter::VerificationCode code = voter::parse_verification_code(code_text);
  const std::string id = protocol::base64url_encode(code.vote_id);
  if (vote_id != nullptr) *vote_id = id;
  const HttpsReply reply = get_as(env.s, "/v1/ballots/" + id);
  BOOST_REQUIRE_MESSAGE(reply.status == 200u, reply.body);
  const protocol::SignedBallot signed_ballot =
      protocol::decode_signed_ballot(protocol::base64url_decode(
          nlohmann::json::parse(reply.body).at("signed_ballot").get<std::string>()));
  std::vector<std::size_t> widths;
  for (const auto& row : signed_ballot.ballot.contests) widths.push_back(row.ciphertexts.size());
  const crypto::ScalarField& field = crypto::group_by_name(env.s.config.group).scalars();
  return voter::recover_choices(env.s.config, signed_ballot.ballot,
                                voter::split_randomness(code.randomness, field, widths));
}

}  // namespace evote::testing
