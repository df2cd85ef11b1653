// The election record manifest: rules, JSON form and signature.
#include "evote/protocol/election_record.hpp"

#include <algorithm>
#include <stdexcept>

#include "binary_fields.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/error.hpp"
#include "evote/protocol/file_hash.hpp"
#include "evote/protocol/signed_document.hpp"
#include "names_json.hpp"
#include "stream_signing.hpp"

namespace evote::protocol {

namespace {

bool is_component(std::string_view c) {
  if (c.empty() || c.size() > 255 || c == "." || c == "..") return false;
  return std::all_of(c.begin(), c.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '.' || ch == '_' || ch == '-';
  });
}

Json unsigned_json(const ElectionRecord& r) {
  Json files = Json::array();
  for (const auto& f : r.files) {
    files.push_back(
        {{"path", f.path}, {"role", f.role}, {"hash", base64url_encode(f.hash)}, {"size", f.size}});
  }
  return {{"type", kElectionRecordType},  {"version", kElectionRecordVersion},
          {"election_id", r.election_id}, {"config_hash", base64url_encode(r.config_hash)},
          {"signer_role", r.signer_role}, {"files", std::move(files)}};
}

RecordFile read_file_entry(const ObjectReader& r) {
  r.allow_only({"path", "role", "hash", "size"});
  RecordFile f{r.string("path"), r.string("role"), read_fixed_binary(r, "hash", kHashBytes),
               r.unsigned_integer("size")};
  if (!is_record_path(f.path)) {
    r.fail("path", "\"" + f.path + "\" is not a relative path inside the record folder");
  }
  if (!is_record_role(f.role)) r.fail("role", "\"" + f.role + "\" is not a role (a-z 0-9 -)");
  return f;
}

// Sorted, unique paths; the config file, if listed, has the config hash.
void check_files(const ElectionRecord& r, const std::string& what) {
  for (std::size_t i = 0; i < r.files.size(); ++i) {
    const std::string path = element_path("files", i);
    if (i > 0 && !(r.files[i - 1].path < r.files[i].path)) {
      fail_at(what, path + ".path", "\"" + r.files[i].path + "\" is out of order or listed twice");
    }
    if (r.files[i].role == kConfigRole && r.files[i].hash != r.config_hash) {
      fail_at(what, path + ".hash", "the config file's hash differs from config_hash");
    }
  }
}

// Everything but the signature.
ElectionRecord read_fields(const ObjectReader& top) {
  top.expect_type_and_version(kElectionRecordType, kElectionRecordVersion);
  top.allow_only(
      {"type", "version", "election_id", "config_hash", "signer_role", "files", "signature"});
  ElectionRecord r;
  r.election_id = read_identifier(top, "election_id");
  r.config_hash = read_fixed_binary(top, "config_hash", kHashBytes);
  r.signer_role = top.string("signer_role");
  if (r.signer_role != kSignerOrganizer && r.signer_role != kSignerTally) {
    top.fail("signer_role", "\"" + r.signer_role + "\", expected \"organizer\" or \"tally\"");
  }
  const Json& files = top.array("files");
  for (std::size_t i = 0; i < files.size(); ++i) {
    r.files.push_back(
        read_file_entry(ObjectReader(files[i], top.what(), element_path("files", i))));
  }
  check_files(r, top.what());
  return r;
}

}  // namespace

bool is_record_path(std::string_view path) {
  if (path.empty() || path.size() > 1024) return false;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = path.find('/', start);
    if (!is_component(path.substr(start, slash - start))) return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

bool is_record_role(std::string_view role) {
  if (role.empty() || role.size() > 64) return false;
  return std::all_of(role.begin(), role.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
  });
}

RecordFile describe_record_file(const std::filesystem::path& folder, const std::string& path,
                                const std::string& role) {
  if (!is_record_path(path))
    throw std::invalid_argument("election record: bad path \"" + path + "\"");
  if (!is_record_role(role))
    throw std::invalid_argument("election record: bad role \"" + role + "\"");
  FileDigest digest = hash_file(folder / path);
  return {path, role, std::move(digest.hash), digest.size};
}

void sign_election_record(ElectionRecord& r, const crypto::Ed25519SigningKey& key) {
  std::sort(r.files.begin(), r.files.end(),
            [](const RecordFile& a, const RecordFile& b) { return a.path < b.path; });
  Json document = unsigned_json(r);
  try {
    // What a reader would refuse is refused before signing.
    read_fields(ObjectReader(document, "election record"));
  } catch (const FormatError& e) {
    throw std::invalid_argument(e.what());
  }
  sign_document(document, key);
  r.signer = key.public_key();
  r.signature = ObjectReader(document, "election record").object("signature").binary("value");
}

Json to_json(const ElectionRecord& r) {
  Json document = unsigned_json(r);
  if (!r.signature.empty()) {
    document["signature"] = signature_to_json({r.signer, r.signature});
  }
  return document;
}

ElectionRecord election_record_from_json(const Json& document, const std::string& what) {
  const ObjectReader top(document, what);
  ElectionRecord r = read_fields(top);
  r.signer = document_signer(document, what);
  r.signature = read_fixed_binary(top.object("signature"), "value", crypto::kEd25519SignatureBytes);
  return r;
}

crypto::Bytes encode_election_record(const ElectionRecord& r) {
  if (r.signature.empty()) throw std::invalid_argument("election record: not signed");
  return canonical_bytes(to_json(r));
}

ElectionRecord decode_election_record(crypto::BytesView bytes, const std::string& what) {
  return election_record_from_json(parse_canonical(bytes, what), what);
}

crypto::Verdict verify_election_record(const ElectionRecord& r,
                                       const crypto::Ed25519PublicKey& expected_signer) {
  if (r.signature.empty()) return crypto::Verdict::fail("election record: not signed");
  return verify_document_signature(to_json(r), expected_signer, "election record");
}

}  // namespace evote::protocol
