# The results the votes cast must give (expected-results.txt), in the form of
# results-lines.awk: per contest and district, and in total ("all"), the
# rows, valid, blank and invalid (none) rows and the count of every choice
# (votes, or a ranked contest's first preferences, as results.json counts).
# Reads the config flattened by json-flat.awk, then lines
# "DISTRICT <TAB> CHOICES" of each voter whose last ballot counts; CHOICES as
# evote-voter-cli took them ("council=101 budget=112 budget=111", ranked in
# rank order; "-" none). A contest left out of a ballot is blank there.
#
#   awk -f expected-results.awk config.flat counted.tsv
BEGIN { FS = OFS = "\t" }

# The config: each contest's id and type, each choice's code and district.
FNR == NR {
  if (match($1, /^\.contests\[[0-9]+\]\./)) {
    c = substr($1, 11, RLENGTH - 12)
    field = substr($1, RLENGTH + 1)
    if (field == "id") id[c] = $2
    else if (field == "type") type[c] = $2
    else if (match(field, /^choices\[[0-9]+\]\.code$/)) code[c, substr(field, 9, RLENGTH - 13)] = $2
    else if (match(field, /^choices\[[0-9]+\]\.district$/)) where[c, substr(field, 9, RLENGTH - 17)] = $2
  }
  next
}

# Before the first voter: which district's ballot has which contest (it has choices there).
FNR == 1 { prepare() }
function prepare(   k, p) {
  if (prepared++) return
  for (k in code) {
    split(k, p, SUBSEP)
    offered[id[p[1]], where[k]] = 1
  }
}

# A voter whose last ballot counts: one row in each contest their district's ballot has.
{
  n = split($2 == "-" ? "" : $2, picks, " ")
  for (c in id) {
    if (!((id[c], $1) in offered)) continue
    chosen = 0
    for (k = 1; k <= n; ++k) {
      split(picks[k], p, "=")
      if (p[1] != id[c]) continue
      if (chosen == 0 || type[c] != "ranked") add(id[c], $1, "code-" p[2])
      ++chosen
    }
    add(id[c], $1, "rows")
    add(id[c], $1, chosen == 0 ? "blank" : "valid")
  }
}

function add(contest, district, measure) {
  ++count[contest, district, measure]
  ++count[contest, "all", measure]
}

# Every number, zeros included.
END {
  prepare()
  for (k in offered) {
    split(k, p, SUBSEP)
    measures(p[1], p[2])
  }
  for (c in id) measures(id[c], "all")
  for (k in code) {
    split(k, p, SUBSEP)
    print id[p[1]], where[k], "code-" code[k], count[id[p[1]], where[k], "code-" code[k]] + 0
    print id[p[1]], "all", "code-" code[k], count[id[p[1]], "all", "code-" code[k]] + 0
  }
}

function measures(contest, district) {
  print contest, district, "rows", count[contest, district, "rows"] + 0
  print contest, district, "valid", count[contest, district, "valid"] + 0
  print contest, district, "blank", count[contest, district, "blank"] + 0
  print contest, district, "invalid", 0
}
