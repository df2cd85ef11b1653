// The first page: what the app does, which server it will talk to, and the
// Connect button (the config is fetched and its organizer signature
// checked before anything else).
#pragma once

#include <QLabel>
#include <QPushButton>

#include "page.hpp"

namespace evote::gui {

class ConnectPage : public Page {
  Q_OBJECT

 public:
  ConnectPage(const QString& collector_url, QWidget* parent = nullptr);
  void retranslate() override;
  void focus_first() override { connect_->setFocus(); }

 signals:
  void connect_requested();

 private:
  QString collector_url_;
  QLabel* title_;
  QLabel* intro_;
  QLabel* server_;
  QPushButton* connect_;
};

}  // namespace evote::gui
