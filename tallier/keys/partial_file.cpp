#include "partial_file.hpp"

#include "evote/crypto/groups.hpp"
#include "evote/protocol/atomic_output.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/files.hpp"

namespace evote::keys {

using protocol::FormatError;

std::string position_name(std::uint64_t position, std::uint32_t width) {
  return "row " + std::to_string(position / width + 1) + " column " +
         std::to_string(position % width + 1);
}

std::string batch_label(crypto::BytesView input_hash) {
  return protocol::base64url_encode(input_hash);
}

crypto::Bytes encode_record(const crypto::PartialDecryption& part) {
  crypto::Bytes out = part.share.encode();
  crypto::append(out, crypto::encode(part.proof));
  return out;
}

void write_partial_file(const std::filesystem::path& path, const PartialHeader& header,
                        const crypto::TrusteeDecryptions& decryptions, protocol::WriteMode mode) {
  const protocol::Json json = {
      {"type", "partial-decryptions"},
      {"version", 1},
      {"election_id", header.election_id},
      {"group", header.group},
      {"trustee", header.trustee},
      {"input_hash", protocol::base64url_encode(header.input_hash)},
      {"width", header.width},
      {"count", header.count},
      {"first_input_hash", protocol::base64url_encode(header.first_input_hash)},
      {"stages", header.stages}};
  const crypto::Bytes head = protocol::canonical_bytes(json);
  protocol::AtomicOutput out(path, mode);
  out.write(kPartialFileMagic);
  crypto::Bytes length;
  crypto::append_be32(length, static_cast<std::uint32_t>(head.size()));
  out.write(length);
  out.write(head);
  for (const crypto::PartialDecryption& part : decryptions.parts) out.write(encode_record(part));
  out.commit();
}

PartialFile read_partial_file(const std::filesystem::path& path, const crypto::Group& group) {
  const std::string name = "partial decryption file " + path.string();
  const crypto::Bytes bytes = protocol::read_file(path.string());
  const crypto::BytesView all(bytes);
  if (all.size() < 12 ||
      !std::equal(kPartialFileMagic.begin(), kPartialFileMagic.end(), all.begin())) {
    throw FormatError(name + ": not a partial decryption file (no EVPDEC01 magic)");
  }
  const std::uint32_t h = crypto::read_be32(all.subspan(8));
  if (h > 65536 || all.size() < 12 + std::size_t{h})
    throw FormatError(name + ": header length " + std::to_string(h) + " is wrong");
  const protocol::Json json = protocol::parse_canonical(all.subspan(12, h), name + ": header");
  const protocol::ObjectReader r(json, name + ": header");
  r.expect_type_and_version("partial-decryptions", 1);
  r.allow_only({"type", "version", "election_id", "group", "trustee", "input_hash", "width",
                "count", "first_input_hash", "stages"});
  PartialFile out;
  out.header = {r.string("election_id"),
                r.string("group"),
                0,
                r.binary("input_hash"),
                0,
                r.unsigned_integer("count"),
                r.binary("first_input_hash"),
                0};
  const std::uint64_t stages = r.unsigned_integer("stages");
  if (stages < 1 || stages > kMaxStages)
    r.fail("stages", "outside 1.." + std::to_string(kMaxStages));
  out.header.stages = static_cast<std::uint32_t>(stages);
  const std::uint64_t trustee = r.unsigned_integer("trustee");
  if (trustee < 1 || trustee > crypto::kMaxTrustees)
    r.fail("trustee", "outside 1.." + std::to_string(crypto::kMaxTrustees));
  out.header.trustee = static_cast<std::uint32_t>(trustee);
  const std::uint64_t width = r.unsigned_integer("width");
  if (width < 1 || width > 1024) r.fail("width", "outside 1..1024");
  out.header.width = static_cast<std::uint32_t>(width);
  if (out.header.group != group.name()) r.fail("group", "not " + std::string(group.name()));
  if (out.header.input_hash.size() != 32) r.fail("input_hash", "not 32 bytes");
  if (out.header.first_input_hash.size() != 32) r.fail("first_input_hash", "not 32 bytes");
  const std::size_t e = group.element_bytes();
  const std::size_t record = 3 * e + group.scalars().byte_length();
  const std::size_t body = all.size() - 12 - h;
  if (out.header.count > body || body != out.header.count * width * record) {
    throw FormatError(name + ": " + std::to_string(body) +
                      " bytes of records, expected count × width × " + std::to_string(record));
  }
  out.decryptions.trustee = out.header.trustee;
  const std::uint64_t total = out.header.count * width;
  out.decryptions.parts.reserve(total);
  for (std::uint64_t p = 0; p < total; ++p) {
    const crypto::BytesView at = all.subspan(12 + h + p * record, record);
    try {
      out.decryptions.parts.push_back(
          {group.decode(at.first(e)), crypto::decode_chaum_pedersen_proof(group, at.subspan(e))});
    } catch (const crypto::DecodeError& err) {
      throw FormatError(name + ": " + position_name(p, width) + ": " + err.what());
    }
  }
  return out;
}

}  // namespace evote::keys
