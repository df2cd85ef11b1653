#include "evote/mix/io/shuffle_proof_file.hpp"

#include <algorithm>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "evote/crypto/error.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/files.hpp"

namespace evote::mix::io {

using protocol::FormatError;
using protocol::Json;

Json to_json(const ShuffleProofHeader& h) {
  return {{"type", kShuffleProofType},
          {"version", kShuffleProofVersion},
          {"election_id", h.election_id},
          {"contest_id", h.contest_id},
          {"district", h.district},
          {"group", h.group},
          {"width", h.width},
          {"count", h.count},
          {"stage", h.stage},
          {"config_hash", protocol::base64url_encode(h.config_hash)},
          {"input_hash", protocol::base64url_encode(h.input_hash)},
          {"output_hash", protocol::base64url_encode(h.output_hash)}};
}

ShuffleProofHeader shuffle_proof_header_from_json(const Json& document, const std::string& what) {
  const protocol::ObjectReader r(document, what);
  r.expect_type_and_version(kShuffleProofType, kShuffleProofVersion);
  r.allow_only({"type", "version", "election_id", "contest_id", "district", "group", "width",
                "count", "stage", "config_hash", "input_hash", "output_hash"});
  ShuffleProofHeader h;
  h.election_id = r.string("election_id");
  h.contest_id = r.string("contest_id");
  h.district = r.string("district");
  h.group = r.string("group");
  try {
    crypto::group_by_name(h.group);
  } catch (const crypto::Error& e) {
    r.fail("group", e.what());
  }
  const auto u32 = [&](std::string_view key, std::uint64_t low) {
    const std::uint64_t value = r.unsigned_integer(key);
    if (value < low || value > 0xffffffffu)
      r.fail(key, std::to_string(value) + " is out of range");
    return static_cast<std::uint32_t>(value);
  };
  h.width = u32("width", 1);
  h.count = r.unsigned_integer("count");
  if (h.count == 0) r.fail("count", "a shuffle has at least one row");
  h.stage = u32("stage", 1);
  const auto hash = [&](std::string_view key) {
    crypto::Bytes bytes = r.binary(key);
    if (bytes.size() != protocol::kHashBytes)
      r.fail(key, std::to_string(bytes.size()) + " bytes, expected 32");
    return bytes;
  };
  h.config_hash = hash("config_hash");
  h.input_hash = hash("input_hash");
  h.output_hash = hash("output_hash");
  return h;
}

void write_shuffle_proof_file(const std::filesystem::path& path, const ShuffleProofHeader& header,
                              const ShuffleProof& proof) {
  if (proof.permutation_commitment.size() != header.count || proof.s4.size() != header.width) {
    throw std::invalid_argument(path.string() + ": the proof is not for the header's rows");
  }
  const std::string json = protocol::canonical_string(to_json(header));
  crypto::Bytes prefix(kShuffleProofMagic.begin(), kShuffleProofMagic.end());
  crypto::append_be32(prefix, static_cast<std::uint32_t>(json.size()));
  protocol::AtomicOutput file(path);
  file.write(prefix);
  file.write(json);
  file.write(encode(proof));
  file.commit();
}

namespace {

[[noreturn]] void fail_file(const std::string& name, const std::string& problem) {
  throw FormatError(name + ": " + problem);
}

}  // namespace

ShuffleProofFile read_shuffle_proof_file(const std::filesystem::path& path) {
  const std::string name = "proof file " + path.string();
  const auto fail = [&](const std::string& problem) { fail_file(name, problem); };
  const crypto::Bytes bytes = protocol::read_file(path.string());
  const std::size_t magic = kShuffleProofMagic.size();
  if (bytes.size() < magic ||
      !std::equal(kShuffleProofMagic.begin(), kShuffleProofMagic.end(), bytes.begin()))
    fail("not a shuffle proof file (wrong magic)");
  if (bytes.size() < magic + 4) fail("truncated (no header length)");
  const crypto::BytesView all(bytes);
  const std::uint32_t length = crypto::read_be32(all.subspan(magic, 4));
  if (length == 0 || length > 65536 || bytes.size() - magic - 4 < length)
    fail("header length " + std::to_string(length) + " does not fit the file");
  ShuffleProofHeader header = shuffle_proof_header_from_json(
      protocol::parse_canonical(all.subspan(magic + 4, length), name + ": header"),
      name + ": header");
  const crypto::Group& group = crypto::group_by_name(header.group);
  std::optional<ShuffleProof> proof;
  try {
    proof.emplace(decode_shuffle_proof(group, all.subspan(magic + 4 + length)));
  } catch (const crypto::DecodeError& e) {
    fail(e.what());
  }
  if (proof->permutation_commitment.size() != header.count || proof->s4.size() != header.width) {
    fail("the proof is for " + std::to_string(proof->permutation_commitment.size()) +
         " rows of width " + std::to_string(proof->s4.size()) + ", the header says " +
         std::to_string(header.count) + " of width " + std::to_string(header.width));
  }
  ShuffleProofFile file{std::move(header), std::move(*proof)};
  return file;
}

std::uint64_t shuffle_proof_length(const crypto::Group& group, std::uint64_t rows,
                                   std::uint64_t width) {
  return 16 + (3 * rows + 3 + 2 * width) * group.element_bytes() +
         (2 * rows + 3 + width) * group.scalars().byte_length();
}

ShuffleProofFileHead read_shuffle_proof_head(const std::filesystem::path& path) {
  const std::string name = "proof file " + path.string();
  const auto fail = [&](const std::string& problem) { fail_file(name, problem); };
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read it");
  in.seekg(0, std::ios::end);
  const std::uint64_t size = static_cast<std::uint64_t>(in.tellg());
  in.seekg(0);
  const std::size_t magic = kShuffleProofMagic.size();
  crypto::Bytes prefix(magic + 4);
  in.read(reinterpret_cast<char*>(prefix.data()), static_cast<std::streamsize>(prefix.size()));
  const std::size_t got = static_cast<std::size_t>(in.gcount());
  if (got < magic || !std::equal(kShuffleProofMagic.begin(), kShuffleProofMagic.end(), prefix.begin()))
    fail("not a shuffle proof file (wrong magic)");
  if (got < magic + 4) fail("truncated (no header length)");
  const std::uint32_t length = crypto::read_be32(crypto::BytesView(prefix).subspan(magic, 4));
  if (length == 0 || length > 65536 || size - magic - 4 < length)
    fail("header length " + std::to_string(length) + " does not fit the file");
  crypto::Bytes json(length);
  in.read(reinterpret_cast<char*>(json.data()), length);
  ShuffleProofFileHead head{
      shuffle_proof_header_from_json(protocol::parse_canonical(json, name + ": header"),
                                     name + ": header"),
      magic + 4 + length};
  if (head.header.count > (std::uint64_t{1} << 36) || head.header.width > 1024)
    fail("header: count or width too large for a shuffle");
  const crypto::Group& group = crypto::group_by_name(head.header.group);
  const std::uint64_t expected = shuffle_proof_length(group, head.header.count, head.header.width);
  if (size - head.body_offset != expected)
    fail("shuffle proof: wrong length (" + std::to_string(size - head.body_offset) +
         " bytes for " + std::to_string(head.header.count) + " rows of width " +
         std::to_string(head.header.width) + " in " + head.header.group + ", expected " +
         std::to_string(expected) + ")");
  crypto::Bytes sizes(16);
  in.read(reinterpret_cast<char*>(sizes.data()), 16);
  if (crypto::read_be64(sizes) != head.header.count ||
      crypto::read_be64(crypto::BytesView(sizes).subspan(8)) != head.header.width)
    fail("shuffle proof: its N and w are not the header's count and width");
  return head;
}

}  // namespace evote::mix::io
