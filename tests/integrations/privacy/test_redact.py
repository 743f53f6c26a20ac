import pytest

from integrations.privacy.redact import passes_elfproef, redact, redact_event


def test_the_elfproef() -> None:
    assert passes_elfproef("123456782")
    assert passes_elfproef("111222333")
    assert not passes_elfproef("123456789")
    assert not passes_elfproef("000000000")
    assert not passes_elfproef("12345678")


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("mijn bsn is 123456782", "mijn bsn is [bsn]"),
        ("bel 06-12345678 of +31 6 12345678", "bel [telefoon] of [telefoon]"),
        ("thuis 0592 123456.", "thuis [telefoon]."),
        ("mail jan.de.vries@voorbeeld.nl", "mail [e-mail]"),
        ("NL91 ABNA 0417 1643 00 is mijn rekening", "[iban] is mijn rekening"),
        ("ik woon op 9401 AB 12", "ik woon op [adres]"),
    ],
)
def test_personal_data_is_replaced(text: str, redacted: str) -> None:
    assert redact(text) == redacted


@pytest.mark.parametrize(
    "text",
    [
        "dinsdag 3 december om 10.00 uur",
        "bel het algemene nummer 14 0592",
        "ordernummer 123456789",  # nine digits that fail the elfproef
        "postcode 9401 zonder huisnummer",
    ],
)
def test_other_text_is_left_alone(text: str) -> None:
    assert redact(text) == text


def test_the_log_processor_redacts_nested_values() -> None:
    event = {"event": "chat", "text": "bel 0612345678", "extra": {"mail": ["a@b.nl"]}, "n": 3}
    assert redact_event(None, "info", event) == {
        "event": "chat",
        "text": "bel [telefoon]",
        "extra": {"mail": ["[e-mail]"]},
        "n": 3,
    }
