"""Where the buurtteams are and when they are open, in words, from the registry."""

from integrations.agenda.information import buurtteam_values, clock, hours_text, team_text
from integrations.agenda.registry import Team, load_registry

REGISTRY = load_registry()
TEAMS = list(REGISTRY.teams.values())


def team(hours: dict[str, tuple[str, ...]]) -> Team:
    return TEAMS[0].model_copy(update={"opening_hours": hours})


def test_times_are_written_as_residents_read_them() -> None:
    assert clock("09:00") == "9.00"
    assert clock("16:30") == "16.30"


def test_days_with_the_same_hours_are_said_together() -> None:
    hours = {
        "maandag": ("09:00-12:00", "13:00-16:30"),
        "dinsdag": ("09:00-12:00", "13:00-16:30"),
        "woensdag": ("09:00-12:00",),
        "vrijdag": ("09:00-12:00",),
    }
    assert hours_text(team(hours)) == (
        "Maandag tot en met dinsdag van 9.00 tot 12.00 uur en van 13.00 tot 16.30 uur. "
        "Woensdag van 9.00 tot 12.00 uur. Vrijdag van 9.00 tot 12.00 uur."
    )
    assert hours_text(team(hours), "en").startswith(
        "Monday to Tuesday from 9.00 to 12.00 and from 13.00 to 16.30."
    )


def test_the_residents_own_team_or_every_team() -> None:
    kloosterveen = REGISTRY.place_named("Kloosterveen").team
    assert kloosterveen is not None
    own = buurtteam_values(TEAMS, kloosterveen)
    assert own["buurtteams"] == team_text(kloosterveen)
    assert own["buurtteams"].startswith(f"{kloosterveen.name}: {kloosterveen.address}.")
    assert own["buurtteam_hours"] == hours_text(kloosterveen)
    every = buurtteam_values(TEAMS, None)
    assert every["buurtteams"].splitlines() == [team_text(t) for t in TEAMS]


def test_teams_with_different_hours_say_so() -> None:
    other = team({"maandag": ("10:00-12:00",)})
    assert buurtteam_values([TEAMS[1], other], None)["buurtteam_hours"] == (
        "Elk team heeft eigen tijden."
    )
