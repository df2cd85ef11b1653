#!/usr/bin/env bash
# Interrupts the mock election (deploy/demo-election.sh) as Ctrl-C does (SIGINT
# to its whole process group) once the collector runs, and checks that it
# exits 130 having stopped everything it started: the collector, the OCSP
# responder and the throwaway PostgreSQL (whose folder it removes), and the
# voters' card readers (SoftHSM2 token folders in /dev/shm) are removed.
#
#   tests/demo/run_demo_interrupted_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir=$1
build_dir=$2
work=$(mktemp -d)
demo=$work/demo
output=$work/output.txt
pid=
cleanup() {
  if [[ -n $pid ]]; then kill -TERM -- "-$pid" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

failed() {
  cat "$output"
  echo "demo interrupted test: $*"
  exit 1
}

# Job control: the demo gets a process group of its own, as in a terminal.
set -m
"$source_dir/deploy/demo-election.sh" --voters 4 --no-install --no-build --build-dir "$build_dir" \
  --out "$demo" > "$output" 2>&1 &
pid=$!
for _ in $(seq 600); do
  grep -q '^\[ 7/19\]' "$output" && break
  kill -0 "$pid" 2> /dev/null || failed "the demo ended before the collector started"
  sleep 0.5
done
grep -q '^\[ 7/19\]' "$output" || failed "the collector did not start within 300 s"
collector=$(cat "$demo/collector/collector.pid")
responder=$(cat "$demo/ocsp/responder.pid")
kill -0 "$collector" "$responder" || failed "the collector or the responder is not running"
pg_dir=$(sed -n 's/.*PostgreSQL: socket in \([^ ]*\).*/\1/p' "$output")
[[ -d $pg_dir ]] || failed "no PostgreSQL folder"
readers=$(sed -n "s/^the voters' card readers (SoftHSM2 token folders): //p" "$demo/logs/06-cards.log")
[[ -n $readers && -d $readers ]] || failed "no card readers' folder"

kill -INT -- "-$pid"
status=0
wait "$pid" || status=$?
pid=
((status == 130)) || failed "exit status $status after Ctrl-C, expected 130"
for p in "$collector" "$responder"; do
  ! kill -0 "$p" 2> /dev/null || failed "process $p still runs after Ctrl-C"
done
[[ ! -e $pg_dir ]] || failed "$pg_dir is still there after Ctrl-C"
[[ $readers != /dev/shm/* || ! -e $readers ]] || failed "$readers (the card readers) is still there after Ctrl-C"
grep -q "interrupted; stopped what it started; what it made is in $demo" "$output" || failed "no word of what was stopped"
echo "demo interrupted test: Ctrl-C stopped the collector, the OCSP responder and PostgreSQL"
