#!/usr/bin/env bash
# The officials' walkthrough: election config -> key ceremony -> mix cascade
# -> threshold decryption, every program in the order officials run them
# (README, "For election officials"). The test suite runs it and checks the
# counts it prints against the votes it encrypted.
#
#   docs/walkthrough.sh BUILD_DIR WORK_DIR
#
# Each party works in its own folder under WORK_DIR (organizer/, trustee-1..3/);
# public/ is what is published; `cp` stands for the USB stick that carries
# files between them. The passphrase is a demo one in a file; real officials type
# theirs. Until `evote-tally anonymize` exists, tests/tools/encrypt_test_rows
# stands in for the ballot box: it encrypts a list of choice codes.
set -euo pipefail

build=$(cd "$1" && pwd)
work=$2
admin=$build/collector/evote-admin
keys=$build/tallier/keys/evote-keys
mix=$build/mix/evote-mix
ballots=$build/tests/encrypt_test_rows

say() { printf '\n== %s\n' "$*"; }
mkdir -p "$work"
cd "$work"
mkdir organizer public
printf 'demo passphrase, protects nothing real\n' > passphrase.txt
pass=(--passphrase-file "$work/passphrase.txt")

say "1. The organizer drafts the election config"
cd organizer
"$admin" init --election-id DEMO_2027 --name-et "Näidisvalimised 2027" --name-en "Demo election 2027" \
  --start 2027-02-22T07:00:00Z --end 2027-03-01T18:00:00Z --config config.json --key organizer.key "${pass[@]}"
"$admin" add-district --config config.json --id north --name-et "Põhja" --name-en "North"
"$admin" add-contest --config config.json --id council --type single --name-et "Volikogu" --name-en "Council"
printf 'code,district,name_et\n2,north,Mari Maasikas\n3,north,Jaan Tamm\n4,north,Liis Kask\n' > choices.csv
"$admin" import-choices --config config.json --contest council --csv choices.csv

say "2. Three trustees make their identity keys; the organizer adds them (2 of 3 decrypt)"
for i in 1 2 3; do
  "$keys" trustee-init --dir "../trustee-$i" "${pass[@]}" > "../trustee-$i.txt"
  signing=$(sed -n 's/^signing-key: //p' "../trustee-$i.txt")
  encryption=$(sed -n 's/^encryption-key: //p' "../trustee-$i.txt")
  threshold=()
  [[ $i == 3 ]] && threshold=(--threshold 2)
  "$admin" add-trustee --config config.json --index "$i" --name "Trustee $i" \
    --signing-key "$signing" --encryption-key "$encryption" "${threshold[@]}"
done
"$admin" sign --config config.json --key organizer.key "${pass[@]}"
cd ..
for i in 1 2 3; do cp organizer/config.json "trustee-$i/config.json"; done

say "3. The key ceremony: deal, receive, finish (each trustee on their own machine)"
for step in deal receive finish; do
  for i in 1 2 3; do "$keys" "$step" --config "trustee-$i/config.json" --dir "trustee-$i" "${pass[@]}"; done
  # Public messages go to every trustee and the public folder; share boxes to the trustees.
  for i in 1 2 3; do
    for file in trustee-$i/deal-$i.json trustee-$i/boxes-$i.json trustee-$i/complaints-$i.json \
                trustee-$i/finish-$i.json; do
      [[ -f $file ]] || continue
      for j in 1 2 3; do [[ $j == "$i" || -f trustee-$j/$(basename "$file") ]] || cp "$file" "trustee-$j/"; done
      [[ $file == *boxes-* || -f public/$(basename "$file") ]] || cp "$file" public/
    done
  done
done

say "4. The ceremony file and the election key; the organizer signs the final config"
"$keys" publish-key --config organizer/config.json --dir public --out public/ceremony.json | tee publish.txt
election_key=$(sed -n 's/^election public key: //p' publish.txt)
"$admin" set-election-key --config organizer/config.json --key "$election_key"
"$admin" sign --config organizer/config.json --key organizer/organizer.key "${pass[@]}"
cp organizer/config.json public/config.json
"$keys" verify-ceremony --config public/config.json public/ceremony.json

say "5. Ballots (stand-in for the ballot box): 4 x Mari Maasikas, 2 x Jaan Tamm, 1 x Liis Kask"
"$ballots" public/config.json council north public/council-north.ctxt 2 3 2 4 2 3 2

say "6. Two mix servers, one stage each; anyone can check the chain"
"$mix" cascade --config public/config.json --input public/council-north.ctxt --cascade public/mix
"$mix" cascade --config public/config.json --input public/council-north.ctxt --cascade public/mix
"$mix" verify-chain --config public/config.json --input public/council-north.ctxt --cascade public/mix --stages 2

say "7. Two trustees decrypt the last stage (each checks the cascade first); anyone combines"
for i in 1 3; do
  "$keys" partial-decrypt --dir "trustee-$i" --ceremony public/ceremony.json --config public/config.json \
    --input public/council-north.ctxt --cascade public/mix --out "public/partial-$i.bin" "${pass[@]}"
done
"$keys" combine --ceremony public/ceremony.json --config public/config.json --input public/council-north.ctxt \
  --cascade public/mix --out public/council-north.txt public/partial-1.bin public/partial-3.bin
