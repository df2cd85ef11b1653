// The main() of every evote command-line program. A program is a table of
// commands; each command declares its options, and run_program parses the
// command line (CLI11), checks it and the files it names, and only then runs
// the command, so a wrong call or a missing file is reported before any
// passphrase is asked or any work is done.
//
//   PROGRAM                      usage on stderr, exit 2
//   PROGRAM help | -h | --help   the program's usage
//   PROGRAM help COMMAND         that command's usage with an example
//   PROGRAM COMMAND -h|--help    the same
//   PROGRAM --version            "PROGRAM (evote) X.Y.Z"
//   PROGRAM COMMAND [options] [files]
//
// Exit status: the command's own (0 done / PASS, 1 FAIL); 1 for bad input
// (any error the command or the file checks throw, message on stderr
// prefixed with the program's name); 2 for wrong usage only (UsageError,
// unknown command or option, missing option, a bad number).
//
// Kind::number options are whole numbers in [low, high], checked with the
// usage (exit 2) before any file is looked at.
//
// File checks by option kind, each naming the path and the problem:
//   input_file     exists and is a file ("is a folder, not a file", "no such file")
//   input_folder   exists and is a folder
//   edited_file    an existing file the command rewrites in place (a draft)
//   output_file    a public output: refused when it exists ("already exists;
//                  give --force to replace it"); --force is added to the
//                  command's options and replaces it; its folder must exist
//   new_output     a public output the command never replaces (no --force)
//   secret_output  a secret (sealed key, share): refused when it exists,
//                  whatever --force says
//   output_folder  a folder the command creates if missing, or an existing folder
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "evote/cli/args.hpp"

namespace evote::cli {

enum class Kind {
  text,
  number,
  input_file,
  input_folder,
  edited_file,
  output_file,
  new_output,
  secret_output,
  output_folder,
  flag
};

struct OptionSpec {
  std::string name;        // without "--"
  std::string value_name;  // e.g. "FILE" (unused for flags)
  std::string help;
  Kind kind = Kind::text;
  bool required = true;
  std::uint64_t low = 0, high = 0;  // Kind::number: the allowed range, checked with the usage
};

// Helpers that read well in a command table.
OptionSpec required_option(std::string name, std::string value_name, std::string help,
                           Kind kind = Kind::text);
OptionSpec optional_option(std::string name, std::string value_name, std::string help,
                           Kind kind = Kind::text);
OptionSpec flag_option(std::string name, std::string help);
OptionSpec number_option(std::string name, std::string value_name, std::string help,
                         std::uint64_t low, std::uint64_t high, bool required);

// Positional arguments: FILE... all of one kind, or (with `fixed`) exactly
// these arguments, each with its own name and kind (e.g. IN OUT).
struct FilesSpec {
  std::string value_name;  // e.g. "FILE"
  std::string help;
  Kind kind = Kind::input_file;
  std::size_t minimum = 1;
  std::size_t maximum = 0;  // 0: any number
  std::vector<std::pair<std::string, Kind>> fixed = {};
};

using Command = std::function<int(const Args&)>;

struct CommandSpec {
  std::string name;
  std::string section;  // heading in the program's usage
  std::string summary;  // one line
  std::vector<OptionSpec> options;
  std::optional<FilesSpec> files;
  std::string example;  // one real command line, without the program name
  Command run;
};

struct ProgramSpec {
  std::string name;     // e.g. "evote-admin"
  std::string summary;  // what the program is for, one line
  std::string footer;   // notes printed after the command list
  std::vector<CommandSpec> commands;
};

int run_program(int argc, char** argv, const ProgramSpec& program);

// For outputs a command names itself (a file inside a folder option):
// throws "<path>: already exists" (with "; give --force to replace it" when
// `mode` could be forced) unless `mode` replaces. Call before any work.
void check_output(const std::filesystem::path& path, protocol::WriteMode mode);

// The version every program prints.
const char* version();

}  // namespace evote::cli
