#include "partial_file.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "evote/crypto/groups.hpp"
#include "evote/crypto/parallel.hpp"
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

PartialFileReader::PartialFileReader(const std::filesystem::path& path, const crypto::Group& group)
    : name_("partial decryption file " + path.string()), group_(group) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw FormatError(path.string() + ": cannot read: is a folder, not a file");
  in_.open(path, std::ios::binary);
  if (!in_) throw FormatError(path.string() + ": cannot read: " + std::strerror(errno));
  in_.seekg(0, std::ios::end);
  const auto end = in_.tellg();
  in_.seekg(0);
  if (end < 0 || !in_) throw FormatError(path.string() + ": cannot read: I/O error");
  const auto size = static_cast<std::uint64_t>(end);

  std::array<std::uint8_t, 12> start{};
  if (size < start.size())
    throw FormatError(name_ + ": not a partial decryption file (no EVPDEC01 magic)");
  read_exactly(start.data(), start.size());
  if (!std::equal(kPartialFileMagic.begin(), kPartialFileMagic.end(), start.begin()))
    throw FormatError(name_ + ": not a partial decryption file (no EVPDEC01 magic)");
  const std::uint32_t h = crypto::read_be32(crypto::BytesView(start).subspan(8));
  if (h > 65536 || size < 12 + std::uint64_t{h})
    throw FormatError(name_ + ": header length " + std::to_string(h) + " is wrong");
  crypto::Bytes head(h);
  read_exactly(head.data(), head.size());
  const protocol::Json json = protocol::parse_canonical(head, name_ + ": header");
  const protocol::ObjectReader r(json, name_ + ": header");
  r.expect_type_and_version("partial-decryptions", 1);
  r.allow_only({"type", "version", "election_id", "group", "trustee", "input_hash", "width",
                "count", "first_input_hash", "stages"});
  header_ = {r.string("election_id"),
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
  header_.stages = static_cast<std::uint32_t>(stages);
  const std::uint64_t trustee = r.unsigned_integer("trustee");
  if (trustee < 1 || trustee > crypto::kMaxTrustees)
    r.fail("trustee", "outside 1.." + std::to_string(crypto::kMaxTrustees));
  header_.trustee = static_cast<std::uint32_t>(trustee);
  const std::uint64_t width = r.unsigned_integer("width");
  if (width < 1 || width > 1024) r.fail("width", "outside 1..1024");
  header_.width = static_cast<std::uint32_t>(width);
  if (header_.group != group.name()) r.fail("group", "not " + std::string(group.name()));
  if (header_.input_hash.size() != 32) r.fail("input_hash", "not 32 bytes");
  if (header_.first_input_hash.size() != 32) r.fail("first_input_hash", "not 32 bytes");
  record_bytes_ = 3 * group.element_bytes() + group.scalars().byte_length();
  const std::uint64_t body = size - 12 - h;
  if (header_.count > body || body != header_.count * width * record_bytes_) {
    throw FormatError(name_ + ": " + std::to_string(body) +
                      " bytes of records, expected count × width × " +
                      std::to_string(record_bytes_));
  }
}

void PartialFileReader::read_exactly(std::uint8_t* out, std::size_t size) {
  in_.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(size));
  if (in_.bad()) throw FormatError(name_ + ": cannot read: I/O error");
  if (static_cast<std::size_t>(in_.gcount()) != size)
    throw FormatError(name_ + ": changed while it was read (shorter than at the start)");
  hash_.update(crypto::BytesView(out, size));
}

std::vector<crypto::PartialDecryption> PartialFileReader::read(std::size_t count) {
  const std::uint64_t total = header_.count * header_.width;
  count = static_cast<std::size_t>(std::min<std::uint64_t>(count, total - read_));
  crypto::Bytes bytes(count * record_bytes_);
  read_exactly(bytes.data(), bytes.size());
  const std::size_t e = group_.element_bytes();
  std::vector<crypto::PartialDecryption> out(
      count, {group_.identity(), {group_.identity(), group_.identity(), group_.scalars().zero()}});
  // Decoding (a square root per ristretto255 element) on every core; a
  // failure names the first bad position, as a reading in order would.
  crypto::parallel_ranges(count, 64, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const crypto::BytesView at =
          crypto::BytesView(bytes).subspan(i * record_bytes_, record_bytes_);
      try {
        out[i] = {group_.decode(at.first(e)),
                  crypto::decode_chaum_pedersen_proof(group_, at.subspan(e))};
      } catch (const crypto::DecodeError& err) {
        throw FormatError(name_ + ": " + position_name(read_ + i, header_.width) + ": " +
                          err.what());
      }
    }
  });
  read_ += count;
  return out;
}

crypto::Digest PartialFileReader::digest() const {
  crypto::Sha512 copy = hash_;
  return copy.finish();
}

PartialFile read_partial_file(const std::filesystem::path& path, const crypto::Group& group) {
  PartialFileReader reader(path, group);
  PartialFile out{reader.header(), {reader.header().trustee, {}}};
  out.decryptions.parts = reader.read(reader.header().count * reader.header().width);
  return out;
}

}  // namespace evote::keys
