from integrations.agenda.places import AddressAnswer, StreetGuess, read_address, read_street


def test_postcodes_and_house_numbers_as_residents_write_them() -> None:
    assert read_address("9401AB 12") == AddressAnswer("9401AB", 12)
    assert read_address("mijn postcode is 9405 aa nummer 120") == AddressAnswer("9405AA", 120)
    assert read_address("9407") == AddressAnswer("9407", None)
    assert read_address("ik woon op 9402 BC 3a") == AddressAnswer("9402BC", 3)


def test_a_short_answer_with_a_number_is_the_house_number() -> None:
    assert read_address("12") == AddressAnswer(None, 12)
    assert read_address("huisnummer 45") == AddressAnswer(None, 45)


def test_no_address_in_other_text() -> None:
    assert read_address("ik woon in Kloosterveen") == AddressAnswer()
    assert read_address("0612345678") == AddressAnswer()
    assert read_address("") == AddressAnswer()


def test_a_word_that_looks_like_a_street() -> None:
    assert read_street("ik woon op de Stationsstraat 14") == StreetGuess("Stationsstraat", 14)
    assert read_street("Julianalaan nummer 3") == StreetGuess("Julianalaan", 3)
    assert read_street("Brinkweg") == StreetGuess("Brinkweg", None)
    assert read_street("ik woon in Kloosterveen") is None
