// `show` for voter lists and paper-vote lists.
#pragma once

#include <string>

namespace evote::admin {

// Prints a summary if `type` is a list document; false for other types.
bool show_list(const std::string& type, const std::string& path);

}  // namespace evote::admin
