from pathlib import Path

import pytest

from integrations.nlg.phrasing import (
    PhrasingBook,
    PhrasingError,
    fill_placeholders,
    load_phrasing_dir,
    parse_phrasing,
)

CONTENT = {
    "a.yml": {
        "utter_call": {
            "text": "Bel ons op {contact_phone}.",
            "voice": "Bel ons op {contact_phone}. Ik herhaal: {contact_phone}.",
            "buttons": [{"title": "Bel {contact_phone}", "payload": "/ask_person"}],
        },
        "utter_team": {"text": "Uw buurtteam is {buurtteam}."},
    }
}


def book() -> PhrasingBook:
    return PhrasingBook(parse_phrasing(CONTENT), {"contact_phone": "14 0592"})


def test_chat_gets_the_text_and_buttons() -> None:
    message = book().render("utter_call", channel="rest")
    assert message == {
        "text": "Bel ons op 14 0592.",
        "buttons": [{"title": "Bel 14 0592", "payload": "/ask_person"}],
    }


def test_phone_gets_the_voice_variant() -> None:
    message = book().render("utter_call", channel="phone")
    assert message["text"] == "Bel ons op 14 0592. Ik herhaal: 14 0592."


def test_without_a_voice_variant_the_phone_gets_the_text() -> None:
    message = book().render("utter_team", channel="phone", slots={"buurtteam": "Marsdijk"})
    assert message["text"] == "Uw buurtteam is Marsdijk."


def test_configuration_wins_over_what_a_resident_put_in_a_slot() -> None:
    message = book().render("utter_call", slots={"contact_phone": "0900 oplichter"})
    assert message["text"] == "Bel ons op 14 0592."


def test_a_missing_value_leaves_the_placeholder_visible() -> None:
    assert book().render("utter_team")["text"] == "Uw buurtteam is {buurtteam}."


def test_only_plain_names_are_placeholders() -> None:
    values = {"a": "x"}
    assert fill_placeholders("{a} {a.__class__} {a[0]} {}", values) == "x {a.__class__} {a[0]} {}"


def test_unknown_response_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        book().render("utter_does_not_exist")


@pytest.mark.parametrize(
    ("documents", "reason"),
    [
        ({"a.yml": ["utter_x"]}, "top level"),
        ({"a.yml": {"hello": {"text": "Hoi."}}}, "must start with utter_"),
        ({"a.yml": {"utter_x": {"text": "Hoi."}}, "b.yml": {"utter_x": {"text": "Dag."}}}, "twice"),
        ({"a.yml": {"utter_x": {"text": ""}}}, "utter_x"),
        ({"a.yml": {"utter_x": {"text": "Hoi.", "colour": "red"}}}, "utter_x"),
    ],
)
def test_broken_content_is_refused_with_the_reason(
    documents: dict[str, object], reason: str
) -> None:
    with pytest.raises(PhrasingError, match=reason):
        parse_phrasing(documents)


def test_loads_every_file_of_a_folder(tmp_path: Path) -> None:
    (tmp_path / "one.yml").write_text('utter_one:\n  text: "Een."\n', encoding="utf-8")
    (tmp_path / "two.yml").write_text('utter_two:\n  text: "Twee."\n', encoding="utf-8")
    assert set(load_phrasing_dir(tmp_path)) == {"utter_one", "utter_two"}


def test_an_empty_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PhrasingError, match="no phrasing files"):
        load_phrasing_dir(tmp_path)
