"""A second `make model` (and so a second `make run`) does not retrain an unchanged model."""

import os
import subprocess

from integrations.settings import REPO_ROOT

MODEL = REPO_ROOT / "models" / "toegang.tar.gz"


def test_unchanged_training_data_is_not_retrained() -> None:
    assert MODEL.exists(), "the end-to-end tests run after `make model`"
    before = MODEL.stat().st_mtime_ns
    result = subprocess.run(
        ["make", "--no-print-directory", "model"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "MAKEFLAGS": ""},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date (Rasa fingerprint): not retraining" in result.stdout
    assert MODEL.stat().st_mtime_ns == before
