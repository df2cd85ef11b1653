// The election record's manifest: every published file of an election by
// relative path, role, size and hash, signed by the organizer or the tally
// operator (specs/formats.md, "Election record manifest"). An observer
// checks the manifest's signature, then the folder against it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "evote/crypto/bytes.hpp"
#include "evote/crypto/ed25519.hpp"
#include "evote/crypto/error.hpp"
#include "evote/protocol/canonical_json.hpp"

namespace evote::protocol {

inline constexpr std::string_view kElectionRecordType = "election-record";
inline constexpr std::uint64_t kElectionRecordVersion = 1;
// The manifest's own name in the record folder (it does not list itself).
inline constexpr std::string_view kManifestFileName = "manifest.json";
inline constexpr std::string_view kSignerOrganizer = "organizer";
inline constexpr std::string_view kSignerTally = "tally";
inline constexpr std::string_view kConfigRole = "config";

struct RecordFile {
  std::string path;    // relative, '/'-separated, see is_record_path
  std::string role;    // e.g. "config", "ballot-box", "mix-stage-1-output", "result"
  crypto::Bytes hash;  // file_hash.hpp file_hash(), 32 bytes
  std::uint64_t size = 0;
};

struct ElectionRecord {
  std::string election_id;
  crypto::Bytes config_hash;        // equals the hash of the "config" file, if listed
  std::string signer_role;          // "organizer" or "tally"
  std::vector<RecordFile> files;    // sorted by path (bytewise), each path once
  crypto::Ed25519PublicKey signer;  // filled by sign / decode
  crypto::Bytes signature;          // 64 bytes; empty while unsigned
};

// Components of 1-255 characters of A-Z a-z 0-9 . _ - joined by '/'; no
// component "." or ".."; at most 1024 characters. Nothing can escape the
// record folder or mean different files on different systems.
bool is_record_path(std::string_view path);
// 1-64 characters of a-z 0-9 -.
bool is_record_role(std::string_view role);

// The entry for folder/path, hashed by streaming the file. Throws
// std::invalid_argument for a bad path or role, FormatError if unreadable.
RecordFile describe_record_file(const std::filesystem::path& folder, const std::string& path,
                                const std::string& role);

// Sorts the files by path, checks every rule (std::invalid_argument) and signs.
void sign_election_record(ElectionRecord& record, const crypto::Ed25519SigningKey& key);

Json to_json(const ElectionRecord& record);
ElectionRecord election_record_from_json(const Json& document,
                                         const std::string& what = "election record");
crypto::Bytes encode_election_record(const ElectionRecord& record);  // must be signed
ElectionRecord decode_election_record(crypto::BytesView bytes,
                                      const std::string& what = "election record");

// Signed by `expected_signer`: the config's organizer key, or the tally
// operator's key, as the record's signer_role says.
crypto::Verdict verify_election_record(const ElectionRecord& record,
                                       const crypto::Ed25519PublicKey& expected_signer);

// Every listed file exists as a regular file reached without symbolic
// links, with the listed size and hash, and the folder holds no other file
// except the manifest `manifest_name`. The reason names the file.
crypto::Verdict check_record_folder(const std::filesystem::path& folder,
                                    const ElectionRecord& record,
                                    std::string_view manifest_name = kManifestFileName);

}  // namespace evote::protocol
