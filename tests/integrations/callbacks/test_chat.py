"""Contact before promises in the chat, through the gateway with a real Redis and a Rasa at its
HTTP boundary (a recording server) that has just handed the resident to a person."""

import json
from collections.abc import Iterator
from functools import partial

import pytest
from fastapi.testclient import TestClient

from integrations.app import create_app
from integrations.cases.record import Case, CaseUpdate, ContactUpdate, Handoff
from integrations.cases.store import CaseStore
from integrations.settings import Settings
from tests.office_hours import ALWAYS_OPEN, NEVER_OPEN
from tests.recorder import Recorder, recording_server

HANDOFF_CLOSED = "Nu zijn er geen medewerkers. Bij gevaar belt u meteen 112."
ASK = "Wilt u dat een medewerker u belt? Typ dan uw telefoonnummer. Wilt u dat niet? Typ dan nee."


@pytest.fixture
def rasa() -> Iterator[Recorder]:
    with recording_server(body=json.dumps([{"text": HANDOFF_CLOSED}]).encode()) as recorder:
        yield recorder


def line(settings: Settings, rasa: Recorder, hours: dict[str, object]) -> TestClient:
    return TestClient(create_app(settings.model_copy(update={"rasa_url": rasa.url, **hours})))


class Resident:
    def __init__(self, client: TestClient, route: str = "medewerker") -> None:
        self.client = client
        self.sid: str = client.post("/api/chat/sessions").json()["session_id"]
        self.route = route

    def handed_over_by_rasa(self) -> None:
        """What the action server does in Rasa's turn: the case gets a handoff."""
        update = CaseUpdate(
            route=self.route,  # type: ignore[arg-type]
            handoff=Handoff(reason="vraagt om een medewerker", urgency="normaal"),
        )
        self._cases(partial(self.store.update, self.sid, update))

    @property
    def store(self) -> CaseStore:
        return self.client.app.state.cases  # type: ignore[attr-defined,no-any-return]

    def _cases(self, call: partial[object]) -> object:
        assert self.client.portal is not None
        return self.client.portal.call(call)

    def case(self) -> Case:
        case = self._cases(partial(self.store.get, self.sid))
        assert isinstance(case, Case)
        return case

    def says(self, text: str) -> list[str]:
        response = self.client.post(f"/api/chat/sessions/{self.sid}/messages", json={"text": text})
        assert response.status_code == 200, response.text
        return [m["text"] for m in response.json()["messages"]]


def test_a_person_when_nobody_is_there_is_promised_only_with_a_number(
    settings: Settings, rasa: Recorder
) -> None:
    with line(settings, rasa, NEVER_OPEN) as client:
        resident = Resident(client)
        resident.says("hallo")
        resident.handed_over_by_rasa()
        assert resident.says("ik wil een medewerker spreken") == [HANDOFF_CLOSED, ASK]
        # A question instead of a number: Rasa answers it, then the question comes again.
        assert resident.says("wat kost dat gesprek eigenlijk") == [HANDOFF_CLOSED, ASK]
        assert resident.says("ja graag") == [
            "Dat is geen telefoonnummer. Typ uw nummer, bijvoorbeeld 06 12 34 56 78. Of typ nee."
        ]
        asked_rasa = len(rasa.requests)
        kept = resident.says("06-12345678")
        assert kept[0].startswith("Dank u. Een medewerker belt u op 06 12 34 56 78. Dat doen wij")
        assert len(rasa.requests) == asked_rasa  # the talk is the gateway's own
        phones = resident.case().contact.phones
        assert [p.number for p in phones] == ["0612345678"]
        # The question is not asked again; Rasa answers what comes next.
        assert resident.says("dank je") == [HANDOFF_CLOSED]


def test_no_to_the_callback_question_is_kept_and_the_number_to_call_is_given(
    settings: Settings, rasa: Recorder
) -> None:
    with line(settings, rasa, NEVER_OPEN) as client:
        resident = Resident(client)
        resident.handed_over_by_rasa()
        assert resident.says("medewerker")[-1] == ASK
        declined = resident.says("nee ik bel zelf wel")
        assert declined[0].startswith("Goed. U kunt ons zelf bellen op 14 0592.")
        contact = resident.case().contact
        assert contact.phones == [] and contact.no_number and contact.preference == "zelf bellen"


def test_in_office_hours_or_about_safety_the_question_is_not_asked(
    settings: Settings, rasa: Recorder
) -> None:
    with line(settings, rasa, ALWAYS_OPEN) as client:
        resident = Resident(client)
        resident.handed_over_by_rasa()
        assert ASK not in resident.says("medewerker")
    with line(settings, rasa, NEVER_OPEN) as client:
        # Veilig Thuis: whether a call is safe is asked by the safety texts, never here.
        resident = Resident(client, route="veilig_thuis")
        resident.handed_over_by_rasa()
        assert ASK not in resident.says("medewerker")


def test_a_danger_said_instead_of_a_number_is_answered_by_the_safety_protocol(
    settings: Settings, rasa: Recorder
) -> None:
    with line(settings, rasa, NEVER_OPEN) as client:
        resident = Resident(client)
        resident.handed_over_by_rasa()
        resident.says("medewerker")
        crisis = resident.says("ik wil niet meer leven")
        assert any("113" in text for text in crisis)
        assert not any(text.startswith("Dat is geen telefoonnummer") for text in crisis)


def test_a_resident_who_said_ik_bel_zelf_is_not_asked_again(
    settings: Settings, rasa: Recorder
) -> None:
    with line(settings, rasa, NEVER_OPEN) as client:
        resident = Resident(client)
        contact = ContactUpdate(preference="zelf bellen")
        resident._cases(partial(resident.store.update, resident.sid, CaseUpdate(contact=contact)))
        resident.handed_over_by_rasa()
        assert ASK not in resident.says("ik bel zelf")
        asked_rasa = len(rasa.requests)
        resident.says("nee")
        assert len(rasa.requests) == asked_rasa + 1  # "nee" is Rasa's, not the callback talk's


def test_an_english_resident_is_asked_and_answered_in_english(
    settings: Settings, rasa: Recorder
) -> None:
    """Heard at night: after "talk to a person" an English resident got the callback
    question, and its answer, in Dutch; and "no thanks" was only read in Dutch."""
    with line(settings, rasa, NEVER_OPEN) as client:
        resident = Resident(client)
        resident.says("hello I need help with cleaning my house")
        resident.handed_over_by_rasa()
        asked = resident.says("I want to talk to a person please")
        assert asked[-1] == (
            "Do you want a member of staff to call you? Then type your phone number. "
            "Do you not want that? Then type no."
        )
        declined = resident.says("no thanks, I will call myself")
        assert declined[0].startswith("All right. You can call us yourself on 14 0592.")
        assert resident.case().contact.preference == "zelf bellen"


def test_help_three_times_at_night_asks_for_a_number(settings: Settings, rasa: Recorder) -> None:
    """Held on 7 December: the third "help" got "Nu is er niemand van de gemeente" and no
    way on; a fourth began the intake again."""
    with line(settings, rasa, NEVER_OPEN) as client:
        resident = Resident(client)
        resident.says("help")
        resident.says("help")
        third = resident.says("help")
        assert third[0].startswith("Nu is er niemand van de gemeente.") and third[-1] == ASK
        assert resident.case().handoff is not None
        kept = resident.says("0612345678")
        assert kept[0].startswith("Dank u. Een medewerker belt u op 06 12 34 56 78.")


def test_when_will_you_call_is_answered_with_the_call(settings: Settings, rasa: Recorder) -> None:
    """Held in three rounds as residents: "wanneer bellen jullie?" after the promise of a
    call got the opening hours of the buurtteam."""
    with line(settings, rasa, NEVER_OPEN) as client:
        resident = Resident(client)
        resident.says("hallo")
        resident.handed_over_by_rasa()
        resident.says("ik wil een medewerker spreken")
        resident.says("06-12345678")
        asked_rasa = len(rasa.requests)
        when = resident.says("wanneer bellen jullie?")
        assert when[0].startswith("Een medewerker belt u op 06 12 34 56 78.")
        assert len(rasa.requests) == asked_rasa  # answered without Rasa
