#include "evote/cli/program.hpp"

#include <cstdio>
#include <cstring>
#include <exception>

namespace evote::cli {

int run_program(int argc, char** argv, const std::string& program, const char* usage,
                const std::map<std::string, Command>& commands) {
  if (argc < 2 || std::strcmp(argv[1], "help") == 0 || std::strcmp(argv[1], "--help") == 0) {
    std::fputs(usage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  try {
    const Args args(argc, argv);
    auto it = commands.find(args.command());
    if (it == commands.end()) throw UsageError("unknown command \"" + args.command() + "\"");
    return it->second(args);
  } catch (const UsageError& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: %s\n(see %s help)\n", program.c_str(), e.what(), program.c_str());
    return 2;
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: %s\n", program.c_str(), e.what());
    return 1;
  }
}

}  // namespace evote::cli
