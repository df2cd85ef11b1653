// evote-admin uses the shared command-line helpers (cli/).
#pragma once

#include "evote/cli/args.hpp"
#include "evote/cli/passphrase.hpp"

namespace evote::admin {
using cli::Args;
using cli::as_text;
using cli::read_passphrase;
using cli::UsageError;
}  // namespace evote::admin
