"""The B1 checker, rule by rule, with Dutch examples that pass and fail."""

from pathlib import Path

import pytest
from wordfreq import zipf_frequency

from integrations.b1.checker import B1Checker, flesch_douma, sentences_of
from integrations.b1.config import load_rules

CHECKER = B1Checker(load_rules(), lambda word: float(zipf_frequency(word, "nl")))
SEEDS = Path(__file__).resolve().parent / "seed_002_sentences.txt"


def rules_hit(text: str, voice: bool = False) -> dict[str, str]:
    return {f.rule: f.severity for f in CHECKER.check(text, voice=voice).findings}


def test_plain_short_dutch_passes() -> None:
    report = CHECKER.check("U zoekt hulp in het huishouden. Ik stel u eerst een paar vragen.")
    assert report.verdict == "ok"
    assert report.reading_ease is not None and report.reading_ease > 60


def test_sentence_length_warns_above_12_and_fails_above_15() -> None:
    thirteen = "Wij bellen u morgen om tien over half tien op uw vaste nummer thuis terug."
    assert rules_hit("U krijgt morgen een brief van ons over de hulp in huis.") == {}
    assert rules_hit(" ".join(["woord"] * 13) + ".")["zinslengte"] == "warn"
    assert rules_hit(" ".join(["woord"] * 16) + ".")["zinslengte"] == "fail"
    assert "zinslengte" in rules_hit(thirteen)


def test_more_than_one_comma_fails() -> None:
    assert "komma" not in rules_hit("Bel gratis, dag en nacht.")
    assert rules_hit("Bel ons, of mail, of kom langs.")["komma"] == "fail"


def test_a_clause_in_a_clause_warns() -> None:
    assert rules_hit("Bel ons omdat u hulp wilt zodat wij komen.")["bijzin"] == "warn"
    assert "bijzin" not in rules_hit("Bel ons omdat u hulp wilt.")


def test_passive_voice_fails() -> None:
    # Issue 21 changes this rule: a passive with "worden" fails (it only warned before).
    assert rules_hit("Uw aanvraag wordt door ons behandeld.")["lijdende_vorm"] == "fail"
    assert "lijdende_vorm" not in rules_hit("Wij bekijken uw vraag.")


def test_abbreviations_fail() -> None:
    assert rules_hit("Neem bijv. uw pas mee.")["afkorting"] == "fail"
    assert rules_hit("Bel i.v.m. uw vraag.")["afkorting"] == "fail"
    assert rules_hit("Het CAK stuurt u een brief.")["afkorting"] == "fail"
    assert "afkorting" not in rules_hit("De Wmo is een wet.")  # on the domain whitelist


def test_difficult_words_fail_with_a_simpler_word() -> None:
    findings = CHECKER.check("Indien u hulp nodig heeft, bel ons.").findings
    difficult = [f for f in findings if f.rule == "moeilijk_woord"]
    assert difficult and difficult[0].severity == "fail"
    assert difficult[0].suggestion == "Gebruik: als"
    assert "moeilijk_woord" in rules_hit("Wij verstrekken een hulpmiddel.")


def test_rare_words_warn_unless_whitelisted() -> None:
    assert rules_hit("U krijgt een ergonomische fauteuil.")["weinig_gebruikt"] == "warn"
    assert "weinig_gebruikt" not in rules_hit("Het buurtteam helpt u.")
    assert "weinig_gebruikt" not in rules_hit("Bel Veilig Thuis.")  # a name


def test_men_and_the_je_form_fail() -> None:
    assert rules_hit("Men kan ons bellen.")["men"] == "fail"
    assert rules_hit("Kun je ons bellen?")["u_vorm"] == "fail"
    assert rules_hit("Heeft u jouw pas?")["u_vorm"] == "fail"


def test_numbers_in_words_fail() -> None:
    assert rules_hit("Er zijn zes buurtteams.")["getal_in_woorden"] == "fail"
    assert "getal_in_woorden" not in rules_hit("Er zijn 6 buurtteams.")
    assert "getal_in_woorden" not in rules_hit("Ik stel een paar vragen.")


def test_long_bubbles_fail() -> None:
    five = "Dit is zin 1. Dit is zin 2. Dit is zin 3. Dit is zin 4. Dit is zin 5."
    assert rules_hit(five)["lang_bericht"] == "fail"
    assert "lang_bericht" not in rules_hit("Dit is zin 1. Dit is zin 2.")


def test_voice_rules() -> None:
    assert rules_hit("Chat op 113.nl.", voice=True)["spraak_url"] == "fail"
    assert "spraak_url" not in rules_hit("Chat op 113.nl.")  # fine in the chat
    assert rules_hit("Bel 0612345678.", voice=True)["spraak_nummer"] == "fail"
    assert "spraak_nummer" not in rules_hit("Bel 0800 0113.", voice=True)
    assert rules_hit("Dank u wel! 🙂", voice=True)["spraak_emoji"] == "fail"


def test_reading_ease() -> None:
    easy = flesch_douma("Ik ben er voor u. Bel mij.")
    hard = flesch_douma("Gemeentelijke maatwerkvoorzieningen vereisen indicatiestelling.")
    assert easy is not None and hard is not None and easy > 90 > hard
    assert sentences_of("Bel om 9.00 uur. Chat op 113.nl!") == [
        "Bel om 9.00 uur.",
        "Chat op 113.nl!",
    ]


@pytest.mark.parametrize("sentence", SEEDS.read_text(encoding="utf-8").splitlines())
def test_the_bureaucratic_sentences_of_the_policy_text_fail(sentence: str) -> None:
    assert CHECKER.check(sentence).verdict == "fail", sentence
