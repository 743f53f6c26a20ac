"""The NLG request Rasa sends the gateway: slots and channel, not the whole conversation."""

from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.slots import TextSlot
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlg.lean_callback import lean_request


def test_only_what_the_gateway_uses_is_sent() -> None:
    tracker = DialogueStateTracker("s1", [TextSlot("wijk", mappings=[{}])])
    for number in range(50):
        tracker.update(UserUttered(f"bericht {number}", metadata={"channel": "phone"}))
    tracker.update(SlotSet("wijk", "Peelo"))
    body = lean_request("utter_wijk_found", tracker, "rest", {"team_name": "Team"})
    assert body == {
        "response": "utter_wijk_found",
        "arguments": {"team_name": "Team"},
        "tracker": {
            "sender_id": "s1",
            "slots": {"wijk": "Peelo"},
            "latest_message": {"metadata": {"channel": "phone"}},
        },
        "channel": {"name": "rest"},
    }
    assert "events" not in body["tracker"]
