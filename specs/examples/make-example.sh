#!/usr/bin/env bash
# Builds the example election of specs/formats.md §8 with evote-admin, from
# the inputs in specs/examples/input/, into OUT (default: specs/examples/).
#   EVOTE_ADMIN=build/collector/evote-admin specs/examples/make-example.sh [OUT]
# input/collector-tls.pem is a server certificate (CA:FALSE, serverAuth), made with
#   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout /dev/null -days 3650 \
#     -subj /CN=collector.example.invalid -addext basicConstraints=critical,CA:FALSE \
#     -addext keyUsage=critical,digitalSignature -addext extendedKeyUsage=serverAuth \
#     -addext subjectAltName=DNS:collector.example.invalid -out input/collector-tls.pem
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
in="$here/input"
out=${1:-$here}
admin=${EVOTE_ADMIN:-evote-admin}
pass=(--passphrase-file "$in/passphrase.txt")
mkdir -p "$out"
rm -f "$out"/config.json "$out"/organizer.key "$out"/collector.key "$out"/voters-*.json "$out"/paper-votes.json

"$admin" init --election-id RK_2027 --name-et "Riigikogu valimised 2027" --name-en "Riigikogu elections 2027" \
  --start 2027-02-22T07:00:00Z --end 2027-02-28T18:00:00Z --group ristretto255 \
  --config "$out/config.json" --key "$out/organizer.key" "${pass[@]}"
"$admin" add-district --config "$out/config.json" --id 1 --name-et "Tallinna Haabersti, Põhja-Tallinna ja Kristiine"
"$admin" add-district --config "$out/config.json" --id 2 --name-et "Tartu linn" --name-en "Tartu city"
"$admin" add-contest --config "$out/config.json" --id riigikogu --type single --name-et "Riigikogu"
"$admin" import-choices --config "$out/config.json" --contest riigikogu --csv "$in/choices-riigikogu.csv"
"$admin" add-contest --config "$out/config.json" --id referendum --type approval --max-selections 1 \
  --name-et "Rahvahääletus" --name-en "Referendum"
"$admin" import-choices --config "$out/config.json" --contest referendum --csv "$in/choices-referendum.csv"
"$admin" add-ca --config "$out/config.json" --cert "$in/voter-ca.pem"
"$admin" new-key --role collector --key "$out/collector.key" "${pass[@]}"
"$admin" set-collector --config "$out/config.json" --tls-cert "$in/collector-tls.pem" --signing-key "$out/collector.key"
"$admin" sign --config "$out/config.json" --key "$out/organizer.key" "${pass[@]}"
"$admin" import-voters --config "$out/config.json" --tsv "$in/voters-1.tsv" --key "$out/organizer.key" \
  --out "$out/voters-1.json" "${pass[@]}"
"$admin" import-voters --config "$out/config.json" --tsv "$in/voters-2.tsv" --previous "$out/voters-1.json" \
  --key "$out/organizer.key" --out "$out/voters-2.json" "${pass[@]}"
"$admin" paper-votes --config "$out/config.json" --list "$in/paper-votes.txt" --key "$out/organizer.key" \
  --out "$out/paper-votes.json" "${pass[@]}"
"$admin" show "$out/config.json"
"$admin" verify --config "$out/config.json" "$out/voters-1.json" "$out/voters-2.json" "$out/paper-votes.json"
