# The results the votes cast must give, per contest and district
# (expected-results.json), from lines "district <TAB> choices" of each voter
# whose last ballot counts; choices as evote-voter-cli took them
# ("council=101 budget=112 budget=111", a ranked contest in rank order; "-"
# none). A contest left out of a ballot is blank. The counts are those of
# results.json (specs/results.md §2): votes of a single-choice contest, a
# ranked contest's first preferences.
#
#   jq -R -n --slurpfile config config.json -f expected-results.jq
def contests_of($district):
  [$config[0].contests[] | select(any(.choices[]; .district == $district))];

[inputs | select(length > 0) | split("\t")
 | {district: .[0],
    picks: (if .[1] == "-" then [] else .[1] | split(" ") end
            | map(split("=") | {contest: .[0], code: (.[1] | tonumber)}))}]
| reduce .[] as $voter ({};
    reduce contests_of($voter.district)[] as $contest (.;
      [$voter.picks[] | select(.contest == $contest.id) | .code] as $codes
      | .[$contest.id][$voter.district] as $r
      | .[$contest.id][$voter.district] =
          ({rows: 0, blank: 0, counts: {}} + ($r // {})
           | .rows += 1
           | if ($codes | length) == 0 then .blank += 1
             elif $contest.type == "ranked" then .counts[$codes[0] | tostring] += 1
             else reduce $codes[] as $code (.; .counts[$code | tostring] += 1)
             end)))
| {type: "demo-expected-results",
   election_id: $config[0].election_id,
   note: "each voter's last ballot, paper voters left out: rows, blank rows and the count of each code (a ranked contest: first preferences) per contest and district",
   contests: .}
