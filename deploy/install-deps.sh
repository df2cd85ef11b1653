#!/usr/bin/env bash
# Installs everything evote needs to build, test and run on Debian 12.
# Idempotent: packages already present are left alone; safe to run often.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates
  clang libclang-rt-14-dev
  # crypto and arithmetic
  libgmp-dev libsodium-dev libssl-dev openssl
  # networking, tests (Beast/Asio are header-only in libboost-dev)
  libboost-dev libboost-test-dev
  # command lines of the evote programs: per-command options, checking and help
  libcli11-dev
  # canonical JSON documents (protocol/): the well-kept C++ JSON library
  nlohmann-json3-dev
  # Qt 6 desktop apps and their tests
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools libgl1-mesa-dev
  # database
  libpq-dev postgresql postgresql-contrib
  # ID card emulation and tools (PKCS#11)
  softhsm2 opensc p11-kit libp11-kit-dev
  # headless display for GUI tests
  xvfb xauth
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
