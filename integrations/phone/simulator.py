"""`make call`: a phone simulator that plays Twilio against the running gateway.

It posts signed webhooks (twilio's RequestValidator), prints what the caller would hear, and
lets you answer by typing words (speech), digits (keypad) or nothing (silence). Words that
start with "?" are heard with low confidence, as a bad line would. `--caller anonymous`
calls with a hidden number. A transfer asks whether someone picks up; the staff member's
whisper is printed too.
"""

import argparse
import secrets
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
from twilio.request_validator import RequestValidator

from integrations.settings import Settings


@dataclass
class Heard:
    """One TwiML answer, as the caller experiences it."""

    spoken: list[str]
    listens: bool
    dialed: str | None
    whisper_url: str | None
    action: str | None
    dial_action: str | None = None  # where Twilio reports how the transfer ended
    hangs_up: bool = False
    slow: list[str] = field(default_factory=list)  # said slower (SSML prosody)

    @classmethod
    def parse(cls, document: str) -> "Heard":
        root = ET.fromstring(document)
        dial = root.find("Dial")
        number = root.find("Dial/Number")
        gather = root.find("Gather")
        return cls(
            spoken=["".join(say.itertext()) for say in root.iter("Say")],
            listens=gather is not None,
            dialed=(number.text if number is not None else None),
            whisper_url=(number.get("url") if number is not None else None),
            action=(gather.get("action") if gather is not None else None),
            dial_action=(dial.get("action") if dial is not None else None),
            hangs_up=root.find("Hangup") is not None,
            slow=["".join(p.itertext()) for p in root.iter("prosody")],
        )


@dataclass
class PhoneCall:
    """A caller: posts signed webhooks to `gateway_url`, as Twilio would to the public URL."""

    gateway_url: str
    public_base_url: str
    auth_token: str
    caller: str = "+31612345678"
    call_sid: str = field(default_factory=lambda: "CA" + secrets.token_hex(16))
    # Where the last prompt listens: each prompt has its own URL, as Twilio follows it.
    listening_at: str = "/twilio/gather"

    def post(self, path_and_query: str, params: dict[str, str]) -> str:
        url = self.public_base_url.rstrip("/") + path_and_query
        signature = RequestValidator(self.auth_token).compute_signature(url, params)
        response = httpx.post(
            self.gateway_url.rstrip("/") + path_and_query,
            data=params,
            headers={"X-Twilio-Signature": signature},
            timeout=20,
        )
        response.raise_for_status()
        return response.text

    def base(self) -> dict[str, str]:
        return {"CallSid": self.call_sid, "From": self.caller, "To": "+31592140592"}

    def heard(self, path_and_query: str, params: dict[str, str]) -> Heard:
        heard = Heard.parse(self.post(path_and_query, params))
        if heard.action:
            self.listening_at = self.path_of(heard.action)
        return heard

    def start(self) -> Heard:
        return self.heard("/twilio/voice", self.base())

    def say(self, words: str, confidence: float = 0.9) -> Heard:
        params = {**self.base(), "SpeechResult": words, "Confidence": str(confidence)}
        return self.heard(self.listening_at, params)

    def press(self, digits: str) -> Heard:
        return self.heard(self.listening_at, {**self.base(), "Digits": digits})

    def silence(self) -> Heard:
        return self.heard(self.listening_at, self.base())

    def path_of(self, url: str) -> str:
        parts = urlsplit(url)
        return parts.path + ("?" + parts.query if parts.query else "")

    def whisper(self, heard: Heard) -> Heard:
        assert heard.whisper_url, "no warm transfer"
        return Heard.parse(self.post(self.path_of(heard.whisper_url), {"CallSid": "CA-staff"}))

    def transfer_ended(self, status: str, transfer: Heard | None = None) -> Heard:
        """Twilio reports the end of a transfer to the Dial's own action URL."""
        params = {**self.base(), "DialCallStatus": status}
        if transfer is not None and transfer.dial_action:
            path = self.path_of(transfer.dial_action)
        else:
            path = f"/twilio/dial-status?session={self.call_sid}"
        return self.heard(path, params)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    settings = Settings()
    parser.add_argument(
        "--gateway", default=f"http://{settings.gateway_host}:{settings.gateway_port}"
    )
    parser.add_argument("--caller", default=PhoneCall.caller, help='"anonymous": hidden number')
    args = parser.parse_args()
    call = PhoneCall(
        args.gateway,
        settings.public_base_url,
        settings.twilio_auth_token.get_secret_value(),
        caller=args.caller,
    )
    print(
        f"Bellen naar de assistent ({call.call_sid}). Typ woorden, cijfers, of niets. Ctrl-D stopt."
    )
    heard = call.start()
    while True:
        for text in heard.spoken:
            print(f"  assistent: {text}" + (" (langzamer)" if text in heard.slow else ""))
        if heard.dialed:
            print(f"  [doorverbonden met {heard.dialed}]")
            if heard.whisper_url:
                for text in call.whisper(heard).spoken:
                    print(f"  (medewerker hoort): {text}")
            try:
                answer = input("  neemt iemand op? (j/n) ").strip().lower()
            except EOFError:
                return 0
            ended = "completed" if answer.startswith("j") else "no-answer"
            heard = call.transfer_ended(ended, heard)
            continue  # the line may stay open (113 or Veilig Thuis did not answer)
        if not heard.listens:
            print("  [opgehangen]")
            return 0
        try:
            reply = input("u: ").strip()
        except EOFError:
            return 0
        if not reply:
            heard = call.silence()
        elif reply.startswith("?"):
            heard = call.say(reply[1:].strip(), confidence=0.3)
        elif reply.isdigit() or set(reply) <= set("0123456789*#"):
            heard = call.press(reply)
        else:
            heard = call.say(reply)


if __name__ == "__main__":
    sys.exit(main())
