#!/usr/bin/python3
"""Counts test cases from meson's testlog.json files (the plain run and the
sanitizer run): each TAP line of a GTest program is one case; a test
without TAP output counts as one.  With --reports DIR, each sanitizer
report file in DIR counts as one failed case.  Prints one line
"N passed, N failed" covering everything and exits non-zero when anything
failed."""
import json
import os
import re
import sys

passed = failed = skipped = 0
args = sys.argv[1:]
reports = None
if "--reports" in args:
    i = args.index("--reports")
    reports = args[i + 1]
    del args[i:i + 2]

for path in args:
    run = os.path.basename(os.path.dirname(os.path.dirname(os.path.abspath(path))))
    with open(path, encoding="utf-8") as log:
        for line in log:
            entry = json.loads(line)
            result = entry.get("result", "")
            out = entry.get("stdout") or entry.get("stdo") or ""
            ok = len(re.findall(r"^ok \d+", out, re.M))
            skip = len(re.findall(r"^ok \d+.*# SKIP", out, re.M | re.I))
            bad = len(re.findall(r"^not ok \d+", out, re.M))
            if ok or bad:
                passed += ok - skip
                skipped += skip
                failed += bad
                # A crash after the last case, or a missing plan, still fails.
                if result not in ("OK", "SKIP", "EXPECTEDFAIL") and bad == 0:
                    failed += 1
                    print(f"FAILED (after its cases): {run}: {entry.get('name')} [{result}]")
            elif result == "SKIP":
                skipped += 1
            elif result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            else:
                failed += 1
            if bad or result not in ("OK", "SKIP", "EXPECTEDFAIL"):
                print(f"failed: {run}: {entry.get('name')} [{result}]")

if reports and os.path.isdir(reports):
    for name in sorted(os.listdir(reports)):
        failed += 1
        print(f"failed: sanitizer report {os.path.join(reports, name)}")

if skipped:
    print(f"{skipped} skipped")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
