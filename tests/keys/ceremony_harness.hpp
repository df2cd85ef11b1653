// Runs key ceremonies with the real evote-keys and evote-admin binaries, one
// process per step, each trustee in its own folder; public files are copied
// between folders as USB sticks would carry them. Ciphertexts are mixed by
// the real evote-mix (a cascade of two stages) before the trustees decrypt
// them. Header-only: included by the tests of this folder.
#pragma once

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/protocol/base64url.hpp"
#include "evote/protocol/ciphertext_file.hpp"
#include "support/run_program.hpp"
#include "support/temp_folder.hpp"

namespace evote::keys_test {

namespace fs = std::filesystem;

struct Run {
  int status = -1;
  std::string output;  // stdout and stderr
  bool has(const std::string& text) const { return output.find(text) != std::string::npos; }
};

inline Run run(const std::string& command) {
  const testing::ProgramRun r = testing::run_program(command);
  return {r.status, r.output};
}

inline std::string q(const fs::path& p) { return testing::shell_quote(p); }
inline const std::string kKeys = EVOTE_KEYS_BIN;
inline const std::string kAdmin = EVOTE_ADMIN_BIN;
inline const std::string kMix = EVOTE_MIX_BIN;

// Runs and requires exit status 0 (the output is shown otherwise).
inline Run ok(const std::string& command) {
  Run r = run(command);
  BOOST_TEST_INFO(command);
  BOOST_REQUIRE_MESSAGE(r.status == 0, command + "\n" + r.output);
  return r;
}

inline std::string line_value(const std::string& output, const std::string& key) {
  const auto at = output.find(key + ": ");
  BOOST_REQUIRE(at != std::string::npos);
  const auto start = at + key.size() + 2;
  return output.substr(start, output.find('\n', start) - start);
}

// The Estonian name of a choice code in the test elections' contests.
inline std::string choice_name(std::uint64_t code) {
  if (code == 101) return "Mari Maasikas";
  if (code == 102) return "Jüri Õunapuu";
  return "Valik " + std::to_string(code);
}
// The test elections' choice codes: 2..kLastCode in district d1 of every contest.
inline constexpr std::uint64_t kLastCode = 300;

// One ceremony: n trustees (folders t1..tn), the organizer's folder (config,
// key) and a public folder (the bulletin board: published messages). The
// config has district d1 and contests c1 (single choice), c2 and c3
// (approval of 2 and 3), each with the choices 2..300 in d1.
class Ceremony {
 public:
  Ceremony(std::string election_id, std::uint32_t n, std::uint32_t t,
           std::string group = "ristretto255")
      : election_id_(std::move(election_id)), n_(n), t_(t), group_(std::move(group)) {
    fs::create_directories(public_dir());
    testing::write_whole_file(passphrase_file(),
                              crypto::as_bytes("correct horse battery staple\n"));
    ok(kAdmin + " init --election-id " + election_id_ +
       " --name-et Test --start 2027-02-22T07:00:00Z" + " --end 2027-02-28T18:00:00Z --group " +
       group_ + " --config " + q(config()) + " --key " + q(root_ / "organizer.key") +
       " --passphrase-file " + q(passphrase_file()));
    ok(kAdmin + " add-district --config " + q(config()) + " --id d1 --name-et Harju");
    std::string csv = "code,district,name_et\n";
    for (std::uint64_t code = 2; code <= kLastCode; ++code)
      csv += std::to_string(code) + ",d1," + choice_name(code) + "\n";
    testing::write_whole_file(root_ / "choices.csv", crypto::as_bytes(csv));
    for (std::uint32_t w = 1; w <= 3; ++w) {
      const std::string id = "c" + std::to_string(w);
      ok(kAdmin + " add-contest --config " + q(config()) + " --id " + id + " --type " +
         (w == 1 ? "single" : "approval") + " --max-selections " + std::to_string(w) +
         " --name-et Küsimus-" + std::to_string(w));
      ok(kAdmin + " import-choices --config " + q(config()) + " --contest " + id + " --csv " +
         q(root_ / "choices.csv"));
    }
  }

  const fs::path& root() const { return root_.path(); }
  fs::path dir(std::uint32_t j) const { return root_ / ("t" + std::to_string(j)); }
  fs::path public_dir() const { return root_ / "public"; }
  fs::path config() const { return root_ / "config.json"; }
  // The signed config with the election key, as the mix servers and the
  // trustees use it (publish() writes it; later edits of config() leave it).
  fs::path election_config() const { return root_ / "election-config.json"; }
  fs::path ceremony_file() const { return public_dir() / "ceremony.json"; }
  fs::path passphrase_file() const { return root_ / "passphrase.txt"; }
  std::string passphrase_option() const { return " --passphrase-file " + q(passphrase_file()); }
  std::uint32_t n() const { return n_; }
  std::uint32_t t() const { return t_; }
  const std::string& election_id() const { return election_id_; }
  const crypto::Group& group() const { return crypto::group_by_name(group_); }

  // Extra options of trustee j's finish / partial-decrypt (a token).
  std::function<std::string(std::uint32_t)> share_options = [](std::uint32_t) {
    return std::string();
  };

  std::string step(const std::string& command, std::uint32_t j) const {
    return kKeys + " " + command + " --config " + q(dir(j) / "config.json") + " --dir " +
           q(dir(j)) + passphrase_option();
  }

  // trustee-init for everybody, add-trustee, sign; the config to every trustee.
  void setup() {
    for (std::uint32_t j = 1; j <= n_; ++j) {
      const Run r = ok(kKeys + " trustee-init --dir " + q(dir(j)) + passphrase_option());
      BOOST_TEST(r.output.find("correct horse") == std::string::npos);
      ok(kAdmin + " add-trustee --config " + q(config()) + " --index " + std::to_string(j) +
         " --name T" + std::to_string(j) + " --signing-key " + line_value(r.output, "signing-key") +
         " --encryption-key " + line_value(r.output, "encryption-key") +
         (j == n_ ? " --threshold " + std::to_string(t_) : ""));
    }
    sign_config();
  }

  void sign_config() {
    ok(kAdmin + " sign --config " + q(config()) + " --key " + q(root_ / "organizer.key") +
       passphrase_option());
    for (std::uint32_t j = 1; j <= n_; ++j)
      fs::copy_file(config(), dir(j) / "config.json", fs::copy_options::overwrite_existing);
  }

  // Copies trustee j's file to every other trustee and to the public folder.
  void share_file(std::uint32_t j, const std::string& name, bool publish = true) const {
    for (std::uint32_t k = 1; k <= n_; ++k) {
      if (k != j) fs::copy_file(dir(j) / name, dir(k) / name, fs::copy_options::overwrite_existing);
    }
    if (publish)
      fs::copy_file(dir(j) / name, public_dir() / name, fs::copy_options::overwrite_existing);
  }

  void deal_all() {
    for (std::uint32_t j = 1; j <= n_; ++j) ok(step("deal", j));
    for (std::uint32_t j = 1; j <= n_; ++j) {
      share_file(j, "deal-" + std::to_string(j) + ".json");
      share_file(j, "boxes-" + std::to_string(j) + ".json", false);
    }
  }

  std::vector<Run> receive_all() {
    std::vector<Run> out;
    for (std::uint32_t j = 1; j <= n_; ++j) out.push_back(ok(step("receive", j)));
    for (std::uint32_t j = 1; j <= n_; ++j)
      share_file(j, "complaints-" + std::to_string(j) + ".json");
    return out;
  }

  void answer(std::uint32_t dealer) {
    ok(step("answer", dealer));
    share_file(dealer, "answers-" + std::to_string(dealer) + ".json");
  }

  std::vector<Run> finish_all() {
    std::vector<Run> out;
    for (std::uint32_t j = 1; j <= n_; ++j) out.push_back(ok(step("finish", j) + share_options(j)));
    for (std::uint32_t j = 1; j <= n_; ++j) share_file(j, "finish-" + std::to_string(j) + ".json");
    return out;
  }

  // publish-key in the public folder; the organizer puts the key into the
  // config and signs it (election_config()). Returns the key (base64url).
  std::string publish() {
    const Run r = ok(kKeys + " publish-key --config " + q(config()) + " --dir " + q(public_dir()) +
                     " --out " + q(ceremony_file()));
    const std::string key = line_value(r.output, "election public key");
    ok(kAdmin + " set-election-key --config " + q(config()) + " --key " + key);
    sign_config();
    fs::copy_file(config(), election_config(), fs::copy_options::overwrite_existing);
    return key;
  }

  std::string run_all() {
    setup();
    deal_all();
    receive_all();
    finish_all();
    return publish();
  }

  Run verify(const fs::path& ceremony, bool with_config = true) const {
    return run(kKeys + " verify-ceremony " +
               (with_config ? "--config " + q(config()) + " " : std::string()) + q(ceremony));
  }

  // An EVCTXT01 file of contest c<width>, district d1, encrypting the rows' codes under `key`.
  fs::path encrypt(const std::string& key_b64, const std::vector<std::vector<std::uint64_t>>& rows,
                   const std::string& name = "input.bin") const {
    const crypto::Element y = group().decode(protocol::base64url_decode(key_b64));
    const fs::path path = public_dir() / name;
    const auto width = static_cast<std::uint32_t>(rows[0].size());
    protocol::CiphertextFileHeader header{
        election_id_, "c" + std::to_string(width), "d1", group_, width, rows.size()};
    protocol::CiphertextFileWriter writer(path, header);
    for (const auto& row : rows) {
      std::vector<crypto::Ciphertext> cts;
      for (std::uint64_t m : row) cts.push_back(crypto::encrypt(y, m).ciphertext);
      writer.append(cts);
    }
    writer.finish();
    return path;
  }

  // The cascade folder of an input (made by mix()).
  fs::path cascade(const fs::path& input) const {
    return input.parent_path() / (input.stem().string() + "-mix");
  }
  fs::path last_stage(const fs::path& input, std::uint32_t stages = 2) const {
    return cascade(input) / ("stage-" + std::to_string(stages) + ".ctxt");
  }
  // Adds `stages` stages to the input's cascade with evote-mix.
  void mix(const fs::path& input, std::uint32_t stages = 2) const {
    for (std::uint32_t k = 0; k < stages; ++k)
      ok(kMix + " cascade --config " + q(election_config()) + " --input " + q(input) +
         " --cascade " + q(cascade(input)));
  }
  // --config, --input and --cascade of partial-decrypt and combine.
  std::string cascade_options(const fs::path& input) const {
    return " --config " + q(election_config()) + " --input " + q(input) + " --cascade " +
           q(cascade(input));
  }

  fs::path partial(std::uint32_t j) const {
    return dir(j) / ("partial-" + std::to_string(j) + ".bin");
  }

  // partial-decrypt of trustee j without the passphrase or token options.
  std::string partial_decrypt_command(std::uint32_t j, const fs::path& input,
                                      const fs::path& out) const {
    return kKeys + " partial-decrypt --dir " + q(dir(j)) + " --ceremony " + q(ceremony_file()) +
           cascade_options(input) + " --out " + q(out);
  }

  // Trustee j decrypts the input's cascade (mixed in two stages first if not yet).
  Run partial_decrypt(std::uint32_t j, const fs::path& input) const {
    if (!fs::exists(cascade(input))) mix(input);
    return run(partial_decrypt_command(j, input, partial(j)) + passphrase_option() +
               share_options(j));
  }

  std::string combine_command(const fs::path& input, const std::vector<fs::path>& partials,
                              const fs::path& out) const {
    std::string command = kKeys + " combine --ceremony " + q(ceremony_file()) +
                          cascade_options(input) + " --out " + q(out);
    for (const fs::path& p : partials) command += " " + q(p);
    return command;
  }

  Run combine(const fs::path& input, const std::vector<fs::path>& partials,
              const fs::path& out) const {
    return run(combine_command(input, partials, out));
  }

 private:
  std::string election_id_;
  std::uint32_t n_, t_;
  std::string group_;
  testing::TempFolder root_;
};

// The expected combine output for rows of codes (codes above kLastCode are
// "invalid"), one line per row, the lines sorted: mixing shuffles the rows.
inline std::string plaintext_lines(const std::vector<std::vector<std::uint64_t>>& rows) {
  std::vector<std::string> lines;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t k = 0; k < row.size(); ++k) {
      line +=
          (k ? " " : "") + (row[k] <= kLastCode ? std::to_string(row[k]) : std::string("invalid"));
    }
    lines.push_back(line + "\n");
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& line : lines) out += line;
  return out;
}

// A text's lines sorted (each with its "\n"): combine's output in a comparable order.
inline std::string sorted_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line + "\n");
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& line : lines) out += line;
  return out;
}

inline std::string read_text(const fs::path& p) {
  const crypto::Bytes b = testing::read_whole_file(p);
  return std::string(b.begin(), b.end());
}
inline void write_text(const fs::path& p, const std::string& text) {
  testing::write_whole_file(p, crypto::as_bytes(text));
}

}  // namespace evote::keys_test
