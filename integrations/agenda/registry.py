"""The wijken and buurtteams of Assen as data, and how an answer leads to a team.

Pure apart from `load_registry`. The shipped file `data/sample_buurtteams.yml` is sample data;
the real data comes from the file named in `AGENDA_REGISTRY_FILE`. Names of wijken, villages
and streets are found with a spelling error or two ("kloosterven"), the way residents type.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from rapidfuzz import fuzz

from integrations.agenda.closed_days import is_public_holiday

SAMPLE_REGISTRY = Path(__file__).parent / "data" / "sample_buurtteams.yml"
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
ASSEN_POSTCODES = range(9401, 9410)
_ID = r"^[a-z0-9][a-z0-9-]{0,39}$"
_RANGE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
# The kinds of appointment: at the team's office, at the resident's home, by phone.
Kind = Literal["office", "home", "phone"]
KINDS: tuple[Kind, ...] = ("office", "home", "phone")
# A name typed with an error or two still counts from this likeness (0-100) on, for names
# of at least FUZZY_MIN_CHARS letters; shorter names ("Loon", "Oost") only as they are.
FUZZY_SCORE = 85
FUZZY_MIN_CHARS = 6


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
    # The kinds of appointment the team offers, and for a kind that is not offered at every
    # opening hour, the hours it is (a home visit only in the morning, say).
    kinds: tuple[Kind, ...] = Field(default=KINDS, min_length=1)
    kind_hours: dict[Kind, dict[str, tuple[str, ...]]] = {}

    @field_validator("opening_hours")
    @classmethod
    def _known_days_and_ranges(
        cls, value: dict[str, tuple[str, ...]]
    ) -> dict[str, tuple[str, ...]]:
        return _checked_hours(value)

    @field_validator("kind_hours")
    @classmethod
    def _known_kind_hours(
        cls, value: dict[Kind, dict[str, tuple[str, ...]]]
    ) -> dict[Kind, dict[str, tuple[str, ...]]]:
        for hours in value.values():
            _checked_hours(hours)
        return value

    def offers(self, kind: str) -> bool:
        return kind in self.kinds

    def fits_kind(self, kind: str, start: datetime) -> bool:
        """Whether an appointment of `kind` can start at `start` (a slot of the team)."""
        if kind not in self.kinds:
            return False
        hours = self.kind_hours.get(kind)  # type: ignore[call-overload,unused-ignore]
        if hours is None:
            return True
        moment = start.time()
        return any(
            opens <= moment < closes
            for opens, closes in _spans(hours.get(WEEKDAYS[start.weekday()], ()))
        )

    def closed_on(self, day: date) -> bool:
        return day in self.closed_days or (
            not self.open_on_public_holidays and is_public_holiday(day)
        )

    def hours_on(self, weekday: int) -> list[tuple[time, time]]:
        """The opening ranges on a weekday (0 is Monday)."""
        return _spans(self.opening_hours.get(WEEKDAYS[weekday], ()))


def _checked_hours(value: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    for day, ranges in value.items():
        if day not in WEEKDAYS:
            raise ValueError(f"unknown weekday {day!r}")
        for span in ranges:
            if not _RANGE.match(span):
                raise ValueError(f"opening hours {span!r} must look like 09:00-12:00")
    return value


def _spans(ranges: tuple[str, ...]) -> list[tuple[time, time]]:
    spans = []
    for span in ranges:
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


class StreetRule(BaseModel):
    """A street and its wijk; a street over two wijken has a rule per range of numbers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    street: str = Field(min_length=2)
    wijk: str
    house_numbers: str | None = Field(default=None, pattern=r"^\d+-\d+$")

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
    streets: tuple[StreetRule, ...] = ()
    wijk_aliases: dict[str, tuple[str, ...]] = {}


PlaceStatus = Literal["found", "need_postcode", "need_house_number", "outside", "unknown"]


@dataclass(frozen=True)
class Place:
    """What an answer tells about where the resident lives."""

    status: PlaceStatus
    wijk: str | None = None
    team: Team | None = None


@dataclass(frozen=True)
class StreetAnswer:
    """A street named in an answer, with the house number after it where there is one."""

    street: str
    house_number: int | None
    place: Place


_HOUSE_NUMBER_AFTER = re.compile(r"^\s*(?:nummer |nr |no )?(\d{1,5})\b")


def fold(text: str) -> str:
    """Lowercase, without accents and punctuation, single spaces: for matching names."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


# Words that take back the place said before: "assen oost nee sorry ik bedoel pittelo".
_CORRECTION = re.compile(r" (?:nee|neen|sorry|bedoel|bedoelde|toch|eigenlijk|no|i mean|oops) ")


def named_places(words: str, names: Iterable[str]) -> str | None:
    """The place name said in `words` (folded, with a space on each side): a longer name wins
    over one inside it ("assen oost" over "oost"); of two places, the first, unless words
    after it take it back, then the last."""
    spans: list[tuple[int, int, str]] = []
    for name in sorted(names, key=len, reverse=True):
        for found in re.finditer(re.escape(f" {name} "), words):
            start, end = found.start() + 1, found.end() - 1  # the name, without its spaces
            if not any(start < e and s < end for s, e, _ in spans):
                spans.append((start, end, name))
    if not spans:
        return None
    spans.sort()
    first_end = spans[0][1]
    if len(spans) > 1 and _CORRECTION.search(words[first_end : spans[-1][0]]):
        return spans[-1][2]
    return spans[0][2]


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
        self._streets: dict[str, list[StreetRule]] = {}
        for street in data.streets:
            if fold(street.wijk) not in self._team_of_place:
                raise ValueError(f"street {street.street}: wijk {street.wijk!r} has no team")
            self._streets.setdefault(fold(street.street), []).append(street)

    def team(self, team_id: str) -> Team | None:
        return self.teams.get(team_id)

    def place_named(self, name: str) -> Place:
        """A wijk, village or alias (also the BAG's `wijknaam`) by its name."""
        known = self._team_of_place.get(fold(name))
        if known is None:
            return Place("unknown")
        wijk, team = known
        return Place("found", wijk, team)

    def place_in(self, text: str, near: bool = True) -> Place:
        """The wijk or village named anywhere in `text` ("ik woon in Kloosterveen"), also
        with a spelling error ("kloosterven", "asse oost") unless `near` is False."""
        words = f" {fold(text)} "
        named = named_places(words, self._team_of_place)
        if named:
            wijk, team = self._team_of_place[named]
            return Place("found", wijk, team)
        nearest = nearest_name(fold(text), self._team_of_place) if near else None
        if nearest is not None:
            wijk, team = self._team_of_place[nearest]
            return Place("found", wijk, team)
        return Place("unknown")

    def street_in(self, text: str) -> StreetAnswer | None:
        """A street of the table named in `text` ("Veenweg 12", "ik woon aan de kerkstraat"),
        with its wijk; a street over two wijken needs the house number."""
        folded = fold(text)
        name = next((n for n in sorted(self._streets, key=len, reverse=True)
                     if f" {n} " in f" {folded} "), None)  # fmt: skip
        name = name or nearest_name(folded, self._streets)
        if name is None:
            return None
        rules = self._streets[name]
        number = house_number_after(folded, name)
        return StreetAnswer(rules[0].street, number, self._place_of_street(rules, number))

    def _place_of_street(self, rules: list[StreetRule], number: int | None) -> Place:
        if number is None:
            if len({rule.wijk for rule in rules}) > 1:
                return Place("need_house_number")
            return self.place_named(rules[0].wijk)
        fitting = [rule for rule in rules if rule.covers(number)]
        return self.place_named(fitting[0].wijk) if fitting else Place("unknown")

    def outside(self, postcode: str) -> bool:
        """Whether a postcode lies outside Assen (not 9401-9409)."""
        digits = postcode[:4]
        return not digits.isdigit() or int(digits) not in ASSEN_POSTCODES

    def place_of_postcode(self, postcode: str, house_number: int | None = None) -> Place:
        """The wijk of a postcode ("9401" or "9401AB"), with the house number where needed."""
        if self.outside(postcode):
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


def nearest_name(folded: str, names: Iterable[str]) -> str | None:
    """The name (folded) that one to three words of `folded` spell nearly alike, if any: the
    best match from FUZZY_SCORE on, for names and words of at least FUZZY_MIN_CHARS letters,
    with the same first letter."""
    words = folded.split()
    # "ij" and "y" are one sound: "marsdyk" is Marsdijk.
    grams = {
        "".join(words[i : i + n]).replace("ij", "y")
        for n in (1, 2, 3)
        for i in range(len(words) - n + 1)
    }
    grams = {gram for gram in grams if len(gram) >= FUZZY_MIN_CHARS}
    best: tuple[float, str] | None = None
    for name in names:
        joined = name.replace(" ", "").replace("ij", "y")
        if len(joined) < FUZZY_MIN_CHARS:
            continue
        for gram in grams:
            if gram[0] != joined[0] or abs(len(gram) - len(joined)) > 2:
                continue
            score = fuzz.ratio(gram, joined)
            if score >= FUZZY_SCORE and (best is None or score > best[0]):
                best = (score, name)
    return best[1] if best else None


def house_number_after(folded: str, name: str) -> int | None:
    """The house number right after a street name ("veenweg 12", "veenweg nummer 12")."""
    at = f" {folded} ".find(f" {name} ")
    if at < 0:
        # Named with a spelling error: take the first number in the answer.
        match = re.search(r"\b(\d{1,5})\b", folded)
        return int(match.group(1)) if match else None
    match = _HOUSE_NUMBER_AFTER.match(folded[at + len(name) :])
    return int(match.group(1)) if match else None


def load_registry(path: Path = SAMPLE_REGISTRY) -> Registry:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Registry(RegistryFile.model_validate(raw))
