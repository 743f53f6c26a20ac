"""The texts a municipality publishes with the assistant (docs/) are in B1 Dutch: every line
of prose, heading and list item passes the B1 checker (warnings allowed, no failures)."""

import re
from pathlib import Path

import pytest
from wordfreq import zipf_frequency

from integrations.b1.checker import B1Checker
from integrations.b1.config import load_rules
from integrations.settings import REPO_ROOT

CHECKER = B1Checker(load_rules(), lambda word: float(zipf_frequency(word, "nl")))
PUBLISHED = ["algoritmeregister.md", "privacyverklaring.md", "toegankelijkheidsverklaring.md"]


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
