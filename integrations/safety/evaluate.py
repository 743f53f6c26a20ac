"""`make eval`, the safety part: the detector on first messages written apart from the
training data (route<TAB>channel<TAB>utterance), never trained on. Prints, per set, crisis and
Veilig Thuis recall, the false-safety rate (other routes read as crisis or Veilig Thuis), and
every miss. A Veilig Thuis message read as crisis counts as caught.

  .venv/bin/python -m integrations.safety.evaluate ../shared/eval/first_turn_routes_v1.tsv
"""

import argparse
import collections
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from integrations.safety.detector import SafetyDetector
from integrations.safety.loading import shared_detector

CRISIS = frozenset({"suicide", "danger", "shelter"})
SAFETY = CRISIS | {"violence"}


@dataclass
class Figures:
    counts: collections.Counter[str] = field(default_factory=collections.Counter)
    misses: list[tuple[str, str, str | None]] = field(default_factory=list)

    def rate(self, hits: str, total: str) -> float:
        return self.counts[hits] / self.counts[total] if self.counts[total] else 1.0

    @property
    def crisis_recall(self) -> float:
        return self.rate("crisis_caught", "crisis")

    @property
    def veilig_thuis_recall(self) -> float:
        return self.rate("veilig_thuis_caught", "veilig_thuis")

    @property
    def false_safety(self) -> float:
        return self.rate("false_safety", "other")


def rows_of(path: Path) -> Iterable[tuple[str, str, str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            route, channel, text = line.split("\t")
            yield route, channel, text


def evaluate(detector: SafetyDetector, rows: Iterable[tuple[str, str, str]]) -> Figures:
    figures = Figures()
    for route, _channel, text in rows:
        signal = detector.detect(text)
        kind = signal.kind if signal else None
        if route == "crisis":
            caught = kind in CRISIS
        elif route == "veilig_thuis":
            caught = kind in SAFETY
        else:
            route, caught = "other", False
            if kind in SAFETY:
                figures.counts["false_safety"] += 1
                figures.misses.append((route, text, kind))
        figures.counts[route] += 1
        if route != "other":
            figures.counts[f"{route}_caught"] += caught
            if not caught:
                figures.misses.append((route, text, kind))
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--misses", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    detector = shared_detector()
    for path in args.sets:
        figures = evaluate(detector, rows_of(path))
        c = figures.counts
        print(
            f"{path.name}: crisis recall {figures.crisis_recall:.2f} ({c['crisis']}), "
            f"Veilig Thuis recall {figures.veilig_thuis_recall:.2f} ({c['veilig_thuis']}), "
            f"false safety {figures.false_safety:.3f} ({c['other']})"
        )
        if args.misses:
            for route, text, kind in figures.misses:
                print(f"  {route:<13} read as {kind or '-':<9} {text}")


if __name__ == "__main__":
    main()
