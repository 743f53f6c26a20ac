"""The sentence encoder reads a message in capitals as the same words in lower case."""

import numpy as np

from integrations.sentences.encoder import as_written, sentence_encoder


def test_capitals_are_read_as_lower_case() -> None:
    assert as_written("MIJN SCOOTMOBIEL START NIET MEER") == "mijn scootmobiel start niet meer"
    assert as_written("Ik woon in Assen-Oost, BSN niet bij de hand") == (
        "Ik woon in Assen-Oost, BSN niet bij de hand"
    )
    assert as_written("HELP") == "HELP"  # too short to say how the resident writes
    assert as_written("") == ""


def test_a_message_in_capitals_means_what_it_means_in_lower_case() -> None:
    """Held in the development set v18: "MIJN SCOOTMOBIEL START NIET MEER. IK ZIT NU THUIS
    VAST" was read as nothing at all (its embedding was far from the words in lower case)."""
    encode = sentence_encoder()
    shouted, written = encode(["IK ZIT NU THUIS VAST", "ik zit nu thuis vast"])
    assert np.allclose(shouted, written, atol=1e-5)
