#include "evote/cli/args.hpp"

#include <charconv>

namespace evote::cli {

Args::Args(std::string command, std::map<std::string, std::string> options,
           std::set<std::string> flags, std::vector<std::string> files)
    : command_(std::move(command)),
      options_(std::move(options)),
      flags_(std::move(flags)),
      files_(std::move(files)) {}

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

std::uint64_t Args::number(const std::string& name, std::uint64_t low, std::uint64_t high) const {
  return parse_number(required(name), "--" + name, low, high);
}

std::optional<std::uint64_t> Args::optional_number(const std::string& name, std::uint64_t low,
                                                   std::uint64_t high) const {
  if (auto text = optional(name)) return parse_number(*text, "--" + name, low, high);
  return std::nullopt;
}

std::uint64_t parse_number(const std::string& text, const std::string& what, std::uint64_t low,
                           std::uint64_t high) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end || value < low || value > high) {
    throw UsageError(what + " must be a whole number from " + std::to_string(low) + " to " +
                     std::to_string(high) + ", got \"" + text + "\"");
  }
  return value;
}

}  // namespace evote::cli
