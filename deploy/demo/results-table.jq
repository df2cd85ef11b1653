# The results as a table for a person (English names where the config has
# them): per contest and district every choice's count and share of the
# valid rows, for a ranked contest the instant-runoff rounds; then the total
# of ballots over the districts (each district elects its own).
#
#   jq -r --slurpfile config config.json -f results-table.jq results.json
$config[0] as $config
| def name: .en // .et;
  def choice($contest; $code):
    ($config.contests[] | select(.id == $contest) | .choices[] | select(.code == $code));
  def choice_label($contest; $code):
    choice($contest; $code) | (.names | name) + (if .party then " (\(.party | name))" else "" end);
  def district_name($id): $config.districts[] | select(.id == $id) | .names | name;
  def pad($n): tostring | if length >= $n then . else . + " " * ($n - length) end;
  def lpad($n): tostring | if length >= $n then . else " " * ($n - length) + . end;
  def percent($n; $of): if $of == 0 then "-" else "\((1000 * $n / $of + 0.5 | floor) / 10)" end;
  def summary($title): "  \($title): \(.rows) ballots, \(.valid) valid, \(.blank) blank, \(.invalid) invalid";
  def result($contest; $title):
    summary($title),
    (.valid as $valid | .choices[]
     | "    \(.code | lpad(4))  \(choice_label($contest; .code) | pad(44)) \(.count | lpad(6))  \(percent(.count; $valid) | lpad(5)) %"),
    (if .runoff and (.runoff.rounds | length) > 0 then
       (.runoff.rounds[]
        | "    round \(.number): \([.counts[] | "\(.code)=\(.count)"] | join(" "))" +
          (if .exhausted > 0 then " exhausted=\(.exhausted)" else "" end) +
          ", \(.outcome) \(.choice)"),
       "    elected: \(choice_label($contest; .runoff.winner))"
     else empty end);
  .contests[]
  | .id as $id
  | "",
    "\(.names | name) (\($id)): " +
      (if .type == "ranked" then "ranked, up to \(.max_selections); counts are first preferences, then the instant runoff"
       elif .type == "approval" then "approval, up to \(.max_selections)"
       else "single choice" end),
    (.districts[] | result($id; district_name(.district))),
    (.total | summary("All districts"))
