from bot.triage.evaluation import NO_ROUTE, SAFETY_QUESTION, Prediction, RouteReport, route_label


def report(*rows: tuple[str, str]) -> RouteReport:
    return RouteReport([Prediction(f"text {i}", e, p) for i, (e, p) in enumerate(rows)])


def test_route_labels() -> None:
    assert route_label("crisis_danger") == "crisis"
    assert route_label("safety_check") == SAFETY_QUESTION
    assert route_label("greet") == NO_ROUTE


def test_precision_recall_and_accuracy() -> None:
    r = report(
        ("crisis_suicidal", "crisis_suicidal"),
        ("crisis_danger", "safety_check"),
        ("money_worries", "stress"),
        ("ask_aids", "ask_household_help"),
    )
    assert r.recall("crisis") == 0.5
    assert r.precision("crisis") == 1.0
    assert r.recall("buurtteam") == 1.0
    assert r.accuracy == 0.5
    assert r.crisis_not_urgent == []
    assert r.confusion[("voorziening", "huishoudelijke_hulp")] == 1


def test_a_crisis_in_a_non_urgent_route_is_reported() -> None:
    r = report(("crisis_suicidal", "stress"))
    assert [p.text for p in r.crisis_not_urgent] == ["text 0"]
    assert "crisis utterances in a non-urgent route: 1" in list(r.lines())
