// Stage signatures (stage_signature.hpp; specs/mix.md §10).
#include "evote/mix/io/stage_signature.hpp"

#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/files.hpp"
#include "evote/protocol/signed_document.hpp"

namespace evote::mix::io {

using protocol::FormatError;
using protocol::Json;

namespace {

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

std::string batch_of(const std::string& contest_id, const std::string& district) {
  return quoted(contest_id + "/" + district);
}

// The mix server holding `key`, as "mix server 1 \"Org A\"'s key", or "no mix server's key".
std::string holder_of(const protocol::ElectionConfig& config, const crypto::Ed25519PublicKey& key) {
  for (std::uint32_t k = 1; k <= config.mix_servers.size(); ++k)
    if (config.mix_servers[k - 1].signing_key == key)
      return describe_mix_server(config, k) + "'s key";
  return "no mix server's key";
}

// The checks of the statement's contents, once its signature is known to
// be the stage's server's (specs/mix.md §10, "Stage signatures", step c).
crypto::Verdict check_contents(const protocol::ElectionConfig& config, const StageStatement& s,
                               std::uint32_t stage, const ShuffleProofHeader& proof,
                               const std::filesystem::path& proof_file) {
  using crypto::Verdict;
  if (s.stage != stage)
    return Verdict::fail("is for stage " + std::to_string(s.stage) + ", expected " +
                         std::to_string(stage));
  if (s.election_id != proof.election_id)
    return Verdict::fail("is for election " + quoted(s.election_id) + ", expected " +
                         quoted(proof.election_id));
  if (s.contest_id != proof.contest_id || s.district != proof.district)
    return Verdict::fail("is for batch " + batch_of(s.contest_id, s.district) +
                         ", this stage's is " + batch_of(proof.contest_id, proof.district));
  if (s.config_hash != proof.config_hash)
    return Verdict::fail("is for another election config (config hash differs)");
  const protocol::MixServer& server = config.mix_servers[stage - 1];
  if (s.mix_server != server.name)
    return Verdict::fail("names mix server " + quoted(s.mix_server) + ", stage " +
                         std::to_string(stage) + " is made by " +
                         describe_mix_server(config, stage));
  if (s.input_hash != proof.input_hash)
    return Verdict::fail("input_hash is not the proof's (another input file)");
  if (s.output_hash != proof.output_hash)
    return Verdict::fail("output_hash is not the proof's (another output file)");
  if (s.proof_hash != protocol::hash_file(proof_file).hash)
    return Verdict::fail("proof_hash is not the hash of " + proof_file.string());
  return Verdict::pass();
}

}  // namespace

Json to_json(const StageStatement& s) {
  return {{"type", kStageSignatureType},
          {"version", kStageSignatureVersion},
          {"election_id", s.election_id},
          {"contest_id", s.contest_id},
          {"district", s.district},
          {"stage", s.stage},
          {"mix_server", s.mix_server},
          {"config_hash", protocol::base64url_encode(s.config_hash)},
          {"input_hash", protocol::base64url_encode(s.input_hash)},
          {"output_hash", protocol::base64url_encode(s.output_hash)},
          {"proof_hash", protocol::base64url_encode(s.proof_hash)}};
}

StageStatement stage_statement_from_json(const Json& document, const std::string& what) {
  const protocol::ObjectReader r(document, what);
  r.expect_type_and_version(kStageSignatureType, kStageSignatureVersion);
  r.allow_only({"type", "version", "election_id", "contest_id", "district", "stage", "mix_server",
                "config_hash", "input_hash", "output_hash", "proof_hash", "signature"});
  if (!r.has("signature")) r.fail("signature", "missing (a stage signature is signed)");
  StageStatement s;
  s.election_id = r.string("election_id");
  s.contest_id = r.string("contest_id");
  s.district = r.string("district");
  const std::uint64_t stage = r.unsigned_integer("stage");
  if (stage < 1 || stage > 0xffffffffu) r.fail("stage", std::to_string(stage) + " is out of range");
  s.stage = static_cast<std::uint32_t>(stage);
  s.mix_server = r.string("mix_server");
  const auto hash = [&](std::string_view key) {
    crypto::Bytes bytes = r.binary(key);
    if (bytes.size() != protocol::kHashBytes)
      r.fail(key, std::to_string(bytes.size()) + " bytes, expected 32");
    return bytes;
  };
  s.config_hash = hash("config_hash");
  s.input_hash = hash("input_hash");
  s.output_hash = hash("output_hash");
  s.proof_hash = hash("proof_hash");
  return s;
}

crypto::Bytes signed_stage_statement(const StageStatement& statement,
                                     const crypto::Ed25519SigningKey& key) {
  Json document = to_json(statement);
  protocol::sign_document(document, key);
  return protocol::canonical_bytes(document);
}

std::string describe_mix_server(const protocol::ElectionConfig& config, std::uint32_t stage) {
  return "mix server " + std::to_string(stage) + " " + quoted(config.mix_servers[stage - 1].name);
}

void check_stage_key(const protocol::ElectionConfig& config, std::uint32_t stage,
                     const crypto::Ed25519PublicKey& key, const std::string& what) {
  if (stage < 1 || stage > config.mix_servers.size())
    throw FormatError(what + ": the election config names " +
                      std::to_string(config.mix_servers.size()) + " mix servers, none for stage " +
                      std::to_string(stage));
  if (config.mix_servers[stage - 1].signing_key == key) return;
  throw FormatError(what + ": not the key of " + describe_mix_server(config, stage) +
                    ", who makes stage " + std::to_string(stage) + " (it is " +
                    holder_of(config, key) + ")");
}

StageStatement stage_statement(const protocol::ElectionConfig& config,
                               const ShuffleProofHeader& proof_header,
                               const crypto::Bytes& proof_hash) {
  const ShuffleProofHeader& h = proof_header;
  if (h.stage < 1 || h.stage > config.mix_servers.size())
    throw FormatError("the election config names no mix server for stage " +
                      std::to_string(h.stage));
  return {
      h.election_id, h.contest_id, h.district,    h.stage,   config.mix_servers[h.stage - 1].name,
      h.config_hash, h.input_hash, h.output_hash, proof_hash};
}

crypto::Verdict verify_stage_signature(const protocol::ElectionConfig& config,
                                       const std::filesystem::path& signature_file,
                                       std::uint32_t stage, const ShuffleProofHeader& proof_header,
                                       const std::filesystem::path& proof_file) {
  using crypto::Verdict;
  if (stage < 1 || stage > config.mix_servers.size())
    return Verdict::fail("the election config names " + std::to_string(config.mix_servers.size()) +
                         " mix servers, none for stage " + std::to_string(stage));
  try {
    std::error_code error;
    if (!std::filesystem::exists(std::filesystem::symlink_status(signature_file, error)))
      return Verdict::fail("no file " + signature_file.string() +
                           " (the election config names the mix servers: each stage is signed by "
                           "the server that made it)");
    const std::string what = signature_file.string();
    const Json document = protocol::parse_canonical(protocol::read_file(signature_file), what);
    const StageStatement statement = stage_statement_from_json(document, what);
    const crypto::Ed25519PublicKey& expected = config.mix_servers[stage - 1].signing_key;
    if (!(protocol::document_signer(document, what) == expected))
      return Verdict::fail("signed by another key (expected " + describe_mix_server(config, stage) +
                           ")");
    const Verdict signature = protocol::verify_document_signature(document, expected, what);
    if (!signature) return signature;
    return check_contents(config, statement, stage, proof_header, proof_file);
  } catch (const std::exception& e) {
    return Verdict::fail(e.what());
  }
}

}  // namespace evote::mix::io
