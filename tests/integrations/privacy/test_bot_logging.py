"""Rasa's log filter (bot/log_redaction.py): alone with the `logging` module, and once in
Rasa's own environment with Rasa's own logging setup and bot/logging.yml."""

import io
import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.log_redaction import (
    LABEL,
    ResidentTextFilter,
    cleaned,
    filter_everywhere,
)
from integrations.settings import REPO_ROOT, Settings
from integrations.stack.launcher import Stack, StackPaths

BSN = "111222333"
WORDS = "mijn man slaat mij"


@pytest.fixture
def logged() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A logger whose one handler carries the filter; what it writes."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(ResidentTextFilter())
    logger = logging.getLogger("test.bot.log_redaction")
    logger.handlers, logger.propagate = [handler], False
    logger.setLevel(logging.DEBUG)
    yield logger, out
    logger.handlers = []


def test_rasas_json_line_keeps_the_event_but_not_the_words() -> None:
    line = json.dumps(
        {"text": f"{WORDS}, bsn {BSN}", "event": "rest.message.received.timeout", "level": "error"}
    )
    assert json.loads(cleaned(line)) == {
        "text": LABEL,
        "event": "rest.message.received.timeout",
        "level": "error",
    }


def test_every_key_rasa_marks_as_user_data_is_labelled() -> None:
    event = {
        "event": "processor.actions.log",
        "parse_data_text": WORDS,
        "rasa_events": [{"event": "user", "text": WORDS}],
        "slot_values": {"wijk": "Peelo"},
        "action_name": "action_listen",
    }
    assert json.loads(cleaned(json.dumps(event))) == {
        "event": "processor.actions.log",
        "parse_data_text": LABEL,
        "rasa_events": LABEL,
        "slot_values": LABEL,
        "action_name": "action_listen",
    }


def test_personal_data_elsewhere_in_a_json_line_is_redacted() -> None:
    line = json.dumps({"event": "x", "sender_id": "abc", "detail": f"bsn {BSN} tel 0612345678"})
    assert json.loads(cleaned(line))["detail"] == "bsn [bsn] tel [telefoon]"


def test_the_console_rendering_is_cleaned_too() -> None:
    line = (
        f"rest.message.received.timeout   text='{WORDS}, bsn {BSN}' sender_id=abc "
        f"rasa_events=[{{'text': '{WORDS}'}}] level=error"
    )
    kept = f"text={LABEL} sender_id=abc rasa_events={LABEL} level=error"
    assert cleaned(line) == f"rest.message.received.timeout   {kept}"


def test_plain_lines_lose_personal_data_only() -> None:
    assert cleaned("Loading model models/toegang.tar.gz") == "Loading model models/toegang.tar.gz"
    assert cleaned(f"failed for {BSN} and NL91 ABNA 0417 1643 00") == "failed for [bsn] and [iban]"
    assert cleaned("port 5005, ordernummer 123456789") == "port 5005, ordernummer 123456789"


def test_the_filter_cleans_message_arguments_and_tracebacks(
    logged: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, out = logged
    logger.info("user said %s", f"bsn {BSN}")
    logger.error(json.dumps({"event": "rest.message.received.failure", "text": WORDS}))
    try:
        raise ValueError(f"cannot handle {BSN}")
    except ValueError:
        logger.exception("failed")
    written = out.getvalue()
    assert BSN not in written and WORDS not in written
    assert "user said bsn [bsn]" in written
    assert f'"text": "{LABEL}"' in written
    assert "ValueError: cannot handle [bsn]" in written


def test_records_for_other_handlers_are_cleaned_when_they_are_made() -> None:
    before = logging.getLogRecordFactory()
    try:
        assert isinstance(filter_everywhere(), ResidentTextFilter)
        filter_everywhere()  # a second time does not wrap the factory again
        factory = logging.getLogRecordFactory()
        assert getattr(factory, "cleans_resident_text", False)
        out = io.StringIO()
        logger = logging.getLogger("test.bot.unfiltered")  # a handler without the filter
        logger.handlers, logger.propagate = [logging.StreamHandler(out)], False
        logger.warning("text=%r", WORDS)
        logger.handlers = []
        assert out.getvalue() == f"text={LABEL}\n"
    finally:
        logging.setLogRecordFactory(before)


def test_logging_yml_uses_the_filter_on_its_handler() -> None:
    config = yaml.safe_load((REPO_ROOT / "bot" / "logging.yml").read_text(encoding="utf-8"))
    assert config["filters"]["resident_text"]["()"] == "bot.log_redaction.filter_everywhere"
    assert all("resident_text" in h["filters"] for h in config["handlers"].values())
    assert set(config["root"]["handlers"]) == set(config["handlers"])


def test_rasa_is_started_with_the_logging_config(tmp_path: Path) -> None:
    rasa = Stack(Settings(_env_file=None), StackPaths(var=tmp_path)).parts["rasa"]  # type: ignore[call-arg]
    index = rasa.argv.index("--logging-config-file")
    assert rasa.argv[index + 1] == str(REPO_ROOT / "bot" / "logging.yml")
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    command = compose["services"]["rasa"]["command"]
    assert command[command.index("--logging-config-file") + 1] == "bot/logging.yml"


RASA_PROBE = """
import logging, sys
import rasa.utils.io
import structlog
from rasa.utils.common import configure_logging_and_warnings
from rasa.utils.log_utils import configure_structlog

# The order of rasa/__main__.py: the config file, the coloured handler, structlog.
configure_logging_and_warnings(None, sys.argv[1], warn_only_once=True, filter_repeated_logs=True)
rasa.utils.io.configure_colored_logging(None)
configure_structlog(None)
structlog.get_logger().error("rest.message.received.timeout", text=sys.argv[2])
logging.getLogger("sanic.error").error("while handling %s", sys.argv[2])
"""


def test_rasa_logs_a_timeout_without_the_residents_words() -> None:
    said = f"{WORDS}, mijn bsn is {BSN}"
    result = subprocess.run(
        [str(REPO_ROOT / ".venv-rasa" / "bin" / "python"), "-c", RASA_PROBE,
         str(REPO_ROOT / "bot" / "logging.yml"), said],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=120,
        env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    written = result.stdout + result.stderr
    assert result.returncode == 0, written
    assert "rest.message.received.timeout" in written and LABEL in written
    assert "while handling" in written
    assert BSN not in written and WORDS in written.split("while handling", 1)[1]


def test_the_filter_runs_on_rasas_python() -> None:
    """bot/ runs on Python 3.10: the module must import there, with the standard library."""
    result = subprocess.run(
        [str(REPO_ROOT / ".venv-rasa" / "bin" / "python"), "-c",
         "import sys, bot.log_redaction as m; print(sys.version_info[:2], m.redact.__module__)"],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=60,
        env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(3, 10) integrations.privacy.redact"


def test_without_the_gateways_redaction_the_filter_is_blunter_never_weaker() -> None:
    probe = (
        "import sys; sys.modules['integrations.privacy.redact'] = None\n"
        "import bot.log_redaction as m\n"
        f"print(m.cleaned('bsn {BSN} tel 0612345678 mail a@b.nl op 3 mei'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO_ROOT,
        env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"}, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "bsn [nummer] tel [nummer] mail [e-mail] op 3 mei"
