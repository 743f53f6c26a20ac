"""Rules for a staff change of wording, and its preview. Pure: the B1 checker, the
placeholders and the catalog (where a text is used) decide.

A text keeps the placeholders it needs: the chat text exactly those of the content file, a
phone text and a text outside office hours at least those of their own variant in the content
file (and none that do not exist there). Button labels keep their placeholders, and the phone
rules (short, at most 4 choices) apply to everything the phone says.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from integrations.b1.checker import B1Checker, B1Report, Finding
from integrations.chat.schemas import BotButton
from integrations.nlg.overrides import Wording
from integrations.nlg.phrasing import Phrase, fill_placeholders, placeholders_in
from integrations.phone.keypad import keypad_menu
from integrations.staff.catalog import TextUse

MAX_CHARS = 600
MAX_BUTTON_CHARS = 40
EVERYWHERE = TextUse(moment="", where=("chat", "telefoon"))


@dataclass(frozen=True)
class Review:
    chat: B1Report
    voice: B1Report
    problems: tuple[str, ...]
    closed: B1Report | None = None
    use: TextUse = EVERYWHERE

    def _reports(self) -> list[tuple[str, B1Report]]:
        reports: list[tuple[str, B1Report]] = []
        where = self.use.where
        if "chat" in where or "telefoon" not in where:
            label = "De chattekst" if "chat" in where else "De tekst"
            reports.append((label, self.chat))
        if "telefoon" in where:
            reports.append(("De telefoontekst", self.voice))
        if self.closed is not None:
            reports.append(("De tekst buiten kantoortijd", self.closed))
        return reports

    @property
    def blocked(self) -> tuple[str, ...]:
        """Why this wording cannot be saved, in Dutch; empty when it can."""
        reasons = list(self.problems)
        for label, report in self._reports():
            fails = [f.message for f in report.findings if f.severity == "fail"]
            if fails:
                reasons.append(f"{label} is nog geen B1: {' '.join(fails)}")
        return tuple(reasons)

    @property
    def can_save(self) -> bool:
        return not self.blocked


def _names(placeholders: set[str]) -> str:
    return ", ".join("{" + p + "}" for p in sorted(placeholders))


def _placeholder_problems(base: Wording, proposed: Wording) -> list[str]:
    problems: list[str] = []
    expected = placeholders_in(base.text)
    if placeholders_in(proposed.text) != expected:
        problems.append(f"Laat de invulvelden staan zoals ze waren: {_names(expected) or 'geen'}.")
    allowed = expected | placeholders_in(base.voice or "")
    if proposed.voice:
        needed = placeholders_in(base.voice) if base.voice else expected
        missing = needed - placeholders_in(proposed.voice)
        if missing:
            problems.append(f"De telefoontekst heeft deze invulvelden nodig: {_names(missing)}.")
        if not placeholders_in(proposed.voice) <= allowed:
            problems.append("De telefoontekst gebruikt een invulveld dat hier niet bestaat.")
    if base.closed is not None:
        closed = proposed.closed or ""
        if not closed.strip():
            problems.append("De tekst buiten kantoortijd mag niet leeg zijn.")
        missing = placeholders_in(base.closed) - placeholders_in(closed)
        if missing:
            problems.append(
                f"De tekst buiten kantoortijd heeft deze invulvelden nodig: {_names(missing)}."
            )
        if not placeholders_in(closed) <= placeholders_in(base.closed) | expected:
            problems.append("De tekst buiten kantoortijd gebruikt een invulveld dat niet bestaat.")
    return problems


def _button_problems(
    checker: B1Checker, base: Sequence[str], proposed: Sequence[str] | None
) -> list[str]:
    if proposed is None:
        return []
    if len(proposed) != len(base):
        return ["Het aantal knoppen kan hier niet veranderen."]
    problems: list[str] = []
    for old, new in zip(base, proposed, strict=True):
        title = new.strip()
        if not title:
            problems.append(f'De knop "{old}" heeft geen tekst.')
        elif len(title) > MAX_BUTTON_CHARS:
            problems.append(f'De knop "{title}" is langer dan {MAX_BUTTON_CHARS} tekens.')
        elif placeholders_in(title) != placeholders_in(old):
            problems.append(f'Laat het invulveld van de knop "{old}" staan.')
        else:
            fails = [f for f in checker.check(title).findings if f.severity == "fail"]
            if fails:
                problems.append(f'De knop "{title}" is nog geen B1: {fails[0].message}')
    return problems


def _with_menu_warning(report: B1Report, buttons: int, most: int) -> B1Report:
    """The phone offers at most `most` keys: more buttons than that are not all heard."""
    if buttons <= most:
        return report
    warning = Finding(
        "spraak_menu",
        "warn",
        f"Deze tekst heeft {buttons} knoppen. Aan de telefoon hoort de beller er "
        f"hoogstens {most}. De andere keuzes hoort de beller niet.",
        "Zeg in de telefoontekst: 'Zeg het in een paar woorden.'",
    )
    return B1Report((*report.findings, warning), report.reading_ease)


def review(
    checker: B1Checker,
    base: Wording,
    proposed: Wording,
    constants: Mapping[str, str],
    use: TextUse = EVERYWHERE,
    phone_buttons: int | None = None,
) -> Review:
    """Check a proposed wording as residents will read it and as the phone will say it.
    `phone_buttons`: how many choices the phone has for this text (its own short menu, the
    content file's `voice_buttons`); None: the chat buttons."""
    problems: list[str] = []
    text = proposed.text.strip()
    if not text:
        problems.append("De tekst is leeg.")
    if any(len(part or "") > MAX_CHARS for part in (text, proposed.voice, proposed.closed)):
        problems.append(f"De tekst is langer dan {MAX_CHARS} tekens.")
    problems += _placeholder_problems(base, proposed)
    problems += _button_problems(checker, base.buttons or (), proposed.buttons)
    spoken = proposed.voice or text
    voice = checker.check(fill_placeholders(spoken, constants), voice=True)
    if "telefoon" in use.where:
        choices = len(base.buttons or ()) if phone_buttons is None else phone_buttons
        voice = _with_menu_warning(voice, choices, checker.rules.voice_menu_choices_max)
    closed = None
    if base.closed is not None:
        closed_text = fill_placeholders(proposed.closed or "", constants)
        closed = checker.check(closed_text, voice="telefoon" in use.where)
    return Review(
        chat=checker.check(fill_placeholders(text, constants)),
        voice=voice,
        problems=tuple(problems),
        closed=closed,
        use=use,
    )


def phone_buttons(phrase: Phrase | None, wording: Wording) -> list[BotButton]:
    """The choices the phone offers for a text: its own short menu (`voice_buttons`), else
    the chat buttons with the labels of this wording."""
    if phrase is None:
        return []
    if phrase.voice_buttons:
        return [BotButton(title=b.title, payload=b.payload) for b in phrase.voice_buttons]
    titles = wording.buttons or tuple(b.title for b in phrase.buttons)
    return [
        BotButton(title=title, payload=b.payload)
        for title, b in zip(titles, phrase.buttons, strict=False)
    ]


def phone_menu(buttons: list[BotButton], choice_template: str, repeat_line: str) -> list[str]:
    """The keypad menu as the phone line says it (integrations/phone/keypad.py)."""
    return keypad_menu(buttons, choice_template, repeat_line).spoken


def preview(
    wording: Wording, use: TextUse, values: Mapping[str, str], phone_menu: Sequence[str] = ()
) -> dict[str, object]:
    """What residents see and hear, with sample values in the placeholders: the chat bubble
    with its buttons, every line the phone says (with its keypad menu, `phone_menu`, as the
    phone line builds it), and the text outside office hours."""
    buttons = [fill_placeholders(title, values) for title in wording.buttons or ()]
    spoken = [fill_placeholders(wording.voice or wording.text, values)]
    if "telefoon" in use.where:
        spoken += [fill_placeholders(line, values) for line in phone_menu]
    return {
        "chat": fill_placeholders(wording.text, values),
        "buttons": buttons,
        "phone": spoken if "telefoon" in use.where else [],
        "closed": fill_placeholders(wording.closed, values) if wording.closed else None,
    }


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
        "blocked": list(result.blocked),
        "chat": report_json(result.chat),
        "voice": report_json(result.voice),
        "closed": report_json(result.closed) if result.closed else None,
    }
