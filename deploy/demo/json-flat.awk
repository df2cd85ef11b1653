# Flattens JSON documents (such as evote's canonical ones) into one line per
# value, "PATH <TAB> VALUE", in document order:
#
#   {"contests":[{"id":"council","rows":3}]}  ->  .contests[0].id<TAB>council
#                                                 .contests[0].rows<TAB>3
#
# Strings are printed without their quotes, with \" \\ \/ \b \f \n \r \t
# decoded (\uXXXX is kept as written: evote escapes only control characters
# that way); numbers, true and false as written; empty objects and arrays
# print nothing. Each input line is one document (JSON Lines); a document
# may not span lines. So the demo reads JSON with awk alone (no jq).
#
#   awk -f json-flat.awk config.json
BEGIN { OFS = "\t" }

{
  text = $0
  depth = 0
  while (text != "") {
    if (match(text, /^[ \t\r]+/)) {
      text = substr(text, RLENGTH + 1)
    } else if (match(text, /^"([^"\\]|\\.)*"/)) {
      token = substr(text, 2, RLENGTH - 2)
      text = substr(text, RLENGTH + 1)
      if (depth > 0 && kind[depth] == "{" && expecting_key[depth]) {
        key[depth] = token
        expecting_key[depth] = 0
      } else {
        value(unescape(token))
      }
    } else if (match(text, /^(-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?|true|false|null)/)) {
      value(substr(text, 1, RLENGTH))
      text = substr(text, RLENGTH + 1)
    } else {
      c = substr(text, 1, 1)
      text = substr(text, 2)
      if (c == "{" || c == "[") {
        prefix[depth + 1] = path()
        depth++
        kind[depth] = c
        index_of[depth] = 0
        expecting_key[depth] = (c == "{")
      } else if (c == "}" || c == "]") {
        depth--
      } else if (c == ",") {
        if (kind[depth] == "[") index_of[depth]++
        else expecting_key[depth] = 1
      } else if (c != ":") {
        printf "json-flat.awk: line %d: unexpected %s\n", NR, c > "/dev/stderr"
        exit 1
      }
    }
  }
}

# The path of the value the innermost container holds now.
function path() {
  if (depth == 0) return ""
  if (kind[depth] == "[") return prefix[depth] "[" index_of[depth] "]"
  return prefix[depth] "." key[depth]
}

function value(v) { print path(), v }

function unescape(s,   out, c) {
  if (index(s, "\\") == 0) return s
  out = ""
  while (match(s, /\\./)) {
    out = out substr(s, 1, RSTART - 1)
    c = substr(s, RSTART + 1, 1)
    if (c == "n") c = "\n"
    else if (c == "t") c = "\t"
    else if (c == "r") c = "\r"
    else if (c == "b") c = "\b"
    else if (c == "f") c = "\f"
    else if (c == "u") c = "\\u"
    out = out c
    s = substr(s, RSTART + 2)
  }
  return out s
}
