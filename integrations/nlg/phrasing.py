"""The bot's phrasing: every user-facing text, loaded from the content files.

Pure logic apart from `load_phrasing_dir` and `load_translations`. Communication staff edit
the YAML files in `integrations/nlg/content/`; the gateway serves them to Rasa through the
NLG endpoint. A text may have a variant in another language in `content/<language>/`
(`en/` for English), chosen by the conversation's language; a text without one is said in
Dutch.
"""

import re
from collections.abc import Collection, Mapping, Sequence
from functools import cache
from pathlib import Path

import yaml
from babel import Locale
from pydantic import BaseModel, ConfigDict, Field, ValidationError

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
VOICE_CHANNELS = frozenset({"phone"})
# The way to a person is offered whenever a response has buttons, even when filtered.
PERSON_PAYLOAD = "/ask_person"
DUTCH = "nl"
ENGLISH = "en"
LANGUAGE_DIR = re.compile(r"^[a-z]{2}$")


class Button(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1)
    payload: str = Field(min_length=1)


class Link(BaseModel):
    """A download or web link under a chat message (never on the phone)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1)
    url: str = Field(min_length=1)


class Phrase(BaseModel):
    """One response: the chat text, an optional voice variant and the buttons.

    `voice_buttons` are the choices the phone offers instead of `buttons`: at most 3 and
    the way to a person, each with a short word the caller can say ("Zeg ja of kies 1").
    The phone numbers them in order (the person is always 0), so a key keeps its meaning.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1)
    voice: str | None = None
    # Said instead of `text` outside office hours, when no staff member is there.
    closed: str | None = None
    buttons: tuple[Button, ...] = ()
    voice_buttons: tuple[Button, ...] = ()
    link: Link | None = None


class PhrasingError(ValueError):
    """The content files cannot be used as they are."""


# A date and time the way the Dutch texts say them ("dinsdag 8 december om 9.00 uur", by phone
# "om 9 uur"), and the same in English ("Tuesday 8 December at 9.00"): a value shown in an
# English text is said the English way; a button's payload keeps the Dutch words its
# readers know.
@cache
def _english_names() -> tuple[dict[str, str], dict[str, str], re.Pattern[str]]:
    """Dutch day and month names with their English ones (babel's locale data), and the
    pattern of a Dutch date and time."""
    dutch, english = Locale("nl"), Locale("en")
    days = {
        str(dutch.days["format"]["wide"][i]): str(english.days["format"]["wide"][i])
        for i in range(7)
    }
    months = {
        str(dutch.months["format"]["wide"][i]): str(english.months["format"]["wide"][i])
        for i in range(1, 13)
    }
    pattern = re.compile(
        rf"\b({'|'.join(days)}) (\d{{1,2}}) ({'|'.join(months)})"
        r"(?: om (\d{1,2})(?:\.(\d{2}))? uur)?",
        re.IGNORECASE,
    )
    return days, months, pattern


def english_when(value: str) -> str:
    """ "dinsdag 8 december om 9.00 uur" said in English: "Tuesday 8 December at 9.00"."""
    days, months, dutch_when = _english_names()

    def said(match: re.Match[str]) -> str:
        day, number, month, hour, minute = match.groups()
        words = f"{days[day.lower()]} {number} {months[month.lower()]}"
        if hour is None:
            return words
        return f"{words} at {hour}.{minute}" if minute else f"{words} at {hour} o'clock"

    return dutch_when.sub(said, value)


def fill_placeholders(template: str, values: Mapping[str, str]) -> str:
    """Replace `{name}` by its value. Only plain names; an unknown name stays visible."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def placeholders_in(template: str) -> set[str]:
    return set(PLACEHOLDER.findall(template))


class PhrasingBook:
    """All responses by name, with the constants (phone numbers) they may use."""

    def __init__(
        self,
        phrases: Mapping[str, Phrase],
        constants: Mapping[str, str],
        translations: Mapping[str, Mapping[str, Phrase]] | None = None,
    ) -> None:
        self._phrases = dict(phrases)
        self._constants = dict(constants)
        self._translations = {lang: dict(book) for lang, book in (translations or {}).items()}

    def translated(self, name: str, language: str | None) -> Phrase | None:
        """The variant of `name` in `language`, or None (then the Dutch text is said). A
        conversation in another language (Turkish, Polish ...) gets English where its own
        language has no variant: a Turkish resident who asked for a person is asked for a
        phone number in English, never in Dutch."""
        return self._variant(name, language)[0]

    def _variant(self, name: str, language: str | None) -> tuple[Phrase | None, str | None]:
        if not language or language == DUTCH:
            return None, None
        own = self._translations.get(language, {}).get(name)
        if own is not None:
            return own, language
        english = self._translations.get(ENGLISH, {}).get(name)
        return (english, ENGLISH) if english is not None else (None, None)

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(self._translations)

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self._phrases)

    def get(self, name: str) -> Phrase | None:
        return self._phrases.get(name)

    def render(
        self,
        name: str,
        channel: str | None = None,
        slots: Mapping[str, object] | None = None,
        button_payloads: Collection[str] | None = None,
        text: str | None = None,
        voice: str | None = None,
        office_open: bool = True,
        closed: str | None = None,
        button_titles: Sequence[str] | None = None,
        language: str | None = None,
    ) -> dict[str, object]:
        """The message for `name` as Rasa's NLG protocol expects it.

        Slot values fill placeholders; constants from configuration win over slots, so a
        resident can never change a phone number the bot gives. With `button_payloads`, only
        the buttons with those payloads are shown, and always the way to a person. `text`,
        `voice`, `closed` and `button_titles` replace the content file's wording (staff
        changes; the titles in the order of the content file's buttons). With `language`, the
        variant in that language when there is one (staff changes are to the Dutch text).
        """
        phrase = self._phrases.get(name)
        if phrase is None:
            raise KeyError(name)
        variant, said_in = self._variant(name, language)
        if variant is not None:
            phrase, text, voice, closed, button_titles = variant, None, None, None, None
        values = {k: str(v) for k, v in (slots or {}).items() if v is not None}
        values.update(self._constants)
        # What is shown in another language says dates its way; payloads keep the Dutch.
        english = said_in == ENGLISH
        shown = {k: english_when(v) for k, v in values.items()} if english else values
        chat_text = text if text is not None else phrase.text
        voice_text = voice if text is not None else phrase.voice
        if not office_open and phrase.closed:
            chat_text, voice_text = closed or phrase.closed, None
        template = voice_text if channel in VOICE_CHANNELS and voice_text else chat_text
        buttons = list(phrase.buttons)
        if button_titles is not None and len(button_titles) == len(buttons):
            buttons = [
                b.model_copy(update={"title": title}) if title.strip() else b
                for b, title in zip(buttons, button_titles, strict=True)
            ]
        if channel in VOICE_CHANNELS and phrase.voice_buttons:
            # The phone's menu is the same every time: never filtered, never reordered.
            buttons, button_payloads = list(phrase.voice_buttons), None
        if button_payloads is not None:
            chosen = [b for b in buttons if b.payload in button_payloads]
            if chosen:  # when none of them fit, every button stays
                person = [b for b in buttons if b.payload == PERSON_PAYLOAD and b not in chosen]
                buttons = chosen + person
        rendered: dict[str, object] = {
            "text": fill_placeholders(template, shown),
            # A button whose words are not there (two times offered instead of three) is left out.
            "buttons": [
                {
                    "title": fill_placeholders(b.title, shown),
                    "payload": fill_placeholders(b.payload, values),
                }
                for b in buttons
                if not placeholders_in(b.title) - values.keys()
            ],
        }
        link = phrase.link
        if link and channel not in VOICE_CHANNELS and not placeholders_in(link.url) - values.keys():
            url = fill_placeholders(link.url, values)
            rendered["custom"] = {
                "link": {"title": fill_placeholders(link.title, values), "url": url}
            }
        return rendered


def sentences_of(text: str) -> list[str]:
    """The sentences of a text, as residents read them one by one."""
    return [part for part in re.split(r"(?<=[.!?])\s+", text.strip()) if part]


def parse_phrasing(documents: Mapping[str, object]) -> dict[str, Phrase]:
    """Validate the parsed YAML documents (file name → content) into phrases."""
    phrases: dict[str, Phrase] = {}
    for source, content in documents.items():
        if content is None:
            continue
        if not isinstance(content, dict):
            raise PhrasingError(f"{source}: expected response names at the top level")
        for name, body in content.items():
            if not isinstance(name, str) or not name.startswith("utter_"):
                raise PhrasingError(f"{source}: response name {name!r} must start with utter_")
            if name in phrases:
                raise PhrasingError(f"{source}: response {name} is defined twice")
            try:
                phrases[name] = Phrase.model_validate(body)
            except ValidationError as exc:
                raise PhrasingError(f"{source}: response {name}: {exc}") from exc
    return phrases


def load_phrasing_dir(directory: Path) -> dict[str, Phrase]:
    """Read every `*.yml` file in `directory`."""
    files = sorted(directory.glob("*.yml"))
    if not files:
        raise PhrasingError(f"no phrasing files in {directory.name}/")
    documents = {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in files}
    return parse_phrasing(documents)


def load_translations(directory: Path) -> dict[str, dict[str, Phrase]]:
    """Every `<language>/*.yml` below `directory` (a two-letter language code): the texts
    in that language, by the names of the Dutch texts."""
    return {
        sub.name: parse_phrasing(
            {
                f"{sub.name}/{path.name}": yaml.safe_load(path.read_text(encoding="utf-8"))
                for path in sorted(sub.glob("*.yml"))
            }
        )
        for sub in sorted(directory.iterdir())
        if sub.is_dir() and LANGUAGE_DIR.match(sub.name)
    }
