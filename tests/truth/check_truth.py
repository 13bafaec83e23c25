#!/usr/bin/env python3
"""Compares escviz's chains with the TRUTH annotations of the truth corpus (tests/truth/README.md).

Usage: check_truth.py ESCVIZ [--release 1.19|1.27]... [--json-dir DIR] [-v] [PROGRAM...]

For every program directory of tests/truth (one with a main.go and a go.mod) and every release whose
log is there (go1.19.m2.log, go1.27.m2.log), runs
    ESCVIZ explain --all --format json --source-root DIR DIR/goREL.m2.log
(or, with --json-dir, reads DIR/PROGRAM.goREL.json instead: for testing this checker without escviz),
and compares every chain whose verdict is in the program's own file with the TRUTH annotation of that
line. Prints, per release, allocations (heap verdicts of the program), reasons (expected explanation
blocks), matched, mismatched (each with the expected and the actual chains), and exits 1 on any
mismatch, 2 on a usage or input error. Python 3 standard library only.
"""
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
RELEASES = ("1.19", "1.27")
KINDS = {
    "moved": {"moved_to_heap"},
    "escapes": {"escapes_to_heap"},
    "leak": {"leaking_param"},
    "leak-content": {"leaking_param_content"},
    "leak-result": {"leaking_param_to_result"},
    "block": None,  # an explanation block no verdict line follows: any kind escviz gives it
}
HEAP_KINDS = {"moved_to_heap", "escapes_to_heap"}
ANNOTATED_KINDS = HEAP_KINDS | {"leaking_param", "leaking_param_content", "leaking_param_to_result"}
ENDS = {"heap", "result", "other", "unexplained", "cycle"}
STOPS = {"interface_call", "func_value", "builtin", "no_go_body", "not_in_log",
         "ambiguous_parameter", "no_source"}
NOALLOC = {"constant": "constant", "zero-size": "zero"}


class TruthError(Exception):
    """A TRUTH annotation that does not parse; names the file and line."""


def norm_callee(s):
    """A callee's name without receiver punctuation: (*memStore).Put -> memStore.Put."""
    return re.sub(r"[()*]", "", s or "").strip()


def callee_matches(want, got):
    w, g = norm_callee(want), norm_callee(got)
    return w == g or g.endswith("." + w) or w.endswith("." + g)


# ---- parsing the annotations -------------------------------------------------------------------

def split_top(s, sep):
    """Splits s at sep outside backquotes, parentheses, brackets and braces."""
    out, depth, quoted, cur, i = [], 0, False, [], 0
    while i < len(s):
        ch = s[i]
        if ch == "`":
            quoted = not quoted
        elif not quoted and ch in "([{":
            depth += 1
        elif not quoted and ch in ")]}":
            depth -= 1
        if not quoted and depth == 0 and s.startswith(sep, i):
            out.append("".join(cur))
            cur = []
            i += len(sep)
            continue
        cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


def parse_hop(h, where):
    h = h.strip()
    m = re.fullmatch(r"storage\((.*)\)", h)
    if m:
        expr, line = m.group(1), None
        m2 = re.fullmatch(r"(.*)@(\d+)", expr)
        if m2:
            expr, line = m2.group(1), int(m2.group(2))
        return {"via": "storage", "expr": expr.strip(), "line": line}
    i = h.rfind(".")
    if i <= 0 or i == len(h) - 1:
        raise TruthError(f"{where}: hop {h!r} is neither CALLEE.PARAM nor storage(EXPR[@LINE])")
    return {"via": "call", "callee": h[:i], "param": h[i + 1:]}


def parse_chain(text, where):
    text = text.strip()
    parts = text.split("=>")
    if len(parts) != 2:
        raise TruthError(f"{where}: chain {text!r} needs exactly one '=> END'")
    hops_text, end_text = parts
    hops = [parse_hop(h, where) for h in split_top(hops_text, "->")[1:]]
    if split_top(hops_text, "->")[0].strip():
        raise TruthError(f"{where}: chain {text!r}: text before the first '->'")
    toks = end_text.split()
    if not toks:
        raise TruthError(f"{where}: chain {text!r} has no end")
    end, stop = toks[0], None
    m = re.fullmatch(r"stop:([a-z_]+)(?:\((.*)\))?", end)
    if m:
        if m.group(1) not in STOPS:
            raise TruthError(f"{where}: unknown stop kind {m.group(1)!r}")
        end, stop = "stop", {"kind": m.group(1), "callee": m.group(2)}
    elif end not in ENDS:
        raise TruthError(f"{where}: unknown end {end!r}")
    through, cause_has, cause_not = [], [], []
    for t in toks[1:]:
        m = re.fullmatch(r"through\((.+)@(\d+)\)", t)
        if m:
            through.append((m.group(1), int(m.group(2))))
            continue
        m = re.fullmatch(r'cause(!?)~"(.*)"', t)
        if m:
            (cause_not if m.group(1) else cause_has).append(m.group(2))
            continue
        raise TruthError(f"{where}: unknown chain condition {t!r}")
    return {"hops": hops, "end": end, "stop": stop, "through": through,
            "cause_has": cause_has, "cause_not": cause_not, "text": text}


ITEM_RE = re.compile(r"^(`[^`]+`|\S+)\s+(\S+)(?:\s+(alloc|noalloc:[a-z-]+))?\s+x(\d+)\s*(?::(.*))?$")


def parse_item(text, where):
    m = ITEM_RE.match(text.strip())
    if not m:
        raise TruthError(f"{where}: cannot read item {text.strip()!r} "
                         "(SUBJECT[@COL] KIND [alloc|noalloc:WHY] xN[: CHAIN | CHAIN ...])")
    subj, kind, alloc, n, chains = m.groups()
    col = None
    if subj.startswith("`"):
        subj = subj[1:-1]
    else:
        m2 = re.fullmatch(r"(.+)@(\d+)", subj)
        if m2:
            subj, col = m2.group(1), int(m2.group(2))
    if kind not in KINDS:
        raise TruthError(f"{where}: unknown kind {kind!r}")
    if alloc and alloc.startswith("noalloc:") and alloc[8:] not in NOALLOC:
        raise TruthError(f"{where}: unknown no-allocation reason {alloc[8:]!r}")
    chains = [parse_chain(c, where) for c in split_top(chains, " | ")] if chains and chains.strip() else []
    if len(chains) != int(n):
        raise TruthError(f"{where}: x{n} but {len(chains)} chains")
    return {"subject": subj, "col": col, "kind": kind, "alloc": alloc, "chains": chains}


TRUTH_RE = re.compile(r"//\s*TRUTH(?:\[([0-9.]+)\])?:\s*")


def read_truth(path):
    """{release: {line: [item]}}: the TRUTH items of a source file for each release. A qualified
    item (TRUTH[1.27]) replaces the unqualified item of the same subject and column on that line."""
    plain, qual = defaultdict(list), defaultdict(lambda: defaultdict(list))
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            ms = list(TRUTH_RE.finditer(line))
            for k, m in enumerate(ms):
                end = ms[k + 1].start() if k + 1 < len(ms) else len(line)
                body = line[m.end():end].strip()
                for it in split_top(body, " ;; "):
                    item = parse_item(it, f"{path}:{no}")
                    (qual[m.group(1)][no] if m.group(1) else plain[no]).append(item)
    out = {}
    for rel in RELEASES:
        lines = {}
        for no in set(plain) | set(qual[rel]):
            q = qual[rel].get(no, [])
            keys = {(i["subject"], i["col"]) for i in q}
            lines[no] = [i for i in plain.get(no, []) if (i["subject"], i["col"]) not in keys] + q
        out[rel] = lines
    return out


# ---- comparing -----------------------------------------------------------------------------------

def pos_line_col(pos):
    m = re.search(r":(\d+)(?::(\d+))?$", pos or "")
    return (int(m.group(1)), int(m.group(2)) if m.group(2) else None) if m else (None, None)


def own_file(pos):
    return re.match(r"^(\./)?main\.go:", pos or "") is not None


def chain_problem(want, got):
    """None when the chain `got` (escviz JSON) is the expected `want`, else why not."""
    segs = got.get("segments", [])
    intos = [s.get("into") for s in segs if s.get("into")]
    if len(intos) != len(want["hops"]):
        return f"{len(intos)} continuations, expected {len(want['hops'])}"
    for k, (h, into) in enumerate(zip(want["hops"], intos)):
        if into.get("via") != h["via"]:
            return f"continuation {k + 1} is via {into.get('via')}, expected {h['via']}"
        if h["via"] == "call":
            if not callee_matches(h["callee"], into.get("callee")) or into.get("param") != h["param"]:
                return f"continuation {k + 1} into {into.get('callee')}.{into.get('param')}, " \
                       f"expected {h['callee']}.{h['param']}"
        else:
            nxt = segs[k + 1] if k + 1 < len(segs) else {}
            hdr = nxt.get("header", "")
            if not hdr.startswith(h["expr"]):
                return f"continuation {k + 1} in {hdr!r}, expected storage of {h['expr']}"
            if h["line"] is not None and pos_line_col(nxt.get("pos"))[0] != h["line"]:
                return f"continuation {k + 1} at {nxt.get('pos')}, expected line {h['line']}"
    if got.get("end") != want["end"]:
        st = got.get("stop") or {}
        return f"end {got.get('end')}{':' + st.get('kind', '') if st else ''}, expected {want['end']}" + \
               (f":{want['stop']['kind']}" if want["stop"] else "")
    if want["stop"]:
        st = got.get("stop") or {}
        if st.get("kind") != want["stop"]["kind"]:
            return f"stop {st.get('kind')}, expected {want['stop']['kind']}"
        if want["stop"]["callee"] and not callee_matches(want["stop"]["callee"], st.get("callee")):
            return f"stop at callee {st.get('callee')!r}, expected {want['stop']['callee']!r}"
    for name, line in want["through"]:
        ok = False
        for s in segs:
            for st in s.get("steps", []):
                for loc, intro in ((st.get("src"), st.get("src_intro")), (st.get("dst"), st.get("dst_intro"))):
                    if (loc or "").lower() == name.lower() and pos_line_col(intro)[0] == line:
                        ok = True
        if not ok:
            return f"no step through {name} introduced on line {line}"
    cause = got.get("cause") or ""
    for c in want["cause_has"]:
        if c not in cause:
            return f"cause {cause!r} does not contain {c!r}"
    for c in want["cause_not"]:
        if c in cause:
            return f"cause {cause!r} contains {c!r}"
    return None


def show_chain(c):
    segs = c.get("segments", [])
    parts = []
    for k, s in enumerate(segs):
        into = s.get("into")
        if not into:
            continue
        if into.get("via") == "call":
            parts.append(f"-> {into.get('callee')}.{into.get('param')}")
        else:
            nxt = segs[k + 1] if k + 1 < len(segs) else {}
            parts.append(f"-> storage({nxt.get('header', '?')}@{pos_line_col(nxt.get('pos'))[0]})")
    end = c.get("end")
    if end == "stop":
        st = c.get("stop") or {}
        end = f"stop:{st.get('kind')}({st.get('callee')})"
    return " ".join(parts + ["=>", str(end)]) + f"  [cause: {c.get('cause')}]"


def opaque_cause(c):
    """Defect 7: a cause that names no user code (empty where the chain reaches {heap}, or naming a
    compiler temporary)."""
    cause = c.get("cause")
    if not cause:
        return "empty cause"
    if "{temp}" in cause or ".autotmp" in cause:
        return f"opaque cause {cause!r}"
    return None


def match_site(item, chains):
    """Compares one TRUTH item with the chains of its site. Returns a list of problems."""
    probs = []
    kinds = KINDS[item["kind"]]
    verdicts = {}
    for c in chains:
        verdicts.setdefault(c["verdict"].get("log_line"), []).append(c)
    vkinds = {c["verdict"].get("kind") for c in chains}
    if kinds is not None and not (vkinds & kinds):
        return [f"verdict kind {sorted(vkinds)}, expected {item['kind']}"]
    if item["alloc"]:
        for c in chains:
            v = c["verdict"]
            if kinds is not None and v.get("kind") not in kinds:
                continue
            if item["alloc"] == "alloc" and v.get("allocates") is not True:
                probs.append(f"verdict at log line {v.get('log_line')} says allocates={v.get('allocates')}, "
                             "expected an allocation")
            if item["alloc"].startswith("noalloc:"):
                word = NOALLOC[item["alloc"][8:]]
                na = v.get("no_allocation") or ""
                if v.get("allocates") is not False or word not in na:
                    probs.append(f"verdict at log line {v.get('log_line')} says allocates={v.get('allocates')} "
                                 f"no_allocation={v.get('no_allocation')!r}, expected no allocation ({word})")
    # The site's reasons: every verdict's chains; a chain repeated in another verdict of the same site
    # (an inlined copy, a clone, a generic instance) counts once: per distinct chain, the largest
    # number of times one verdict has it.
    per_verdict = list(verdicts.values())
    # Distinct reasons by their rendering; multiplicity = max within one verdict.
    count = Counter()
    sample = {}
    for cs in per_verdict:
        local = Counter(show_chain(c) for c in cs)
        for k, n in local.items():
            count[k] = max(count[k], n)
            sample.setdefault(k, next(c for c in cs if show_chain(c) == k))
    got = []
    for k, n in count.items():
        got += [sample[k]] * n
    want = list(item["chains"])
    if len(got) != len(want):
        probs.append(f"{len(got)} reasons, expected {len(want)}")
    # Greedy one-to-one matching of expected and actual reasons.
    free = list(range(len(got)))
    unmatched = []
    for w in want:
        hit = next((j for j in free if chain_problem(w, got[j]) is None), None)
        if hit is None:
            why = [chain_problem(w, got[j]) for j in free]
            unmatched.append((w, why[0] if len(why) == 1 else None))
        else:
            free.remove(hit)
    for w, why in unmatched:
        probs.append(f"expected  {w['text']}" + (f"   ({why})" if why else ""))
    if unmatched or free:
        for j in free:
            probs.append(f"actual    {show_chain(got[j])}")
    return list(dict.fromkeys(probs))


def run_escviz(escviz, prog_dir, log):
    cmd = [escviz, "explain", "--all", "--format", "json", "--source-root", prog_dir, log]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr.strip()[:500]}")
    return json.loads(p.stdout)


def check_program(prog, rel, data, truth, verbose, out):
    stats = Counter()
    sites = defaultdict(list)
    for c in data.get("chains", []):
        v = c["verdict"]
        if not own_file(v.get("pos")):
            continue
        ln, col = pos_line_col(v["pos"])
        sites[(ln, v.get("subject"))].append(c)
        # Causes are ranked for heap allocations only: a leaking parameter's chain and an escape
        # that allocates nothing have none (README "Causes").
        why = opaque_cause(c) if v.get("allocates") else None
        if why and (c.get("end") == "heap" or (c.get("cause") and why.startswith("opaque"))):
            stats["opaque_causes"] += 1
            out.append(f"  {prog} {v['pos']} {v.get('subject')}: {why}")
    heap_verdicts = {c["verdict"].get("log_line") for c in data.get("chains", [])
                     if own_file(c["verdict"].get("pos")) and c["verdict"].get("kind") in HEAP_KINDS}
    stats["allocations"] += len(heap_verdicts)
    claimed = set()
    for line, items in sorted(truth.items()):
        for item in items:
            stats["reasons"] += len(item["chains"])
            cand = [c for c in sites.get((line, item["subject"]), [])
                    if item["col"] is None or pos_line_col(c["verdict"]["pos"])[1] == item["col"]]
            label = f"{prog}/main.go:{line} {item['subject']}" + (f"@{item['col']}" if item["col"] else "")
            if not cand:
                stats["mismatched"] += max(1, len(item["chains"]))
                out.append(f"  MISMATCH {label} ({item['kind']}): no chain in escviz's output; expected")
                out += [f"      {w['text']}" for w in item["chains"]]
                continue
            claimed.update(id(c) for c in cand)
            probs = match_site(item, cand)
            if probs:
                stats["mismatched"] += max(1, len(item["chains"]))
                out.append(f"  MISMATCH {label} ({item['kind']}):")
                out += [f"      {p}" for p in probs]
            else:
                stats["matched"] += len(item["chains"])
                if verbose:
                    out.append(f"  ok {label}: " + " | ".join(w["text"] for w in item["chains"]))
    for key, cs in sorted(sites.items(), key=lambda kv: (kv[0][0] or 0, kv[0][1] or "")):
        left = [c for c in cs if id(c) not in claimed and c["verdict"].get("kind") in ANNOTATED_KINDS]
        if left:
            stats["mismatched"] += 1
            stats["unannotated"] += 1
            out.append(f"  MISMATCH {prog}/main.go:{key[0]} {key[1]}: chains with no TRUTH annotation:")
            out += [f"      actual    {show_chain(c)}" for c in left]
    return stats


def main(argv):
    args, rels, json_dir, verbose, progs = argv[1:], [], None, False, []
    if not args or args[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if args else 2
    escviz = args.pop(0)
    while args:
        a = args.pop(0)
        if a == "--release" and args:
            rels.append(args.pop(0))
        elif a == "--json-dir" and args:
            json_dir = args.pop(0)
        elif a == "-v":
            verbose = True
        elif a.startswith("-"):
            print(f"check_truth.py: unknown option {a}", file=sys.stderr)
            return 2
        else:
            progs.append(a)
    rels = rels or list(RELEASES)
    if not progs:
        progs = sorted(d for d in os.listdir(HERE)
                       if os.path.isfile(os.path.join(HERE, d, "main.go"))
                       and os.path.isfile(os.path.join(HERE, d, "go.mod")))
    bad = False
    for rel in rels:
        total, out = Counter(), []
        for prog in progs:
            d = os.path.join(HERE, prog)
            log = os.path.join(d, f"go{rel}.m2.log")
            if not os.path.isfile(log):
                continue
            try:
                truth = read_truth(os.path.join(d, "main.go"))[rel]
                if json_dir:
                    with open(os.path.join(json_dir, f"{prog}.go{rel}.json"), encoding="utf-8") as f:
                        data = json.load(f)
                else:
                    data = run_escviz(escviz, d, log)
                if data.get("schema") != "escviz-chains/1":
                    raise RuntimeError(f"{prog} go{rel}: schema {data.get('schema')!r}, expected escviz-chains/1")
            except (TruthError, RuntimeError, OSError, ValueError) as e:
                print(f"check_truth.py: {e}", file=sys.stderr)
                return 2
            total["programs"] += 1
            total.update(check_program(prog, rel, data, truth, verbose, out))
        print(f"go{rel}: {total['programs']} programs, {total['allocations']} allocations, "
              f"{total['reasons']} reasons expected, {total['matched']} matched, "
              f"{total['mismatched']} mismatched ({total['unannotated']} sites unannotated), "
              f"{total['opaque_causes']} opaque causes")
        for line in out:
            print(line)
        if total["mismatched"] or total["opaque_causes"]:
            bad = True
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
