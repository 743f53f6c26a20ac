"""The B1 checker on texts judged by a B1 editor, written apart from the product.

Each set is verdict<TAB>text (pass = B1, fail = not B1). A text the checker fails counts as
"fail"; a warning alone counts as "pass". Prints, per set, how many of each side it judged
right; with --misses, every text it judged wrong and why.

  .venv/bin/python -m integrations.b1.evaluate tests/eval/b1_texts_v2.tsv --misses
"""

import argparse
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from integrations.b1.checker import B1Checker, B1Report
from integrations.b1.config import load_rules
from integrations.b1.frequency import dutch_zipf

SIDES = ("pass", "fail")


@dataclass
class Side:
    right: int = 0
    total: int = 0
    misses: list[tuple[str, B1Report]] = field(default_factory=list)


def rows_of(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        verdict, _, text = line.partition("\t")
        if verdict not in SIDES or not text.strip():
            raise ValueError(f"not a verdict<TAB>text row: {line!r}")
        yield verdict, text.strip()


def evaluate(checker: B1Checker, rows: Iterable[tuple[str, str]]) -> dict[str, Side]:
    sides = {name: Side() for name in SIDES}
    for expected, text in rows:
        report = checker.check(text)
        said = "fail" if report.verdict == "fail" else "pass"
        side = sides[expected]
        side.total += 1
        if said == expected:
            side.right += 1
        else:
            side.misses.append((text, report))
    return sides


def print_figures(name: str, sides: dict[str, Side], misses: bool) -> None:
    plain, not_b1 = sides["pass"], sides["fail"]
    print(f"{name}")
    print(f"  B1 texts passed:      {plain.right}/{plain.total}")
    print(f"  non-B1 texts failed:  {not_b1.right}/{not_b1.total}")
    if not misses:
        return
    for expected, side in sides.items():
        for text, report in side.misses:
            print(f"  WRONG (should {expected}): {text}")
            for f in report.findings:
                print(f"      {f.severity}: {f.rule}: {f.message}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--misses", action="store_true", help="print every text judged wrong")
    args = parser.parse_args(argv)
    checker = B1Checker(load_rules(), dutch_zipf)
    for path in args.sets:
        sides = evaluate(checker, rows_of(path.read_text(encoding="utf-8").splitlines()))
        print_figures(path.name, sides, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
