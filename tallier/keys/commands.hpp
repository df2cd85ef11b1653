// evote-keys commands. Each returns the exit status (0 success, 1 a failed
// check); errors are thrown and reported by main.cpp.
#pragma once

#include "evote/cli/args.hpp"

namespace evote::keys {

int cmd_trustee_init(const cli::Args& args);
int cmd_deal(const cli::Args& args);
int cmd_receive(const cli::Args& args);
int cmd_answer(const cli::Args& args);
int cmd_finish(const cli::Args& args);
int cmd_publish_key(const cli::Args& args);
int cmd_verify_ceremony(const cli::Args& args);
int cmd_partial_decrypt(const cli::Args& args);
int cmd_combine(const cli::Args& args);

}  // namespace evote::keys
