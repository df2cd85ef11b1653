#include "evote/protocol/files.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "evote/protocol/error.hpp"

namespace evote::protocol {

crypto::Bytes read_file(const std::filesystem::path& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw FormatError(path.string() + ": cannot read: is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FormatError(path.string() + ": cannot read: " + std::strerror(errno));
  crypto::Bytes out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw FormatError(path.string() + ": cannot read: I/O error");
  return out;
}

void write_file_atomic(const std::filesystem::path& path, crypto::BytesView bytes, WriteMode mode) {
  AtomicOutput out(path, mode);
  out.write(bytes);
  out.commit();
}

void save_canonical(const std::filesystem::path& path, const Json& document, WriteMode mode) {
  write_file_atomic(path, canonical_bytes(document), mode);
}

}  // namespace evote::protocol
