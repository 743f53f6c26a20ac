"""The B1 checker by kind of problem: each rule catches its class in new sentences, says why,
and gives a better wording; plain texts with the names residents know pass. The sentences
here are written for these tests, not taken from the evaluation sets."""

import pytest
from wordfreq import zipf_frequency

from integrations.b1.checker import B1Checker, Finding
from integrations.b1.config import load_rules

CHECKER = B1Checker(load_rules(), lambda word: float(zipf_frequency(word, "nl")))


def failures(text: str, voice: bool = False) -> dict[str, Finding]:
    return {f.rule: f for f in CHECKER.check(text, voice=voice).findings if f.severity == "fail"}


def all_advice(text: str) -> str:
    return " ".join(f.suggestion or "" for f in CHECKER.check(text).findings)


@pytest.mark.parametrize(
    "text",
    [
        "Uw scootmobiel wordt volgende week door de leverancier gerepareerd.",
        "Er wordt eerst gekeken of u recht heeft op hulp.",
        "Uw vraag werd gisteren door het aanmeldteam doorgestuurd.",
        "De traplift kan pas worden geplaatst als de woning geschikt is.",
        "Daarna worden de kosten met u besproken.",
        "De eigen bijdrage wordt elke maand geïnd.",
        "Uw formulier is door ons goed ontvangen.",
    ],
)
def test_a_passive_fails_also_with_words_between(text: str) -> None:
    found = failures(text)["lijdende_vorm"]
    assert found.suggestion and "Zeg wie het doet" in found.suggestion


def test_the_passive_advice_names_who_does_it() -> None:
    found = failures("Uw aanvraag wordt morgen door het buurtteam in Marsdijk bekeken.")
    suggestion = found["lijdende_vorm"].suggestion or ""
    assert '"Het buurtteam ..."' in suggestion
    assert '"Wij ..."' in (
        failures("Uw brief is door ons verstuurd.")["lijdende_vorm"].suggestion or ""
    )


@pytest.mark.parametrize(
    "text",
    [
        "Het gaat beter als het buurtteam u helpt.",
        "Wordt het te veel? Bel dan het buurtteam.",
        "Ik heb uw vraag doorgegeven aan het aanmeldteam.",
        "Het bedrijf dat de rolstoel heeft gebracht, komt hem ook maken.",
        "Dit gesprek is gestopt. Begin een nieuw gesprek.",
        "Het is vervelend dat het niet lukt.",
        "Hoe wordt uw gezondheid beter?",
        "Wat gebeurt er als het erger wordt?",
    ],
)
def test_no_passive_in_active_sentences(text: str) -> None:
    assert "lijdende_vorm" not in failures(text)


def test_zijn_with_a_participle_and_no_doer_only_warns() -> None:
    findings = {f.rule: f.severity for f in CHECKER.check("Uw afspraak is gemaakt.").findings}
    assert findings == {"lijdende_vorm": "warn"}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Na toekenning van de hulp krijgt u een brief.", "toekenning"),
        ("Bij ontvangst van uw formulier bellen wij u.", "Bij ontvangst"),
        ("Het gesprek vindt bij u thuis plaats.", "vindt bij u thuis plaats"),
        ("Tijdens bespreking van uw situatie is uw dochter erbij.", "bespreking van"),
        ("De verwerking van uw gegevens duurt 2 weken.", "verwerking"),
        ("Wij nemen uw vraag vandaag in behandeling.", "in behandeling"),
    ],
)
def test_nominal_style_fails_with_a_verb_to_use(text: str, words: str) -> None:
    found = failures(text)["naamwoordstijl"]
    assert words in found.message
    assert found.suggestion and found.suggestion.startswith("Gebruik een werkwoord")


@pytest.mark.parametrize(
    ("text", "better"),
    [
        ("Ingevolge de regels krijgt u hulp.", "volgens"),
        ("U kunt hulp krijgen conform de afspraken.", "volgens"),
        ("Wilt u het formulier retourneren?", "terugsturen"),
        ("Wij waarborgen uw privacy.", "zorgen voor"),
        ("U komt mogelijk in aanmerking voor hulp.", "recht hebben op"),
        ("In verband met de drukte bellen wij later.", "omdat"),
        ("Dat staat in artikel 4 van de wet.", "wetsartikel"),
        ("De consulent belt u op maandag 8 december.", "medewerker"),
        ("U kunt een herindicatie aanvragen.", "welke hulp u nodig heeft"),
        ("Het gaat om een woonvoorziening.", "aanpassing"),
    ],
)
def test_official_and_legal_language_fails_with_a_plain_word(text: str, better: str) -> None:
    assert {"ambtelijk", "moeilijk_woord"} & failures(text).keys(), text
    assert better in all_advice(text)


@pytest.mark.parametrize(
    "text",
    [
        "Wij sturen u binnenkort een brief.",
        "U hoort op korte termijn van het buurtteam.",
        "Wij bellen u zo spoedig mogelijk.",
        "Het duurt enkele weken voor de hulp begint.",
        "Wij nemen op een later moment contact met u op.",
    ],
)
def test_vague_times_fail_and_ask_to_say_when(text: str) -> None:
    found = failures(text)["vage_tijd"]
    assert found.suggestion and "Zeg" in found.suggestion


@pytest.mark.parametrize(
    ("text", "better"),
    [
        ("Uw afspraak is op 4-12 om 13:15.", "4 december"),
        ("Uw afspraak is op woensdag 4 december om 13:15.", "13.15 uur"),
        ("Kom op 4/12 langs.", "4 december"),
        ("De hulp begint op 2027-01-05.", "5 januari"),
        ("Wij bellen u om 9.45.", "9.45 uur"),
        ("Wij bellen u om 14u.", "14.00 uur"),
        ("Kom op 5 jan. langs.", "5 januari"),
        ("Wij zijn open van ma t/m vr.", "maandag tot en met vrijdag"),
    ],
)
def test_dates_and_times_not_written_the_b1_way_fail(text: str, better: str) -> None:
    assert {"datum_tijd", "afkorting"} & failures(text).keys(), text
    assert better in all_advice(text)


@pytest.mark.parametrize(
    "text",
    [
        "Uw afspraak is op donderdag 4 december om 13.15 uur.",
        "Wij bellen u tussen 10.00 en 12.00 uur.",
        "Het aanmeldteam is er van 8.30 tot 17.00 uur.",
        "Bel Veilig Thuis op 0800-2000.",
        "Het kost 19.50 euro per maand.",
        "De hulp komt 1-2 keer per week.",
    ],
)
def test_good_dates_times_and_numbers_pass(text: str) -> None:
    assert "datum_tijd" not in failures(text)


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        ("Heeft u een PGB?", "geld om zelf uw hulp te regelen"),
        ("De WMO regelt hulp thuis.", "Wmo"),
        ("Het CAK stuurt de rekening.", "eigen bijdrage"),
        ("Wij vragen nooit uw BSN.", "burgerservicenummer"),
        ("Neem het UWV-formulier mee.", "uitkeringen"),
        ("Bel het KCC.", "Schrijf uit"),
    ],
)
def test_acronyms_fail_with_what_they_stand_for(text: str, meaning: str) -> None:
    found = failures(text)["afkorting"]
    assert found.suggestion and meaning in found.suggestion


def test_abbreviations_with_points_or_a_slash_fail() -> None:
    assert "afkorting" in failures("Bel ons z.s.m. terug.")
    assert "afkorting" in failures("Wij zijn er ma t/m vr.")


def test_men_and_mixed_je_and_u_fail() -> None:
    assert "men" in failures("Men kan het buurtteam altijd bellen.")
    mixed = failures("Heeft u een vraag? Dan kun je ons bellen.")["u_vorm"]
    assert "door elkaar" in mixed.message


@pytest.mark.parametrize(
    "text",
    [
        "Het buurtteam helpt u met huishoudelijke hulp.",
        "Heeft u een scootmobiel nodig? Bel het aanmeldteam.",
        "Voelt u zich thuis niet veilig? Bel Veilig Thuis.",
        "Denkt u aan zelfdoding? Bel 113. Bij gevaar belt u 112.",
        "Bel het algemene nummer van de gemeente: 14 0592.",
        "De Wmo is een wet. Het buurtteam legt het uit.",
        "Wilt u een sms met de afspraak?",
        "Mantelzorgers kunnen ook bij het buurtteam terecht.",
    ],
)
def test_plain_texts_with_the_names_residents_know_pass(text: str) -> None:
    assert CHECKER.check(text).verdict != "fail", CHECKER.check(text).findings


def test_phone_texts_are_short_and_offer_at_most_4_choices() -> None:
    menu = " ".join(f"Kies {n} voor {topic}." for n, topic in enumerate("abcde", start=1))
    assert "spraak_menu" in failures(menu, voice=True)
    assert "spraak_menu" not in failures(
        "Kies 1 voor Veilig Thuis. Kies 2 voor een medewerker.", voice=True
    )
    long = "Ik help u graag. " * 5
    assert "spraak_lang" in failures(long.strip(), voice=True)
    assert "spraak_lang" not in failures(
        long.strip()
    )  # in the chat 5 short sentences can be 1 bubble too many, not too long to hear


@pytest.mark.parametrize(
    ("text", "rule", "better"),
    [
        ("Wij gaan over tot het stopzetten van de hulp.", "naamwoordstijl", "wij plannen"),
        ("Het buurtteam maakt samen met u een afweging.", "naamwoordstijl", "afwegen"),
        ("Wij stellen u op de hoogte van het besluit.", "ambtelijk", "laten weten"),
        ("Wij brengen u hiervan schriftelijk op de hoogte.", "ambtelijk", "laten weten"),
        ("Met ingang van maandag 5 januari is het loket dicht.", "ambtelijk", "vanaf"),
        ("Mocht u vragen hebben, bel dan het aanmeldteam.", "ambtelijk", "als u"),
        ("U kunt gebruikmaken van de regiotaxi.", "ambtelijk", "gebruiken"),
        ("Wij brengen samen uw situatie in kaart.", "ambtelijk", "samen bekijken"),
        ("De bijdrage hangt af van uw draagkracht.", "moeilijk_woord", "wat u kunt betalen"),
        ("Wij verlenen u hulp bij het huishouden.", "moeilijk_woord", "geven"),
    ],
)
def test_more_officialese_fails_with_a_plain_wording(text: str, rule: str, better: str) -> None:
    assert rule in failures(text), CHECKER.check(text).findings
    assert better in all_advice(text)


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        ("Heeft u een pgb?", "geld om zelf uw hulp te regelen"),
        ("Bel de ggz-crisisdienst.", "psychische problemen"),
        ("Wij vragen nooit uw bsn.", "burgerservicenummer"),
    ],
)
def test_acronyms_in_small_letters_fail_too(text: str, meaning: str) -> None:
    found = failures(text)["afkorting"]
    assert found.suggestion and meaning in found.suggestion


@pytest.mark.parametrize(
    "text", ["Mag uw dochter mee naar het gesprek?", "De Wmo is de wet voor hulp thuis."]
)
def test_words_that_only_look_like_an_acronym_pass(text: str) -> None:
    assert "afkorting" not in failures(text)


def test_thanks_and_please_in_the_je_form_mixed_with_u_fail() -> None:
    assert "u_vorm" in failures("Dankjewel voor uw vraag.")
    assert "u_vorm" in failures("Geeft u alsjeblieft uw postcode?")


@pytest.mark.parametrize(
    ("text", "better"),
    [
        ("Het aanmeldteam is open van 9-17 uur.", "van 9.00 tot 17.00 uur"),
        ("Uw afspraak is op 3 december om 10.00 uur.", "dinsdag 3 december"),
        ("Het buurtteam belt u op 12 januari.", "dinsdag 12 januari"),
    ],
)
def test_hours_without_minutes_and_a_day_without_its_weekday_fail(text: str, better: str) -> None:
    assert "datum_tijd" in failures(text), CHECKER.check(text).findings
    assert better in all_advice(text)


@pytest.mark.parametrize(
    "text",
    [
        "Wat is uw geboortedatum? Bijvoorbeeld: 3 mei 1950.",
        "Het gesprek duurt 1-2 uur.",
        "Uw afspraak is op vrijdag, 12 december om 9.00 uur.",
        "Wij bellen u tussen 9.00 en 12.00 uur.",
    ],
)
def test_dates_with_a_year_durations_and_weekdays_with_a_comma_pass(text: str) -> None:
    assert "datum_tijd" not in failures(text)
