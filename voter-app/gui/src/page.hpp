// One step of the voting window. A page builds its controls once, sets
// every visible text, accessible name and description in retranslate()
// (called at construction and on each QEvent::LanguageChange), and says
// which control gets the keyboard focus when it is shown.
#pragma once

#include <QEvent>
#include <QWidget>

namespace evote::gui {

class Page : public QWidget {
  Q_OBJECT

 public:
  using QWidget::QWidget;
  virtual void retranslate() = 0;
  virtual void focus_first() = 0;

 protected:
  void changeEvent(QEvent* event) override {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
  }
};

// Sets a control's accessible name and description in one call.
inline void describe(QWidget* widget, const QString& name, const QString& description) {
  widget->setAccessibleName(name);
  widget->setAccessibleDescription(description);
}

}  // namespace evote::gui
