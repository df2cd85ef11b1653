# shellcheck shell=bash
# shellcheck disable=SC2034,SC2154 # shares variables with demo-election.sh
# Sourced by deploy/demo-election.sh: the demo's services as processes. A
# throwaway PostgreSQL (its own folder in /tmp, a Unix socket only), the OCSP
# responder (`openssl ocsp` over an index of the cards' signing certificates),
# evote-collector (serve), and stopping all of them together with every other
# process the demo started. Needs progress.sh (run, fail).

pg_dir=
pg_ctl=
database=
ocsp_pid=
ocsp_port=
collector_pid=

# initdb and postgres refuse to run as root: as root they run as the postgres user.
as_postgres() {
  if (($(id -u) == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}

# Starts PostgreSQL in a new folder; sets $database (a libpq connection string).
start_postgres() {
  local bin
  bin=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  [[ -x $bin/initdb ]] || fail "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb)"
  pg_ctl=$bin/pg_ctl
  # In /tmp: a Unix socket's path must be short.
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/evote-demo-pg.XXXXXX")
  if (($(id -u) == 0)); then chown postgres: "$pg_dir"; fi
  # --no-sync: the cluster is thrown away (the server still syncs every commit).
  run as_postgres "$bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 --no-sync \
    --no-instructions
  run as_postgres "$pg_ctl" -D "$pg_dir/data" -w -t 60 -l "$pg_dir/server.log" \
    -o "-p 5432 -k $pg_dir -c listen_addresses='' -c max_connections=100" start
  database="host=$pg_dir port=5432 user=postgres dbname=postgres"
}

# Starts `openssl ocsp` on a port it picks; sets $ocsp_port. DIR holds index.txt, the
# responder's certificate and key; CA is the issuing CA it answers for.
start_ocsp_responder() {
  local dir=$1 ca=$2
  # Made before the responder starts: the loop below may read it before the responder's shell
  # has opened it.
  : > "$dir/responder.log"
  openssl ocsp -index "$dir/index.txt" -port 0 -rsigner "$dir/responder.pem" \
    -rkey "$dir/responder.key" -CA "$ca" -nmin 60 -ignore_err \
    < /dev/null > "$dir/responder.log" 2>&1 &
  ocsp_pid=$!
  echo "$ocsp_pid" > "$dir/responder.pid"
  # It prints "ACCEPT [::]:<port> PID=<pid>" once it listens.
  for _ in $(seq 100); do
    ocsp_port=$(sed -n 's/^ACCEPT .*:\([0-9]*\) .*/\1/p' "$dir/responder.log")
    [[ -n $ocsp_port ]] && return
    kill -0 "$ocsp_pid" 2> /dev/null || fail "openssl ocsp stopped: $(cat "$dir/responder.log")"
    sleep 0.1
  done
  fail "openssl ocsp did not start listening"
}

# A TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    listening "$port" || { echo "$port"; return; }
  done
}

listening() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

# Starts evote-collector with SETTINGS (its folder gets collector.log and collector.pid) and
# waits until it listens on PORT.
start_collector_process() {
  local settings=$1 port=$2 dir
  dir=$(dirname "$settings")
  "$collector_bin" serve --config "$settings" < /dev/null > "$dir/collector.log" 2>&1 &
  collector_pid=$!
  echo "$collector_pid" > "$dir/collector.pid"
  for _ in $(seq 300); do
    listening "$port" && return
    kill -0 "$collector_pid" 2> /dev/null ||
      fail "evote-collector stopped: $(tail -n 5 "$dir/collector.log")"
    sleep 0.1
  done
  fail "evote-collector did not start listening on port $port"
}

# Every process this script started that still runs (steps run in parallel, xargs and the
# programs it runs, the OCSP responder, the collector), read from /proc without forking.
descendants=()
find_descendants() {
  local -A children=()
  local stat line pid ppid queue=($$) c
  for stat in /proc/[0-9]*/stat; do
    { read -r line < "$stat"; } 2> /dev/null || continue
    pid=${stat#/proc/}
    pid=${pid%/stat}
    read -r _ ppid _ <<< "${line##*) }" # after "pid (comm) ": state, ppid, …
    children[$ppid]+=" $pid"
  done
  descendants=()
  while ((${#queue[@]})); do
    for c in ${children[${queue[0]}]:-}; do
      descendants+=("$c")
      queue+=("$c")
    done
    queue=("${queue[@]:1}")
  done
}

# SIGTERM to everything started (the collector finishes the requests in flight), then
# PostgreSQL stopped and its folder removed.
stop_services() {
  find_descendants
  ((${#descendants[@]} == 0)) || kill -TERM "${descendants[@]}" 2> /dev/null || true
  local pid
  for pid in $collector_pid $ocsp_pid; do wait "$pid" 2> /dev/null || true; done
  collector_pid=
  ocsp_pid=
  if [[ -n $pg_dir ]]; then
    as_postgres "$pg_ctl" -D "$pg_dir/data" -m fast -w stop > /dev/null 2>&1 || true
    rm -rf "$pg_dir"
    pg_dir=
  fi
}
