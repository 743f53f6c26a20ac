"""The wijken and buurtteams of Assen as data, and how an answer leads to a team.

Pure apart from `load_registry`. The shipped file `data/sample_buurtteams.yml` is sample data;
the real data comes from the file named in `AGENDA_REGISTRY_FILE`.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from integrations.agenda.closed_days import is_public_holiday

SAMPLE_REGISTRY = Path(__file__).parent / "data" / "sample_buurtteams.yml"
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
ASSEN_POSTCODES = range(9401, 9410)
_ID = r"^[a-z0-9][a-z0-9-]{0,39}$"
_RANGE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")


class Professional(BaseModel):
    """A person (or agenda resource) who takes intake appointments."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)


class Team(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    address: str = Field(min_length=1)
    phone: str = Field(min_length=1)
    wijken: tuple[str, ...] = Field(min_length=1)
    villages: tuple[str, ...] = ()
    appointment_minutes: int = Field(default=45, ge=10, le=240)
    # Weekday name -> "HH:MM-HH:MM" ranges in which appointments can start and end.
    opening_hours: dict[str, tuple[str, ...]]
    professionals: tuple[Professional, ...] = Field(min_length=1)
    # Closed on Dutch public holidays unless the team says otherwise; its own closed days too.
    open_on_public_holidays: bool = False
    closed_days: tuple[date, ...] = ()

    @field_validator("opening_hours")
    @classmethod
    def _known_days_and_ranges(
        cls, value: dict[str, tuple[str, ...]]
    ) -> dict[str, tuple[str, ...]]:
        for day, ranges in value.items():
            if day not in WEEKDAYS:
                raise ValueError(f"unknown weekday {day!r}")
            for span in ranges:
                if not _RANGE.match(span):
                    raise ValueError(f"opening hours {span!r} must look like 09:00-12:00")
        return value

    def closed_on(self, day: date) -> bool:
        return day in self.closed_days or (
            not self.open_on_public_holidays and is_public_holiday(day)
        )

    def hours_on(self, weekday: int) -> list[tuple[time, time]]:
        """The opening ranges on a weekday (0 is Monday)."""
        spans = []
        for span in self.opening_hours.get(WEEKDAYS[weekday], ()):
            match = _RANGE.match(span)
            assert match is not None  # checked by the validator
            h1, m1, h2, m2 = (int(part) for part in match.groups())
            spans.append((time(h1, m1), time(h2, m2)))
        return spans


class PostcodeRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    postcode: str = Field(pattern=r"^\d{4}([A-Z]{2})?$")
    wijk: str | None = None
    house_numbers: str | None = Field(default=None, pattern=r"^\d+-\d+$")
    split: bool = False

    @model_validator(mode="after")
    def _wijk_or_split(self) -> "PostcodeRule":
        if (self.wijk is None) != self.split:
            raise ValueError(f"postcode {self.postcode}: give a wijk, or split: true")
        return self

    def covers(self, house_number: int) -> bool:
        if self.house_numbers is None:
            return True
        low, high = (int(part) for part in self.house_numbers.split("-"))
        return low <= house_number <= high


class RegistryFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sample: bool = False
    teams: tuple[Team, ...] = Field(min_length=1)
    postcodes: tuple[PostcodeRule, ...] = ()
    wijk_aliases: dict[str, tuple[str, ...]] = {}


PlaceStatus = Literal["found", "need_postcode", "need_house_number", "outside", "unknown"]


@dataclass(frozen=True)
class Place:
    """What an answer tells about where the resident lives."""

    status: PlaceStatus
    wijk: str | None = None
    team: Team | None = None


def fold(text: str) -> str:
    """Lowercase, without accents and punctuation, single spaces: for matching names."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


class Registry:
    """Teams by id, and the ways to find the team of a wijk, village or postcode."""

    def __init__(self, data: RegistryFile) -> None:
        self.sample = data.sample
        self.teams = {team.id: team for team in data.teams}
        self._rules = data.postcodes
        self._team_of_place: dict[str, tuple[str, Team]] = {}
        for team in data.teams:
            for wijk in (*team.wijken, *team.villages):
                self._team_of_place[fold(wijk)] = (wijk, team)
        for wijk, aliases in data.wijk_aliases.items():
            known = self._team_of_place.get(fold(wijk))
            if known is None:
                raise ValueError(f"wijk_aliases: {wijk!r} belongs to no team")
            for alias in aliases:
                self._team_of_place[fold(alias)] = known
        for rule in data.postcodes:
            if rule.wijk and fold(rule.wijk) not in self._team_of_place:
                raise ValueError(f"postcode {rule.postcode}: wijk {rule.wijk!r} has no team")

    def team(self, team_id: str) -> Team | None:
        return self.teams.get(team_id)

    def place_named(self, name: str) -> Place:
        """A wijk, village or alias (also the BAG's `wijknaam`) by its name."""
        known = self._team_of_place.get(fold(name))
        if known is None:
            return Place("unknown")
        wijk, team = known
        return Place("found", wijk, team)

    def place_in(self, text: str) -> Place:
        """The first wijk or village named anywhere in `text` ("ik woon in Kloosterveen")."""
        words = f" {fold(text)} "
        # Longest names first, so "assen oost" wins over "oost".
        for name in sorted(self._team_of_place, key=len, reverse=True):
            if f" {name} " in words:
                wijk, team = self._team_of_place[name]
                return Place("found", wijk, team)
        return Place("unknown")

    def place_of_postcode(self, postcode: str, house_number: int | None = None) -> Place:
        """The wijk of a postcode ("9401" or "9401AB"), with the house number where needed."""
        digits = postcode[:4]
        if not digits.isdigit() or int(digits) not in ASSEN_POSTCODES:
            return Place("outside")
        candidates = [
            rule
            for rule in self._rules
            if postcode.startswith(rule.postcode)
            and (house_number is None or rule.covers(house_number))
        ]
        if not candidates:
            return Place("unknown")
        longest = max(len(rule.postcode) for rule in candidates)
        best = [rule for rule in candidates if len(rule.postcode) == longest]
        if house_number is None and any(rule.house_numbers for rule in best):
            return Place("need_house_number")
        if len(postcode) == 4 and any(rule.split for rule in best):
            return Place("need_postcode")
        wijken = {rule.wijk for rule in best}
        if len(wijken) != 1 or None in wijken:
            # A split 4-digit area, or rules that disagree: the full address is needed;
            # when the resident gave it all and it still does not fit, the table has a gap.
            full = len(postcode) == 6 and house_number is not None
            return Place("unknown" if full else "need_house_number")
        return self.place_named(str(best[0].wijk))


def load_registry(path: Path = SAMPLE_REGISTRY) -> Registry:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Registry(RegistryFile.model_validate(raw))
