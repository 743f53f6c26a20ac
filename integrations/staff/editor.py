"""Rules for a staff change of wording. Pure: the B1 checker and the placeholders decide."""

from collections.abc import Mapping
from dataclasses import dataclass

from integrations.b1.checker import B1Checker, B1Report
from integrations.nlg.overrides import Wording
from integrations.nlg.phrasing import fill_placeholders, placeholders_in

MAX_CHARS = 600


@dataclass(frozen=True)
class Review:
    chat: B1Report
    voice: B1Report
    problems: tuple[str, ...]

    @property
    def can_save(self) -> bool:
        return not self.problems and "fail" not in (self.chat.verdict, self.voice.verdict)


def review(
    checker: B1Checker, base: Wording, proposed: Wording, constants: Mapping[str, str]
) -> Review:
    """Check a proposed wording as residents will read it and as the phone will say it."""
    problems: list[str] = []
    text = proposed.text.strip()
    if not text:
        problems.append("De tekst is leeg.")
    if len(text) > MAX_CHARS or len(proposed.voice or "") > MAX_CHARS:
        problems.append(f"De tekst is langer dan {MAX_CHARS} tekens.")
    expected = placeholders_in(base.text)
    if placeholders_in(text) != expected:
        names = ", ".join("{" + p + "}" for p in sorted(expected)) or "geen"
        problems.append(f"Laat de invulvelden staan zoals ze waren: {names}.")
    allowed = expected | placeholders_in(base.voice or "")
    if proposed.voice and not placeholders_in(proposed.voice) <= allowed:
        problems.append("De telefoontekst gebruikt een invulveld dat hier niet bestaat.")
    spoken = proposed.voice or text
    return Review(
        chat=checker.check(fill_placeholders(text, constants)),
        voice=checker.check(fill_placeholders(spoken, constants), voice=True),
        problems=tuple(problems),
    )


def report_json(report: B1Report) -> dict[str, object]:
    return {
        "verdict": report.verdict,
        "reading_ease": report.reading_ease,
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "message": f.message,
                "suggestion": f.suggestion,
            }
            for f in report.findings
        ],
    }


def review_json(result: Review) -> dict[str, object]:
    return {
        "can_save": result.can_save,
        "problems": list(result.problems),
        "chat": report_json(result.chat),
        "voice": report_json(result.voice),
    }
