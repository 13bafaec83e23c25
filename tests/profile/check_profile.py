#!/usr/bin/env python3
"""The profile truth test (issue 23): escviz's figures per line equal `go tool pprof`'s.

For every program folder here and every Go release that made its files (go1.XX.m2.log, the
escape log; go1.XX.mem.pprof, a `go test -memprofile -memprofilerate=1` profile, so that counts
are exact), `escviz summary --format json --profile` lists every line the profile's samples
allocate at, with objects and bytes. The committed tables go1.XX.alloc_objects.top and
go1.XX.alloc_space.top are `go tool pprof -sample_index=... -unit=B -lines -top -nodefraction=0`
of the same profile (tests/profile/gen.sh): for every line of the program's own files, escviz's
figure must equal pprof's flat figure, and escviz must list no line of them pprof does not. When
a Go toolchain is on PATH, pprof is also run now, and its tables must equal the committed ones
(so the committed expectation cannot drift from what pprof says).

Also checked, from the comments of the programs: each line annotated `// PROFILE:` (the count
and size classes known by construction, tests/profile/README.md) has those objects and bytes in
escviz's join.

Usage: check_profile.py ESCVIZ
"""
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROW = re.compile(r"^\s*(-?\d+)B\s+\S+%\s+\S+%\s+-?\d+B\s+\S+%\s+(.+?) (/\S+):(\d+)( \(inline\))?$")


def pprof_rows(text):
    """{(function, file basename path, line): flat} of a -lines -top table."""
    rows = {}
    for line in text.splitlines():
        m = ROW.match(line)
        if m:
            key = (m.group(2), m.group(3), int(m.group(4)))
            rows[key] = rows.get(key, 0) + int(m.group(1))
    return rows


ALLOCATORS_CHECKED = [0]
ALSO_CHECKED = [0]


def summaries(escviz):
    """Every program and release here with a profile: (prog, folder, release, the summary's
    profile lines), the sources read at the program's folder."""
    for prog in sorted(os.listdir(HERE)):
        folder = os.path.join(HERE, prog)
        if not os.path.isfile(os.path.join(folder, "go.mod")):
            continue
        for release in ("go1.19", "go1.27"):
            prof = os.path.join(folder, release + ".mem.pprof")
            if not os.path.exists(prof):
                continue
            out = subprocess.run([escviz, "summary", "--format", "json", "--source-root", folder,
                                  "--profile", prof,
                                  os.path.join(folder, release + ".m2.log")],
                                 capture_output=True, text=True, cwd=folder)
            yield prog, folder, release, json.loads(out.stdout)["profile"]["lines"]


def annotations(folder, pattern, release):
    """(file name, line number, match) of each line of the program's .go files that `pattern`
    matches, its group 1 a release (`1.19`) the annotation is for, or None for both."""
    for name in sorted(f for f in os.listdir(folder) if f.endswith(".go")):
        with open(os.path.join(folder, name)) as f:
            for num, text in enumerate(f, 1):
                m = re.search(pattern, text)
                if m and (not m.group(1) or m.group(1) == release[2:]):
                    yield name, num, m


def check_also(escviz):
    """Lines annotated `ALSO: WORDS` (or `ALSO(1.19): ...`) hold a heap verdict and an allocation
    none of their verdicts makes (an append's growth before Go 1.25), by construction: escviz's
    line must have a verdict and say its figures include WORDS. Every other line of the programs
    must say nothing of the kind."""
    failures = []
    for prog, folder, release, lines in summaries(escviz):
        annotated = set()
        for name, num, m in annotations(folder, r"ALSO(?:\((1\.\d+)\))?: ([a-z ]+)", release):
            annotated.add((name, num))
            ALSO_CHECKED[0] += 1
            rows = [l for l in lines if os.path.basename(l["file"]) == name and l["line"] == num]
            if not any(l["heap_verdicts"] and l.get("also", "").startswith(m.group(2))
                       for l in rows):
                failures.append(f"{prog} {release} {name}:{num}: want a verdict and "
                                f"'{m.group(2)}' besides, escviz {rows}")
        for l in lines:
            key = (os.path.basename(l["file"]), l["line"])
            if l.get("also") and key not in annotated and l["file"].startswith(folder):
                failures.append(f"{prog} {release} {key[0]}:{key[1]}: escviz says "
                                f"'{l['also']}', not annotated")
    return failures


def check_allocators(escviz):
    """Lines annotated `ALLOCATOR: runtime.X` (or `ALLOCATOR(1.19): ...` for one release) allocate
    without a heap verdict, through that runtime function, by construction (an append that grows,
    a map insert): escviz must list them without a verdict and name that allocator."""
    failures = []
    for prog, folder, release, lines in summaries(escviz):
        for name, num, m in annotations(folder, r"ALLOCATOR(?:\((1\.\d+)\))?: (runtime\.\w+)",
                                        release):
            ALLOCATORS_CHECKED[0] += 1
            rows = [l for l in lines if os.path.basename(l["file"]) == name and l["line"] == num]
            if not rows or any(l["heap_verdicts"] for l in rows) or not all(
                    l.get("allocator", "").startswith(m.group(2)) for l in rows):
                failures.append(f"{prog} {release} {name}:{num}: want no verdict and "
                                f"allocator {m.group(2)}, escviz {rows}")
    return failures


def main():
    escviz = os.path.abspath(sys.argv[1])
    failures = []
    checked = 0
    go = shutil.which("go")
    for prog in sorted(os.listdir(HERE)):
        folder = os.path.join(HERE, prog)
        if not os.path.isfile(os.path.join(folder, "go.mod")):
            continue
        own = {f for f in os.listdir(folder) if f.endswith(".go")}
        for release in ("go1.19", "go1.27"):
            log = os.path.join(folder, release + ".m2.log")
            prof = os.path.join(folder, release + ".mem.pprof")
            if not os.path.exists(prof):
                continue
            # --source-root: the sources are read where this checkout has them, not at the
            # absolute paths of the machine that made the profiles.
            out = subprocess.run([escviz, "summary", "--format", "json", "--top", "1000",
                                  "--source-root", folder, "--profile", prof, log],
                                 capture_output=True, text=True, cwd=folder)
            if out.returncode != 0:
                failures.append(f"{prog} {release}: escviz exit {out.returncode}: {out.stderr}")
                continue
            lines = json.loads(out.stdout)["profile"]["lines"]
            got = {}
            for l in lines:
                got[(l["function"], l["file"], l["line"])] = l
            for sample_index, field in (("alloc_objects", "objects"), ("alloc_space", "bytes")):
                table = os.path.join(folder, f"{release}.{sample_index}.top")
                with open(table) as f:
                    committed = f.read()
                want = pprof_rows(committed)
                if go:
                    live = subprocess.run(["go", "tool", "pprof", f"-sample_index={sample_index}",
                                           "-unit=B", "-lines", "-top", "-nodefraction=0", prof],
                                          capture_output=True, text=True)
                    if live.returncode == 0 and pprof_rows(live.stdout) != want:
                        failures.append(f"{table}: differs from go tool pprof run now")
                mine = {k: v for k, v in want.items() if os.path.basename(k[1]) in own}
                if not mine:
                    failures.append(f"{table}: no line of the program's own files")
                for key, flat in sorted(mine.items()):
                    checked += 1
                    have = got.get(key, {}).get(field)
                    if have != flat:
                        failures.append(f"{prog} {release} {sample_index} {key[0]} "
                                        f"{os.path.basename(key[1])}:{key[2]}: pprof {flat}, "
                                        f"escviz {have}")
                for key in got:
                    if os.path.basename(key[1]) in own and key not in mine:
                        failures.append(f"{prog} {release}: escviz lists {key}, pprof does not")
            # The annotations: `// PROFILE: ... xCALLS = N objects, B B` (per release when the comment
            # has `1.19:` and `1.27:` parts; two instances of one line add up; `cum ...` means
            # the line allocates nothing itself: 0).
            for name in sorted(own):
                with open(os.path.join(folder, name)) as f:
                    for num, text in enumerate(f, 1):
                        if "// PROFILE:" not in text or text.strip().startswith("//"):
                            continue
                        note = text.split("// PROFILE:", 1)[1]
                        short = release[2:]  # 1.19
                        if "1.19:" in note and "1.27:" in note:
                            parts = re.split(r"(?=\b1\.(?:19|27): )", note)
                            note = next(p for p in parts if p.startswith(short + ":"))
                        if note.strip().startswith("cum"):
                            want_o, want_b = 0, 0
                        else:
                            found = re.findall(r"x(?:\d+|\([^)]*\)) = (\d+) objects?, (\d+) B", note)
                            if not found:
                                failures.append(f"{prog} {name}:{num}: unreadable PROFILE comment")
                                continue
                            want_o = sum(int(o) for o, _ in found)
                            want_b = sum(int(b) for _, b in found)
                        rows = [l for l in lines
                                if os.path.basename(l["file"]) == name and l["line"] == num]
                        got_o = sum(l["objects"] for l in rows)
                        got_b = sum(l["bytes"] for l in rows)
                        checked += 1
                        if (got_o, got_b) != (want_o, want_b):
                            failures.append(f"{prog} {release} {name}:{num}: annotated "
                                            f"{want_o} objects {want_b} B, escviz {got_o} "
                                            f"objects {got_b} B")
    failures += check_allocators(escviz)
    checked += ALLOCATORS_CHECKED[0]
    failures += check_also(escviz)
    checked += ALSO_CHECKED[0]
    for f in failures:
        print("FAIL:", f)
    print(f"profile truth: {checked} figures checked, {len(failures)} mismatches")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
