#!/usr/bin/env python3
"""The README's table of AWS round trips per request is the real maximum.

The integration tests fail any request that makes more round trips than the table
allows (tests/api/observed.rs); this checks the other direction, from what they
recorded in OBSERVED_ROUND_TRIPS: each function's figure is the most it was seen to
make, so the table is never looser than the code. A figure marked `*` is an upper bound the
tests need not reach (a request that waits for another's renewal polls a bounded number
of times). Exits non-zero with each mismatch.
"""
import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("observed", nargs="?", default=os.environ.get("OBSERVED_ROUND_TRIPS"),
                        help="what the tests recorded: one `<function> <round trips>` line per request "
                             "(default: $OBSERVED_ROUND_TRIPS, as infra/dev.sh test sets it)")
    args = parser.parse_args()
    if not args.observed:
        parser.error("no record to check: give its path or set OBSERVED_ROUND_TRIPS (infra/dev.sh test does)")
    readme = (ROOT / "README.md").read_text().split("<!-- round-trips -->")[1]
    rows = re.findall(r"^\|\s*`([\w-]+)`\s*\|\s*(\d+)(\*?)\s*\|", readme, re.M)
    table = {name: int(count) for name, count, _ in rows}
    bounds = {name for name, _, star in rows if star}
    seen = {}
    for line in Path(args.observed).read_text().splitlines():
        function, count = line.split()[:2]
        seen[function] = max(seen.get(function, 0), int(count))
    problems = []
    for function, budget in sorted(table.items()):
        if function not in seen:
            problems.append(f"{function}: no request was recorded")
        elif function in bounds and seen[function] > budget:
            problems.append(f"{function}: the README allows at most {budget}, the tests saw {seen[function]}")
        elif function not in bounds and seen[function] != budget:
            problems.append(f"{function}: the README says {budget}, the tests saw at most {seen[function]}")
    for function in sorted(set(seen) - set(table)):
        problems.append(f"{function}: not in the README's table")
    for problem in problems:
        print(f"[round trips] PROBLEM: {problem}")
    if problems:
        sys.exit(1)
    print(f"[round trips] the README's figures are the maximum the tests saw, for all {len(table)} functions")


if __name__ == "__main__":
    main()
