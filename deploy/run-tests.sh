#!/usr/bin/env bash
# The whole test suite from a clean checkout: installs what is missing,
# builds with -j2 (warnings are errors), runs every test, then rebuilds the
# crypto tests with AddressSanitizer + UBSan and runs them again.
# Exit status: 0 only when every step passed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# Each step's start, in seconds since the command began (CI keeps a clean run under 30 minutes).
step() { echo "== $* (at ${SECONDS} s)"; }

"$root/deploy/install-deps.sh"

# Preset ci is default (-O2, warnings as errors, build/) without debug
# information: the same code, built in about a third less time.
step "configure and build (preset ci: build/)"
cmake --preset ci
cmake --build --preset ci

step "tests"
ctest --preset ci -j2

step "crypto, streamed shuffle and token tests under ASan + UBSan (preset sanitize: build-sanitize/)"
cmake --preset sanitize
cmake --build --preset sanitize --target crypto_tests token_tests mixcli_test_stream_equivalence
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-sanitize -j2 --output-on-failure \
  -R '^(crypto/|token/|mixcli/test_stream_equivalence$)'

if command -v clang++ >/dev/null 2>&1; then
  # A fixed seed and run count make this step repeatable: CI explores exactly
  # the inputs a developer's run explored. Longer, random fuzzing: fuzz/README.md.
  runs=${EVOTE_FUZZ_RUNS:-20000}
  step "fuzz targets (clang + libFuzzer, ASan, UBSan): ${runs} runs each, seed 1 (build-fuzz/)"
  # -O1 with line tables only: a third quicker to build than -O2 -g, and a report still
  # names the file and line.
  cmake -S . -B build-fuzz -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEVOTE_FUZZ=ON -DBUILD_TESTING=OFF -DEVOTE_BUILD_BENCH=OFF \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only"
  cmake --build build-fuzz -j2 --target fuzz_all
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  for target in build-fuzz/fuzz/fuzz_*; do
    name=$(basename "$target")
    seeds=()
    [[ -d fuzz/corpus/$name ]] && seeds+=("fuzz/corpus/$name")
    mkdir -p "$work/$name"
    echo "-- $name"
    "$target" -seed=1 -runs="$runs" -max_total_time=120 -timeout=20 -rss_limit_mb=4096 -print_final_stats=0 \
      "$work/$name" "${seeds[@]}" specs/examples > "$work/$name.log" 2>&1 ||
      { tail -50 "$work/$name.log"; echo "fuzz target $name failed"; exit 1; }
    grep -E "^#[0-9]+.*DONE" "$work/$name.log" | tail -1 || true
  done
else
  echo "== fuzz targets skipped: clang++ not found"
fi

step "all tests passed"
