"""The shipped phrasing and the Rasa domain must fit together exactly."""

import re
from pathlib import Path

import yaml

from integrations.nlg.phrasing import load_phrasing_dir
from integrations.settings import REPO_ROOT

CONTENT = REPO_ROOT / "integrations" / "nlg" / "content"
DOMAIN = REPO_ROOT / "bot" / "domain"


def domain_part(key: str) -> set[str]:
    names: set[str] = set()
    for path in sorted(Path(DOMAIN).glob("*.yml")):
        part = yaml.safe_load(path.read_text(encoding="utf-8")).get(key) or []
        names.update(part)
    return names


def test_every_domain_response_has_a_text() -> None:
    missing = domain_part("responses") - set(load_phrasing_dir(CONTENT))
    assert not missing, f"responses without text in integrations/nlg/content/: {sorted(missing)}"


def test_every_bot_text_is_a_domain_response_or_the_gateways_own() -> None:
    gateway_own = {
        name
        for own in ("gateway.yml", "safety_protocol.yml", "languages.yml")  # the gateway says these
        for name in yaml.safe_load((CONTENT / own).read_text(encoding="utf-8"))
    }
    unused = set(load_phrasing_dir(CONTENT)) - domain_part("responses") - gateway_own
    assert not unused, f"texts that Rasa never asks for: {sorted(unused)}"


def test_the_domain_holds_names_only() -> None:
    for path in sorted(DOMAIN.glob("*.yml")):
        responses = yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}
        assert all(value == [] for value in responses.values()), path.name


def test_every_button_sends_an_intent_the_bot_knows_or_plain_words() -> None:
    intents = domain_part("intents")
    for name, phrase in load_phrasing_dir(CONTENT).items():
        for button in phrase.buttons:
            if button.payload.startswith("/"):
                assert button.payload[1:] in intents, (name, button.payload)
            else:
                assert button.payload.strip() and len(button.payload) < 100, (name, button.payload)


def test_every_question_offers_a_person() -> None:
    """Whenever the bot offers choices, one of them is the way to a person."""
    for name, phrase in load_phrasing_dir(CONTENT).items():
        if phrase.buttons:
            assert any(b.payload == "/ask_person" for b in phrase.buttons), name


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+", text.strip()) if part]


def test_every_text_is_plain_short_dutch() -> None:
    """A first B1 guard until the full checker: short sentences, short bubbles, always "u"."""
    for name, phrase in load_phrasing_dir(CONTENT).items():
        for text in filter(None, (phrase.text, phrase.voice)):
            parts = sentences(text)
            assert len(parts) <= 4, (name, "more than 4 sentences")
            for sentence in parts:
                assert len(sentence.split()) <= 15, (name, sentence)
                assert sentence.count(",") <= 1, (name, sentence)
            words = set(re.findall(r"[a-zé]+", text.lower()))
            assert not words & {"je", "jij", "jou", "jouw", "men"}, name
