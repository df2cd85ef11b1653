// The one way evote writes a file: the bytes go to "<target>.tmp-<16 hex>"
// in the same folder, which is fsynced and then renamed to the target (and
// the folder fsynced), so a crash leaves either nothing (or the old file)
// or the complete new one, never a part of it.
//
// Whether an existing target may be replaced is the caller's explicit
// choice (WriteMode). Refusal is checked twice: when the output is opened
// (before any work goes into it) and atomically at the rename
// (renameat2 RENAME_NOREPLACE), so a file that appears meanwhile is not
// lost either. Secrets are never replaced.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "evote/crypto/bytes.hpp"

namespace evote::protocol {

struct WriteMode {
  enum class Access { public_file, secret_file };  // mode 0644 / 0600 (less the umask)
  enum class Existing { refuse, replace };
  Access access = Access::public_file;
  Existing existing = Existing::refuse;

  // A new public document (config, voter list, ceremony file, proof, ...).
  static constexpr WriteMode new_public() { return {Access::public_file, Existing::refuse}; }
  // A public document that may replace an older one (a draft being edited,
  // an output given with --force).
  static constexpr WriteMode replace_public() { return {Access::public_file, Existing::replace}; }
  // A secret (sealed key, key share): never replaces anything.
  static constexpr WriteMode new_secret() { return {Access::secret_file, Existing::refuse}; }
  // new_public() or replace_public(), as a --force option says.
  static constexpr WriteMode public_output(bool force) {
    return force ? replace_public() : new_public();
  }
};

// Throws FormatError("<path>: already exists") when `mode` refuses an
// existing target and `path` exists (as anything: file, folder, link).
void refuse_existing(const std::filesystem::path& path, WriteMode mode);

// For a file written in pieces (ballot box, ciphertext arrays, proofs).
// Every I/O failure throws FormatError("<path>: cannot write: <reason>").
class AtomicOutput {
 public:
  // Checks refuse_existing, then creates the temporary file. A secret with
  // Existing::replace is a programming error (std::logic_error).
  explicit AtomicOutput(std::filesystem::path target, WriteMode mode = WriteMode::new_public());
  ~AtomicOutput();  // removes the temporary file unless committed
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  void write(crypto::BytesView bytes);
  void write(std::string_view text);
  // Flushes, fsyncs, renames to the target (refusing an existing one unless
  // the mode replaces) and fsyncs the folder.
  void commit();

  const std::filesystem::path& target() const { return target_; }
  std::uint64_t bytes_written() const { return written_; }

 private:
  void flush();
  void rename_into_place();
  std::filesystem::path target_;
  std::filesystem::path temp_;
  WriteMode mode_;
  int fd_ = -1;
  bool committed_ = false;
  std::uint64_t written_ = 0;
  crypto::Bytes buffer_;
};

}  // namespace evote::protocol
