"""The texts a municipality publishes with the assistant (docs/) are in B1 Dutch: every line
of prose, heading and list item passes the B1 checker (warnings allowed, no failures)."""

import re
from pathlib import Path

import pytest
from wordfreq import zipf_frequency

from integrations.b1.checker import B1Checker
from integrations.b1.config import load_rules
from integrations.b1.evaluate import evaluate, rows_of
from integrations.settings import REPO_ROOT

CHECKER = B1Checker(load_rules(), lambda word: float(zipf_frequency(word, "nl")))
PUBLISHED = ["algoritmeregister.md", "privacyverklaring.md", "toegankelijkheidsverklaring.md"]
# The B1 sets of `make eval` (B1_EVAL_SETS in the Makefile) and the final checks (B1_FINAL_SETS).
B1_SETS = [
    REPO_ROOT.parent / "shared" / "eval" / "b1_texts_v1.tsv",
    REPO_ROOT / "tests" / "eval" / "b1_texts_v2.tsv",
    REPO_ROOT / "tests" / "eval" / "b1_texts_v4.tsv",
]
B1_FINAL_SETS = [REPO_ROOT / "tests" / "eval" / f"b1_texts_v{n}.tsv" for n in (3, 5)]


def lines_of(path: Path) -> list[str]:
    plain = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text = re.sub(r"^#+\s*|^\s*[-*]\s+", "", line).replace("`", "").strip()
        if text:
            plain.append(text)
    return plain


@pytest.mark.parametrize("name", PUBLISHED)
def test_published_texts_are_b1(name: str) -> None:
    path = REPO_ROOT / "docs" / name
    failing = {
        line: [f.message for f in CHECKER.check(line).findings if f.severity == "fail"]
        for line in lines_of(path)
        if CHECKER.check(line).verdict == "fail"
    }
    assert failing == {}


def test_the_register_gives_the_figures_of_make_eval() -> None:
    register = (REPO_ROOT / "docs" / "algoritmeregister.md").read_text(encoding="utf-8")
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    accuracy = re.search(r"route accuracy: (0\.\d+)", readme)
    examples = re.search(r"\((\d+) held-out examples", readme)
    assert accuracy and examples
    percent = f"{float(accuracy.group(1)) * 100:.1f}".replace(".", ",")
    assert f"bij {percent} procent van de zinnen de goede route" in register
    assert f"Het team testte {examples.group(1)} zinnen." in register


def b1_figures(paths: list[Path]) -> tuple[int, int]:
    """How many texts the B1 checker judged right, of how many, over these sets."""
    right = total = 0
    for path in paths:
        sides = evaluate(CHECKER, rows_of(path.read_text(encoding="utf-8").splitlines()))
        right += sum(side.right for side in sides.values())
        total += sum(side.total for side in sides.values())
    return right, total


def test_the_register_gives_the_figures_of_the_b1_checker() -> None:
    register = (REPO_ROOT / "docs" / "algoritmeregister.md").read_text(encoding="utf-8")
    right, total = b1_figures(B1_SETS)
    assert f"testte het team met {total} teksten." in register
    judged = f"bij alle {total} teksten goed." if right == total else f"er {right} goed."
    assert judged in register
    right, total = b1_figures(B1_FINAL_SETS)
    assert f"nog {total} andere teksten apart" in register
    assert f"Daarvan deed de computer er {right} goed." in register
