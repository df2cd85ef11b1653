// Paints the QR code of a verification code (voter::QrCode) with its
// 4-module quiet zone, square and as large as the widget allows. The code
// is secret: clear() drops it (the QrCode wipes its modules when the last
// holder lets go).
#pragma once

#include <QImage>
#include <QWidget>
#include <memory>

#include "evote/voter/qr_code.hpp"

namespace evote::gui {

class QrWidget : public QWidget {
  Q_OBJECT

 public:
  explicit QrWidget(QWidget* parent = nullptr);

  void set_code(std::shared_ptr<const voter::QrCode> code);
  void clear();
  bool has_code() const { return code_ != nullptr; }
  // The code as a black-on-white image, `module_pixels` per module, with
  // the quiet zone; a null image when there is no code.
  QImage image(int module_pixels = 8) const;

  QSize sizeHint() const override { return {260, 260}; }
  QSize minimumSizeHint() const override { return {180, 180}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::shared_ptr<const voter::QrCode> code_;
};

}  // namespace evote::gui
