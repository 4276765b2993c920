#!/usr/bin/env python3
"""Names the suites and tests a Swift Testing log shows as started and never finished.

Used by .ci/run when `swift test` runs past its time: a hung test is named in the CI's output
instead of the run silently using up its time. Usage: unfinished-tests.py LOG
"""
import collections
import re
import sys

started = collections.Counter()
ended = collections.Counter()
begin = re.compile(r"^◇ (Suite|Test) (?!case )(.+?) started\.")
end = re.compile(r"^[✔✘━] (Suite|Test) (.+?)(?: with \d+ test cases?)? (?:passed|failed)")
with open(sys.argv[1], encoding="utf-8", errors="replace") as log:
    for line in log:
        if match := begin.match(line):
            started[match.groups()] += 1
        elif match := end.match(line):
            ended[match.groups()] += 1
for (kind, name), count in sorted(started.items()):
    if name != "run" and count > ended[(kind, name)]:
        print(f"  {kind.lower()} {name}")
