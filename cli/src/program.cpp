#include "evote/cli/program.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <set>

#include "file_checks.hpp"

#ifndef EVOTE_VERSION
#define EVOTE_VERSION "unknown"
#endif

namespace evote::cli {

OptionSpec required_option(std::string name, std::string value_name, std::string help, Kind kind) {
  return {std::move(name), std::move(value_name), std::move(help), kind, true};
}

OptionSpec optional_option(std::string name, std::string value_name, std::string help, Kind kind) {
  return {std::move(name), std::move(value_name), std::move(help), kind, false};
}

OptionSpec flag_option(std::string name, std::string help) {
  return {std::move(name), "", std::move(help), Kind::flag, false};
}

OptionSpec number_option(std::string name, std::string value_name, std::string help,
                         std::uint64_t low, std::uint64_t high, bool required) {
  OptionSpec option{std::move(name), std::move(value_name), std::move(help), Kind::number,
                    required};
  option.low = low;
  option.high = high;
  return option;
}

const char* version() { return EVOTE_VERSION; }

namespace {

bool has_public_output(const CommandSpec& command) {
  for (const OptionSpec& option : command.options)
    if (option.kind == Kind::output_file) return true;
  if (command.files)
    for (const auto& [name, kind] : command.files->fixed)
      if (kind == Kind::output_file) return true;
  return false;
}

// The command's options as the user sees them: the declared ones, then
// --force where a public output can be replaced.
std::vector<OptionSpec> all_options(const CommandSpec& command) {
  std::vector<OptionSpec> options = command.options;
  if (has_public_output(command)) {
    std::string outputs;
    for (const OptionSpec& option : command.options)
      if (option.kind == Kind::output_file)
        outputs += (outputs.empty() ? "" : ", ") + option.value_name;
    if (command.files)
      for (const auto& [name, kind] : command.files->fixed)
        if (kind == Kind::output_file) outputs += (outputs.empty() ? "" : ", ") + name;
    options.push_back(
        flag_option("force", "replace " + outputs + " if it exists (never a secret)"));
  }
  return options;
}

std::string synopsis(const std::string& program, const CommandSpec& command) {
  std::string line = program + " " + command.name;
  for (const OptionSpec& option : all_options(command)) {
    std::string word =
        "--" + option.name + (option.kind == Kind::flag ? "" : " " + option.value_name);
    line += option.required ? " " + word : " [" + word + "]";
  }
  if (command.files && !command.files->fixed.empty()) {
    for (const auto& [name, kind] : command.files->fixed) line += " " + name;
  } else if (command.files) {
    const std::string& name = command.files->value_name;
    const std::string dots = command.files->maximum == 1 ? "" : "...";
    line += command.files->minimum == 0 ? " [" + name + dots + "]" : " " + name + dots;
  }
  return line;
}

std::string command_help(const ProgramSpec& program, const CommandSpec& command) {
  std::string text = "usage: " + synopsis(program.name, command) + "\n\n" + command.summary + "\n";
  std::vector<std::pair<std::string, std::string>> rows;
  for (const OptionSpec& option : all_options(command))
    rows.emplace_back(
        "--" + option.name + (option.kind == Kind::flag ? "" : " " + option.value_name),
        option.help);
  if (command.files && command.files->fixed.empty()) {
    rows.emplace_back(command.files->value_name + (command.files->maximum == 1 ? "" : "..."),
                      command.files->help);
  } else if (command.files) {
    std::string names;
    for (const auto& [name, kind] : command.files->fixed)
      names += (names.empty() ? "" : " ") + name;
    rows.emplace_back(names, command.files->help);
  }
  if (!rows.empty()) {
    std::size_t width = 0;
    for (const auto& row : rows) width = std::max(width, row.first.size());
    text += "\noptions:\n";
    for (const auto& [left, right] : rows)
      text += "  " + left + std::string(width - left.size() + 2, ' ') + right + "\n";
  }
  text += "\nexample:\n  " + program.name + " " + command.example + "\n";
  return text;
}

std::string program_help(const ProgramSpec& program) {
  std::string text =
      "usage: " + program.name + " COMMAND [options] [files]\n\n" + program.summary + "\n";
  std::string section = "\x01";
  std::size_t width = 0;
  for (const CommandSpec& command : program.commands) width = std::max(width, command.name.size());
  for (const CommandSpec& command : program.commands) {
    if (command.section != section) {
      section = command.section;
      text += "\n" + section + ":\n";
    }
    text += "  " + command.name + std::string(width - command.name.size() + 2, ' ') +
            command.summary + "\n";
  }
  text += "\n" + program.name +
          " help COMMAND (or COMMAND --help) prints a command's options and an example.\n";
  text += "Exit status: 0 done (or PASS), 1 bad input or FAIL, 2 wrong usage.\n";
  if (!program.footer.empty()) text += program.footer;
  return text;
}

const CommandSpec* find_command(const ProgramSpec& program, const std::string& name) {
  for (const CommandSpec& command : program.commands)
    if (command.name == name) return &command;
  return nullptr;
}

bool asks_for_help(int argc, char** argv) {
  for (int i = 2; i < argc; ++i)
    if (std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--help") == 0) return true;
  return false;
}

// Parses "COMMAND [options] [files]" with CLI11. Throws UsageError.
Args parse_command(const CommandSpec& command, int argc, char** argv) {
  CLI::App app{command.summary, command.name};
  app.set_help_flag();
  app.allow_extras();
  const std::vector<OptionSpec> options = all_options(command);
  std::map<std::string, std::string> values;
  std::map<std::string, bool> flags;
  std::map<std::string, CLI::Option*> parsed;
  for (const OptionSpec& option : options) {
    if (option.kind == Kind::flag) {
      parsed[option.name] = app.add_flag("--" + option.name, flags[option.name], option.help);
    } else {
      parsed[option.name] = app.add_option("--" + option.name, values[option.name], option.help);
    }
  }
  // An unknown option is named first: it explains a "missing" one better.
  for (int i = 2; i < argc; ++i) {
    const std::string word = argv[i];
    if (word.rfind("--", 0) != 0) continue;
    const std::string name = word.substr(
        2, word.find('=') == std::string::npos ? std::string::npos : word.find('=') - 2);
    bool known = false;
    for (const OptionSpec& option : options) known = known || option.name == name;
    if (!known) throw UsageError(command.name + ": unknown option --" + name);
  }
  std::vector<std::string> words;
  for (int i = argc - 1; i >= 2; --i) words.emplace_back(argv[i]);  // CLI11 takes them reversed
  try {
    app.parse(words);
  } catch (const CLI::ParseError& e) {
    throw UsageError(command.name + ": " + e.what());
  }
  for (const OptionSpec& option : options)
    if (option.required && parsed[option.name]->count() == 0)
      throw UsageError(command.name + ": missing --" + option.name);
  std::vector<std::string> files;
  for (const std::string& extra : app.remaining()) {
    if (extra.rfind("-", 0) == 0 && extra.size() > 1)
      throw UsageError(command.name + ": unknown option " + extra);
    files.push_back(extra);
  }
  if (!command.files && !files.empty())
    throw UsageError(command.name + ": unexpected argument \"" + files.front() + "\"");
  if (command.files && !command.files->fixed.empty()) {
    const auto& fixed = command.files->fixed;
    if (files.size() < fixed.size())
      throw UsageError(command.name + ": missing " + fixed[files.size()].first);
    if (files.size() > fixed.size())
      throw UsageError(command.name + ": unexpected argument \"" + files[fixed.size()] + "\"");
  } else if (command.files) {
    if (files.size() < command.files->minimum)
      throw UsageError(command.name + ": missing " + command.files->value_name);
    if (command.files->maximum != 0 && files.size() > command.files->maximum)
      throw UsageError(command.name + ": unexpected argument \"" + files[command.files->maximum] +
                       "\"");
  }
  std::map<std::string, std::string> given;
  std::set<std::string> given_flags;
  for (const OptionSpec& option : options) {
    if (parsed[option.name]->count() == 0) continue;
    if (option.kind == Kind::flag) {
      if (flags[option.name]) given_flags.insert(option.name);
    } else {
      if (option.kind == Kind::number)
        parse_number(values[option.name], "--" + option.name, option.low, option.high);
      given.emplace(option.name, values[option.name]);
    }
  }
  return Args(command.name, std::move(given), std::move(given_flags), std::move(files));
}

// Every named file is checked before the command runs (file_checks.hpp).
void check_files(const CommandSpec& command, const Args& args) {
  for (const OptionSpec& option : command.options) {
    const std::optional<std::string> value =
        option.kind == Kind::flag ? std::nullopt : args.optional(option.name);
    if (value) check_path(*value, option.kind, args.force());
  }
  if (!command.files) return;
  for (std::size_t i = 0; i < args.files().size(); ++i) {
    const Kind kind =
        command.files->fixed.empty() ? command.files->kind : command.files->fixed[i].second;
    check_path(args.files()[i], kind, args.force());
  }
}

int fail(const ProgramSpec& program, const std::string& message, const std::string& command) {
  std::fflush(stdout);
  std::fprintf(stderr, "%s: %s\n(see %s help%s)\n", program.name.c_str(), message.c_str(),
               program.name.c_str(), command.empty() ? "" : (" " + command).c_str());
  return 2;
}

}  // namespace

void check_output(const std::filesystem::path& path, protocol::WriteMode mode) {
  if (mode.existing == protocol::WriteMode::Existing::replace) return;
  std::error_code error;
  if (!std::filesystem::exists(std::filesystem::symlink_status(path, error))) return;
  throw std::runtime_error(
      path.string() + ": already exists" +
      (mode.access == protocol::WriteMode::Access::public_file
           ? "; give --force to replace it"
           : " and holds a secret: it is never replaced (move it away first)"));
}

int run_program(int argc, char** argv, const ProgramSpec& program) {
  if (argc < 2) {
    std::fputs(program_help(program).c_str(), stderr);
    return 2;
  }
  const std::string first = argv[1];
  if (first == "help" || first == "-h" || first == "--help") {
    if (argc < 3) {
      std::fputs(program_help(program).c_str(), stdout);
      return 0;
    }
    const CommandSpec* command = find_command(program, argv[2]);
    if (!command) return fail(program, "unknown command \"" + std::string(argv[2]) + "\"", "");
    std::fputs(command_help(program, *command).c_str(), stdout);
    return 0;
  }
  if (first == "--version" || first == "version") {
    std::printf("%s (evote) %s\n", program.name.c_str(), version());
    return 0;
  }
  const CommandSpec* command = find_command(program, first);
  if (!command) return fail(program, "unknown command \"" + first + "\"", "");
  if (asks_for_help(argc, argv)) {
    std::fputs(command_help(program, *command).c_str(), stdout);
    return 0;
  }
  try {
    const Args args = parse_command(*command, argc, argv);
    check_files(*command, args);
    return command->run(args);
  } catch (const UsageError& e) {
    return fail(program, e.what(), command->name);
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: %s\n", program.name.c_str(), e.what());
    return 1;
  }
}

}  // namespace evote::cli
