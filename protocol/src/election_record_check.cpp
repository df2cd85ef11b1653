// Checking a record folder against its manifest (election_record.hpp).
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "evote/protocol/election_record.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"

namespace evote::protocol {

namespace {

using crypto::Verdict;

Verdict refuse(std::string_view path, const std::string& problem) {
  return Verdict::fail("election record: file \"" + std::string(path) + "\": " + problem);
}

// Walks the path one component at a time with lstat, so that a symbolic
// link anywhere (which could point out of the folder) is refused.
Verdict check_reachable(const std::filesystem::path& folder, const RecordFile& file,
                        struct stat& st) {
  std::filesystem::path at = folder;
  const std::filesystem::path relative(file.path);
  for (auto it = relative.begin(); it != relative.end(); ++it) {
    at /= *it;
    if (::lstat(at.c_str(), &st) != 0) {
      return refuse(file.path, errno == ENOENT ? "missing" : std::strerror(errno));
    }
    if (S_ISLNK(st.st_mode)) return refuse(file.path, "reached through a symbolic link");
    const bool last = std::next(it) == relative.end();
    if (!last && !S_ISDIR(st.st_mode)) return refuse(file.path, it->string() + " is not a folder");
    if (last && !S_ISREG(st.st_mode)) return refuse(file.path, "not a regular file");
  }
  return Verdict::pass();
}

Verdict check_file(const std::filesystem::path& folder, const RecordFile& file) {
  if (!is_record_path(file.path)) return refuse(file.path, "not a path inside the record folder");
  struct stat st {};
  Verdict v = check_reachable(folder, file, st);
  if (!v) return v;
  if (static_cast<std::uint64_t>(st.st_size) != file.size) {
    return refuse(file.path, "size " + std::to_string(st.st_size) + " bytes, the manifest says " +
                                 std::to_string(file.size));
  }
  try {
    const FileDigest digest = hash_file(folder / file.path);
    if (digest.size != file.size || digest.hash != file.hash) {
      return refuse(file.path, "hash differs from the manifest (the file was altered)");
    }
  } catch (const FormatError& e) {
    return refuse(file.path, e.what());
  }
  return Verdict::pass();
}

// Anything in the folder that the manifest does not list.
Verdict check_unlisted(const std::filesystem::path& folder, const ElectionRecord& record,
                       std::string_view manifest_name) {
  std::set<std::string, std::less<>> listed;
  for (const auto& f : record.files) listed.insert(f.path);
  std::error_code ec;
  std::filesystem::recursive_directory_iterator it(folder, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string relative = std::filesystem::relative(it->path(), folder).generic_string();
    if (it->is_directory(ec) && !it->is_symlink(ec)) continue;
    if (relative == manifest_name || listed.contains(relative)) continue;
    return refuse(relative, "not listed in the manifest");
  }
  if (ec)
    return Verdict::fail("election record: cannot list " + folder.string() + ": " + ec.message());
  return Verdict::pass();
}

}  // namespace

Verdict check_record_folder(const std::filesystem::path& folder, const ElectionRecord& record,
                            std::string_view manifest_name) {
  for (const RecordFile& file : record.files) {
    Verdict v = check_file(folder, file);
    if (!v) return v;
  }
  return check_unlisted(folder, record, manifest_name);
}

}  // namespace evote::protocol
