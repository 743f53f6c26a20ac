import subprocess
import sys
from pathlib import Path

from integrations.b1.cli import main
from integrations.settings import REPO_ROOT


def test_every_bot_text_passes() -> None:
    files = sorted((REPO_ROOT / "integrations" / "nlg" / "content").glob("*.yml"))
    assert main(["--quiet", *map(str, files)]) == 0


def test_a_failing_text_exits_non_zero_and_says_why(tmp_path: Path) -> None:
    content = tmp_path / "teksten.yml"
    content.write_text(
        'utter_x:\n  text: "Indien u vragen heeft kunt u contact opnemen middels het formulier."\n'
        '  voice: "Kijk op www.assen.nl."\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "integrations.b1.cli", str(content)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert result.returncode == 1
    assert "FAIL utter_x (chat)" in result.stdout
    assert "moeilijk_woord: Moeilijk woord: Indien -> Gebruik: als" in result.stdout
    assert "FAIL utter_x (telefoon)" in result.stdout
    assert "2 texts checked, 2 failed" in result.stdout


def test_texts_from_standard_input() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "integrations.b1.cli"],
        input="Bel ons.\nMen dient het formulier te retourneren.\n",
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert result.returncode == 1
    assert "OK   stdin:1" in result.stdout and "FAIL stdin:2" in result.stdout
