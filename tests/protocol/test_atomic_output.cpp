// The one file writer: an existing file is replaced only when the caller
// says so, a secret never; public files 0644, secrets 0600; the temporary
// name is "<target>.tmp-<16 hex>"; a failure leaves nothing behind.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <regex>

#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"
#include "support/temp_folder.hpp"

using namespace evote;
using namespace evote::protocol;
using evote::testing::read_whole_file;
using evote::testing::TempFolder;
using evote::testing::write_whole_file;

namespace {

auto has(std::string text) {
  return [text](const std::exception& e) {
    const bool ok = std::string(e.what()).find(text) != std::string::npos;
    if (!ok) BOOST_TEST_MESSAGE("message was: " << e.what());
    return ok;
  };
}

crypto::Bytes bytes(std::string_view text) { return crypto::Bytes(text.begin(), text.end()); }

unsigned permissions(const std::filesystem::path& path) {
  struct stat info {};
  BOOST_REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 0777;
}

std::size_t entries(const std::filesystem::path& folder) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) ++n;
  return n;
}

// Writes with umask 022 so the modes are the writer's, not the test runner's.
struct Umask022 {
  mode_t old = ::umask(022);
  ~Umask022() { ::umask(old); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(atomic_output)

BOOST_AUTO_TEST_CASE(public_files_are_0644_and_secrets_0600) {
  const Umask022 umask;
  TempFolder dir;
  write_file_atomic(dir / "config.json", bytes("{}"), WriteMode::new_public());
  write_file_atomic(dir / "share.json", bytes("{}"), WriteMode::new_secret());
  BOOST_TEST(permissions(dir / "config.json") == 0644u);
  BOOST_TEST(permissions(dir / "share.json") == 0600u);
  BOOST_TEST(entries(dir.path()) == 2u);
}

BOOST_AUTO_TEST_CASE(an_existing_file_is_refused_unless_replacing) {
  TempFolder dir;
  write_whole_file(dir / "out.json", bytes("old"));
  BOOST_CHECK_EXCEPTION(write_file_atomic(dir / "out.json", bytes("new"), WriteMode::new_public()),
                        FormatError, has("out.json: already exists"));
  BOOST_TEST(read_whole_file(dir / "out.json") == bytes("old"));
  write_file_atomic(dir / "out.json", bytes("new"), WriteMode::replace_public());
  BOOST_TEST(read_whole_file(dir / "out.json") == bytes("new"));
  BOOST_TEST(entries(dir.path()) == 1u);
}

BOOST_AUTO_TEST_CASE(an_existing_folder_is_refused_too) {
  TempFolder dir;
  std::filesystem::create_directory(dir / "out");
  BOOST_CHECK_EXCEPTION(write_file_atomic(dir / "out", bytes("x"), WriteMode::new_public()),
                        FormatError, has("already exists"));
  BOOST_TEST(std::filesystem::is_directory(dir / "out"));
}

BOOST_AUTO_TEST_CASE(a_secret_is_never_replaced) {
  TempFolder dir;
  write_whole_file(dir / "share.json", bytes("secret"));
  BOOST_CHECK_EXCEPTION(write_file_atomic(dir / "share.json", bytes("x"), WriteMode::new_secret()),
                        FormatError, has("share.json: already exists"));
  const WriteMode replace_secret{WriteMode::Access::secret_file, WriteMode::Existing::replace};
  BOOST_CHECK_THROW(AtomicOutput(dir / "share.json", replace_secret), std::logic_error);
  BOOST_TEST(read_whole_file(dir / "share.json") == bytes("secret"));
}

// The target appears while the output is being written: the rename refuses it.
BOOST_AUTO_TEST_CASE(a_file_that_appears_meanwhile_is_not_replaced) {
  TempFolder dir;
  AtomicOutput out(dir / "stage-1.proof");
  out.write(std::string_view("minutes of work"));
  write_whole_file(dir / "stage-1.proof", bytes("someone else's"));
  BOOST_CHECK_EXCEPTION(out.commit(), FormatError, has("stage-1.proof: already exists"));
  BOOST_TEST(read_whole_file(dir / "stage-1.proof") == bytes("someone else's"));
}

BOOST_AUTO_TEST_CASE(the_temporary_file_is_named_tmp_16_hex_and_removed_on_failure) {
  TempFolder dir;
  {
    AtomicOutput out(dir / "ballots.ctxt");
    out.write(std::string_view("part"));
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
      names.push_back(entry.path().filename().string());
    BOOST_REQUIRE_EQUAL(names.size(), 1u);
    BOOST_TEST(std::regex_match(names[0], std::regex(R"(ballots\.ctxt\.tmp-[0-9a-f]{16})")),
               names[0]);
  }  // not committed: the temporary file goes, nothing stays
  BOOST_TEST(entries(dir.path()) == 0u);
}

BOOST_AUTO_TEST_CASE(a_missing_folder_is_named) {
  TempFolder dir;
  BOOST_CHECK_EXCEPTION(
      write_file_atomic(dir / "nowhere" / "out.json", bytes("x"), WriteMode::new_public()),
      FormatError, has("nowhere/out.json: cannot write: create out.json.tmp-"));
  BOOST_TEST(!std::filesystem::exists(dir / "nowhere"));
}

BOOST_AUTO_TEST_CASE(reading_a_folder_says_so) {
  TempFolder dir;
  BOOST_CHECK_EXCEPTION(read_file(dir.path()), FormatError, has("is a folder, not a file"));
}

BOOST_AUTO_TEST_SUITE_END()
