"""Route-level evaluation of the NLU on a held-out set. Pure: predictions in, figures out."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.triage.routes import route_of_intent

NO_ROUTE = "geen_route"
SAFETY_QUESTION = "veiligheidsvraag"
URGENT = frozenset({"crisis", "veilig_thuis", SAFETY_QUESTION})


def route_label(intent: str | None) -> str:
    """The route an intent leads to; the caring safety question and small talk get a label."""
    if intent == "safety_check":
        return SAFETY_QUESTION
    return route_of_intent(intent) or NO_ROUTE


@dataclass(frozen=True)
class Prediction:
    text: str
    expected_intent: str
    predicted_intent: str

    @property
    def expected(self) -> str:
        return route_label(self.expected_intent)

    @property
    def predicted(self) -> str:
        return route_label(self.predicted_intent)


@dataclass
class RouteReport:
    predictions: list[Prediction]
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.confusion = Counter((p.expected, p.predicted) for p in self.predictions)

    @property
    def labels(self) -> list[str]:
        return sorted({label for pair in self.confusion for label in pair})

    @property
    def accuracy(self) -> float:
        right = sum(1 for p in self.predictions if p.expected == p.predicted)
        return right / len(self.predictions) if self.predictions else 0.0

    def recall(self, route: str) -> float:
        relevant = [p for p in self.predictions if p.expected == route]
        if not relevant:
            return 1.0
        return sum(1 for p in relevant if p.predicted == route) / len(relevant)

    def precision(self, route: str) -> float:
        chosen = [p for p in self.predictions if p.predicted == route]
        if not chosen:
            return 1.0
        return sum(1 for p in chosen if p.expected == route) / len(chosen)

    def support(self, route: str) -> int:
        return sum(1 for p in self.predictions if p.expected == route)

    @property
    def crisis_not_urgent(self) -> list[Prediction]:
        """Crisis utterances that ended anywhere but an urgent route: the worst failure."""
        return [p for p in self.predictions if p.expected == "crisis" and p.predicted not in URGENT]

    @property
    def misses(self) -> list[Prediction]:
        return [p for p in self.predictions if p.expected != p.predicted]

    def lines(self) -> Iterable[str]:
        yield f"{'route':<22}{'precision':>10}{'recall':>8}{'support':>9}"
        for label in self.labels:
            yield (
                f"{label:<22}{self.precision(label):>10.2f}{self.recall(label):>8.2f}"
                f"{self.support(label):>9}"
            )
        yield ""
        yield "confusion (rows: expected, columns: predicted)"
        numbers = {label: str(i) for i, label in enumerate(self.labels, start=1)}
        yield " " * 26 + "".join(f"{numbers[c]:>4}" for c in self.labels)
        for row in self.labels:
            cells = "".join(f"{self.confusion[(row, col)]:>4}" for col in self.labels)
            yield f"{numbers[row]:>2}  {row:<22}{cells}"
        yield ""
        yield f"examples: {len(self.predictions)}"
        yield f"route accuracy: {self.accuracy:.3f}"
        yield f"crisis recall: {self.recall('crisis'):.3f}"
        yield f"veilig_thuis recall: {self.recall('veilig_thuis'):.3f}"
        yield f"crisis utterances in a non-urgent route: {len(self.crisis_not_urgent)}"
        if self.misses:
            yield ""
            yield "misses:"
            for p in self.misses:
                yield f"  {p.text!r}: expected {p.expected}, got {p.predicted}"
