#include "qr_widget.hpp"

#include <QPainter>
#include <algorithm>

namespace evote::gui {

namespace {

constexpr int kQuietZone = 4;

// Paints the modules into `area`, a square of whole modules.
void paint_code(QPainter& painter, const voter::QrCode& code, const QRect& area) {
  const int modules = code.width() + 2 * kQuietZone;
  const int size = std::max(1, std::min(area.width(), area.height()) / modules);
  const QPoint origin(area.x() + (area.width() - size * modules) / 2,
                      area.y() + (area.height() - size * modules) / 2);
  painter.fillRect(QRect(origin, QSize(size * modules, size * modules)), Qt::white);
  for (int y = 0; y < code.width(); ++y)
    for (int x = 0; x < code.width(); ++x)
      if (code.dark(x, y))
        painter.fillRect(origin.x() + (x + kQuietZone) * size, origin.y() + (y + kQuietZone) * size,
                         size, size, Qt::black);
}

}  // namespace

QrWidget::QrWidget(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  setFocusPolicy(Qt::NoFocus);
}

void QrWidget::set_code(std::shared_ptr<const voter::QrCode> code) {
  code_ = std::move(code);
  update();
}

void QrWidget::clear() {
  code_.reset();
  update();
}

QImage QrWidget::image(int module_pixels) const {
  if (!code_) return {};
  const int side = (code_->width() + 2 * kQuietZone) * module_pixels;
  QImage image(side, side, QImage::Format_RGB32);
  QPainter painter(&image);
  paint_code(painter, *code_, image.rect());
  return image;
}

void QrWidget::paintEvent(QPaintEvent*) {
  if (!code_) return;
  QPainter painter(this);
  paint_code(painter, *code_, rect());
}

}  // namespace evote::gui
