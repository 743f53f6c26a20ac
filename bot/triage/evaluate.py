"""`make eval`: the trained model on the held-out set, per route. Exit 1 below the targets.

Targets (issue: triage): route accuracy at least 0.92; crisis and Veilig Thuis recall 1.0;
no crisis utterance in a non-urgent route.
"""

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot.triage.evaluation import Prediction, RouteReport

MIN_ACCURACY = 0.92


def read_heldout(path: Path) -> list[tuple[str, str]]:
    """(text, intent) pairs from a Rasa NLU YAML file."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return [(m.get("text"), m.get("intent")) for m in data.intent_examples]


async def predict(model: Path, examples: list[tuple[str, str]]) -> RouteReport:
    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)

    agent = Agent.load(str(model))
    predictions = []
    for text, intent in examples:
        parsed = await agent.parse_message(text)
        predictions.append(Prediction(text, intent, parsed["intent"]["name"]))
    return RouteReport(predictions)


def meets_targets(report: RouteReport) -> bool:
    return (
        report.accuracy >= MIN_ACCURACY
        and report.recall("crisis") == 1.0
        and report.recall("veilig_thuis") == 1.0
        and not report.crisis_not_urgent
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=Path("models/toegang.tar.gz"))
    parser.add_argument("--data", type=Path, default=Path("tests/nlu/heldout.yml"))
    args = parser.parse_args()
    report = asyncio.run(predict(args.model, read_heldout(args.data)))
    print("\n".join(report.lines()))
    ok = meets_targets(report)
    print("\ntargets met" if ok else "\ntargets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
