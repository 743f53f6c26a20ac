"""Each conversation is counted once: in its final route, its known wijk, its outcome."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from integrations.cases.record import CaseUpdate, Handoff, apply_update, closed, new_case, taken
from integrations.cases.stats import Move, csv_text, day_counts, figures, moves

AMS = ZoneInfo("Europe/Amsterdam")
T0 = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 1 January in Assen
DAY = T0.astimezone(AMS).date()


def totals(found: list[Move]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for move in found:
        assert move.day == DAY
        counts[move.field] = counts.get(move.field, 0) + move.delta
    return {k: v for k, v in counts.items() if v}


def test_a_conversation_counts_once_in_its_final_route_and_wijk() -> None:
    steps = [new_case("s", "chat", T0)]
    steps.append(apply_update(steps[-1], CaseUpdate(route="buurtteam"), T0))
    steps.append(steps[-1].model_copy(update={"wijk": "Kloosterveen"}))
    steps.append(apply_update(steps[-1], CaseUpdate(route="veilig_thuis"), T0))
    asked = apply_update(
        steps[-1], CaseUpdate(handoff=Handoff(reason="veilig_thuis", urgency="hoog")), T0
    )
    steps.append(asked)
    steps.append(taken(asked, "anna", T0 + timedelta(minutes=7)))
    steps.append(closed(steps[-1], "geen actie", "anna", T0, confirmed=True))
    # Issue 20 changes this: a closed case is never closed again (its outcome stays); the
    # outcome changes only after the case opened again (the resident asked for a person).
    again = CaseUpdate(handoff=Handoff(reason="vraagt om een medewerker", urgency="hoog"))
    steps.append(apply_update(steps[-1], again, T0))
    steps.append(closed(steps[-1], "Veilig Thuis", "anna", T0, confirmed=True))
    found: list[Move] = []
    before = None
    for after in steps:
        found += moves(before, after, AMS)
        before = after
    assert totals(found) == {
        "conversations": 1,
        "channel:chat": 1,
        "route:veilig_thuis": 1,
        "wijk:Kloosterveen": 1,
        "outcome:Veilig Thuis": 1,
        "wait:5 tot 15 minuten": 1,
        "wait_seconds": 420,
        "waited": 1,
    }


def test_a_window_opened_and_left_is_not_counted() -> None:
    opened = new_case("s", "chat", T0)
    assert moves(None, opened, AMS) == []
    assert (
        totals(moves(opened, apply_update(opened, CaseUpdate(route="informatie"), T0), AMS))[
            "wijk:onbekend"
        ]
        == 1
    )


def test_the_figures_in_words_and_as_csv() -> None:
    day = day_counts(
        DAY,
        {
            "conversations": 3,
            "channel:chat": 2,
            "channel:phone": 1,
            "route:veilig_thuis": 1,
            "route:buurtteam": 2,
            "route:informatie": 0,
            "wijk:onbekend": 1,
            "wijk:Kloosterveen": 2,
            "wait:binnen 5 minuten": 2,
            "wait_seconds": 360,
            "waited": 2,
        },
    )
    assert "informatie" not in day["route"]
    shown = figures([day])
    assert shown["from"] == shown["to"] == "vrijdag 1 januari"
    assert shown["average_wait"] == "3 minuten"
    tables = {t["kind"]: t["rows"] for t in shown["tables"]}
    assert tables["route"] == [
        {"name": "Buurtteam", "count": 2},
        {"name": "Veilig Thuis", "count": 1},
    ]
    assert tables["wijk"][-1] == {"name": "Wijk niet bekend", "count": 1}
    assert tables["channel"] == [{"name": "Chat", "count": 2}, {"name": "Telefoon", "count": 1}]
    text = csv_text([day])
    assert text.splitlines()[0] == "datum;dag;soort;naam;aantal"
    assert "2027-01-01;vrijdag 1 januari;route;Veilig Thuis;1" in text.splitlines()
    assert "veilig_thuis" not in text
