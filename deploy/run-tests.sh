#!/usr/bin/env bash
# The whole test suite from a clean checkout: installs what is missing,
# builds with -j2 (warnings are errors), runs every test, then rebuilds the
# crypto tests with AddressSanitizer + UBSan and runs them again.
# Exit status: 0 only when every step passed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

"$root/deploy/install-deps.sh"

echo "== configure and build (preset default: build/)"
cmake --preset default
cmake --build --preset default

echo "== tests"
ctest --preset default -j2

echo "== crypto tests under ASan + UBSan (preset sanitize: build-sanitize/)"
cmake --preset sanitize
cmake --build --preset sanitize
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --preset sanitize -j2

echo "== all tests passed"
