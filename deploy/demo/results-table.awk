# The results as a table for a person (English names where the config has
# them): per contest and district every choice's count and share of the
# valid rows, for a ranked contest the instant-runoff rounds; then the
# contest's ballots over all districts (each district elects its own). Reads
# the config and results.json, both flattened by json-flat.awk.
#
#   LC_ALL=C awk -f results-table.awk config.flat results.flat
BEGIN { FS = "\t" }

FNR == NR {
  if (match($1, /^\.districts\[[0-9]+\]\./)) {
    d = substr($1, 12, RLENGTH - 13)
    f = substr($1, RLENGTH + 1)
    if (f == "id") district_id[d] = $2
    else if (f ~ /^names\./) district_name[d, substr(f, 7)] = $2
  } else if (match($1, /^\.contests\[[0-9]+\]\.choices\[[0-9]+\]\./)) {
    k = substr($1, 1, RLENGTH)
    f = substr($1, RLENGTH + 1)
    if (f == "code") code_at[k] = $2
    else if (f ~ /^names\./) choice_name[k, substr(f, 7)] = $2
    else if (f ~ /^party\./) party[k, substr(f, 7)] = $2
  }
  next
}

# results.json: .contests[i]. districts[j].X / total.X / id, names.*, type, max_selections
match($1, /^\.contests\[[0-9]+\]\./) {
  c = substr($1, 11, RLENGTH - 12) + 0
  contests = c + 1 > contests ? c + 1 : contests
  f = substr($1, RLENGTH + 1)
  if (f == "id" || f == "type" || f == "max_selections") contest[c, f] = $2
  else if (f ~ /^names\./) contest[c, f] = $2
  else if (match(f, /^districts\[[0-9]+\]\./)) {
    d = substr(f, 11, RLENGTH - 12) + 0
    if (d + 1 > districts[c]) districts[c] = d + 1
    result(c SUBSEP d, substr(f, RLENGTH + 1), $2)
  } else if (f ~ /^total\./) result(c SUBSEP "total", substr(f, 7), $2)
}

# One value of a district's result or the total.
function result(at, f, v,   n) {
  if (f ~ /^(district|rows|valid|blank|invalid)$/) r[at, f] = v
  else if (match(f, /^choices\[[0-9]+\]\.(code|count)$/)) {
    n = substr(f, 9, index(f, "]") - 9) + 0
    if (f ~ /code$/) r[at, "code", n] = v
    else r[at, "count", n] = v
    if (n + 1 > r[at, "choices"]) r[at, "choices"] = n + 1
  } else if (f == "runoff.winner") r[at, "winner"] = v
  else if (match(f, /^runoff\.rounds\[[0-9]+\]\./)) {
    n = substr(f, 15, RLENGTH - 16) + 0
    if (n + 1 > r[at, "rounds"]) r[at, "rounds"] = n + 1
    f = substr(f, RLENGTH + 1)
    if (f ~ /^(exhausted|outcome|choice)$/) r[at, "round", n, f] = v
    else if (match(f, /^counts\[[0-9]+\]\.(code|count)$/)) {
      if (f ~ /code$/) {
        if (r[at, "round", n, "counts"] != "") r[at, "round", n, "counts"] = r[at, "round", n, "counts"] " "
        r[at, "round", n, "counts"] = r[at, "round", n, "counts"] v
      } else {
        r[at, "round", n, "counts"] = r[at, "round", n, "counts"] "=" v
      }
    }
  }
}

function english(names_et, names_en) { return names_en != "" ? names_en : names_et }

function name_of_district(id,   d) {
  for (d in district_id) if (district_id[d] == id) return english(district_name[d, "et"], district_name[d, "en"])
  return id
}

function name_of_choice(code,   k, name) {
  for (k in code_at) {
    if (code_at[k] != code || index(k, ".contests[" current "]") != 1) continue
    name = english(choice_name[k, "et"], choice_name[k, "en"])
    if ((k, "et") in party) name = name " (" english(party[k, "et"], party[k, "en"]) ")"
    return name
  }
  return code
}

function summary(title, at) {
  printf "  %s: %d ballots, %d valid, %d blank, %d invalid\n", title, r[at, "rows"], r[at, "valid"],
    r[at, "blank"], r[at, "invalid"]
}

# TEXT and spaces to WIDTH characters (UTF-8: continuation bytes take no room; run with LC_ALL=C).
function pad(text, width,   bare) {
  bare = text
  gsub(/[\200-\277]/, "", bare)
  while (length(bare) < width) { text = text " "; bare = bare " " }
  return text
}

function share(n, of) { return of == 0 ? "-" : sprintf("%.1f", 100 * n / of) }

END {
  for (c = 0; c < contests; ++c) {
    current = c
    type = contest[c, "type"]
    if (type == "ranked")
      kind = "ranked, up to " contest[c, "max_selections"] "; counts are first preferences, then the instant runoff"
    else if (type == "approval") kind = "approval, up to " contest[c, "max_selections"]
    else kind = "single choice"
    printf "\n%s (%s): %s\n", english(contest[c, "names.et"], contest[c, "names.en"]), contest[c, "id"], kind
    for (d = 0; d < districts[c]; ++d) {
      at = c SUBSEP d
      summary(name_of_district(r[at, "district"]), at)
      for (n = 0; n < r[at, "choices"]; ++n)
        printf "    %4s  %s %6d %6s %%\n", r[at, "code", n], pad(name_of_choice(r[at, "code", n]), 44),
          r[at, "count", n], share(r[at, "count", n], r[at, "valid"])
      for (n = 0; n < r[at, "rounds"]; ++n) {
        exhausted = r[at, "round", n, "exhausted"] > 0 ? " exhausted=" r[at, "round", n, "exhausted"] : ""
        printf "    round %d: %s%s, %s %s\n", n + 1, r[at, "round", n, "counts"], exhausted,
          r[at, "round", n, "outcome"], r[at, "round", n, "choice"]
      }
      if ((at, "winner") in r) printf "    elected: %s\n", name_of_choice(r[at, "winner"])
    }
    summary("All districts", c SUBSEP "total")
  }
}
