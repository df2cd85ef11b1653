#!/usr/bin/env bash
# A mock election from start to end on this machine, with the real programs:
#
#   deploy/demo-election.sh [--voters N] [--keep] [--out DIR] [--jobs J]
#                           [--build-dir DIR] [--no-install] [--no-build]
#
# It installs what is needed (deploy/install-deps.sh), builds the
# programs, starts a throwaway PostgreSQL, an OCSP responder and the
# collector (TLS 1.3), and then does what the officials and the voters of an
# election do: the organizer makes the election (2 contests, one ranked, 3
# districts), five trustees make the election key (3 of 5 needed), N voters
# (30 by default) vote with evote-voter-cli and SoftHSM2 ID cards (some vote
# again, some also vote on paper, one is refused for a revoked card, one
# checks their vote with evote-verify-vote --cli), the organizer closes and
# exports the ballot box, and the tally runs: evote-tally, two mix servers,
# three trustees decrypting, the count, the record and evote-verify. Last it
# compares the results with the votes it cast (expected-results.txt): exit
# 1 if they differ or any step fails.
#
# Options:
#   --voters N       how many voters (default 30; at least 2)
#   --keep           leave PostgreSQL, the OCSP responder and the collector
#                    running at the end with voting open (the tally counts
#                    the ballot box exported before), and print how to open
#                    the voter app against them
#   --out DIR        the demo folder to make (default /tmp/evote-demo-<time>)
#   --jobs J         voters' cards and votes made J at a time (default 4)
#   --build-dir DIR  the build folder (default: build/ beside deploy/)
#   --no-install     do not install packages (they are there)
#   --no-build       do not build (the programs in the build folder are current)
#
# Everything it makes is in the demo folder (organizer/, trustee-1..5/,
# voters/, collector/, tally/, record/, logs/); the passphrases, PINs and CA
# keys there are demo ones that protect nothing. Every process it starts is
# stopped when it ends, fails or is interrupted (unless --keep and success).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/.." && pwd)
demo_lib=$here/demo

voters=30
keep=false
out=
jobs=4
build=$source_dir/build
install=true
do_build=true

# The comment above as help; exit status $1.
usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print } /^set -euo/ { exit }' "$0"
  exit "$1"
}

while (($#)); do
  case $1 in
    --voters) voters=${2:?--voters needs a number}; shift 2 ;;
    --keep) keep=true; shift ;;
    --out) out=${2:?--out needs a folder}; shift 2 ;;
    --jobs) jobs=${2:?--jobs needs a number}; shift 2 ;;
    --build-dir) build=${2:?--build-dir needs a folder}; shift 2 ;;
    --no-install) install=false; shift ;;
    --no-build) do_build=false; shift ;;
    -h | --help | help) usage 0 ;;
    *) echo "demo-election.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [[ ! $voters =~ ^[0-9]+$ ]] || ((voters < 2)); then
  echo "demo-election.sh: --voters: a whole number, at least 2" >&2
  exit 2
fi
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "demo-election.sh: --jobs: a whole number, at least 1" >&2; exit 2; }
[[ -z $out ]] && out=${TMPDIR:-/tmp}/evote-demo-$(date +%Y%m%d-%H%M%S)
[[ -e $out ]] && { echo "demo-election.sh: $out already exists" >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
build=$(mkdir -p "$build" && cd "$build" && pwd)

# ---- the programs

admin=$build/collector/evote-admin
collector_bin=$build/collector/evote-collector
keys=$build/tallier/keys/evote-keys
mix=$build/mix/evote-mix
tally=$build/tallier/tally/evote-tally
verify=$build/tallier/verify/evote-verify
verify_vote=$build/voter-app/verify/evote-verify-vote
programs=(evote-admin evote-collector evote-keys evote-mix evote-tally evote-verify
          evote-test-card evote-voter-cli evote-verify-vote evote-voter)

# ---- progress (one line per stage, logs/), the services, stopping them on any exit

stage_count=19
demo_started=${EPOCHREALTIME/./}
mkdir -p "$out/logs"
# shellcheck source=deploy/demo/progress.sh source-path=SCRIPTDIR
source "$demo_lib/progress.sh"
# shellcheck source=deploy/demo/services.sh
source "$demo_lib/services.sh"
finished=false


on_exit() {
  local status=$?
  if $keep && $finished; then return; fi
  stop_services
  remove_card_readers
  if ((status == 129 || status == 130 || status == 143)); then
    echo "demo-election.sh: interrupted; stopped what it started; what it made is in $out" >&2
  elif ((status != 0)); then
    echo "demo-election.sh: stopped what it started; what it made is in $out" >&2
  fi
}
trap on_exit EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- the stages

install_packages() {
  stage install "install what is needed (apt-get)"
  if ! $install; then stage_done "skipped (--no-install)"; return; fi
  # Everything the demo uses comes with the build's and the tests' packages (it reads JSON
  # with awk: deploy/demo/json-flat.awk).
  run "$source_dir/deploy/install-deps.sh"
  stage_done
}

build_programs() {
  stage build "build the programs (cmake, -j2)"
  if ! $do_build; then stage_done "skipped (--no-build)"; return; fi
  if [[ ! -f $build/CMakeCache.txt ]]; then
    [[ $build == "$source_dir/build" ]] ||
      fail "$build is not a configured build folder (cmake --preset default makes build/)"
    (cd "$source_dir" && run cmake --preset default)
  fi
  run cmake --build "$build" -j2 --target "${programs[@]}"
  stage_done
}

check_programs() {
  local p
  for p in "$admin" "$collector_bin" "$keys" "$mix" "$tally" "$verify" "$verify_vote" \
           "$build/voter-app/card/evote-test-card" "$build/voter-app/cli/evote-voter-cli"; do
    [[ -x $p ]] || fail "$p is missing: build the programs (drop --no-build)"
  done
  command -v openssl > /dev/null || fail "openssl is missing (drop --no-install)"
}

start_database() {
  stage database "start a throwaway PostgreSQL"
  start_postgres
  stage_done "socket in $pg_dir"
}

passphrase=
pass=()
org=
config=

make_election() {
  stage election "the organizer makes the election and the parties' keys"
  passphrase=$out/passphrase.txt
  printf 'demo passphrase, protects nothing real\n' > "$passphrase"
  chmod 600 "$passphrase"
  pass=(--passphrase-file "$passphrase")
  org=$out/organizer
  config=$org/config.json
  mkdir -p "$org" "$out/collector/election" "$out/mix-1" "$out/mix-2" "$out/tally-operator"
  local start end
  start=$(date -u -d '1 hour ago' +%Y-%m-%dT%H:%M:00Z)
  end=$(date -u -d '1 day' +%Y-%m-%dT%H:%M:00Z)
  run "$admin" init --election-id DEMO_2027 --name-et "Näidisvalimised 2027" \
    --name-en "Demo election 2027" --start "$start" --end "$end" --config "$config" \
    --key "$org/organizer.key" "${pass[@]}"
  run "$admin" add-district --config "$config" --id harju --name-et "Harju maakond" --name-en "Harju County"
  run "$admin" add-district --config "$config" --id tartu --name-et "Tartu maakond" --name-en "Tartu County"
  run "$admin" add-district --config "$config" --id parnu --name-et "Pärnu maakond" --name-en "Pärnu County"
  run "$admin" add-contest --config "$config" --id council --type single \
    --name-et "Maakonnavolikogu" --name-en "County council"
  run "$admin" import-choices --config "$config" --contest council --csv "$demo_lib/council.csv"
  run "$admin" add-contest --config "$config" --id budget --type ranked --max-selections 3 \
    --name-et "Kaasav eelarve" --name-en "Participatory budget"
  run "$admin" import-choices --config "$config" --contest budget --csv "$demo_lib/budget.csv"

  # The voters' ID-card CA (SoftHSM2 test cards) and its OCSP responder's certificate.
  run "$build/voter-app/card/evote-test-card" make-ca --name "evote demo" --out "$out/voter-ca"
  run "$admin" add-ca --config "$config" --cert "$out/voter-ca/root.pem"
  run "$admin" add-ca --config "$config" --cert "$out/voter-ca/ca.pem"
  make_ocsp_certificate

  # The collector's TLS certificate (pinned by the config).
  run openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes \
    -keyout "$out/collector/tls.key" -days 30 -subj "/CN=127.0.0.1" \
    -addext basicConstraints=critical,CA:FALSE -addext keyUsage=critical,digitalSignature \
    -addext extendedKeyUsage=serverAuth -addext subjectAltName=IP:127.0.0.1 \
    -out "$out/collector/tls.pem"

  # The parties' signing keys, each sealed with a passphrase (made two at a time): the
  # collector's, two mix servers' (of two organisations), the tally operator's, and five
  # trustees' identity keys (each on their own machine; 3 of them will be needed).
  pool run "$admin" new-key --role collector --key "$out/collector/collector.key" "${pass[@]}"
  pool run "$admin" new-key --role mix-1 --key "$out/mix-1/mix-1.key" "${pass[@]}"
  pool run "$admin" new-key --role mix-2 --key "$out/mix-2/mix-2.key" "${pass[@]}"
  pool run "$admin" new-key --role tally --key "$out/tally-operator/tally.key" "${pass[@]}"
  local j
  for j in 1 2 3 4 5; do
    pool run_to "$org/trustee-$j.txt" "$keys" trustee-init --dir "$out/trustee-$j" "${pass[@]}"
  done
  pool_wait
  run "$admin" set-collector --config "$config" --tls-cert "$out/collector/tls.pem" \
    --signing-key "$out/collector/collector.key"
  run "$admin" set-mix-servers --config "$config" "Mix A=$out/mix-1/mix-1.key" \
    "Mix B=$out/mix-2/mix-2.key"
  run "$admin" set-tally-key --config "$config" --signing-key "$out/tally-operator/tally.key"
  for j in 1 2 3 4 5; do
    local threshold=()
    ((j == 5)) && threshold=(--threshold 3)
    run "$admin" add-trustee --config "$config" --index "$j" --name "Trustee $j" \
      --signing-key "$(sed -n 's/^signing-key: //p' "$org/trustee-$j.txt")" \
      --encryption-key "$(sed -n 's/^encryption-key: //p' "$org/trustee-$j.txt")" "${threshold[@]}"
  done
  run "$admin" sign --config "$config" --key "$org/organizer.key" "${pass[@]}"
  stage_done "DEMO_2027, 3 districts, 2 contests"
}

# A delegated OCSP responder certificate (id-kp-OCSPSigning) of the voters' issuing CA.
make_ocsp_certificate() {
  local dir=$out/ocsp
  mkdir -p "$dir"
  printf '%s\n' basicConstraints=critical,CA:FALSE keyUsage=critical,digitalSignature \
    extendedKeyUsage=critical,OCSPSigning subjectKeyIdentifier=hash \
    authorityKeyIdentifier=keyid > "$dir/responder.ext"
  run openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes \
    -keyout "$dir/responder.key" -subj "/C=EE/O=evote demo/CN=evote demo OCSP responder" \
    -out "$dir/responder.csr"
  run openssl x509 -req -in "$dir/responder.csr" -CA "$out/voter-ca/ca.pem" \
    -CAkey "$out/voter-ca/ca.key" -set_serial "0x$(openssl rand -hex 16)" -days 30 -sha384 \
    -extfile "$dir/responder.ext" -out "$dir/responder.pem"
  printf 'unique_subject = no\n' > "$dir/index.txt.attr"
}

# Trustee i's file NAME-i.json goes to every other trustee and, when PUBLISH is true, to
# public/ (`cp` stands for the USB stick); share boxes go to the trustees only.
share_ceremony_files() {
  local name=$1 publish=$2 i j file
  for i in 1 2 3 4 5; do
    file=$out/trustee-$i/$name-$i.json
    [[ -f $file ]] || continue
    for j in 1 2 3 4 5; do
      ((j == i)) || cp "$file" "$out/trustee-$j/"
    done
    if $publish; then cp "$file" "$out/public/"; fi
  done
}

key_ceremony() {
  stage ceremony "key ceremony: 5 trustees, 3 needed (evote-keys)"
  mkdir -p "$out/public"
  local j step
  for j in 1 2 3 4 5; do cp "$config" "$out/trustee-$j/config.json"; done
  for step in deal receive finish; do
    for j in 1 2 3 4 5; do
      pool run "$keys" "$step" --config "$out/trustee-$j/config.json" --dir "$out/trustee-$j" "${pass[@]}"
    done
    pool_wait
    case $step in
      deal) share_ceremony_files deal true; share_ceremony_files boxes false ;;
      receive) share_ceremony_files complaints true ;;
      finish) share_ceremony_files finish true ;;
    esac
  done
  run_to "$out/public/publish-key.txt" "$keys" publish-key --config "$config" --dir "$out/public" \
    --out "$out/public/ceremony.json"
  local election_key
  election_key=$(sed -n 's/^election public key: //p' "$out/public/publish-key.txt")
  [[ -n $election_key ]] || fail "evote-keys publish-key printed no election public key"
  run "$admin" set-election-key --config "$config" --key "$election_key"
  run "$admin" sign --config "$config" --key "$org/organizer.key" "${pass[@]}"
  run "$keys" verify-ceremony --config "$config" "$out/public/ceremony.json"
  cp "$config" "$out/public/config.json"
  stage_done "election key ${election_key:0:12}…"
}

# The voters' SoftHSM2 token folders (their "card readers"). In memory (/dev/shm) where the
# machine has it: SoftHSM2 rewrites and locks a token's files on every change, so on a disk
# a card takes about 0.5 s to make and 10,000 cards most of an hour; in memory 0.03 s. They
# are removed when the demo ends (with --keep, when the services are stopped by hand).
readers=
make_card_readers() {
  if [[ -d /dev/shm && -w /dev/shm ]]; then
    readers=$(mktemp -d /dev/shm/evote-demo-cards.XXXXXX)
  else
    readers=$out/voters/readers
    mkdir -p "$readers"
  fi
  echo "the voters' card readers (SoftHSM2 token folders): $readers" >> "$log"
}

remove_card_readers() {
  [[ -n $readers && $readers == /dev/shm/evote-demo-cards.* ]] && rm -rf "$readers"
  readers=
}

plan=
make_cards() {
  stage cards "$voters voters and their ID cards (SoftHSM2)"
  plan=$out/voters/plan.tsv
  mkdir -p "$out/voters"
  awk -v voters="$voters" -f "$demo_lib/make-voters.awk" > "$plan"
  # voters.tsv: what the organizer imports (specs/formats-voters.md)
  awk -F '\t' -v OFS='\t' '{print "add", $2, $3 " " $4, $5}' "$plan" > "$org/voters.tsv"
  awk -F '\t' -v ca="$out/voter-ca" -v dir="$out/voters" \
    '{print ca, dir "/" $2, $2, $3, $4, ($6 == "revoked" ? "R" : "V")}' "$plan" > "$out/voters/cards.txt"
  make_card_readers
  xargs -P "$jobs" -L 1 "$demo_lib/make-card.sh" "$build" "$readers" < "$out/voters/cards.txt" 2>> "$log" |
    count_lines "$voters" &
  wait $! || fail "an ID card could not be made"
  cat "$out/voters"/*/ocsp-index.txt > "$out/ocsp/index.txt"
  stage_done "$voters cards, 1 revoked"
}

collector_url=
admin_url=
settings=

start_collector() {
  stage collector "start the OCSP responder and the collector (TLS 1.3)"
  start_ocsp_responder "$out/ocsp" "$out/voter-ca/ca.pem"
  local dir=$out/collector port admin_port
  port=$(free_port)
  admin_port=$(free_port)
  while [[ $admin_port == "$port" ]]; do admin_port=$(free_port); done
  collector_url=https://127.0.0.1:$port
  admin_url=https://127.0.0.1:$admin_port
  cp "$config" "$dir/election/config.json"
  # The collector's settings (deploy/collector.example.json; relative paths from its folder).
  printf '{"listen": "127.0.0.1:%s", "admin_listen": "127.0.0.1:%s",
 "tls_certificate": "tls.pem", "tls_key": "tls.key", "signing_key": "collector.key",
 "passphrase_file": %s, "database": %s, "election_folder": "election",
 "origin": "%s", "ocsp_url": "http://127.0.0.1:%s/", "log_level": "info"}\n' \
    "$port" "$admin_port" "$(json_string "$passphrase")" "$(json_string "$database")" \
    "$collector_url" "$ocsp_port" > "$dir/collector.json"
  start_collector_process "$dir/collector.json" "$port"

  # The voter app's settings: the collector and the organizer's key; SoftHSM2 is the "reader".
  settings=$out/voter-app.json
  printf '{"collector_url": "%s", "organizer_public_key": "%s",
 "pkcs11_module": "/usr/lib/softhsm/libsofthsm2.so"}\n' \
    "$collector_url" "$(json_value .organizer_key < "$config")" > "$settings"
  stage_done "$collector_url, admin $admin_url"
}

# evote-admin COMMAND against the collector's admin listener, signed with the organizer's key.
collector_admin() {
  local command=$1
  shift
  run "$admin" "$command" --collector "$admin_url" --config "$config" --key "$org/organizer.key" \
    "${pass[@]}" "$@"
}

open_voting() {
  stage open "the organizer loads the voter list and opens voting"
  run "$admin" import-voters --config "$config" --tsv "$org/voters.tsv" --key "$org/organizer.key" \
    --out "$org/voters-1.json" "${pass[@]}"
  collector_admin collector-load-voters --voters "$org/voters-1.json"
  collector_admin collector-open
  stage_done "$voters voters on the list"
}

# Votes of one round with cast-vote.sh, $jobs at a time: lines "voter-folder code round choices…".
cast_votes() {
  local list=$1 total
  total=$(wc -l < "$list")
  xargs -P "$jobs" -L 1 "$demo_lib/cast-vote.sh" "$build" "$settings" < "$list" 2>> "$log" |
    count_lines "$total" &
  wait $! || fail "a vote failed"
}

vote_first_round() {
  stage voting "the voters vote (evote-voter-cli)"
  # Everyone but those who abstain and the revoked card; voter 1 keeps the verification code.
  awk -F '\t' -v dir="$out/voters" '$6 != "abstain" && $6 != "revoked" {
      print dir "/" $2, $2, ($1 == 1 ? "verify" : "1"), $7 }' "$plan" > "$out/voters/round-1.txt"
  cast_votes "$out/voters/round-1.txt"
  stage_done "$(wc -l < "$out/voters/round-1.txt") votes"
}

vote_again() {
  stage revoting "some vote again, a revoked card is refused, a vote is checked"
  awk -F '\t' -v dir="$out/voters" '$6 == "revote" { print dir "/" $2, $2, "2", $8 }' "$plan" \
    > "$out/voters/round-2.txt"
  cast_votes "$out/voters/round-2.txt"
  local revotes
  revotes=$(wc -l < "$out/voters/round-2.txt")

  # The voter whose card was revoked (their signing certificate is "revoked" at the OCSP
  # responder) tries to vote: the collector must refuse it.
  local code dir choice planned choices=() status=0
  code=$(awk -F '\t' '$6 == "revoked" { print $2 }' "$plan")
  dir=$out/voters/$code
  read -r -a planned <<< "$(awk -F '\t' '$6 == "revoked" { print $7 }' "$plan")"
  for choice in "${planned[@]}"; do
    [[ $choice == - ]] || choices+=(--choice "$choice")
  done
  printf '$ evote-voter-cli … --card %s %s (a revoked card)\n' "$code" "${choices[*]}" >> "$log"
  SOFTHSM2_CONF=$dir/softhsm2.conf "$build/voter-app/cli/evote-voter-cli" --settings "$settings" \
    --card "$code" --pin1-file "$dir/pin1.txt" --pin2-file "$dir/pin2.txt" "${choices[@]}" \
    > "$dir/vote-revoked.log" 2>&1 || status=$?
  grep -v '^verification code: ' "$dir/vote-revoked.log" >> "$log" || true
  if ((status != 1)) || ! grep -q certificate_revoked "$dir/vote-revoked.log"; then
    fail "the revoked card was not refused with certificate_revoked (exit status $status)"
  fi

  # Voter 1 checks their vote on a "second device" with the verification code.
  local first
  first=$(awk -F '\t' '$1 == 1 { print $2 }' "$plan")
  run_to "$out/voters/$first/verify-vote.txt" "$verify_vote" --cli --settings "$settings" \
    --code-file "$out/voters/$first/verification-code.txt"
  cat "$out/voters/$first/verify-vote.txt" >> "$log"
  grep -q '^verified: ' "$out/voters/$first/verify-vote.txt" || fail "evote-verify-vote did not verify"
  stage_done "$revotes re-votes, 1 refused, 1 verified"
}

paper_votes() {
  stage paper "voters who also voted on paper: the signed list"
  awk -F '\t' '$6 == "paper" { print $2 }' "$plan" > "$org/paper-votes.txt"
  run "$admin" paper-votes --config "$config" --list "$org/paper-votes.txt" \
    --key "$org/organizer.key" --out "$org/paper-votes.json" "${pass[@]}"
  collector_admin collector-load-paper-votes --paper-votes "$org/paper-votes.json"
  stage_done "$(wc -l < "$org/paper-votes.txt") paper voters"
}

close_and_export() {
  if $keep; then
    # A closed election cannot reopen: with --keep voting stays open for the voter app,
    # and the tally counts the ballot box as exported now.
    stage export "the organizer exports the ballot box (--keep: still open)"
  else
    stage export "the organizer closes voting and exports the ballot box"
    collector_admin collector-close
  fi
  collector_admin collector-export --out "$org/ballot-box.jsonl"
  # The export's last line, the collector's signed trailer, counts the ballots.
  stage_done "$(tail -n 1 "$org/ballot-box.jsonl" | json_value .count) ballots"
}

# A JSON string of TEXT (for paths in the settings files).
json_string() {
  local text=${1//\\/\\\\}
  printf '"%s"' "${text//\"/\\\"}"
}

# The value at PATH (".count", ".contests[0].id") of the JSON document on stdin.
json_value() {
  awk -f "$demo_lib/json-flat.awk" | awk -F '\t' -v path="$1" '$1 == path { print $2; exit }'
}

# What the demo cast: each voter's last accepted ballot (the highest receipt sequence), not
# those on the paper list; counted per contest and district (expected-results.txt).
write_expected_results() {
  find "$out/voters" -name 'cast-*.tsv' -exec cat {} + | sort -t $'\t' -k1,1 -k2,2n \
    > "$out/voters/casts.tsv"
  # The last line of each voter: their highest receipt sequence.
  awk -F '\t' '{ last[$1] = $0 } END { for (v in last) print last[v] }' "$out/voters/casts.tsv" |
    sort > "$out/voters/last-casts.tsv"
  # code -> district from the plan; drop the paper voters.
  awk -F '\t' -v OFS='\t' 'FILENAME == ARGV[1] { district[$2] = $5; next }
      FILENAME == ARGV[2] { paper[$1] = 1; next }
      !($1 in paper) { print district[$1], ($4 == "" ? "-" : $4) }' \
    "$plan" "$org/paper-votes.txt" "$out/voters/last-casts.tsv" > "$out/voters/counted.tsv"
  awk -f "$demo_lib/json-flat.awk" "$config" > "$out/voters/config.flat"
  {
    printf '# The results the votes cast must give (deploy/demo/expected-results.awk):\n'
    printf '# contest, district ("all": every district), measure (code-N: choice N), number.\n'
    awk -f "$demo_lib/expected-results.awk" "$out/voters/config.flat" "$out/voters/counted.tsv" | sort
  } > "$out/expected-results.txt"
}

tally_dir=
tally_key=
tally_step() {
  local step=$1
  shift
  run "$tally" "$step" --config "$config" --dir "$tally_dir" --key "$tally_key" "${pass[@]}" "$@"
}

tally_prepare() {
  stage tally "tally: check, squash, revoke, anonymize (evote-tally)"
  tally_dir=$out/tally
  tally_key=$out/tally-operator/tally.key
  tally_step check --ballot-box "$org/ballot-box.jsonl" "$org/voters-1.json"
  tally_step squash
  tally_step revoke --paper-votes "$org/paper-votes.json"
  tally_step anonymize --ballot-box "$org/ballot-box.jsonl"
  local counted
  counted=$(wc -l < "$tally_dir/counted.jsonl")
  stage_done "$counted ballots counted"
}

batches=()
find_batches() {
  local b
  batches=()
  for b in "$tally_dir"/batches/*/*/; do
    [[ -f $b/input.ctxt ]] && batches+=("${b%/}")
  done
  ((${#batches[@]})) || fail "anonymize wrote no batch"
}

# One batch through both mix servers (each checks the stages before it, then adds its own).
mix_batch() {
  local b=$1 k
  for k in 1 2; do
    run "$mix" cascade --config "$config" --input "$b/input.ctxt" --cascade "$b" \
      --key "$out/mix-$k/mix-$k.key" "${pass[@]}"
  done
  echo "batch done"
}

mix_batches() {
  stage mix "two mix servers shuffle every batch (evote-mix)"
  find_batches
  local b
  {
    for b in "${batches[@]}"; do pool mix_batch "$b"; done
    pool_wait
  } | count_lines "${#batches[@]}" || fail "a mix stage failed"
  stage_done "${#batches[@]} batches, 2 stages each"
}

# Trustees 1, 3 and 5 decrypt the last stage; anyone combines.
decrypt_batch() {
  local b=$1 j
  for j in 1 3 5; do
    run "$keys" partial-decrypt --dir "$out/trustee-$j" --ceremony "$out/public/ceremony.json" \
      --config "$config" --input "$b/input.ctxt" --cascade "$b" --out "$b/partial-$j.pdec" "${pass[@]}"
  done
  run "$keys" combine --ceremony "$out/public/ceremony.json" --config "$config" \
    --input "$b/input.ctxt" --cascade "$b" --out "$b/plaintexts.txt" "$b"/partial-*.pdec
  echo "batch done"
}

decrypt_batches() {
  stage decrypt "three trustees decrypt every batch (evote-keys)"
  local b
  {
    for b in "${batches[@]}"; do pool decrypt_batch "$b"; done
    pool_wait
  } | count_lines "${#batches[@]}" || fail "a decryption failed"
  stage_done "trustees 1, 3, 5"
}

record=
count_and_record() {
  stage count "count, publish and sign the election record"
  tally_step count
  run "$tally" publish --config "$config" --dir "$tally_dir"
  record=$out/record
  tally_step record --ceremony "$out/public/ceremony.json" --out "$record"
  stage_done "$record"
}

results_table() {
  stage results "the results"
  stage_done
  LC_ALL=C awk -f "$demo_lib/results-table.awk" <(awk -f "$demo_lib/json-flat.awk" "$config") \
    <(awk -f "$demo_lib/json-flat.awk" "$record/results.json") | tee "$out/results.txt"
}

verify_record() {
  stage verify "an observer checks the record (evote-verify)"
  local first hash status=0
  first=$(awk -F '\t' '$1 == 1 { print $2 }' "$plan")
  hash=$(cut -f3 "$out/voters/$first/cast-verify.tsv")
  "$verify" "$record" --tracker "$hash" > "$out/verify.txt" 2>&1 || status=$?
  cat "$out/verify.txt" >> "$log"
  ((status == 0)) || { cat "$out/verify.txt"; fail "evote-verify: a check FAILED"; }
  stage_done "$(tail -1 "$out/verify.txt")"
  sed 's/^/        /' "$out/verify.txt"
}

compare_results() {
  stage compare "the results are the votes cast"
  write_expected_results
  if ! "$demo_lib/compare-results.sh" "$out/expected-results.txt" "$record/results.json" \
    > "$out/results-differences.txt"; then
    cat "$out/results-differences.txt" >> "$log"
    fail "results.json differs from the votes cast (expected-results.txt): $(head -n 5 "$out/results-differences.txt")"
  fi
  stage_done "results.json = expected-results.txt"
}

keep_running() {
  local code dir
  code=$(awk -F '\t' '$6 == "abstain" { print $2; exit }' "$plan")
  [[ -n $code ]] || code=$(awk -F '\t' '$1 == 1 { print $2 }' "$plan")
  dir=$out/voters/$code
  cat << EOF

--keep: PostgreSQL (socket in $pg_dir), the OCSP responder (pid $ocsp_pid) and the
collector (pid $collector_pid, $collector_url) are still running, and voting is open (the
record counted the ballot box exported before; a vote now is not in it). Vote in the voter
app as voter $code (PIN1 1234, PIN2 12345; any voter in $out/voters/ can):

  SOFTHSM2_CONF=$dir/softhsm2.conf $build/voter-app/gui/evote-voter --settings $settings

Check a vote on a "second device" with the verification code the app shows (within 30
minutes of casting, 3 times):

  $verify_vote --settings $settings

The organizer's commands (evote-admin collector-status, collector-close, collector-export):

  $admin collector-status --collector $admin_url --config $config --key $org/organizer.key --passphrase-file $passphrase

Stop them all with:

  kill $collector_pid $ocsp_pid; $( (($(id -u) == 0)) && printf 'runuser -u postgres -- ')$pg_ctl -D $pg_dir/data stop; rm -rf $pg_dir${readers:+ $readers}
EOF
}

main() {
  echo "evote mock election: $voters voters; everything goes to $out"
  install_packages
  build_programs
  check_programs
  start_database
  make_election
  key_ceremony
  make_cards
  start_collector
  open_voting
  vote_first_round
  vote_again
  paper_votes
  close_and_export
  tally_prepare
  mix_batches
  decrypt_batches
  count_and_record
  results_table
  verify_record
  compare_results
  printf 'done in %s s. The election record: %s\n' "$(seconds_since "$demo_started")" "$record"
  printf '(the demo folder: %s; stage times: %s/timings.txt)\n' "$out" "$out"
  finished=true
  if $keep; then keep_running; fi
}

# On one line: bash has read it all before the demo starts, so that editing this file
# meanwhile cannot change what runs.
main "$@"; exit
