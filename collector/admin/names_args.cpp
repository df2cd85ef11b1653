#include "names_args.hpp"

namespace evote::admin {

protocol::Names names_from_args(const Args& args) {
  protocol::Names names{{"et", args.required("name-et")}};
  if (auto en = args.optional("name-en")) names["en"] = *en;
  if (auto ru = args.optional("name-ru")) names["ru"] = *ru;
  for (const auto& [language, name] : names) {
    if (name.empty()) throw UsageError("--name-" + language + " is empty");
  }
  return names;
}

}  // namespace evote::admin
