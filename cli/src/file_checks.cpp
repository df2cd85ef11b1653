#include "file_checks.hpp"

#include <filesystem>
#include <stdexcept>

namespace evote::cli {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void problem(const std::string& path, const std::string& what) {
  throw std::runtime_error(path + ": " + what);
}

fs::file_status status_of(const std::string& path) {
  std::error_code error;
  return fs::status(path, error);
}

void must_be_file(const std::string& path) {
  const fs::file_status status = status_of(path);
  if (!fs::exists(status)) problem(path, "no such file");
  if (fs::is_directory(status)) problem(path, "is a folder, not a file");
  if (!fs::is_regular_file(status) && path != "/dev/stdin") problem(path, "is not a regular file");
}

void folder_must_exist(const std::string& path) {
  fs::path folder = fs::path(path).parent_path();
  if (folder.empty()) return;
  const fs::file_status status = status_of(folder.string());
  if (!fs::exists(status))
    problem(path, "cannot write: folder " + folder.string() + " does not exist");
  if (!fs::is_directory(status))
    problem(path, "cannot write: " + folder.string() + " is not a folder");
}

void check_output_file(const std::string& path, Kind kind, bool force) {
  std::error_code error;
  const fs::file_status status = fs::symlink_status(path, error);
  if (fs::is_directory(status)) problem(path, "is a folder; give the name of the file to write");
  folder_must_exist(path);
  if (kind == Kind::new_output) {
    if (fs::exists(status)) problem(path, "already exists");
    return;
  }
  check_output(path, kind == Kind::secret_output ? protocol::WriteMode::new_secret()
                                                 : protocol::WriteMode::public_output(force));
}

}  // namespace

void check_path(const std::string& path, Kind kind, bool force) {
  switch (kind) {
    case Kind::text:
    case Kind::number:
    case Kind::flag:
      return;
    case Kind::input_file:
    case Kind::edited_file:
      must_be_file(path);
      return;
    case Kind::input_folder: {
      const fs::file_status status = status_of(path);
      if (!fs::exists(status)) problem(path, "no such folder");
      if (!fs::is_directory(status)) problem(path, "is a file, not a folder");
      return;
    }
    case Kind::output_file:
    case Kind::new_output:
    case Kind::secret_output:
      check_output_file(path, kind, force);
      return;
    case Kind::output_folder: {
      const fs::file_status status = status_of(path);
      if (fs::exists(status) && !fs::is_directory(status)) problem(path, "is a file, not a folder");
      if (!fs::exists(status)) folder_must_exist(path);
      return;
    }
  }
}

}  // namespace evote::cli
