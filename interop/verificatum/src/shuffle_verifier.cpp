#include "evote/verificatum/shuffle_verifier.hpp"

#include <filesystem>
#include <optional>

#include "evote/verificatum/byte_tree.hpp"
#include "evote/verificatum/groups.hpp"
#include "evote/verificatum/protocol_info.hpp"
#include "evote/verificatum/random_oracle.hpp"
#include "verifier_parts.hpp"

namespace evote::verificatum {
namespace {

namespace fs = std::filesystem;

std::string read_text_file(const std::string& path) {
  const Bytes bytes = read_file_bytes(path);
  std::string text(bytes.begin(), bytes.end());
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

std::string path_or(const std::string& given, const std::string& dir, const char* name) {
  return given.empty() ? (fs::path(dir) / name).string() : given;
}

// The proof folder's small text files (type, version, auxsid, width,
// proofs/activethreshold).
struct FolderFacts {
  std::string type, version, auxsid;
  std::size_t width = 0, active = 0;
};

std::size_t small_number(const std::string& text, const std::string& what) {
  if (text.empty() || text.size() > 4 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    throw FormatError(what + ": \"" + text + "\" is not a small number");
  }
  return static_cast<std::size_t>(std::stoul(text));
}

FolderFacts read_folder_facts(const std::string& dir, const ProtocolInfo& info) {
  FolderFacts facts;
  const fs::path root(dir);
  facts.type = read_text_file((root / "type").string());
  if (facts.type != "shuffling" && facts.type != "mixing") {
    throw FormatError((root / "type").string() + ": \"" + facts.type +
                      "\", not \"shuffling\" or \"mixing\" (decryption-only runs have no shuffle)");
  }
  for (const fs::path& maxciph : {root / "maxciph", root / "proofs" / "maxciph"}) {
    if (fs::exists(maxciph)) {
      throw FormatError(maxciph.string() +
                        ": a run with pre-computation (PoSC and CCPoS proofs) is not supported");
    }
  }
  facts.version = read_text_file((root / "version").string());
  if (facts.version != info.version) {
    throw FormatError((root / "version").string() + ": \"" + facts.version +
                      "\" but the protocol info says \"" + info.version + "\"");
  }
  facts.auxsid = read_text_file((root / "auxsid").string());
  if (facts.auxsid.empty()) throw FormatError((root / "auxsid").string() + ": empty");
  facts.width = small_number(read_text_file((root / "width").string()), (root / "width").string());
  facts.active = small_number(read_text_file((root / "proofs" / "activethreshold").string()),
                              (root / "proofs" / "activethreshold").string());
  if (facts.active < info.thres || facts.active > info.nopart) {
    throw FormatError((root / "proofs" / "activethreshold").string() + ": " +
                      std::to_string(facts.active) + " is outside thres..nopart");
  }
  return facts;
}

// rho = H(node(version, sid.auxsid, n_r, n_v, n_e, prg, pgroup, rohash)).
Bytes derive_rho(const ProtocolInfo& info, const std::string& auxsid, const HashFunction& ro) {
  const ByteTree tree = ByteTree::node({
      ByteTree::leaf_string(info.version),
      ByteTree::leaf_string(info.sid + "." + auxsid),
      ByteTree::leaf_int32(static_cast<std::uint32_t>(info.statdist)),
      ByteTree::leaf_int32(static_cast<std::uint32_t>(info.vbitlenro)),
      ByteTree::leaf_int32(static_cast<std::uint32_t>(info.ebitlenro)),
      ByteTree::leaf_string(info.prg),
      ByteTree::leaf_string(info.pgroup),
      ByteTree::leaf_string(info.rohash),
  });
  return ro.hash(tree.encode());
}

}  // namespace

unsigned verify_verificatum(const VerificatumFiles& files,
                            const std::function<void(const CheckResult&)>& report) {
  unsigned failures = 0;
  auto say = [&](const std::string& name, bool ok, const std::string& detail) {
    if (!ok) ++failures;
    report(CheckResult{name, ok, detail});
  };

  ProtocolInfo info;
  try {
    info = read_protocol_info(files.protocol_info);
    if (info.corr != "noninteractive") {
      throw FormatError(files.protocol_info + ": <corr> is \"" + info.corr +
                        "\": only non-interactive (Fiat-Shamir) proofs can be checked");
    }
    if (info.keywidth != 1) {
      throw FormatError(files.protocol_info + ": <keywidth> " + std::to_string(info.keywidth) +
                        " is not supported (key width 1 only)");
    }
    HashFunction check_prg(info.prg), check_ro(info.rohash);
    say("protocol info", true,
        "sid " + info.sid + ", " + std::to_string(info.nopart) + " mix-server(s), n_r " +
            std::to_string(info.statdist) + ", n_v " + std::to_string(info.vbitlenro) + ", n_e " +
            std::to_string(info.ebitlenro) + ", PRG " + info.prg + ", RO " + info.rohash);
  } catch (const std::exception& e) {
    say("protocol info", false, e.what());
    return failures;
  }

  FolderFacts facts;
  try {
    facts = read_folder_facts(files.proof_dir, info);
    if (facts.width != 1) {
      throw FormatError(files.proof_dir + "/width: ciphertext width " +
                        std::to_string(facts.width) + " is not supported (width 1 only)");
    }
    say("proof folder", true,
        facts.type + ", version " + facts.version + ", auxsid " + facts.auxsid + ", width 1, " +
            std::to_string(facts.active) + " active mix-server(s)");
  } catch (const std::exception& e) {
    say("proof folder", false, e.what());
    return failures;
  }

  AnyGroup group;
  try {
    group = parse_group(info.pgroup);
  } catch (const std::exception& e) {
    say("group", false, e.what());
    return failures;
  }

  const HashFunction ro_hash(info.rohash), prg_hash(info.prg);
  RunContext context{info,
                     files,
                     facts.type,
                     facts.active,
                     derive_rho(info, facts.auxsid, ro_hash),
                     ro_hash,
                     prg_hash,
                     path_or(files.public_key, files.proof_dir, "FullPublicKey.bt"),
                     path_or(files.input, files.proof_dir, "Ciphertexts.bt"),
                     files.output,
                     path_or(files.plaintexts, files.proof_dir, "Plaintexts.bt")};
  if (context.output.empty() && facts.type == "shuffling") {
    context.output = (fs::path(files.proof_dir) / "ShuffledCiphertexts.bt").string();
  }
  std::visit([&](const auto& g) { check_run(*g, context, say); }, group);
  return failures;
}

}  // namespace evote::verificatum
