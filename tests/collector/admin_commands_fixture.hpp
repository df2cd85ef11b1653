// Running evote-admin's collector commands (specs/collector-admin.md) as the
// real program, for test_collector_commands*.cpp: the organizer's sealed key
// and passphrase file in a folder, a signed config written with edits, and
// the command line.
#pragma once

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <string>

#include "collector_fixture.hpp"
#include "evote/crypto/passphrase_seal.hpp"
#include "evote/protocol/key_file.hpp"

namespace evote::testing {

inline const std::string kAdmin = EVOTE_ADMIN_BIN;
inline const std::string kKeyPassphrase = "organizer passphrase";

// Seals `key` into <dir>/<name> and writes <dir>/key-passphrase.txt.
inline void write_sealed_key(const std::filesystem::path& dir, const std::string& name,
                             const crypto::Ed25519SigningKey& key) {
  const auto sealed = protocol::seal_signing_key(key, "organizer", kKeyPassphrase,
                                                 crypto::Argon2Cost::interactive());
  write_text(dir / name, protocol::canonical_string(protocol::to_json(sealed)));
  write_text(dir / "key-passphrase.txt", kKeyPassphrase + "\n");
}

// `config` signed by `signer`, written to `path`.
inline void write_signed_config(const std::filesystem::path& path,
                                const protocol::ElectionConfig& config,
                                const crypto::Ed25519SigningKey& signer) {
  protocol::Json document = protocol::to_json(config);
  protocol::sign_document(document, signer);
  write_text(path, protocol::canonical_string(document));
}

inline std::string admin_url(int port) { return "https://127.0.0.1:" + std::to_string(port); }

// evote-admin COMMAND --collector URL --config CONFIG --key KEY
// --passphrase-file <key's folder>/key-passphrase.txt EXTRA (stdout and stderr).
inline ProgramRun run_admin(const std::string& command, const std::string& url,
                            const std::filesystem::path& config, const std::filesystem::path& key,
                            const std::string& extra = "") {
  return run_program(shell_quote(kAdmin) + " " + command + " --collector " + url + " --config " +
                     shell_quote(config) + " --key " + shell_quote(key) + " --passphrase-file " +
                     shell_quote(key.parent_path() / "key-passphrase.txt") + " " + extra + " 2>&1");
}

// Exit status 1 and `text` in what the program printed.
inline void expect_admin_failure(const ProgramRun& run, const std::string& text) {
  BOOST_TEST_MESSAGE("evote-admin said: " << run.output);
  BOOST_TEST(run.status == 1, run.output);
  BOOST_TEST(run.output.find(text) != std::string::npos,
             "expected \"" << text << "\" in: " << run.output);
}

inline void expect_admin_success(const ProgramRun& run, const std::string& text) {
  BOOST_TEST(run.status == 0, run.output);
  BOOST_TEST(run.output.find(text) != std::string::npos,
             "expected \"" << text << "\" in: " << run.output);
}

}  // namespace evote::testing
