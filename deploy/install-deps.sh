#!/usr/bin/env bash
# Installs what evote's build and tests use on Debian 12, the mock election
# (which the tests run) included.
# Idempotent: packages already present are left alone; safe to run often.
set -euo pipefail

packages=(
  # toolchain (clang and its runtime: the libFuzzer targets)
  build-essential cmake ninja-build pkg-config git ca-certificates
  clang libclang-rt-14-dev
  # crypto and arithmetic
  libgmp-dev libsodium-dev libssl-dev openssl
  # tests (Boost.Test); Beast/Asio for the collector come with libboost-dev
  libboost-dev libboost-test-dev
  # command lines of the evote programs: per-command options, checking and help
  libcli11-dev
  # canonical JSON documents (protocol/): the well-kept C++ JSON library
  nlohmann-json3-dev
  # the collector's database: libpq, and a server the tests start themselves
  libpq-dev postgresql
  # PKCS#11: the header (p11-kit) and a real software token for the tests (SoftHSM2)
  libp11-kit-dev softhsm2
  # the voter apps: Qt 6 (widgets, network, tests, Linguist for the et/en/ru translations),
  # QR codes made (libqrencode) and read (ZXing-cpp), and an X server for the window tests
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqrencode-dev libzxing-dev xvfb xauth
  # the results web site's browser tests (headless Chromium)
  chromium
  # the mock election (deploy/demo-election.sh), which the test suite runs: jq reads and
  # writes its JSON files (the field's standard command-line JSON tool)
  jq
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
