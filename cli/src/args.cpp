#include "evote/cli/args.hpp"

namespace evote::cli {

Args::Args(int argc, char** argv) {
  if (argc < 2) throw UsageError("no command given");
  command_ = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0) {
      positional_.push_back(arg);
      continue;
    }
    if (i + 1 >= argc) throw UsageError("option " + arg + " needs a value");
    const std::string name = arg.substr(2);
    if (!options_.emplace(name, argv[++i]).second) throw UsageError("option " + arg + " given twice");
  }
}

std::string Args::required(const std::string& name) const {
  auto it = options_.find(name);
  if (it == options_.end()) throw UsageError(command_ + ": missing --" + name);
  return it->second;
}

std::optional<std::string> Args::optional(const std::string& name) const {
  auto it = options_.find(name);
  if (it == options_.end()) return std::nullopt;
  return it->second;
}

void Args::allow_only(std::initializer_list<const char*> names) const {
  for (const auto& [name, value] : options_) {
    bool known = false;
    for (const char* allowed : names) known = known || name == allowed;
    if (!known) throw UsageError(command_ + ": unknown option --" + name);
  }
}

}  // namespace evote::cli
