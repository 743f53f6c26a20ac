"""The review's export of candidate training examples is read by Rasa itself, the way the
team would check it before copying examples into nlu_data/ (nothing is trained on it here)."""

from pathlib import Path

from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from integrations.review.export import Mark, rasa_nlu_yaml


def test_rasa_reads_the_candidates(tmp_path: Path) -> None:
    marks = [
        Mark("ik kom nie rond bel me op [telefoon]", "chat", "money_worries", "buurtteam", None),
        Mark("me moeder kan nie meer douche: wat nu?", "phone", "ask_aids", "voorziening", None),
        Mark("- een streepje en # een hekje", "chat", "ask_support", "buurtteam", None),
        Mark("alleen een route", "chat", None, "medewerker", None),
    ]
    path = tmp_path / "kandidaten_nlu.yml"
    path.write_text(rasa_nlu_yaml(marks), encoding="utf-8")
    data = RasaYAMLReader().read(str(path))
    examples = {(m.get("intent"), m.get("text")) for m in data.intent_examples}
    assert examples == {
        ("money_worries", "ik kom nie rond bel me op [telefoon]"),
        ("ask_aids", "me moeder kan nie meer douche: wat nu?"),
        ("ask_support", "- een streepje en # een hekje"),
    }
