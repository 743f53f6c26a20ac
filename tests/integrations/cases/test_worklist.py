"""The work list: rows a staff member can choose from, views, filters and search."""

from datetime import UTC, datetime, timedelta

from integrations.cases.record import (
    Case,
    CaseUpdate,
    ContactUpdate,
    Handoff,
    apply_update,
    closed,
    new_case,
    taken,
)
from integrations.cases.worklist import Filters, counted, in_view, matches, ordered, row

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
NOW = T0 + timedelta(minutes=12)


def case(session_id: str, channel: str = "chat", **update: object) -> Case:
    made = new_case(session_id, channel, T0)  # type: ignore[arg-type]
    return apply_update(made, CaseUpdate(**update), T0)  # type: ignore[arg-type]


def entry(session_id: str, urgency: str, minutes_ago: int) -> dict[str, object]:
    return {
        "entry_id": "1-0",
        "session_id": session_id,
        "urgency": urgency,
        "reason": "veilig_thuis",
        "kind": "terugbelverzoek",
        "requested_at": (NOW - timedelta(minutes=minutes_ago)).isoformat(),
        "delivered_to": None,
    }


def test_a_row_says_what_is_needed_in_words() -> None:
    violence = case(
        "a",
        "phone",
        route="veilig_thuis",
        urgency="acuut",
        resident_words="hij slaat me",
        contact=ContactUpdate(phone="0611122233"),
        handoff=Handoff(reason="veilig_thuis", urgency="acuut"),
    )
    item = row(violence, entry("a", "acuut", 12), NOW)
    assert item["waiting"] == "12 minuten" and item["waiting_seconds"] == 720
    assert (item["channel_words"], item["route_words"]) == ("Telefoon", "Veilig Thuis")
    assert item["kind_words"] == "Terugbelverzoek"
    assert item["reason_words"] == "huiselijk geweld: snel contact nodig"
    assert item["need"] == item["summary"] == '"hij slaat me"'
    assert (item["phone"], item["phone_href"]) == ("06 1112 2233", "tel:+31611122233")
    assert item["status"] == "wachtrij" and item["safety"] is True
    assert "veilig_thuis" not in " ".join(str(v) for k, v in item.items() if k.endswith("words"))


def test_no_number_for_a_callback_is_shown() -> None:
    call = case("b", "phone", handoff=Handoff(reason="terugbelverzoek telefoon", urgency="hoog"))
    item = row(call, entry("b", "hoog", 1), NOW)
    assert item["no_number"] is True and item["phone"] is None


def test_views_filters_and_search() -> None:
    mine = taken(case("m", route="buurtteam", wijk=None), "anna", T0)
    mine = mine.model_copy(update={"wijk": "Kloosterveen"})
    theirs = taken(case("t", route="voorziening"), "bert", T0)
    done = closed(case("c", route="informatie"), "informatie gegeven", "anna", T0, False)
    waiting = case(
        "w", "phone", route="huishoudelijke_hulp", contact=ContactUpdate(phone="0592123456")
    )
    rows = [
        row(mine, None, NOW),
        row(theirs, None, NOW),
        row(done, None, NOW),
        row(waiting, entry("w", "normaal", 3), NOW),
    ]
    assert [r["session_id"] for r in rows if in_view(r, "mijn", "anna")] == ["m"]
    assert [r["session_id"] for r in rows if in_view(r, "overgenomen", "anna")] == ["m", "t"]
    assert [r["session_id"] for r in rows if in_view(r, "afgerond", "anna")] == ["c"]
    assert [r["session_id"] for r in rows if in_view(r, "wachtrij", "anna")] == ["w"]
    assert rows[1]["status_words"] == "Overgenomen door bert"
    assert rows[2]["outcome_words"] == "Informatie gegeven"

    def found(**given: str) -> list[str]:
        filters = Filters.of(given)
        return [r["session_id"] for r in rows if matches(r, filters)]

    assert found(route="voorziening") == ["t"]
    assert found(channel="phone") == ["w"]
    assert found(wijk="kloosterveen") == ["m"]
    assert found(q="0592 123") == ["w"]  # a resident calls back: found by the number
    assert found(q="huishouden") == ["w"]
    assert found(q="anna") == ["m", "c"]
    assert found(q="niets van dit") == []
    assert counted(rows) == {"totaal": 4, "acuut": 0, "hoog": 0, "normaal": 4}
    assert ordered(rows, "afgerond")[0]["session_id"] == "c"
