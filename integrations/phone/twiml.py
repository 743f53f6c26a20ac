"""TwiML for the phone line, built with twilio's VoiceResponse. Pure: settings and texts in.

Only Say (and Pause) inside a Gather; every action URL absolute; a Dutch voice everywhere.
Each answer's Gather and Dial report to a URL with their own `step`, so that a replayed
request can be told from a second, equal answer to the next question (see `replay`).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

from twilio.twiml.voice_response import Dial, Gather, VoiceResponse

from integrations.settings import Settings

# Words callers say that speech recognition should expect.
HINTS = (
    "huishoudelijke hulp, scootmobiel, traplift, rolstoel, regiotaxi, buurtteam, mantelzorg, "
    "schulden, Veilig Thuis, medewerker, Noorderpark, Peelo, Pittelo, Lariks, Centrum, "
    "Baggelhuizen, Kloosterveen, Marsdijk, Assen-Oost, Assen"
)


@dataclass(frozen=True)
class PhoneConfig:
    base_url: str
    voice: str
    speech_model: str
    speech_timeout: int
    aanmeldteam: str
    step: str = ""  # this answer's own mark in the URLs Twilio posts back to

    def url(self, path: str, **query: str) -> str:
        return self.base_url.rstrip("/") + path + ("?" + urlencode(query) if query else "")

    def stepped(self) -> dict[str, str]:
        return {"step": self.step} if self.step else {}


def config_from(settings: Settings, step: str = "") -> PhoneConfig:
    return PhoneConfig(
        base_url=settings.public_base_url,
        voice=settings.twilio_voice,
        speech_model=settings.twilio_speech_model,
        speech_timeout=settings.twilio_speech_timeout_seconds,
        aanmeldteam=settings.aanmeldteam_dial,
        step=step,
    )


def _say(parent: VoiceResponse | Gather, texts: Iterable[str], voice: str) -> None:
    for text in texts:
        if text:
            parent.say(text, voice=voice, language="nl-NL")


def ask(config: PhoneConfig, texts: Iterable[str]) -> str:
    """Say the texts and listen for speech or keys."""
    response = VoiceResponse()
    gather = Gather(
        input="speech dtmf",
        language="nl-NL",
        speech_model=config.speech_model,
        speech_timeout=str(config.speech_timeout),
        timeout=str(config.speech_timeout + 3),
        action_on_empty_result=True,
        action=config.url("/twilio/gather", **config.stepped()),
        method="POST",
        hints=HINTS,
    )
    _say(gather, texts, config.voice)
    response.append(gather)
    return str(response)


def transfer(
    config: PhoneConfig,
    texts: Iterable[str],
    number: str,
    whisper_for: str | None = None,
    after: str | None = None,
) -> str:
    """Say the texts, then put the caller through. With `whisper_for` (a session id) the staff
    member first hears the case summary and accepts with 1 (warm transfer). `after` names the
    line dialled, so that a line that does not answer gets its own next step."""
    response = VoiceResponse()
    _say(response, texts, config.voice)
    query = {"session": whisper_for} if whisper_for else {}
    if after:
        query["after"] = after
    query.update(config.stepped())
    dial = Dial(
        answer_on_bridge=True,
        action=config.url("/twilio/dial-status", **query),
        method="POST",
        timeout="25",
    )
    if whisper_for:
        dial.number(number, url=config.url("/twilio/whisper", session=whisper_for), method="POST")
    else:
        dial.number(number)
    response.append(dial)
    return str(response)


def whisper(config: PhoneConfig, summary: Iterable[str], session_id: str) -> str:
    """What the staff member hears before the caller is put through: no Dial here."""
    response = VoiceResponse()
    gather = Gather(
        input="dtmf",
        num_digits=1,
        timeout="8",
        action=config.url("/twilio/whisper-accept", session=session_id),
        method="POST",
    )
    _say(gather, ["Er komt een inwoner van de digitale assistent.", *summary], config.voice)
    _say(gather, ["Druk op 1 om het gesprek aan te nemen."], config.voice)
    response.append(gather)
    response.hangup()
    return str(response)


def goodbye(config: PhoneConfig, texts: Iterable[str]) -> str:
    response = VoiceResponse()
    _say(response, texts, config.voice)
    response.hangup()
    return str(response)


def empty() -> str:
    return str(VoiceResponse())


def hang_up() -> str:
    response = VoiceResponse()
    response.hangup()
    return str(response)


def is_prompt(document: str) -> bool:
    """Whether this TwiML asks the caller something (a Gather that reports to /gather)."""
    try:
        root = ElementTree.fromstring(document)
    except ElementTree.ParseError:
        return False
    return any(
        urlsplit(gather.get("action") or "").path == "/twilio/gather"
        for gather in root.iter("Gather")
    )
