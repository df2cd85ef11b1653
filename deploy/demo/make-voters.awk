# The demo's voters and what each will do, one line per voter (TSV):
#
#   index  personal-code  given-name  surname  district  role  first-vote  second-vote
#
# role: vote (votes once), revote (votes twice; the second counts), paper
# (votes, then also on paper: the e-vote is cancelled), abstain (has a card,
# never votes), revoked (tries with a revoked card and is refused). A vote is
# the voter's choices as evote-voter-cli takes them, CONTEST=CODE separated
# by spaces (a ranked contest's codes in rank order), "-" for none at all;
# a contest left out is voted blank. The choices are random with a fixed
# seed, weighted so that the results are not a tie.
#
#   awk -v voters=30 -f make-voters.awk
BEGIN {
  FS = OFS = "\t"
  srand(2027)
  split("Jaan Peeter Andres Toomas Mart Rein Tiit Jüri Ants Urmas Priit Margus Siim Kalev Märt Tõnu", men, " ")
  split("Mari Kati Liis Anu Tiina Kadri Triin Maarja Eha Ülle Piret Kersti Mari-Liis Helen Õie Katrin", women, " ")
  split("Tamm Saar Sepp Mägi Kask Kukk Rebane Ilves Pärn Koppel Lepik Kuusk Karu Põder Oja Lill Männik Kivi Mets Raud", surnames, " ")
  # Districts (weights: how many voters live there) and their choices with weights.
  split("harju tartu parnu", districts, " ")
  district_weight["harju"] = 5; district_weight["tartu"] = 3; district_weight["parnu"] = 2
  council["harju"] = "101:4 102:3 103:2 104:1"
  council["tartu"] = "201:2 202:4 203:3"
  council["parnu"] = "301:3 302:2 303:4"
  budget["harju"] = "111:4 112:3 113:2 114:2"
  budget["tartu"] = "211:3 212:2 213:4 214:1"
  budget["parnu"] = "311:2 312:4 313:3 314:1"

  for (i = 1; i <= voters; ++i) {
    female = rand() < 0.5
    given = female ? women[1 + int(rand() * length(women))] : men[1 + int(rand() * length(men))]
    surname = surnames[1 + int(rand() * length(surnames))]
    district = pick_district()
    role = role_of(i)
    first = vote(district)
    second = role == "revote" ? vote(district) : "-"
    print i, personal_code(i, female), given, surname, district, role, first, second
  }
}

# Who does what: the last voter's card is revoked; one in ten never votes;
# one in five votes again; one in eight also votes on paper.
function role_of(i) {
  if (i == voters) return "revoked"
  if (i % 10 == 6) return "abstain"
  if (i % 5 == 2) return "revote"
  if (i % 8 == 3) return "paper"
  return "vote"
}

function pick_district(   r, k) {
  r = rand() * 10
  for (k = 1; k <= 3; ++k) {
    r -= district_weight[districts[k]]
    if (r < 0) return districts[k]
  }
  return districts[3]
}

# One ballot: the council (single choice; 1 in 20 blank) and the budget
# (ranked: 1 to 3 projects; 1 in 20 blank).
function vote(district,   out, n, codes, weights, chosen, k, m, ranks) {
  out = ""
  if (rand() >= 0.05) out = "council=" weighted(council[district])
  if (rand() >= 0.05) {
    ranks = 1 + int(rand() * 3)
    split("", chosen)
    for (m = 0; m < ranks; ++m) {
      k = weighted(budget[district], chosen)
      chosen[k] = 1
      out = out (out == "" ? "" : " ") "budget=" k
    }
  }
  return out == "" ? "-" : out
}

# A code of "code:weight ..." drawn by weight, skipping those in `skip`.
function weighted(list, skip,   items, n, k, total, parts, r) {
  n = split(list, items, " ")
  total = 0
  for (k = 1; k <= n; ++k) {
    split(items[k], parts, ":")
    if (!(parts[1] in skip)) total += parts[2]
  }
  r = rand() * total
  for (k = 1; k <= n; ++k) {
    split(items[k], parts, ":")
    if (parts[1] in skip) continue
    r -= parts[2]
    if (r < 0) return parts[1]
  }
  return parts[1]
}

# An Estonian personal code (isikukood): sex and century, birth date, a
# serial and the check digit of EVS 585. Unique per index: the index picks
# the date (one of 16,800) and the serial.
function personal_code(i, female,   k, day_number, year, month, day, digits) {
  k = i - 1
  day_number = int(k / 1000)
  year = 1950 + day_number % 50
  month = 1 + int(day_number / 50) % 12
  day = 1 + int(day_number / 600) % 28
  digits = sprintf("%d%02d%02d%02d%03d", female ? 4 : 3, year % 100, month, day, k % 1000)
  return digits check_digit(digits)
}

function check_digit(digits,   sum, k, w1, w2) {
  split("1 2 3 4 5 6 7 8 9 1", w1, " ")
  split("3 4 5 6 7 8 9 1 2 3", w2, " ")
  sum = 0
  for (k = 1; k <= 10; ++k) sum += substr(digits, k, 1) * w1[k]
  if (sum % 11 < 10) return sum % 11
  sum = 0
  for (k = 1; k <= 10; ++k) sum += substr(digits, k, 1) * w2[k]
  return sum % 11 < 10 ? sum % 11 : 0
}
