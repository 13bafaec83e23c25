#!/usr/bin/env python3
"""Checks escviz's allocation patterns against the labelled corpus (issue 22).

Every program directory here has a main.go whose allocation lines end in a comment
`// PATTERN: P[+S] ;; P2[+S2]`: the pattern P (and second tag S, or none) of each heap
allocation on that line, in column order; `// PATTERN[1.19]:` and `// PATTERN[1.27]:` replace it
for one release. Each main.go says how its truth is known. For both logs (tests/patterns/gen.sh)
this runs `escviz sites --format jsonl` and requires that every allocation escviz lists is
annotated with its pattern and second tag, and that every annotation is matched. A line's
`// HINT: TEXT` says its allocation's inline hint (a callee too complex to inline) contains TEXT;
an allocation on a line without one must have no hint. The same patterns must come back from a
snapshot of the log (`escviz export`): the source facts they need travel in it. And the README's
pattern table must be the table of src/patterns.cc, row for row.

Usage: tests/patterns/check_patterns.py ESCVIZ
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
NOTE = re.compile(r"//\s*PATTERN(?:\[(1\.\d+)\])?:\s*([^/]*?)\s*(?=//|$)")
HINT = re.compile(r"//\s*HINT:\s*([^/]*?)\s*(?=//|$)")


def expected(source, release):
    """line -> list of (pattern, second or None) for release."""
    out = {}
    for n, line in enumerate(open(source), 1):
        generic = specific = None
        for m in NOTE.finditer(line):
            if m.group(1) is None:
                generic = m.group(2)
            elif m.group(1) == release:
                specific = m.group(2)
        spec = specific if specific is not None else generic
        if not spec:
            continue
        entries = []
        for e in spec.split(";;"):
            p, _, s = e.strip().partition("+")
            entries.append((p, s or None))
        out[n] = entries
    return out


def hints(source):
    return {n: m.group(1) for n, line in enumerate(open(source), 1) for m in HINT.finditer(line)}


def table_matches_readme():
    root = os.path.dirname(os.path.dirname(HERE))
    src = open(os.path.join(root, "src", "patterns.cc")).read()
    body = src[src.index("const PatternInfo kPatterns"):src.index("bool PatternOfId")]
    lit = r'((?:"(?:[^"\\]|\\.)*"\s*)+)'
    rows = [tuple("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', part)) for part in e)
            for e in re.findall(r"\{Pattern::k\w+,\s*" + lit + r",\s*" + lit + r",\s*" + lit + r"\}",
                                body)]
    want = ["| `%s` | %s | %s |" % (i, w.replace("|", "\\|"), r.replace("|", "\\|"))
            for i, w, r in rows]
    readme = open(os.path.join(root, "README.md")).read().splitlines()
    got = [line for line in readme if re.match(r"\| `[a-z-]+` \| ", line)
           and any(line.startswith("| `%s` |" % i) for i, _, _ in rows)]
    if len(rows) != 19 or got != want:
        print("FAIL README's pattern table differs from src/patterns.cc")
        return False
    return True


def main():
    escviz = sys.argv[1]
    checked = failed = 0
    if not table_matches_readme():
        failed += 1
    for d in sorted(os.listdir(HERE)):
        prog = os.path.join(HERE, d)
        if not os.path.isfile(os.path.join(prog, "go.mod")):
            continue
        for release in ("1.19", "1.27"):
            log = os.path.join(prog, f"go{release}.m2.log")
            run = subprocess.run([escviz, "sites", "--format", "jsonl", "--source-root", prog, log],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                print(f"FAIL {d} {release}: escviz exited {run.returncode}: {run.stderr}")
                failed += 1
                continue
            got = {}
            want_hint = hints(os.path.join(prog, "main.go"))
            for row in map(json.loads, run.stdout.splitlines()):
                _, line, col = row["position"].rsplit(":", 2)
                got.setdefault(int(line), []).append((int(col), row["pattern"], row["second"]))
                hint = want_hint.get(int(line))
                if (hint is None) != (row["inline_hint"] == "") or (hint and hint not in row["inline_hint"]):
                    failed += 1
                    print(f"FAIL {d}/main.go:{line} (Go {release}): inline hint "
                          f"{row['inline_hint']!r}, annotated {hint!r}")
            with tempfile.TemporaryDirectory() as tmp:
                snap = os.path.join(tmp, "s.json")
                subprocess.run([escviz, "export", "--source-root", prog, "-o", snap, log], check=True)
                again = subprocess.run([escviz, "sites", "--format", "jsonl", snap],
                                       capture_output=True, text=True)
                if again.stdout != run.stdout:
                    failed += 1
                    print(f"FAIL {d} {release}: the snapshot gives other patterns")
                # The snapshot also spells them out for its readers: the same, site for site.
                with open(snap) as f:
                    j = json.load(f)
                written = sorted(j["pattern_ids"][p] for _, p, _ in j["patterns"])
                listed = sorted(json.loads(r)["pattern"] for r in run.stdout.splitlines())
                if written != listed:
                    failed += 1
                    print(f"FAIL {d} {release}: the snapshot's patterns {written}, sites {listed}")
            want = expected(os.path.join(prog, "main.go"), release)
            for line in sorted(set(got) | set(want)):
                g = [(p, s) for _, p, s in sorted(got.get(line, []))]
                w = want.get(line, [])
                checked += max(len(g), len(w))
                if g != w:
                    failed += 1
                    print(f"FAIL {d}/main.go:{line} (Go {release}): escviz {g}, annotated {w}")
    print(f"patterns: {checked} allocations checked, {failed} mismatches")
    return 1 if failed or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
