#!/usr/bin/env bash
# Runs the mock election (deploy/demo-election.sh, the README's main command)
# with 8 voters from the build folder, and checks what it promises: exit 0,
# its own comparison of results.json with the votes it cast passed, every
# evote-verify check PASS, the story happened (re-votes, a paper voter left
# out, a revoked card refused, a vote verified), the counted rows are the
# voters whose vote counts, the comparison would catch a wrong count, and
# every process it started is stopped.
#
#   tests/demo/run_demo_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir=$1
build_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
demo=$work/demo
output=$work/output.txt

failed() {
  cat "$output"
  echo "demo test: $*"
  exit 1
}

status=0
"$source_dir/deploy/demo-election.sh" --voters 8 --no-install --no-build --build-dir "$build_dir" \
  --out "$demo" > "$output" 2>&1 || status=$?
((status == 0)) || failed "deploy/demo-election.sh failed (exit status $status)"

# The script's own comparison passed, and evote-verify passed every check.
grep -qE '^\[19/19\] +[0-9.]+ s  the results are the votes cast: results.json = expected-results.txt$' \
  "$output" || failed "the script did not report results equal to the votes cast"
[[ -s $demo/expected-results.txt && ! -s $demo/results-differences.txt ]] ||
  failed "no expected-results.txt, or differences were found"
grep -qE '^evote-verify: all [0-9]+ checks PASS' "$demo/verify.txt" || failed "evote-verify did not PASS"
! grep -q FAIL "$demo/verify.txt" || failed "a FAIL line in evote-verify's output"
grep -q "^done in [0-9.]* s. The election record: $demo/record\$" "$output" ||
  failed "the record's folder is not printed"

# What the voters did (the plan: index, code, given, surname, district, role, votes).
plan=$demo/voters/plan.tsv
role_count() { awk -F '\t' -v role="$1" '$6 == role' "$plan" | wc -l; }
((voters = $(wc -l < "$plan"), revotes = $(role_count revote), paper = $(role_count paper))) || true
((voters == 8 && revotes >= 1 && paper >= 1)) || failed "the plan lacks re-voters or paper voters"
counted=$(awk -F '\t' '$6 == "vote" || $6 == "revote"' "$plan" | wc -l)
cast=$(($(role_count vote) + 2 * revotes + paper))
flat() { awk -f "$source_dir/deploy/demo/json-flat.awk" "$@"; }
[[ $(tail -n 1 "$demo/organizer/ballot-box.jsonl" | flat | awk -F '\t' '$1 == ".count" { print $2 }') == "$cast" ]] ||
  failed "the ballot box does not hold the $cast ballots cast"
flat "$demo/record/results.json" | awk -f "$source_dir/deploy/demo/results-lines.awk" > "$work/results.txt"
for contest in council budget; do
  grep -qx "$contest"$'\tall\trows\t'"$counted" "$work/results.txt" ||
    failed "$contest: the rows counted are not the $counted voters whose last e-vote counts"
done
revoked=$(awk -F '\t' '$6 == "revoked" { print $2 }' "$plan")
grep -q 'certificate_revoked' "$demo/voters/$revoked/vote-revoked.log" ||
  failed "the revoked card was not refused with certificate_revoked"
grep -q '^verified: ' "$demo/voters/$(awk -F '\t' '$1 == 1 { print $2 }' "$plan")/verify-vote.txt" ||
  failed "evote-verify-vote did not verify voter 1's vote"

# The comparison would catch a wrong count: the first choice's count in the expected numbers
# one more.
awk -F '\t' -v OFS='\t' '!done && $3 ~ /^code-/ { $4++; done = 1; changed = $1 " " $2 " " $3 }
  { print } END { print changed > "/dev/stderr" }' "$demo/expected-results.txt" \
  > "$work/wrong-expected.txt" 2> "$work/changed.txt"
status=0
differences=$("$source_dir/deploy/demo/compare-results.sh" "$work/wrong-expected.txt" \
  "$demo/record/results.json") || status=$?
[[ $status == 1 && $differences == "$(cat "$work/changed.txt"): "* ]] ||
  failed "compare-results.sh missed a changed count ($status): $differences"

# Every process it started is stopped, and the throwaway database is gone.
for pid_file in "$demo/collector/collector.pid" "$demo/ocsp/responder.pid"; do
  ! kill -0 "$(cat "$pid_file")" 2> /dev/null || failed "$pid_file: still running"
done
pg_dir=$(sed -n 's/.*PostgreSQL: socket in \([^ ]*\).*/\1/p' "$output")
[[ -n $pg_dir && ! -e $pg_dir ]] || failed "the PostgreSQL folder ${pg_dir:-?} was not removed"
readers=$(sed -n "s/^the voters' card readers (SoftHSM2 token folders): //p" "$demo/logs/06-cards.log")
[[ -n $readers && ($readers != /dev/shm/* || ! -e $readers) ]] || failed "the card readers' folder ${readers:-?} was not removed"
grep -E '^\[[ 0-9]+/19\]' "$output"
echo "demo test: the results equal the votes cast, evote-verify PASS, every process stopped"
