"""Phone webhooks with signatures computed by twilio's RequestValidator (Rasa is down here)."""

import xml.etree.ElementTree as ET

from fastapi.testclient import TestClient
from twilio.request_validator import RequestValidator

from integrations.settings import Settings

CALL = {"CallSid": "CA-test-1", "From": "+31612345678", "To": "+31592140592"}


def signed(settings: Settings, path: str, params: dict[str, str]) -> dict[str, str]:
    validator = RequestValidator(settings.twilio_auth_token.get_secret_value())
    url = settings.public_base_url.rstrip("/") + path
    return {"X-Twilio-Signature": validator.compute_signature(url, params)}


def test_a_signed_call_is_answered_and_put_through_when_rasa_is_down(
    client: TestClient, settings: Settings
) -> None:
    response = client.post(
        "/twilio/voice", data=CALL, headers=signed(settings, "/twilio/voice", CALL)
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(response.text)
    number = root.find("Dial/Number")
    assert number is not None and number.text == settings.aanmeldteam_dial
    assert "medewerker" in (root.find("Say").text or "")  # type: ignore[union-attr]


def test_tampered_wrong_url_or_unsigned_requests_are_refused(
    client: TestClient, settings: Settings
) -> None:
    headers = signed(settings, "/twilio/voice", CALL)
    tampered = {**CALL, "From": "+31600000000"}
    assert client.post("/twilio/voice", data=tampered, headers=headers).status_code == 403
    assert client.post("/twilio/gather", data=CALL, headers=headers).status_code == 403
    assert client.post("/twilio/voice", data=CALL).status_code == 403
    assert (
        client.post("/twilio/voice", data=CALL, headers={"X-Twilio-Signature": "x"}).status_code
        == 403
    )
