// What a command of an evote program was given, after the command line has
// been parsed and checked (program.hpp): every required option is present,
// no unknown option was given, input files exist, outputs may be written.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "evote/protocol/atomic_output.hpp"

namespace evote::cli {

// A mistake in how the command was called (exit status 2).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Args {
 public:
  Args(std::string command, std::map<std::string, std::string> options, std::set<std::string> flags,
       std::vector<std::string> files);

  const std::string& command() const { return command_; }
  const std::vector<std::string>& files() const { return files_; }
  // The value of a required option (run_program has checked it is there).
  std::string required(const std::string& name) const;
  std::optional<std::string> optional(const std::string& name) const;
  bool flag(const std::string& name) const { return flags_.count(name) != 0; }
  // --force: existing public outputs may be replaced (never secrets).
  bool force() const { return flag("force"); }
  // How to write a public output of this command (refuse or, with --force, replace).
  protocol::WriteMode public_output() const { return protocol::WriteMode::public_output(force()); }
  // A whole number option in [low, high]; UsageError naming the option otherwise.
  std::uint64_t number(const std::string& name, std::uint64_t low, std::uint64_t high) const;
  std::optional<std::uint64_t> optional_number(const std::string& name, std::uint64_t low,
                                               std::uint64_t high) const;

 private:
  std::string command_;
  std::map<std::string, std::string> options_;
  std::set<std::string> flags_;
  std::vector<std::string> files_;
};

// A whole number in [low, high] or UsageError("<what> must be a whole number
// from <low> to <high>, got \"<text>\"").
std::uint64_t parse_number(const std::string& text, const std::string& what, std::uint64_t low,
                           std::uint64_t high);

}  // namespace evote::cli
