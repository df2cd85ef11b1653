// A name of the election config in the voter's language: the language's
// own when the config has it, else Estonian (always present).
#pragma once

#include <QString>

#include "evote/protocol/election_config.hpp"

namespace evote::gui {

inline QString localized(const protocol::Names& names, const QString& language) {
  if (auto it = names.find(language.toStdString()); it != names.end())
    return QString::fromStdString(it->second);
  if (auto it = names.find("et"); it != names.end()) return QString::fromStdString(it->second);
  return names.empty() ? QString() : QString::fromStdString(names.begin()->second);
}

}  // namespace evote::gui
