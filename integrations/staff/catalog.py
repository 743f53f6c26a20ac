"""The phrasing editor's catalog: when and where each text of the assistant is used, which
fields staff edit for it, and sample values for the placeholders of the preview
(text_catalog.yml). Pure apart from `load_catalog`."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from integrations.nlg.overrides import Wording

CATALOG_FILE = Path(__file__).resolve().parent / "text_catalog.yml"

Where = Literal["chat", "telefoon", "sms", "agenda", "medewerkers"]
Field = Literal["text", "voice", "closed"]

# The label of the box that holds a text only used in one place.
ONLY_LABELS: dict[Where, str] = {
    "telefoon": "Telefoontekst",
    "sms": "Sms-tekst",
    "agenda": "Tekst in de agenda van de inwoner",
    "medewerkers": "Tekst voor medewerkers",
    "chat": "Chattekst",
}


class TextUse(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    moment: str
    where: tuple[Where, ...]


class Catalog(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    samples: dict[str, str]
    texts: dict[str, TextUse]


@dataclass(frozen=True)
class EditField:
    """One box in the editor: which part of the wording it edits, and for which channel."""

    field: Field
    label: str
    channel: Where
    spoken: bool  # heard on the phone: the phone rules apply, and "listen" reads it


def load_catalog(path: Path = CATALOG_FILE) -> Catalog:
    return Catalog.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def undescribed(catalog: Catalog, names: Iterable[str]) -> list[str]:
    """Responses of the content files that the catalog does not describe yet."""
    return sorted(set(names) - catalog.texts.keys())


def edit_fields(use: TextUse, base: Wording) -> list[EditField]:
    """The boxes staff edit for a text: chat and phone side by side where both are used,
    a phone-only text in a phone box, and the text outside office hours."""
    fields: list[EditField] = []
    if "chat" in use.where:
        fields.append(EditField("text", "Chattekst", "chat", spoken=False))
        if "telefoon" in use.where:
            label = "Telefoontekst (leeg: de chattekst)"
            fields.append(EditField("voice", label, "telefoon", spoken=True))
    elif "telefoon" in use.where:
        field: Field = "voice" if base.voice is not None else "text"
        fields.append(EditField(field, ONLY_LABELS["telefoon"], "telefoon", spoken=True))
    else:
        channel = use.where[0]
        fields.append(EditField("text", ONLY_LABELS[channel], channel, spoken=False))
    if base.closed is not None:
        spoken = "telefoon" in use.where
        fields.append(EditField("closed", "Buiten kantoortijd", "chat", spoken=spoken))
    return fields


def sample_values(catalog: Catalog, constants: Mapping[str, str]) -> dict[str, str]:
    """Values for every placeholder in the preview; configuration wins, as in the bot."""
    return {**catalog.samples, **constants}
