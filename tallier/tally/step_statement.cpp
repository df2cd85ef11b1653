#include "step_statement.hpp"

#include <algorithm>
#include <stdexcept>

#include "evote/protocol/base64url.hpp"
#include "evote/protocol/canonical_json.hpp"
#include "evote/protocol/election_record.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/signed_document.hpp"

namespace evote::tally {

namespace {

using protocol::Json;

bool is_step_name(std::string_view step) {
  return step == "check" || step == "squash" || step == "revoke" || step == "anonymize" ||
         step == "count";
}

bool is_count_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Json files_to_json(const std::vector<StepFile>& files) {
  Json out = Json::array();
  for (const StepFile& f : files) {
    out.push_back(
        {{"name", f.name}, {"hash", protocol::base64url_encode(f.hash)}, {"size", f.size}});
  }
  return out;
}

void check_files(std::vector<StepFile>& files, const char* member) {
  std::sort(files.begin(), files.end(),
            [](const StepFile& a, const StepFile& b) { return a.name < b.name; });
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!protocol::is_record_path(files[i].name)) {
      throw std::invalid_argument(std::string("tally step: ") + member + ": bad name \"" +
                                  files[i].name + "\"");
    }
    if (files[i].hash.size() != protocol::kHashBytes) {
      throw std::invalid_argument(std::string("tally step: ") + member + ": " + files[i].name +
                                  ": hash is not 32 bytes");
    }
    if (i > 0 && files[i - 1].name == files[i].name) {
      throw std::invalid_argument(std::string("tally step: ") + member + ": " + files[i].name +
                                  " listed twice");
    }
  }
}

std::vector<StepFile> read_files(const protocol::ObjectReader& top, std::string_view key) {
  const Json& items = top.array(key);
  std::vector<StepFile> files;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const protocol::ObjectReader f(items[i], top.what(),
                                   protocol::element_path(top.path_of(key), i));
    f.allow_only({"name", "hash", "size"});
    StepFile file{f.string("name"), f.binary("hash"), f.unsigned_integer("size")};
    if (!protocol::is_record_path(file.name)) f.fail("name", "not a record path");
    if (file.hash.size() != protocol::kHashBytes) f.fail("hash", "not 32 bytes");
    if (!files.empty() && !(files.back().name < file.name))
      f.fail("name", "not after the previous name (sorted, each once)");
    files.push_back(std::move(file));
  }
  return files;
}

}  // namespace

std::filesystem::path statement_path(const std::filesystem::path& folder, std::string_view step) {
  return folder / (std::string(step) + ".statement.json");
}

StepFile describe_step_file(const std::filesystem::path& path, std::string name) {
  const protocol::FileDigest digest = protocol::hash_file(path);
  return StepFile{std::move(name), digest.hash, digest.size};
}

void write_statement(const std::filesystem::path& folder, StepStatement statement,
                     const crypto::Ed25519SigningKey& tally_key) {
  if (!is_step_name(statement.step))
    throw std::invalid_argument("tally step: unknown step \"" + statement.step + "\"");
  if (statement.config_hash.size() != protocol::kHashBytes)
    throw std::invalid_argument("tally step: config hash");
  if (statement.previous && statement.previous->size() != protocol::kHashBytes) {
    throw std::invalid_argument("tally step: previous statement hash");
  }
  check_files(statement.inputs, "inputs");
  check_files(statement.outputs, "outputs");
  Json counts = Json::object();
  for (const auto& [name, value] : statement.counts) {
    if (!is_count_name(name))
      throw std::invalid_argument("tally step: bad count name \"" + name + "\"");
    counts[name] = value;
  }
  Json doc = {{"type", kStepStatementType},
              {"version", kStepStatementVersion},
              {"step", statement.step},
              {"election_id", statement.election_id},
              {"config_hash", protocol::base64url_encode(statement.config_hash)},
              {"inputs", files_to_json(statement.inputs)},
              {"outputs", files_to_json(statement.outputs)},
              {"counts", std::move(counts)}};
  if (statement.previous) doc["previous"] = protocol::base64url_encode(*statement.previous);
  protocol::sign_document(doc, tally_key);
  protocol::save_canonical(statement_path(folder, statement.step), doc,
                           protocol::WriteMode::new_public());
}

StepStatement read_statement(const std::filesystem::path& path, std::string_view step,
                             const protocol::ElectionConfig& config,
                             const crypto::Bytes& config_hash) {
  const std::string what = "tally statement " + path.string();
  const Json doc = protocol::parse_canonical(protocol::read_file(path), what);
  const protocol::ObjectReader top(doc, what);
  top.expect_type_and_version(kStepStatementType, kStepStatementVersion);
  top.allow_only({"type", "version", "step", "election_id", "config_hash", "previous", "inputs",
                  "outputs", "counts", "signature"});
  StepStatement s;
  s.step = top.string("step");
  if (s.step != step)
    top.fail("step", "is \"" + s.step + "\", expected \"" + std::string(step) + "\"");
  s.election_id = top.string("election_id");
  if (s.election_id != config.election_id) {
    top.fail("election_id",
             "\"" + s.election_id + "\" is not this election (" + config.election_id + ")");
  }
  s.config_hash = top.binary("config_hash");
  if (s.config_hash != config_hash)
    top.fail("config_hash", "is not the hash of this election's config");
  if (top.has("previous")) {
    s.previous = top.binary("previous");
    if (s.previous->size() != protocol::kHashBytes) top.fail("previous", "not 32 bytes");
  }
  s.inputs = read_files(top, "inputs");
  s.outputs = read_files(top, "outputs");
  const protocol::ObjectReader counts = top.object("counts");
  for (const auto& [name, value] : doc.at("counts").items()) {
    if (!is_count_name(name)) counts.fail(name, "not a count name (a-z 0-9 _)");
    s.counts[name] = counts.unsigned_integer(name);
  }
  if (!config.tally_key) {
    throw protocol::FormatError(
        what + ": the election config names no tally key (evote-admin set-tally-key)");
  }
  const crypto::Verdict signed_ok =
      protocol::verify_document_signature(doc, *config.tally_key, what);
  if (!signed_ok) throw protocol::FormatError(signed_ok.reason);
  s.signer = *config.tally_key;
  return s;
}

const StepFile& statement_output(const StepStatement& statement, std::string_view name,
                                 const std::string& what) {
  for (const StepFile& f : statement.outputs) {
    if (f.name == name) return f;
  }
  throw protocol::FormatError(what + ": the " + statement.step + " statement lists no output " +
                              std::string(name));
}

crypto::Verdict check_step_file(const std::filesystem::path& path, const StepFile& expected) {
  protocol::FileDigest digest;
  try {
    digest = protocol::hash_file(path);
  } catch (const std::exception& e) {
    return crypto::Verdict::fail(e.what());
  }
  if (digest.size != expected.size || digest.hash != expected.hash) {
    return crypto::Verdict::fail(path.string() + ": is not the file its statement lists (" +
                                 expected.name + ": size or hash differs)");
  }
  return crypto::Verdict::pass();
}

}  // namespace evote::tally
