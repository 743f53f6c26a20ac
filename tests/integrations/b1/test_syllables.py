import pytest

from integrations.b1.syllables import syllables


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("u", 1),
        ("knie", 1),
        ("nieuw", 1),
        ("eten", 2),
        ("eenzaam", 2),
        ("afspraak", 2),
        ("koeien", 2),
        ("bureau", 2),
        ("gemeente", 3),
        ("politie", 3),
        ("ideeën", 3),
        ("België", 3),
        ("mantelzorger", 4),
        ("januari", 4),
        ("medewerker", 4),
        ("huishoudelijke", 5),
        ("geïnteresseerd", 5),
        ("123", 0),
    ],
)
def test_dutch_syllables(word: str, count: int) -> None:
    assert syllables(word) == count
