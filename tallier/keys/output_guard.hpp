// What an evote-keys output may never replace, --force or not
// (specs/keys.md §12): a secret (a trustee's identity.key or share.json, any
// file holding a "trustee-identity", "key-share" or "sealed-signing-key"
// document) and the files the command itself reads. run_program has already
// refused an existing output without --force; this check is for the rest,
// and runs first in the command, before any file is read or passphrase asked.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace evote::keys {

// An input of the command, named as the user gave it ("--config").
struct NamedInput {
  std::string option;
  std::filesystem::path path;
};

// Throws std::runtime_error naming `out` and the reason when it is, or
// would replace, a trustee secret (`trustee_dir`'s identity.key or
// share.json, or any existing file whose content is one of the secret
// documents above or that is named identity.key or share.json), or is one
// of `inputs` (the same file, however named). Reads at most the first
// 1 MiB of an existing `out`.
void refuse_unsafe_output(const std::filesystem::path& out, const std::vector<NamedInput>& inputs,
                          const std::optional<std::filesystem::path>& trustee_dir);

}  // namespace evote::keys
