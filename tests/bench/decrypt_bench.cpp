// Threshold decryption at scale: a 3-of-5 key ceremony in memory, N
// ciphertexts encrypted under the joint key (encoded and decoded, as a
// trustee reads them from the mix-net's output), then
//  - partial decrypt: one trustee's partial decryptions with Chaum–Pedersen
//    proofs of all N (partial_decrypt_all);
//  - decode: the 3 trustees' partial decryptions decoded from their
//    encodings, as the tally reads the trustees' files (membership checks);
//  - verify+combine: combine_partial_decryptions of those 3 trustees
//    (verify_partial_decryptions, batched, then Lagrange); "of it: Lagrange"
//    is lagrange_combine alone;
//  - v+c fresh: the same with the elements as partial_decrypt_all returned
//    them (never encoded: ristretto255 must then encode each to hash it).
// Prints wall seconds, µs per ciphertext, CPU seconds (wall < CPU: both
// cores worked; wall > CPU / cores: the machine was busy), the peak RSS, and
// the load average before -> after. Aborts if a plaintext comes out wrong.
//
// Each group runs in its own child process, so the peak RSS is that group's.
//
// Reproduce:
//   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
//   ninja -C build decrypt_bench &&
//   build/tests/bench/decrypt_bench [group ...] [--n N]
// Default: ristretto255 with N = 100000 and modp3072-rfc3526 with N = 800
// (3072-bit exponents: µs per ciphertext says how it scales).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/threshold.hpp"

using namespace evote::crypto;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::uint32_t kTrustees = 5;
constexpr std::uint32_t kThreshold = 3;
constexpr std::uint64_t kCodes = 20;  // choice codes 1..kCodes, cycled

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "decrypt_bench: %s\n", message.c_str());
  std::fflush(stdout);
  std::exit(2);
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

std::string load_average() {
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) < 0) return "?";
  char text[64];
  std::snprintf(text, sizeof text, "%.2f %.2f %.2f", load[0], load[1], load[2]);
  return text;
}

struct Timing {
  double wall = 0, cpu = 0;
};

template <typename F>
Timing timed(F&& f) {
  const double cpu_start = cpu_seconds();
  const auto start = Clock::now();
  f();
  return {std::chrono::duration<double>(Clock::now() - start).count(), cpu_seconds() - cpu_start};
}

// An honest 3-of-5 ceremony, all in this process.
struct Ceremony {
  ThresholdParams params;
  JointKey key;
  std::vector<Scalar> secrets;  // x_j at [j - 1]
};

Ceremony run_ceremony(const Group& group) {
  const ThresholdParams params{"BENCH_2027", kTrustees, kThreshold};
  std::vector<Dealing> dealings;
  std::vector<DealerCommitments> commitments;
  for (std::uint32_t i = 1; i <= kTrustees; ++i) {
    dealings.push_back(deal(group, params, i));
    commitments.push_back(dealings.back().commitments);
  }
  JointKey key = derive_joint_key(group, params, commitments, qualified_dealers(params, {}));
  std::vector<Scalar> secrets;
  for (std::uint32_t j = 1; j <= kTrustees; ++j) {
    std::vector<Share> received;
    for (const Dealing& d : dealings) received.push_back(d.shares[j - 1]);
    secrets.push_back(derive_secret_share(key, j, received));
  }
  return {params, std::move(key), std::move(secrets)};
}

std::uint64_t code_at(std::size_t position) { return 1 + position % kCodes; }

// Runs job(i) for i in [0, n) on every core (the bench's own setup work).
template <typename Job>
void on_all_cores(std::size_t n, const Job& job) {
  const std::size_t threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (std::size_t i = n * t / threads; i < n * (t + 1) / threads; ++i) job(i);
    });
  }
  for (std::thread& thread : pool) thread.join();
}

// Setup, not timed: ciphertexts of codes 1..kCodes, encoded and decoded
// again, as a trustee reads them from the mix-net's output.
std::vector<Ciphertext> encrypt_many(const Element& public_key, std::size_t n) {
  const Group& group = public_key.group();
  std::vector<Ciphertext> out(n, Ciphertext{group.identity(), group.identity()});
  on_all_cores(n, [&](std::size_t i) {
    out[i] = decode_ciphertext(group, encode(encrypt(public_key, code_at(i)).ciphertext));
  });
  return out;
}

// A trustee's partial decryptions as the tally reads them from its file:
// every element decoded (membership checked) from its encoding.
struct EncodedPart {
  Bytes share, proof;
};

std::vector<EncodedPart> encode_all(const TrusteeDecryptions& t) {
  std::vector<EncodedPart> out(t.parts.size());
  on_all_cores(out.size(), [&](std::size_t i) {
    out[i] = {t.parts[i].share.encode(), encode(t.parts[i].proof)};
  });
  return out;
}

TrusteeDecryptions decode_all(const Group& group, std::uint32_t trustee,
                              const std::vector<EncodedPart>& in) {
  TrusteeDecryptions out{
      trustee, std::vector<PartialDecryption>(
                   in.size(), PartialDecryption{
                                  group.identity(),
                                  {group.identity(), group.identity(), group.scalars().zero()}})};
  on_all_cores(in.size(), [&](std::size_t i) {
    out.parts[i] = {group.decode(in[i].share), decode_chaum_pedersen_proof(group, in[i].proof)};
  });
  return out;
}

void check_plaintexts(const Group& group, const CombinedDecryption& combined, std::size_t n) {
  if (!combined.rejected.empty())
    die(std::string(group.name()) + ": trustee " + std::to_string(combined.rejected[0].trustee) +
        " rejected: " + combined.rejected[0].reason);
  if (combined.used != std::vector<std::uint32_t>{1, 2, 3})
    die(std::string(group.name()) + ": combined the wrong trustees");
  if (combined.plaintexts.size() != n) die(std::string(group.name()) + ": wrong plaintext count");
  std::vector<std::uint64_t> codes;
  for (std::uint64_t m = 1; m <= kCodes; ++m) codes.push_back(m);
  const CodeTable table(group, codes);
  for (std::size_t i = 0; i < n; ++i) {
    const std::optional<std::uint64_t> code = table.lookup(combined.plaintexts[i]);
    if (code != code_at(i))
      die(std::string(group.name()) + ": plaintext " + std::to_string(i) + " is wrong (expected " +
          std::to_string(code_at(i)) + ")");
  }
}

// One group's row, printed by the child process that runs it.
void bench_group(const Group& group, std::size_t n) {
  const std::string load_before = load_average();
  const Ceremony c = run_ceremony(group);
  const std::vector<Ciphertext> ciphertexts = encrypt_many(c.key.public_key, n);
  const DecryptionContext context{"BENCH_2027", "bench/district-1"};

  std::vector<TrusteeDecryptions> fresh;  // as partial_decrypt_all returned them
  const Timing partial = timed([&] {
    fresh.push_back(
        partial_decrypt_all(c.secrets[0], verification_key(c.key, 1), ciphertexts, context, 1));
  });
  for (std::uint32_t j = 2; j <= kThreshold; ++j) {
    fresh.push_back(
        partial_decrypt_all(c.secrets[j - 1], verification_key(c.key, j), ciphertexts, context, j));
  }
  std::vector<std::vector<EncodedPart>> files;
  for (const TrusteeDecryptions& t : fresh) files.push_back(encode_all(t));

  std::vector<TrusteeDecryptions> read;  // as the tally decodes them from the trustees' files
  const Timing decoding = timed([&] {
    for (std::uint32_t j = 1; j <= kThreshold; ++j)
      read.push_back(decode_all(group, j, files[j - 1]));
  });
  CombinedDecryption combined;
  const Timing verify_combine = timed(
      [&] { combined = combine_partial_decryptions(c.params, c.key, ciphertexts, read, context); });
  check_plaintexts(group, combined, n);
  // The Lagrange step alone (the rest of verify+combine is the proof check).
  const Timing lagrange = timed([&] { lagrange_combine(ciphertexts, read); });
  // The same with the elements as computed, not decoded: some groups
  // (ristretto255) then encode them again to hash them into the challenges.
  CombinedDecryption combined_fresh;
  const Timing verify_fresh = timed([&] {
    combined_fresh = combine_partial_decryptions(c.params, c.key, ciphertexts, fresh, context);
  });
  check_plaintexts(group, combined_fresh, n);

  const double per = 1e6 / static_cast<double>(n);
  std::printf(
      "%-17s %7zu | %7.2f %8.1f %7.2f | %7.2f | %7.2f %8.1f %7.2f | %7.2f | %7.2f | %7.1f | %s -> "
      "%s\n",
      std::string(group.name()).c_str(), n, partial.wall, partial.wall * per, partial.cpu,
      decoding.wall, verify_combine.wall, verify_combine.wall * per, verify_combine.cpu,
      lagrange.wall, verify_fresh.wall, peak_rss_mib(), load_before.c_str(),
      load_average().c_str());
  std::fflush(stdout);
}

std::size_t default_n(std::string_view group) { return group == "ristretto255" ? 100000 : 800; }

[[noreturn]] void usage() {
  std::string names;
  for (auto name : group_names()) names += " " + std::string(name);
  die("usage: decrypt_bench [group ...] [--n N]   (groups:" + names + ")");
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> groups;
  std::optional<std::size_t> n;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--n" && i + 1 < argc) {
      char* end = nullptr;
      const unsigned long long value = std::strtoull(argv[++i], &end, 10);
      if (*end != '\0' || value == 0) usage();
      n = value;
    } else if (arg.rfind("--", 0) == 0) {
      usage();
    } else {
      try {
        group_by_name(arg);
      } catch (const Error& e) {
        die(e.what());
      }
      groups.push_back(arg);
    }
  }
  if (groups.empty()) groups = {"ristretto255", "modp3072-rfc3526"};

  std::string command = argv[0];
  for (int i = 1; i < argc; ++i) command += std::string(" ") + argv[i];
  std::printf(
      "decrypt_bench: %u-of-%u trustees; one trustee's partial decryptions with proofs "
      "of N ciphertexts, then verify (batch) + combine of %u trustees' shares\n",
      kThreshold, kTrustees, kThreshold);
  std::printf("command: %s\n", command.c_str());
  std::printf(
      "cores: %u; wall = steady_clock seconds, cpu = process CPU seconds; "
      "RSS = the group's peak; load = 1/5/15-min load average before -> after\n\n",
      std::thread::hardware_concurrency());
  std::printf("%-17s %7s | %-24s | %7s | %-24s | %7s | %7s | %7s | %s\n", "", "",
              "partial decrypt, 1", "decode", "verify+combine, 3", "of it:", "v+c of", "peak", "");
  std::printf("%-17s %7s | %-24s | %7s | %-24s | %7s | %7s | %7s | %s\n", "", "", "trustee",
              "3 files", "trustees (decoded)", "Lagrng", "fresh", "RSS", "");
  std::printf("%-17s %7s | %7s %8s %7s | %7s | %7s %8s %7s | %7s | %7s | %7s | %s\n", "group", "N",
              "wall s", "us/ct", "cpu s", "wall s", "wall s", "us/ct", "cpu s", "wall s", "wall s",
              "MiB", "load");
  std::fflush(stdout);

  int status_all = 0;
  for (const std::string& name : groups) {
    const std::size_t count = n.value_or(default_n(name));
    // A child per group: its own peak RSS, and one group's failure is shown
    // without hiding the others'.
    const pid_t child = fork();
    if (child < 0) die("fork failed");
    if (child == 0) {
      try {
        bench_group(group_by_name(name), count);
      } catch (const std::exception& e) {
        die(name + ": " + e.what());
      }
      std::exit(0);
    }
    int status = 0;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "decrypt_bench: %s failed\n", name.c_str());
      status_all = 1;
    }
  }
  std::printf(
      "\nbuild: cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo && "
      "ninja -C build decrypt_bench\nreproduce one row: %s <group> --n <N>\n",
      argv[0]);
  return status_all;
}
