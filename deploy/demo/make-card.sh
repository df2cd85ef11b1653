#!/usr/bin/env bash
# One demo voter's ID card: a SoftHSM2 token folder of their own (their "card
# reader", READERS_DIR/PERSONAL_CODE), the card made there by evote-test-card
# (PIN1 1234, PIN2 12345), VOTER_DIR/softhsm2.conf pointing at it, and the
# OCSP index line of its signing certificate (good, or revoked when STATUS is
# R), written to VOTER_DIR/ocsp-index.txt.
#
#   make-card.sh BUILD_DIR READERS_DIR CA_DIR VOTER_DIR PERSONAL_CODE GIVEN_NAME SURNAME STATUS
#
# Run in parallel by demo-election.sh (one token folder per voter: SoftHSM2
# reads every token of its folder at start, so a shared folder of 10,000
# cards would make every vote slow). Prints one line when done; exit 255 on
# failure (xargs then stops), with the tool's output on stderr.
set -euo pipefail
build=$1 readers=$2 ca=$3 dir=$4 code=$5 given=$6 surname=$7 status=$8

fail() {
  echo "make-card.sh: card of $code: $*" >&2
  [[ -f $dir/make-card.log ]] && cat "$dir/make-card.log" >&2
  exit 255
}

tokens=$readers/$code
mkdir -p "$dir" "$tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' \
  "$tokens" > "$dir/softhsm2.conf"
printf '1234\n' > "$dir/pin1.txt"
printf '12345\n' > "$dir/pin2.txt"
chmod 600 "$dir/pin1.txt" "$dir/pin2.txt"
# The card shows the name in capitals, as an Estonian ID card does.
export LC_ALL=C.UTF-8
SOFTHSM2_CONF=$dir/softhsm2.conf "$build/voter-app/card/evote-test-card" make-card \
  --ca-cert "$ca/ca.pem" --ca-key "$ca/ca.key" --given-name "${given^^}" --surname "${surname^^}" \
  --personal-code "$code" --pin1 1234 --pin2 12345 --out "$dir/card" > "$dir/make-card.log" 2>&1 ||
  fail "evote-test-card make-card failed"

# openssl ocsp's index: status, expiry (YYMMDDHHMMSSZ), revocation time, serial, file, subject.
# "serial=<HEX>" and "notAfter=Dec  1 02:41:00 2032 GMT"
fields=$(openssl x509 -in "$dir/card/signing.pem" -noout -serial -enddate) ||
  fail "cannot read $dir/card/signing.pem"
[[ $fields =~ serial=([0-9A-F]+) ]] || fail "no serial in $dir/card/signing.pem"
serial=${BASH_REMATCH[1]}
[[ $fields =~ notAfter=([^$'\n']+) ]] || fail "no notAfter in $dir/card/signing.pem"
expiry=$(date -u -d "${BASH_REMATCH[1]}" +%y%m%d%H%M%SZ)
revoked=
[[ $status == R ]] && revoked=$(date -u -d '1 hour ago' +%y%m%d%H%M%SZ),keyCompromise
printf '%s\t%s\t%s\t%s\tunknown\t/serialNumber=PNOEE-%s\n' \
  "$status" "$expiry" "$revoked" "$serial" "$code" > "$dir/ocsp-index.txt"
echo "card $code"
