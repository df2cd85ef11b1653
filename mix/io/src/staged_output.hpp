// A stage's outputs (output, proof and, when signed, signature) are put in
// place together or not at all (internal to mix/io; specs/mix.md §10, "Order
// of writing"): each is written complete under a temporary name next to its
// target, and only when all are complete are they renamed into place, output
// first. A run that fails at any point leaves no output, no proof, no
// signature, no temporary file and no folder it created.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <vector>

namespace evote::mix::io {

// A file made under "<target>.tmp-<16 hex>" and renamed to its target by
// publish(). Destroyed unpublished, it removes the temporary file.
class StagedFile {
 public:
  explicit StagedFile(std::filesystem::path target);
  ~StagedFile();
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;

  const std::filesystem::path& target() const { return target_; }
  // Where to write the file (nothing exists there until the writer makes it).
  const std::filesystem::path& temp() const { return temp_; }

  // Renames the temporary file to the target, never replacing an existing
  // target (FormatError "<target>: already exists"), and fsyncs the folder.
  void publish();
  // Removes the published target again (its partner could not be published).
  void withdraw() noexcept;

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  bool published_ = false;
};

// Publishes the files in this order; if one fails, those published before
// it are withdrawn and the error passes on.
void publish_together(std::initializer_list<StagedFile*> files);

// Throws FormatError "<file>: folder <parent> does not exist" unless the
// folder that is to hold `file` exists.
void require_folder_of(const std::filesystem::path& file);

// Creates `folder` and any missing parents (mkdir -p). Unless keep() is
// called, the destructor removes the folders it created (deepest first;
// only empty ones), so a failed run leaves no folder behind.
class CreatedFolders {
 public:
  explicit CreatedFolders(const std::filesystem::path& folder);
  ~CreatedFolders();
  CreatedFolders(const CreatedFolders&) = delete;
  CreatedFolders& operator=(const CreatedFolders&) = delete;

  // The run succeeded: the folders stay (and their parents are fsynced).
  void keep();

 private:
  void remove_created() noexcept;
  std::vector<std::filesystem::path> created_;  // deepest first
  bool kept_ = false;
};

}  // namespace evote::mix::io
