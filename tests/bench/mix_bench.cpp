// Prints the shuffle, prove and verify times of the proof of shuffle, per
// row microseconds and peak memory, for the cases (or one given).
// Each case runs in its own child process so that its peak RSS is its own.
//
// Reproduce: cmake --preset default && cmake --build --preset default -j2 &&
//            build/tests/bench/mix_bench                      (the default cases)
//            build/tests/bench/mix_bench --group ristretto255 --n 100000 --width 1 [--files]
//
// "memory" cases run the library on rows in memory (prove_shuffle,
// verify_shuffle); "files" cases run what evote-mix runs: the streaming
// prover and verifier on ciphertext files in a temp folder, rows on disk,
// including reading, writing and hashing the files (the shuffle column is
// then 0: shuffling is part of proving).
//
// Default cases: in memory, ristretto255 N = 10,000 and 100,000 (w = 1) and
// 10,000 (w = 5), modp3072-rfc3526 N = 1,000 and 10,000 (w = 1) and 1,000
// (w = 5); with files, ristretto255 N = 100,000 and 1,000,000 and
// modp3072-rfc3526 N = 10,000.
// modp3072-rfc3526 at N = 100,000 takes about ten times its N = 10,000 row
// (everything is linear in N): run it with --n 100000 when you have the time.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "evote/crypto/elgamal.hpp"
#include "evote/crypto/groups.hpp"
#include "evote/crypto/init.hpp"
#include "evote/mix/io/stream_shuffle.hpp"
#include "evote/mix/shuffle.hpp"
#include "evote/protocol/ciphertext_file.hpp"

using namespace evote;
using Clock = std::chrono::steady_clock;

namespace {

struct Case {
  std::string group;
  std::size_t n;
  std::size_t width;
  bool files = false;
};

struct Figures {
  double shuffle_s, prove_s, verify_s;
  double proof_mb;
  int ok;
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The files way: input file written in chunks (not timed), then the
// streaming stage and its check.
Figures run_files_case(const Case& c) {
  const crypto::Group& group = crypto::group_by_name(c.group);
  const crypto::KeyPair keys = crypto::generate_keypair(group);
  const auto g = group.precompute(group.generator());
  const auto y = group.precompute(keys.public_key);
  const crypto::ScalarField& f = group.scalars();
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("mix_bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto in = dir / "in.ctxt", out = dir / "out.ctxt", proof_path = dir / "out.proof";
  protocol::CiphertextFileHeader header{"BENCH_2027", "mayor", "", c.group,
                                        static_cast<std::uint32_t>(c.width), c.n};
  {
    protocol::CiphertextFileWriter writer(in, header);
    constexpr std::size_t kChunk = 16384;
    for (std::size_t b = 0; b < c.n; b += kChunk) {
      const std::size_t count = std::min(kChunk, c.n - b);
      std::vector<crypto::Ciphertext> rows(count * c.width, {group.identity(), group.identity()});
      std::vector<std::thread> threads;
      for (unsigned t = 0; t < 2; ++t) {
        threads.emplace_back([&, t] {
          for (std::size_t i = t; i < rows.size(); i += 2) {
            const crypto::Scalar r = f.random();
            rows[i] = {g->exp(r), group.mul(y->exp(r), g->exp(f.from_u64(2 + i % 7)))};
          }
        });
      }
      for (auto& thread : threads) thread.join();
      writer.append_rows(count, [&](std::size_t i) {
        return std::span<const crypto::Ciphertext>(rows).subspan(i * c.width, c.width);
      });
    }
    writer.finish();
  }
  const mix::ShuffleSeed seed{"BENCH_2027", "mayor/", 1};
  Figures figures{};
  auto start = Clock::now();
  mix::io::prove_stage_streaming(keys.public_key, seed, in, out, proof_path,
                                 {"BENCH_2027", "mayor", "", c.group,
                                  static_cast<std::uint32_t>(c.width), c.n, 1,
                                  crypto::Bytes(32, 0), {}, {}},
                                 mix::io::StreamSecrets::random(c.n));
  figures.prove_s = seconds_since(start);
  figures.proof_mb = static_cast<double>(std::filesystem::file_size(proof_path)) / 1e6;
  start = Clock::now();
  const mix::io::ShuffleProofFileHead head = mix::io::read_shuffle_proof_head(proof_path);
  const crypto::Verdict verdict = mix::io::verify_stage_streaming(keys.public_key, seed, in, out,
                                                                  proof_path, head.body_offset);
  figures.verify_s = seconds_since(start);
  figures.ok = verdict ? 1 : 0;
  if (!verdict) std::fprintf(stderr, "mix_bench: an honest proof failed: %s\n", verdict.reason.c_str());
  std::filesystem::remove_all(dir);
  return figures;
}

// Runs in the child: writes the figures to `fd`.
void run_case(const Case& c, int fd) {
  if (c.files) {
    const Figures figures = run_files_case(c);
    if (::write(fd, &figures, sizeof figures) != sizeof figures) std::_Exit(3);
    return;
  }
  const crypto::Group& group = crypto::group_by_name(c.group);
  const crypto::KeyPair keys = crypto::generate_keypair(group);
  const auto g = group.precompute(group.generator());
  const auto y = group.precompute(keys.public_key);
  // Inputs: encryptions of small codes, made with the fixed-base tables
  // (the same ciphertexts the voter app would send; not timed).
  mix::Rows input(c.n);
  const crypto::ScalarField& f = group.scalars();
  for (std::size_t i = 0; i < c.n; ++i) {
    for (std::size_t k = 0; k < c.width; ++k) {
      const crypto::Scalar r = f.random();
      input[i].items.push_back(
          {g->exp(r), group.mul(y->exp(r), g->exp(f.from_u64(2 + (i + k) % 7)))});
    }
  }
  const mix::ShuffleSeed seed{"BENCH_2027", "mayor/", 1};
  Figures figures{};
  auto start = Clock::now();
  mix::ShuffleResult shuffled = mix::shuffle(keys.public_key, input);
  figures.shuffle_s = seconds_since(start);
  start = Clock::now();
  const mix::ShuffleProof proof =
      mix::prove_shuffle(keys.public_key, input, shuffled.output, shuffled.witness, seed);
  figures.prove_s = seconds_since(start);
  figures.proof_mb = static_cast<double>(mix::encode(proof).size()) / 1e6;
  start = Clock::now();
  const crypto::Verdict verdict =
      mix::verify_shuffle(keys.public_key, input, shuffled.output, proof, seed);
  figures.verify_s = seconds_since(start);
  figures.ok = verdict ? 1 : 0;
  if (!verdict) std::fprintf(stderr, "mix_bench: an honest proof failed: %s\n", verdict.reason.c_str());
  if (::write(fd, &figures, sizeof figures) != sizeof figures) std::_Exit(3);
}

void report(const Case& c) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) std::exit(2);
  std::fflush(stdout);
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(pipe_fds[0]);
    run_case(c, pipe_fds[1]);
    std::_Exit(0);
  }
  ::close(pipe_fds[1]);
  Figures figures{};
  const bool got = ::read(pipe_fds[0], &figures, sizeof figures) == sizeof figures;
  ::close(pipe_fds[0]);
  int status = 0;
  rusage usage{};
  ::wait4(child, &status, 0, &usage);
  if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || !figures.ok) {
    std::printf("| %s | %s | %zu | %zu | failed (status %d) |\n", c.group.c_str(),
                c.files ? "files" : "memory", c.n, c.width, status);
    return;
  }
  const double rows = static_cast<double>(c.n);
  std::printf("| %s | %s | %zu | %zu | %.2f | %.2f | %.1f | %.2f | %.1f | %.1f | %.0f |\n",
              c.group.c_str(), c.files ? "files" : "memory", c.n, c.width, figures.shuffle_s, figures.prove_s,
              figures.prove_s * 1e6 / rows, figures.verify_s, figures.verify_s * 1e6 / rows,
              figures.proof_mb, static_cast<double>(usage.ru_maxrss) / 1024.0);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  crypto::init();
  std::vector<Case> cases;
  Case one{"", 0, 1};
  for (int i = 1; i < argc; i += 2) {
    if (std::strcmp(argv[i], "--files") == 0) {
      one.files = true;
      --i;
      continue;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "usage: mix_bench [--group G --n N [--width W] [--files]]\n");
      return 2;
    }
    if (std::strcmp(argv[i], "--group") == 0) one.group = argv[i + 1];
    else if (std::strcmp(argv[i], "--n") == 0) one.n = std::strtoull(argv[i + 1], nullptr, 10);
    else if (std::strcmp(argv[i], "--width") == 0) one.width = std::strtoull(argv[i + 1], nullptr, 10);
    else {
      std::fprintf(stderr, "usage: mix_bench [--group G --n N [--width W] [--files]]\n");
      return 2;
    }
  }
  if (!one.group.empty() || one.n != 0) {
    if (one.group.empty() || one.n == 0 || one.width == 0) {
      std::fprintf(stderr, "mix_bench: give --group and --n (and --width >= 1)\n");
      return 2;
    }
    cases.push_back(one);
  } else {
    cases = {{"ristretto255", 10000, 1},     {"ristretto255", 100000, 1},
             {"ristretto255", 10000, 5},     {"modp3072-rfc3526", 1000, 1},
             {"modp3072-rfc3526", 10000, 1}, {"modp3072-rfc3526", 1000, 5},
             {"ristretto255", 100000, 1, true}, {"modp3072-rfc3526", 10000, 1, true},
             {"ristretto255", 1000000, 1, true}};
  }
  std::printf("mix_bench: %u hardware threads; command:", std::thread::hardware_concurrency());
  for (int i = 0; i < argc; ++i) std::printf(" %s", argv[i]);
  std::printf("\n\n| group | rows in | N | w | shuffle s | prove s | prove µs/row | verify s | verify µs/row | proof MB | peak RSS MB |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const Case& c : cases) report(c);
  return 0;
}
