#!/usr/bin/env bash
# The whole test suite from a clean checkout: installs what is missing,
# builds with -j2 (warnings are errors), runs every test, then rebuilds the
# crypto, token and streamed-shuffle tests with AddressSanitizer + UBSan
# (clang) and runs them again, then runs each fuzz target.
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

# Sanitizers and fuzzing share one clang build (build-fuzz/): ASan, UBSan (any
# report aborts) and libFuzzer's coverage, with line tables only, so a report
# still names the file and line. The libraries are compiled once for both.
# -O0 but crypto, mix and protocol at -O1 (EVOTE_CORE_OPTIONS): all at -O1
# took twice the compile time; all at -O0 made the tests 5x slower.
fuzz_flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DEVOTE_FUZZ=ON -DEVOTE_BUILD_BENCH=OFF -DEVOTE_CORE_OPTIONS=-O1
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O0 -gline-tables-only" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O0 -gline-tables-only")
sanitized_tests=(crypto_tests token_tests mixcli_test_stream_equivalence)
sanitized_test_names='^(crypto/|token/|mixcli/test_stream_equivalence$)'
ASAN="detect_leaks=1:abort_on_error=1"
UBSAN="print_stacktrace=1:halt_on_error=1"

if command -v clang++ >/dev/null 2>&1; then
  step "crypto, streamed shuffle and token tests under ASan + UBSan, and the fuzz targets (clang, build-fuzz/)"
  cmake -S . -B build-fuzz -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ "${fuzz_flags[@]}"
  cmake --build build-fuzz -j2 --target "${sanitized_tests[@]}" fuzz_all
  ASAN_OPTIONS=$ASAN UBSAN_OPTIONS=$UBSAN ctest --test-dir build-fuzz -j2 --output-on-failure -R "$sanitized_test_names"

  # A fixed seed and run count make this step repeatable: CI explores exactly
  # the inputs a developer's run explored. Longer, random fuzzing: fuzz/README.md.
  runs=${EVOTE_FUZZ_RUNS:-20000}
  step "fuzz targets (libFuzzer, ASan, UBSan): ${runs} runs each, seed 1, two at a time"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  fuzz_one() {
    local target=$1 name seeds=()
    name=$(basename "$target")
    [[ -d fuzz/corpus/$name ]] && seeds+=("fuzz/corpus/$name")
    mkdir -p "$work/$name"
    ASAN_OPTIONS=$ASAN UBSAN_OPTIONS=$UBSAN "$target" -seed=1 -runs="$runs" -max_total_time=120 \
      -timeout=20 -rss_limit_mb=4096 -print_final_stats=0 "$work/$name" "${seeds[@]}" specs/examples \
      > "$work/$name.log" 2>&1 || { echo "fuzz target $name failed" > "$work/$name.failed"; }
  }
  targets=(build-fuzz/fuzz/fuzz_*)
  for ((i = 0; i < ${#targets[@]}; i += 2)); do
    fuzz_one "${targets[i]}" &
    ((i + 1 < ${#targets[@]})) && fuzz_one "${targets[i + 1]}" &
    wait
  done
  for target in "${targets[@]}"; do
    name=$(basename "$target")
    echo "-- $name"
    if [[ -e $work/$name.failed ]]; then
      tail -50 "$work/$name.log"
      cat "$work/$name.failed"
      exit 1
    fi
    grep -E "^#[0-9]+.*DONE" "$work/$name.log" | tail -1 || true
  done
else
  # Without clang (not the case after install-deps.sh): GCC's sanitizers, no fuzzing.
  step "crypto, streamed shuffle and token tests under ASan + UBSan (preset sanitize: build-sanitize/)"
  cmake --preset sanitize
  cmake --build --preset sanitize --target "${sanitized_tests[@]}"
  ASAN_OPTIONS=$ASAN UBSAN_OPTIONS=$UBSAN ctest --test-dir build-sanitize -j2 --output-on-failure \
    -R "$sanitized_test_names"
  echo "== fuzz targets skipped: clang++ not found"
fi

step "all tests passed"
