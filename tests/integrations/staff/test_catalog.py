"""The phrasing editor's catalog: every text is described, every placeholder has a value for
the preview, and each text is edited in the box of the channel that uses it."""

from integrations.nlg.constants import phrasing_constants
from integrations.nlg.overrides import Wording
from integrations.nlg.phrasing import load_phrasing_dir, placeholders_in
from integrations.settings import Settings
from integrations.staff.catalog import TextUse, edit_fields, load_catalog, undescribed

CATALOG = load_catalog()
PHRASES = load_phrasing_dir(Settings().phrasing_dir)


def test_every_text_of_the_content_files_says_when_and_where_it_is_used() -> None:
    assert undescribed(CATALOG, PHRASES) == [], (
        "describe these in integrations/staff/text_catalog.yml"
    )
    assert set(CATALOG.texts) <= set(PHRASES), "the catalog names texts that do not exist"
    assert all(use.moment and use.where for use in CATALOG.texts.values())


def test_every_placeholder_has_a_sample_value_or_comes_from_configuration() -> None:
    known = set(CATALOG.samples) | set(phrasing_constants(Settings()))
    for name, phrase in PHRASES.items():
        words = [phrase.text, phrase.voice or "", phrase.closed or ""]
        words += [b.title for b in phrase.buttons]
        assert {p for w in words for p in placeholders_in(w)} <= known, name


def test_chat_and_phone_side_by_side_and_a_phone_only_text_in_a_phone_box() -> None:
    both = edit_fields(TextUse(moment="x", where=("chat", "telefoon")), Wording(text="a"))
    assert [(f.field, f.label) for f in both] == [
        ("text", "Chattekst"),
        ("voice", "Telefoontekst (leeg: de chattekst)"),
    ]
    menu = edit_fields(CATALOG.texts["utter_phone_transfer_veilig_thuis"], Wording(text="a"))
    assert [(f.field, f.label, f.spoken) for f in menu] == [("text", "Telefoontekst", True)]
    no_answer = CATALOG.texts["utter_safety_no_answer_113"]
    fields = edit_fields(no_answer, Wording(text="a", voice="b"))
    assert [(f.field, f.label) for f in fields] == [("voice", "Telefoontekst")]
    sms = edit_fields(CATALOG.texts["utter_sms_appointment"], Wording(text="a"))
    assert [f.label for f in sms] == ["Sms-tekst"]


def test_a_text_with_an_out_of_hours_variant_gets_its_own_box() -> None:
    use = CATALOG.texts["utter_handoff"]
    fields = edit_fields(use, Wording(text="a", closed="b"))
    assert fields[-1].field == "closed" and fields[-1].label == "Buiten kantoortijd"
    assert fields[-1].spoken  # said on the phone too
