# Joins the physical lines of one compiler message into one line (separated by a space), for
# check-counts.sh, written apart from escviz's own code (parsers/raw_string.cc) to check it.
# The compiler prints Go raw string literals verbatim, newlines included: a positioned message
# goes on while a backquoted literal is open. Backquotes inside "..." strings or rune literals
# ('`') open nothing. A line that starts with a position ends an open record (and is read anew).
# Usage: LC_ALL=C awk -f scripts/join-records.awk LOG
function open_after(s, open,    i, n, c, q) {
  if (!open && index(s, "`") == 0) return 0
  n = length(s)
  i = 1
  while (i <= n) {
    c = substr(s, i, 1)
    if (open) {
      q = index(substr(s, i), "`")
      if (q == 0) return 1
      i += q
      open = 0
      continue
    }
    i++
    if (c == "`") {
      open = 1
    } else if (c == "\"") {
      while (i <= n && substr(s, i, 1) != "\"") i += (substr(s, i, 1) == "\\") ? 2 : 1
      i++
    } else if (c == "'") {
      if (substr(s, i, 1) != "\\" && substr(s, i + 1, 1) == "'") i += 2
      else if (substr(s, i, 1) == "\\") {
        q = index(substr(s, i + 1, 12), "'")
        if (q > 0) i += q + 1
      }
    }
  }
  return open
}
function positioned(s) { return s ~ /^[^ \t]+:[0-9]+(:[0-9]+)?(\[[^]]*\])?:/ }
{
  if (inrec) {
    if (!positioned($0)) {
      rec = rec " " $0
      inrec = open_after($0, 1)
      if (!inrec) print rec
      next
    }
    print rec
    inrec = 0
  }
  if (positioned($0) && open_after($0, 0)) { rec = $0; inrec = 1; next }
  print
}
END { if (inrec) print rec }
