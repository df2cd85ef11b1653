// Quoting voter-supplied text in messages: at most 40 characters, printable
// ASCII kept, everything else as \xHH, so a message stays one short line.
#pragma once

#include <string>
#include <string_view>

namespace evote::collector::auth {

std::string quote_text(std::string_view text);

}  // namespace evote::collector::auth
