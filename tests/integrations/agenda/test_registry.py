"""The wijken and buurtteams as data, and finding the team from what a resident says."""

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from integrations.agenda.registry import Registry, RegistryFile, load_registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def test_the_shipped_data_is_sample_data_with_six_teams(registry: Registry) -> None:
    assert registry.sample
    assert len(registry.teams) == 6
    assert all(team.professionals for team in registry.teams.values())


@pytest.mark.parametrize(
    ("postcode", "house_number", "wijk", "team"),
    [
        ("9401AB", None, "Centrum", "centrum-baggelhuizen"),
        ("9402", None, "Noorderpark", "noorderpark-peelo"),
        ("9403CD", 7, "Pittelo", "pittelo-lariks"),
        ("9404", None, "Marsdijk", "marsdijk"),
        ("9405AB", None, "Baggelhuizen", "centrum-baggelhuizen"),
        ("9405AA", 12, "Baggelhuizen", "centrum-baggelhuizen"),
        ("9405AA", 120, "Assen-Oost", "assen-oost"),
        ("9406XY", None, "Assen-Oost", "assen-oost"),
        ("9408", None, "Kloosterveen", "kloosterveen"),
        ("9409", None, "Peelo", "noorderpark-peelo"),
    ],
)
def test_postcodes_lead_to_the_team_of_the_wijk(
    registry: Registry, postcode: str, house_number: int | None, wijk: str, team: str
) -> None:
    place = registry.place_of_postcode(postcode, house_number)
    assert place.status == "found"
    assert place.wijk == wijk and place.team is not None and place.team.id == team


def test_a_split_postcode_needs_the_house_number(registry: Registry) -> None:
    assert registry.place_of_postcode("9405").status == "need_postcode"
    assert registry.place_of_postcode("9405AA").status == "need_house_number"
    assert registry.place_of_postcode("9405ZZ", 3).status == "unknown"


def test_postcodes_outside_assen(registry: Registry) -> None:
    for postcode in ("9400", "9410", "1012AB", "8011"):
        assert registry.place_of_postcode(postcode).status == "outside"


def test_names_aliases_and_villages(registry: Registry) -> None:
    assert registry.place_in("ik woon in kloosterveen").wijk == "Kloosterveen"
    assert registry.place_in("Assen Oost").wijk == "Assen-Oost"
    assert registry.place_in("in het dorp Loon").team.id == "noorderpark-peelo"  # type: ignore[union-attr]
    assert registry.place_named("Wijk 01 Centrum").wijk == "Centrum"
    assert registry.place_in("ergens in Nederland").status == "unknown"


@pytest.mark.parametrize(
    ("said", "wijk"),
    [
        ("assen oost nee sorry ik bedoel pittelo", "Pittelo"),
        ("Marsdijk, nee toch Kloosterveen", "Kloosterveen"),
        ("ik woon in Peelo, vlak bij Marsdijk", "Peelo"),  # no correction: the first place
        ("Assen-Oost", "Assen-Oost"),  # not "oost" inside it
    ],
)
def test_a_place_taken_back_in_the_same_message(registry: Registry, said: str, wijk: str) -> None:
    assert registry.place_in(said).wijk == wijk


def test_the_real_data_is_checked_when_loaded(tmp_path: Path) -> None:
    raw = yaml.safe_load(
        (Path(__file__).parents[3] / "integrations/agenda/data/sample_buurtteams.yml").read_text()
    )
    raw["postcodes"].append({"postcode": "9401", "wijk": "Atlantis"})
    with pytest.raises(ValueError, match="Atlantis"):
        Registry(RegistryFile.model_validate(raw))
    raw["postcodes"].pop()
    raw["teams"][0]["opening_hours"] = {"maandag": ["9-12"]}
    with pytest.raises(ValidationError):
        RegistryFile.model_validate(raw)


@pytest.mark.parametrize(
    ("said", "wijk"),
    [
        ("kloosterven", "Kloosterveen"),
        ("in kloosterven, de postcode weet ik nie", "Kloosterveen"),
        ("asse oost", "Assen-Oost"),
        ("ik woon in assenoost", "Assen-Oost"),
        ("marsdyk", "Marsdijk"),
        ("noorderpak", "Noorderpark"),
        ("pitelo", "Pittelo"),
    ],
)
def test_names_with_a_spelling_error(registry: Registry, said: str, wijk: str) -> None:
    assert registry.place_in(said).wijk == wijk
    assert registry.place_in(said, near=False).status in ("unknown", "found")


def test_words_that_only_look_like_a_place_are_not_one(registry: Registry) -> None:
    for words in ("de witte kerk", "ik wil een afspraak", "deur", "ik heb schulden"):
        assert registry.place_in(words).status == "unknown", words


def test_streets_with_or_without_a_number(registry: Registry) -> None:
    found = registry.street_in("ik woon op de Kerkstraat 12")
    assert found is not None and found.place.wijk == "Centrum" and found.house_number == 12
    misspelt = registry.street_in("molestraat 3")
    assert misspelt is not None and misspelt.street == "Molenstraat"
    split = registry.street_in("Veenweg")
    assert split is not None and split.place.status == "need_house_number"
    assert registry.street_in("veenweg nummer 120").place.wijk == "Marsdijk"  # type: ignore[union-attr]
    assert registry.street_in("Veenweg 12").place.wijk == "Kloosterveen"  # type: ignore[union-attr]
    assert registry.street_in("ik woon in kloosterveen") is None


def test_the_kinds_of_appointment_each_team_offers(registry: Registry) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    monday_afternoon = datetime(2026, 11, 23, 14, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    pittelo, kloosterveen = registry.teams["pittelo-lariks"], registry.teams["kloosterveen"]
    assert pittelo.offers("home") and not pittelo.offers("phone")
    assert not pittelo.fits_kind("phone", monday_afternoon)
    # Kloosterveen comes to people's homes in the morning only.
    assert kloosterveen.fits_kind("office", monday_afternoon)
    assert not kloosterveen.fits_kind("home", monday_afternoon)
    assert kloosterveen.fits_kind("home", monday_afternoon.replace(hour=10))
