"""Where a Rasa worker's time goes: shares of a py-spy profile, by the parts of a turn.

    .venv/bin/pip install py-spy          # from PyPI; not part of the project's environments
    py-spy record -p <pid of a Rasa worker> -d 45 -r 50 -f raw -o rasa.txt   # under make bench
    .venv/bin/python tests/bench/profile_shares.py rasa.txt

A sample counts for a part when a frame of that part is on its stack (inclusive shares, so they
add up to more than 100%). docs/benchmarks.md has the figures before and after bot/speedups.py.
"""

import re
import sys
from collections import Counter
from pathlib import Path

PARTS = {
    "jsonschema (all)": "jsonschema/",
    "  its metaschema check": "check_schema (jsonschema/",
    "TED policy": "ted_policy.py",
    "DIET classifier": "diet_classifier.py",
    "NLU featurizers": "nlu/featurizers",
    "rule policy": "rule_policy.py",
    "memoization policy": "memoization.py",
    "forms (Rasa's loop, incl. validation calls)": "rasa/core/actions/forms.py",
    "custom actions (calls, checks)": "rasa/core/actions/action.py",
    "NLG": "nlg/",
    "tracker store": "tracker_store.py",
    "lock store": "lock_store.py",
    "synchronous Redis": "redis/connection.py",
    "aiohttp (calls out)": "aiohttp/",
    "event classes by name": "resolve_by_type",
}


def shares(path: Path) -> tuple[int, dict[str, float], list[tuple[str, float]]]:
    stacks: list[tuple[list[str], int]] = []
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack:
            stacks.append((stack.split(";"), int(count)))
    total = sum(count for _, count in stacks) or 1
    by_part = {
        name: 100 * sum(c for frames, c in stacks if any(pattern in f for f in frames)) / total
        for name, pattern in PARTS.items()
    }
    own: Counter[str] = Counter()
    for frames, count in stacks:
        own[re.sub(r":\d+\)", ")", frames[-1])] += count
    top = [(frame, 100 * count / total) for frame, count in own.most_common(10)]
    return total, by_part, top


def main() -> None:
    total, by_part, top = shares(Path(sys.argv[1]))
    print(f"{total} samples")
    for name, share in by_part.items():
        print(f"{share:5.1f}%  {name}")
    print("most time in the frame itself:")
    for frame, share in top:
        print(f"{share:5.1f}%  {frame}")


if __name__ == "__main__":
    main()
