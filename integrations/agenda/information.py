"""What residents ask about the buurtteams, in words, from the registry. Pure.

Where a team is (its address and phone number) and when it is open, for the answers to
"waar is mijn buurtteam" and "wanneer zijn jullie open" (integrations/nlg): the resident's own
team when the conversation knows the wijk, else every team. The registry holds no walk-in
hours: the texts say where to ask for them (the phrasing files).
"""

from integrations.agenda.registry import Team

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
DAY_NAMES = {
    "nl": WEEKDAYS,
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
WORDS = {
    "nl": {"to": "tot en met", "from": "van", "until": "tot", "and": "en", "hour": " uur",
           "phone": "Telefoon", "differ": "Elk team heeft eigen tijden."},
    "en": {"to": "to", "from": "from", "until": "to", "and": "and", "hour": "",
           "phone": "Phone", "differ": "Each team has its own hours."},
}  # fmt: skip


def clock(value: str) -> str:
    """ "09:00" as residents read it: "9.00"."""
    hours, minutes = value.split(":")
    return f"{int(hours)}.{minutes}"


def _spans(ranges: tuple[str, ...], words: dict[str, str]) -> str:
    parts = []
    for span in ranges:
        opens, closes = span.split("-")
        parts.append(
            f"{words['from']} {clock(opens)} {words['until']} {clock(closes)}{words['hour']}"
        )
    return f" {words['and']} ".join(parts)


def hours_text(team: Team, language: str = "nl") -> str:
    """The team's opening hours, one sentence per run of days with the same hours:
    "Maandag tot en met donderdag van 9.00 tot 12.00 uur en van 13.00 tot 16.30 uur."."""
    names = DAY_NAMES.get(language, DAY_NAMES["en"])
    words = WORDS.get(language, WORDS["en"])
    runs: list[tuple[int, int, tuple[str, ...]]] = []
    for day, weekday in enumerate(WEEKDAYS):
        ranges = team.opening_hours.get(weekday, ())
        if not ranges:
            continue
        if runs and runs[-1][1] == day - 1 and runs[-1][2] == ranges:
            runs[-1] = (runs[-1][0], day, ranges)
        else:
            runs.append((day, day, ranges))
    sentences = []
    for first, last, ranges in runs:
        days = names[first] if first == last else f"{names[first]} {words['to']} {names[last]}"
        sentence = f"{days} {_spans(ranges, words)}."
        sentences.append(sentence[0].upper() + sentence[1:])
    return " ".join(sentences)


def team_text(team: Team, language: str = "nl") -> str:
    """ "Buurtteam Kloosterveen: Voorbeeldweg 4, Assen. Telefoon 0592 000 004." """
    words = WORDS.get(language, WORDS["en"])
    return f"{team.name}: {team.address}. {words['phone']} {team.phone}."


def buurtteam_values(teams: list[Team], own: Team | None, language: str = "nl") -> dict[str, str]:
    """The placeholders of the buurtteam answers: `buurtteams` (the resident's team, or every
    team), and `buurtteam_hours` (its hours, or the hours all teams share, or that they
    differ)."""
    shown = [own] if own is not None else teams
    hours = {hours_text(team, language) for team in shown}
    return {
        "buurtteams": "\n".join(team_text(team, language) for team in shown),
        "buurtteam_hours": hours.pop()
        if len(hours) == 1
        else WORDS.get(language, WORDS["en"])["differ"],
    }
