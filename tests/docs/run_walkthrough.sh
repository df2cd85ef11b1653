#!/usr/bin/env bash
# Runs docs/walkthrough.sh (the README's walkthrough for officials) in a temp
# folder and checks that the decrypted counts are the votes it encrypted.
set -euo pipefail
source_dir=$1
build_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$source_dir/docs/walkthrough.sh" "$build_dir" "$work/election" > "$work/output.txt" 2>&1 ||
  { cat "$work/output.txt"; echo "walkthrough failed"; exit 1; }
expected='code     name           count
1        (blank)            0
2        Mari Maasikas      4
3        Jaan Tamm          2
4        Liis Kask          1
invalid                     0'
if ! tail -6 "$work/output.txt" | diff <(printf '%s\n' "$expected") - ; then
  cat "$work/output.txt"
  echo "walkthrough: the counts differ from the votes encrypted"
  exit 1
fi
# The decrypted rows are the codes encrypted, in some order.
[[ $(sort "$work/election/public/council-north.txt" | tr '\n' ' ') == "2 2 2 2 3 3 4 " ]] ||
  { echo "walkthrough: plaintext rows differ"; exit 1; }
echo "walkthrough: counts match the encrypted votes"
