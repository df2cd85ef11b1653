// evote-tally record (specs/record.md §2): the public files of a finished
// tally folder, with the config and the key ceremony file, copied into the
// election record folder, listed with their roles and hashes in a manifest
// signed by the tally key.
#include <algorithm>
#include <iostream>

#include "commands.hpp"
#include "evote/crypto/random.hpp"
#include "evote/protocol/election_record.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/files.hpp"
#include "record_layout.hpp"
#include "step_chain.hpp"

namespace evote::tally {

namespace {

namespace fs = std::filesystem;

// The statements check … count, each naming the one before it.
void check_statement_chain(const TallyContext& context) {
  std::optional<crypto::Bytes> previous_hash;
  for (std::string_view step : {"check", "squash", "revoke", "anonymize", "count"}) {
    const PreviousStep s = read_previous_step(context, step);
    if (s.statement.previous != previous_hash) {
      throw protocol::FormatError(statement_path(context.dir, step).string() +
                                  ": previous: does not name the statement of the step before it");
    }
    previous_hash = s.statement_hash;
  }
}

// Every public file of the tally folder, by record path, sorted.
std::vector<std::string> public_files(const fs::path& dir) {
  std::vector<std::string> paths;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string path = fs::relative(entry.path(), dir).generic_string();
    if (record_role(path) && path != kRecordConfig && path != kRecordCeremony)
      paths.push_back(path);
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

int run_record(const cli::Args& args) {
  const TallyContext context = open_context(args);
  const fs::path out = args.required("out");
  if (fs::exists(out)) throw protocol::FormatError(out.string() + ": already exists");
  if (!fs::is_directory(out.parent_path().empty() ? fs::path(".") : out.parent_path())) {
    throw protocol::FormatError(out.string() + ": its folder does not exist");
  }
  check_statement_chain(context);
  const crypto::Ed25519SigningKey key = open_tally_key(args, context.config);

  // Built beside its target and renamed into place whole.
  const fs::path staging =
      fs::path(out.string() + ".tmp-" + crypto::to_hex(crypto::random_bytes(8)));
  try {
    fs::create_directories(staging);
    fs::copy_file(args.required("config"), staging / kRecordConfig);
    fs::copy_file(args.required("ceremony"), staging / kRecordCeremony);
    std::vector<std::string> paths = public_files(context.dir);
    for (const std::string& path : paths) {
      fs::create_directories((staging / path).parent_path());
      fs::copy_file(context.dir / path, staging / path);
    }
    paths.emplace_back(kRecordConfig);
    paths.emplace_back(kRecordCeremony);

    protocol::ElectionRecord record;
    record.election_id = context.config.election_id;
    record.config_hash = context.config_hash;
    record.signer_role = std::string(protocol::kSignerTally);
    for (const std::string& path : paths) {
      record.files.push_back(protocol::describe_record_file(staging, path, *record_role(path)));
    }
    protocol::sign_election_record(record, key);
    protocol::write_file_atomic(staging / protocol::kManifestFileName,
                                protocol::encode_election_record(record),
                                protocol::WriteMode::new_public());
    fs::rename(staging, out);
    std::cout << "election record " << out.string() << ": " << record.files.size()
              << " files and manifest.json, signed by the tally key\n"
              << "check it with: evote-verify --record " << out.string() << std::endl;
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    throw;
  }
  return 0;
}

}  // namespace

cli::CommandSpec record_command() {
  std::vector<cli::OptionSpec> options = {
      config_option(), dir_option(),
      cli::required_option("ceremony", "CEREMONY", "the key ceremony file (evote-keys publish-key)",
                           cli::Kind::input_file),
      cli::required_option("out", "RECORD", "the election record folder to make (must not exist)")};
  for (auto& o : signing_options()) options.push_back(std::move(o));
  return {"record",
          "Publishing",
          "copy the public files into the election record folder and sign its manifest",
          std::move(options),
          std::nullopt,
          "record --config config.json --dir tally --ceremony ceremony.json --key tally.key --out "
          "record",
          run_record};
}

}  // namespace evote::tally
