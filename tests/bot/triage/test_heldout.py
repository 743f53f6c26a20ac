"""The trained model on the held-out set (tests/nlu/heldout.yml, never trained on)."""

import asyncio
from pathlib import Path

from bot.triage.evaluate import MIN_ACCURACY, predict, read_heldout

REPO = Path(__file__).resolve().parents[3]
MODEL = REPO / "models" / "toegang.tar.gz"


def test_heldout_routes_meet_the_targets() -> None:
    assert MODEL.exists(), "run after `make model`"
    report = asyncio.run(predict(MODEL, read_heldout(REPO / "tests" / "nlu" / "heldout.yml")))
    summary = "\n".join(report.lines())
    assert report.recall("crisis") == 1.0, summary
    assert report.recall("veilig_thuis") == 1.0, summary
    assert report.crisis_not_urgent == [], summary
    assert report.accuracy >= MIN_ACCURACY, summary
