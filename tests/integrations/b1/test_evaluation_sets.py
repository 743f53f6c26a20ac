"""The B1 checker on texts judged by B1 editors, written apart from the product (never tuned
on the final-check set): figures printed by `python -m integrations.b1.evaluate`, floors kept."""

from pathlib import Path

import pytest
from wordfreq import zipf_frequency

from integrations.b1.checker import B1Checker
from integrations.b1.config import load_rules
from integrations.b1.evaluate import evaluate, main, rows_of

REPO = Path(__file__).resolve().parents[3]
# development set: floors for B1 texts passed and non-B1 texts failed
EVAL_SETS = {
    REPO.parent / "shared" / "eval" / "b1_texts_v1.tsv": (14, 14),
    REPO / "tests" / "eval" / "b1_texts_v2.tsv": (29, 29),
    REPO / "tests" / "eval" / "b1_texts_v4.tsv": (39, 39),
}
TEXTS_PER_SIDE = {"b1_texts_v1.tsv": 15, "b1_texts_v2.tsv": 30, "b1_texts_v4.tsv": 40}
CHECKER = B1Checker(load_rules(), lambda word: float(zipf_frequency(word, "nl")))


@pytest.mark.parametrize(
    ("path", "floors"), EVAL_SETS.items(), ids=lambda p: getattr(p, "name", "")
)
def test_floors_on_the_evaluation_sets(path: Path, floors: tuple[int, int]) -> None:
    sides = evaluate(CHECKER, rows_of(path.read_text(encoding="utf-8").splitlines()))
    plain, not_b1 = sides["pass"], sides["fail"]
    assert plain.total == not_b1.total == TEXTS_PER_SIDE[path.name]
    assert plain.right >= floors[0], [text for text, _ in plain.misses]
    assert not_b1.right >= floors[1], [text for text, _ in not_b1.misses]


def test_the_printout_gives_both_sides_and_the_misses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    judged = tmp_path / "judged.tsv"
    judged.write_text(
        "# a comment\n"
        "pass\tHet buurtteam helpt u.\n"
        "fail\tIndien gewenst belt men u terug.\n"
        "fail\tHet buurtteam helpt u graag.\n",  # judged wrong on purpose: a miss
        encoding="utf-8",
    )
    assert main([str(judged), "--misses"]) == 0
    out = capsys.readouterr().out
    assert "B1 texts passed:      1/1" in out
    assert "non-B1 texts failed:  1/2" in out
    assert "WRONG (should fail): Het buurtteam helpt u graag." in out


def test_a_row_without_a_verdict_is_refused() -> None:
    with pytest.raises(ValueError, match="verdict"):
        list(rows_of(["misschien\tHet buurtteam helpt u."]))
