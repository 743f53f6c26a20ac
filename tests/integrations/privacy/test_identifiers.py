import pytest

from integrations.privacy.identifiers import (
    BSN_MARKER,
    IBAN_LENGTHS,
    IBAN_MARKER,
    passes_elfproef,
    passes_mod97,
    scrub,
)

B, N = BSN_MARKER, IBAN_MARKER  # N: the bank account Number


def test_the_elfproef() -> None:
    assert passes_elfproef("111222333")
    assert passes_elfproef("123456782")
    assert not passes_elfproef("123456789")
    assert not passes_elfproef("000000000")  # sums to 0: never a BSN
    assert not passes_elfproef("11122233")
    assert not passes_elfproef("1112223334")
    assert not passes_elfproef("١١١٢٢٢٣٣٣")  # digits of another script


def test_the_mod97_check() -> None:
    assert passes_mod97("NL91ABNA0417164300")
    assert passes_mod97("nl91abna0417164300")
    assert not passes_mod97("NL92ABNA0417164300")
    assert not passes_mod97("NL91")
    assert not passes_mod97("NL91-ABNA0417164300")


def test_the_lengths_are_the_registrys() -> None:
    assert IBAN_LENGTHS["NL"] == 18 and IBAN_LENGTHS["DE"] == 22 and IBAN_LENGTHS["BE"] == 16
    assert all(15 <= length <= 34 for length in IBAN_LENGTHS.values())


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        ("mijn bsn is 111222333", f"mijn bsn is {B}"),
        ("BSN: 123456782.", f"BSN: {B}."),
        ("111 222 333", B),
        ("1112 22 333 is het", f"{B} is het"),
        ("111.222.333", B),
        ("111-22-2333", B),
        ("(111222333)", f"({B})"),
        ("bsn111222333", f"bsn{B}"),
        # a BSN and a date typed next to each other
        ("111222333 12-03-1985", f"{B} 12-03-1985"),
        # by phone: digit words, or digits one by one
        ("een een een twee twee twee drie drie drie", B),
        ("mijn nummer is één één één, twee twee twee, drie drie drie.", f"mijn nummer is {B}."),
        ("Een Een Een Twee Twee Twee Drie Drie Drie", B),
        ("1 1 1 2 2 2 3 3 3", B),
        ("een 1 1 twee 2 2 drie 3 3", B),
        ("twee keer: 111222333 en 123456782", f"twee keer: {B} en {B}"),
    ],
)
def test_a_bsn_is_taken_out(text: str, scrubbed: str) -> None:
    result = scrub(text)
    assert result.text == scrubbed
    assert result.kinds == {"bsn"}


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    [
        ("NL91 ABNA 0417 1643 00 is mijn rekening", f"{N} is mijn rekening"),
        ("iban: NL91ABNA0417164300.", f"iban: {N}."),
        ("nl91 abna 0417 1643 00", N),
        ("DE89 3704 0044 0532 0130 00", N),
        ("BE68 5390 0754 7034", N),
        ("GB82 WEST 1234 5698 7654 32, dank u", f"{N}, dank u"),
        ("FR14 2004 1010 0505 0001 3M02 606", N),
    ],
)
def test_an_iban_is_taken_out(text: str, scrubbed: str) -> None:
    result = scrub(text)
    assert result.text == scrubbed
    assert result.kinds == {"iban"}


def test_both_in_one_message() -> None:
    result = scrub("iban NL91ABNA0417164300 en bsn 111 222 333")
    assert result.text == f"iban {N} en bsn {B}"
    assert result.kinds == {"bsn", "iban"}


def test_the_markers_can_be_chosen() -> None:
    result = scrub("NL91ABNA0417164300 111222333", bsn_marker="[bsn]", iban_marker="[iban]")
    assert result.text == "[iban] [bsn]"


@pytest.mark.parametrize(
    "text",
    [
        "ordernummer 123456789",  # nine digits that fail the elfproef
        "123 456 789",
        "000000000",
        "bel 06-12345678",
        "bel 0612345678",
        "+31 6 12345678",
        "+31612345678",
        "0031 6 1234 5678",
        # nine digits that pass the elfproef, but cut from a phone number
        "+31 111222333",
        "0 111222333",
        "06 111 222 333",
        "thuis 0592 123456",
        "het algemene nummer 14 0592",
        "0 6 1 2 3 4 5 6 7 8",
        "nul zes een twee drie vier vijf zes zeven acht",
        "ik woon op 9401 AB 12",
        "postcode 9401AB, huisnummer 12a",
        "geboren op 12-03-1985",
        "afspraak op 3.12.2025 om 10.30 uur",
        "dinsdag 3 december om 10.00 uur",
        "Kerkstraat 12 9401 AB Assen",
        "ik heb een 2 kinderen van 4 en 6",
        "een 12345678",
        "1111222333",  # ten digits: not a BSN
        "ik betaal € 1.234.567,89",
        "NL91 ABNA 0417 1643 01",  # an IBAN that fails mod-97 (a typo) is not recognised
        "NL91ABNA041716430",  # too short
        "XX91ABNA0417164300",  # no such country
        "een twee drie",
        "mijn wijk is Assen-Oost",
        "",
    ],
)
def test_other_numbers_stay(text: str) -> None:
    result = scrub(text)
    assert result.text == text
    assert result.kinds == frozenset()
