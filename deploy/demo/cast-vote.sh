#!/usr/bin/env bash
# One demo voter votes with evote-voter-cli, their own SoftHSM2 card and PINs.
#
#   cast-vote.sh BUILD_DIR SETTINGS VOTER_DIR PERSONAL_CODE ROUND CHOICE...
#
# CHOICE is CONTEST=CODE as evote-voter-cli --choice takes it ("-" alone: a
# blank ballot). On success VOTER_DIR/cast-ROUND.tsv holds
# "code <TAB> receipt sequence <TAB> ballot hash <TAB> choices" and one line is
# printed; with ROUND "verify" the verification code is also kept
# (VOTER_DIR/verification-code.txt, owner-only: it is a secret). The
# program's output is kept in VOTER_DIR/vote-ROUND.log without the
# verification code. Exit 255 on failure (xargs then stops), the log on stderr.
set -euo pipefail
build=$1 settings=$2 dir=$3 code=$4 round=$5
shift 5
choices=()
for choice in "$@"; do [[ $choice == - ]] || choices+=(--choice "$choice"); done
extra=()
[[ $round == verify ]] && extra=(--verification-code-out "$dir/verification-code.txt")

status=0
output=$(SOFTHSM2_CONF=$dir/softhsm2.conf "$build/voter-app/cli/evote-voter-cli" \
  --settings "$settings" --card "$code" --pin1-file "$dir/pin1.txt" --pin2-file "$dir/pin2.txt" \
  "${choices[@]}" "${extra[@]}" 2>&1) || status=$?
# The verification code is a secret: it is not kept in the log.
grep -v '^verification code: ' <<< "$output" > "$dir/vote-$round.log" || true
if ((status != 0)); then
  echo "cast-vote.sh: the vote of $code (round $round) failed, exit status $status:" >&2
  cat "$dir/vote-$round.log" >&2
  exit 255
fi
# "receipt: sequence 12, time 2027-…, ballot hash AbC…, signed by the collector; …"
receipt=$(grep '^receipt: sequence ' "$dir/vote-$round.log")
sequence=$(sed -E 's/^receipt: sequence ([0-9]+),.*/\1/' <<< "$receipt")
hash=$(sed -E 's/.*ballot hash ([A-Za-z0-9_-]+),.*/\1/' <<< "$receipt")
printf '%s\t%s\t%s\t%s\n' "$code" "$sequence" "$hash" "$*" > "$dir/cast-$round.tsv"
echo "voted $code"
