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
