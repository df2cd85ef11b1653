# The numbers of results.json as lines, the form expected-results.txt has:
#
#   CONTEST <TAB> DISTRICT <TAB> MEASURE <TAB> NUMBER
#
# MEASURE is rows, valid, blank, invalid or code-N (the count of choice N:
# votes, or a ranked contest's first preferences); DISTRICT "all" is the
# contest's total. Reads results.json flattened by json-flat.awk.
#
#   awk -f json-flat.awk results.json | awk -f results-lines.awk
BEGIN { FS = OFS = "\t" }

# .contests[0].id / .contests[0].districts[1].rows / .contests[0].total.choices[2].count
match($1, /^\.contests\[[0-9]+\]/) {
  contest = substr($1, 11, RLENGTH - 11)
  rest = substr($1, RLENGTH + 1)
  if (rest == ".id") { id[contest] = $2; next }
  if (match(rest, /^\.districts\[[0-9]+\]/)) {
    where = contest SUBSEP substr(rest, 12, RLENGTH - 12)
    rest = substr(rest, RLENGTH + 1)
  } else if (rest ~ /^\.total\./) {
    where = contest SUBSEP "all"
    rest = substr(rest, 7)
  } else next
  if (rest == ".district") district[where] = $2
  else if (rest ~ /^\.(rows|valid|blank|invalid)$/) number[where, substr(rest, 2)] = $2
  else if (match(rest, /^\.choices\[[0-9]+\]\.code$/)) code[where, rest] = $2
  else if (match(rest, /^\.choices\[[0-9]+\]\.count$/)) count[where, rest] = $2
}

END {
  for (k in number) {
    split(k, p, SUBSEP)
    print id[p[1]], name_of(p[1], p[2]), p[3], number[k]
  }
  for (k in code) {
    split(k, p, SUBSEP)
    c = p[3]
    sub(/\.code$/, ".count", c)
    print id[p[1]], name_of(p[1], p[2]), "code-" code[k], count[p[1], p[2], c]
  }
}

function name_of(contest, d) { return d == "all" ? "all" : district[contest, d] }
