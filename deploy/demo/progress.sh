# shellcheck shell=bash
# shellcheck disable=SC2154 # $out and $stage_count are demo-election.sh's
# Sourced by deploy/demo-election.sh: the demo's stages as the person running
# it sees them, one line each with its time,
#
#   [ 5/19]   26.0 s  key ceremony: 5 trustees, 3 needed (evote-keys): election key plxB…
#
# (on a terminal the running stage shows its count in place), each stage's log
# (logs/NN-name.log: every command, its output and its time) and its time in
# timings.txt; running a program so that a failure stops the demo with the
# end of the log; and steps run two at a time (the machine's two cores).
# Needs $out (the demo folder) and $stage_count.

stage_number=0
stage_title=
stage_started=0
log=/dev/null
tty=false
[[ -t 1 ]] && tty=true

# Microseconds since the epoch.
now_micros() { echo "${EPOCHREALTIME/./}"; }

# "12.3": the seconds since $1 (microseconds), to a tenth.
seconds_since() {
  local micros=$(($(now_micros) - $1))
  printf '%d.%d' $((micros / 1000000)) $((micros % 1000000 / 100000))
}

# Starts stage NAME with TITLE; its log is logs/NN-NAME.log.
stage() {
  stage_number=$((stage_number + 1))
  stage_title=$2
  stage_started=$(now_micros)
  log=$(printf '%s/logs/%02d-%s.log' "$out" "$stage_number" "$1")
  : > "$log"
  progress ""
}

# Ends the stage's line with RESULT (optional) and its time.
stage_done() {
  local seconds
  seconds=$(seconds_since "$stage_started")
  $tty && printf '\r\033[K'
  printf '[%2d/%d] %6s s  %s\n' "$stage_number" "$stage_count" "$seconds" "$stage_title${1:+: $1}"
  printf '%s\t%s\t%s\n' "$stage_number" "$seconds" "$stage_title" >> "$out/timings.txt"
}

# The running stage with COUNT, in place on a terminal; elsewhere nothing (the log has it).
progress() {
  $tty && printf '\r\033[K[%2d/%d]    ...    %s %s' "$stage_number" "$stage_count" "$stage_title" "$1"
  return 0
}

# Reads one line per finished item from stdin and shows "done/TOTAL" (and in the log at
# every tenth).
count_lines() {
  local total=$1 done=0 step=$(($1 / 10 > 0 ? $1 / 10 : 1))
  while IFS= read -r _; do
    done=$((done + 1))
    progress "$done/$total"
    ((done % step != 0)) || printf '%s/%s done (%s s)\n' "$done" "$total" \
      "$(seconds_since "$stage_started")" >> "$log"
  done
}

# Stops the demo: what failed, and the end of the stage's log.
fail() {
  $tty && printf '\n'
  echo "demo-election.sh: FAILED in stage $stage_number ($stage_title): $*" >&2
  if [[ -s $log ]]; then
    echo "--- the end of $log:" >&2
    tail -n 30 "$log" >&2
  fi
  exit 1
}

# Runs a command with its output and time in the stage's log; stops the demo if it fails.
run() {
  local started status=0
  started=$(now_micros)
  printf '$ %s\n' "$*" >> "$log"
  "$@" >> "$log" 2>&1 || status=$?
  printf '  (%s s)\n' "$(seconds_since "$started")" >> "$log"
  ((status == 0)) || fail "$(basename "$1") ${2:-} failed (exit status $status)"
}

# Runs a command with its output into FILE (messages and time in the log); stops the demo if it
# fails.
run_to() {
  local file=$1 started status=0
  shift
  started=$(now_micros)
  printf '$ %s > %s\n' "$*" "$file" >> "$log"
  "$@" > "$file" 2>> "$log" || status=$?
  printf '  (%s s)\n' "$(seconds_since "$started")" >> "$log"
  ((status == 0)) || fail "$(basename "$1") ${2:-} failed (exit status $status)"
}

# Runs a command (a function too) in the background, two at a time: `pool run evote-keys …`;
# pool_wait waits for all of them. A step that fails stops the demo.
pool_pids=()
pool() {
  while (($(jobs -rp | wc -l) >= 2)); do wait -n || fail "a step run in parallel failed"; done
  "$@" &
  pool_pids+=($!)
}
pool_wait() {
  local pid
  # `wait PID` gives each one's status, even of those `wait -n` has seen end.
  for pid in "${pool_pids[@]}"; do wait "$pid" || fail "a step run in parallel failed"; done
  pool_pids=()
}
