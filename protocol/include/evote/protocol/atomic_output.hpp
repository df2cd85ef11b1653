// Writing files so that nothing half-written is ever seen under the final
// name: the bytes go to a temporary file in the same folder, which is
// fsynced and then renamed over the target (and the folder fsynced), so a
// crash leaves either the old file or the complete new one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "evote/crypto/bytes.hpp"

namespace evote::protocol {

// For a file written in pieces (ballot box, ciphertext arrays); whole files
// go through files.hpp write_file_atomic. Every I/O failure throws
// FormatError("<path>: cannot write: <reason>").
class AtomicOutput {
 public:
  // Creates "<target>.tmp-<random>" next to the target (mode 0600).
  explicit AtomicOutput(std::filesystem::path target);
  ~AtomicOutput();  // removes the temporary file unless committed
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  void write(crypto::BytesView bytes);
  void write(std::string_view text);
  // Flushes, fsyncs, renames to the target and fsyncs the folder.
  void commit();

  const std::filesystem::path& target() const { return target_; }
  std::uint64_t bytes_written() const { return written_; }

 private:
  void flush();
  std::filesystem::path target_;
  std::filesystem::path temp_;
  int fd_ = -1;
  bool committed_ = false;
  std::uint64_t written_ = 0;
  crypto::Bytes buffer_;
};

}  // namespace evote::protocol
