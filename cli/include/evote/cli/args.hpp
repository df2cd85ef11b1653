// Command-line arguments of the evote programs: `evote-PROGRAM COMMAND [--name value]... [FILE]...`.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace evote::cli {

// A mistake in how the command was called (exit status 2).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Args {
 public:
  // argv[1] is the command; throws UsageError for "--name" without a value
  // or a repeated option.
  Args(int argc, char** argv);

  const std::string& command() const { return command_; }
  const std::vector<std::string>& files() const { return positional_; }
  std::string required(const std::string& name) const;
  std::optional<std::string> optional(const std::string& name) const;
  // Throws UsageError naming an option the command does not take.
  void allow_only(std::initializer_list<const char*> names) const;

 private:
  std::string command_;
  std::map<std::string, std::string> options_;
  std::vector<std::string> positional_;
};

}  // namespace evote::cli
