#!/usr/bin/env bash
# Compares results.json with the numbers the votes cast must give
# (expected-results.txt, made by expected-results.awk): one line per
# difference, exit 1 if there is any, 0 when every number agrees.
#
#   compare-results.sh EXPECTED_RESULTS_TXT RESULTS_JSON
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
expected=$1
results=$2
[[ -f $expected && -f $results ]] || { echo "compare-results.sh: $expected or $results is missing"; exit 1; }
differences=$(
  awk -f "$here/json-flat.awk" "$results" | awk -f "$here/results-lines.awk" |
    awk -F '\t' 'FNR == NR { if ($0 !~ /^#/) want[$1 " " $2 " " $3] = $4; next }
      { key = $1 " " $2 " " $3; got[key] = 1
        if (!(key in want)) print key ": " $4 " in results.json, not in the votes cast"
        else if (want[key] != $4) print key ": " $4 " in results.json, " want[key] " in the votes cast" }
      END { for (k in want) if (!(k in got)) print k ": " want[k] " in the votes cast, not in results.json" }' \
      "$expected" - | sort
)
[[ -z $differences ]] || { echo "$differences"; exit 1; }
