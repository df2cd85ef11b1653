# Compares results.json (input) with the demo's expected-results.json
# ($expected): prints one line per difference, nothing when they agree.
# Per contest and district, and in total: rows, blank, invalid (none),
# valid, and the count of every choice.
#
#   jq -r --slurpfile expected expected-results.json -f compare-results.jq results.json
$expected[0].contests as $e
| def want($contest; $district):
    if $district == null
    then [($e[$contest] // {})[]] as $all
         | {rows: ([$all[].rows] | add // 0), blank: ([$all[].blank] | add // 0),
            counts: (reduce ($all[].counts | to_entries[]) as $c ({}; .[$c.key] += $c.value))}
    else {rows: 0, blank: 0, counts: {}} + ($e[$contest][$district] // {})
    end;
  def differences($where; $got; $want):
    (if $got.rows != $want.rows then "\($where): \($got.rows) rows, expected \($want.rows)" else empty end),
    (if $got.blank != $want.blank then "\($where): \($got.blank) blank, expected \($want.blank)" else empty end),
    (if $got.invalid != 0 then "\($where): \($got.invalid) invalid, expected 0" else empty end),
    (if $got.valid != $want.rows - $want.blank
     then "\($where): \($got.valid) valid, expected \($want.rows - $want.blank)" else empty end),
    ($got.choices[] | (.count) as $n | ($want.counts[.code | tostring] // 0) as $w
     | select($n != $w) | "\($where): code \(.code): \($n), expected \($w)"),
    (($want.counts | keys[]) as $code
     | select([$got.choices[].code | tostring] | index($code) | not)
     | "\($where): code \($code) expected but not in results.json");
  (.contests[] as $c
   | ($c.districts[] | differences("\($c.id) \(.district)"; .; want($c.id; .district))),
     differences("\($c.id) total"; $c.total; want($c.id; null))),
  (($e | to_entries[]) as $c | ($c.value | keys[]) as $district
   | select([.contests[] | select(.id == $c.key) | .districts[].district] | index($district) | not)
   | "\($c.key) \($district): expected but not in results.json")
