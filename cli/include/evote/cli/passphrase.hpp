// Passphrases for sealed keys: from a file (--passphrase-file, first line) or
// typed at the terminal with echo off. Never from the command line itself.
#pragma once

#include <optional>
#include <string>

#include "evote/crypto/secret_bytes.hpp"

namespace evote::cli {

// `confirm`: ask twice at the terminal (new keys). Throws UsageError when
// there is neither a file nor a terminal, or the typed passphrase is empty;
// std::runtime_error naming the file when the file's first line is empty.
crypto::SecretBytes read_passphrase(const std::optional<std::string>& passphrase_file,
                                    const std::string& prompt, bool confirm);

std::string_view as_text(const crypto::SecretBytes& secret);

}  // namespace evote::cli
