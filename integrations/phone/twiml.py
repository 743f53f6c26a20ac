"""TwiML for the phone line, built with twilio's VoiceResponse. Pure: settings and texts in.

Only Say (and Pause) inside a Gather; every action URL absolute; a Dutch voice, or the voice of
the call's language (integrations/languages) with its numbers said digit by digit.
Every Say is answered: by a Gather that listens, a Dial, or a Hangup. Numbers and times are
said for the ear (`speakable`); a text said again is said slower (SSML prosody, which
Twilio passes to Amazon Polly's neural voices). Each answer's Gather and Dial report to a
URL with their own `step`, so that a replayed request can be told from a second, equal
answer to the next question (see `replay`), and a key is read with the menu it answers.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

from twilio.twiml.voice_response import Dial, Gather, Say, VoiceResponse

from integrations.phone.speakable import for_the_ear
from integrations.settings import Settings

# Words callers say that speech recognition should expect: the routes in residents' words,
# the answers the menus offer, and (added per call) the wijken and villages of the registry.
HINTS = (
    "hulp in huis", "huishoudelijke hulp", "schoonmaken", "wassen en strijken", "meer uren",
    "hulpmiddel", "scootmobiel", "rolstoel", "traplift", "regiotaxi", "aanpassing", "vervoer",
    "reparatie", "buurtteam", "mantelzorg", "schulden", "geldzorgen", "brieven", "eenzaam",
    "opvoeding", "Veilig Thuis", "niet veilig", "medewerker", "herhaal", "weet ik niet",
    "geen nummer", "dit nummer", "voor mezelf", "voor iemand anders", "sinds kort",
    "al langer", "andere tijd", "bel mij", "ik bel zelf", "liever niet", "postcode", "wijk",
)  # fmt: skip
SLOWER = "85%"  # the rate of a text said again
DUTCH_TAG = "nl-NL"
WHISPER_ACCEPT = "Druk op 1 om het gesprek aan te nemen."


@dataclass(frozen=True)
class PhoneConfig:
    base_url: str
    voice: str
    speech_model: str
    speech_timeout: int
    aanmeldteam: str
    step: str = ""  # this answer's own mark in the URLs Twilio posts back to
    numbers: tuple[str, ...] = ()  # phone numbers the texts may hold, said digit by digit
    places: tuple[str, ...] = ()  # wijken and villages, for speech recognition
    language: str = DUTCH_TAG  # what the voice speaks and what speech recognition hears

    def url(self, path: str, **query: str) -> str:
        return self.base_url.rstrip("/") + path + ("?" + urlencode(query) if query else "")

    def stepped(self) -> dict[str, str]:
        return {"step": self.step} if self.step else {}

    @property
    def hints(self) -> str:
        return ", ".join(dict.fromkeys((*HINTS, *self.places)))


def config_from(
    settings: Settings, step: str = "", places: Sequence[str] = (), language: str = "nl"
) -> PhoneConfig:
    """The line's TwiML settings; in another `language` (integrations/languages) its voice
    when there is one, else the English voice."""
    voice, tag = settings.twilio_voice, DUTCH_TAG
    if language != "nl":
        voices = settings.twilio_voices
        voice, tag = voices.get(language) or voices.get("en") or (voice, tag)
    return PhoneConfig(
        base_url=settings.public_base_url,
        voice=voice,
        language=tag,
        speech_model=settings.twilio_speech_model,
        speech_timeout=settings.twilio_speech_timeout_seconds,
        aanmeldteam=settings.aanmeldteam_dial,
        step=step,
        numbers=(
            settings.contact_phone,
            settings.general_number,
            settings.emergency_number,
            settings.suicide_prevention_number,
            settings.veilig_thuis_number,
            settings.shelter_night_number,
        ),
        places=tuple(places),
    )


def _say(
    parent: VoiceResponse | Gather,
    texts: Iterable[str],
    config: PhoneConfig,
    slow: bool = False,
) -> None:
    for text in texts:
        if not text:
            continue
        if config.language != DUTCH_TAG:  # Dutch number words only in a Dutch voice
            spoken = digits_apart(text, config.numbers)
        else:
            spoken = for_the_ear(text, config.numbers)
        if slow:
            say = Say(voice=config.voice, language=config.language)
            say.prosody(spoken, rate=SLOWER)
            parent.append(say)
        else:
            parent.say(spoken, voice=config.voice, language=config.language)


def digits_apart(text: str, numbers: Iterable[str]) -> str:
    """For a voice in another language: a phone number said digit by digit ("1 4, 0 5 9 2")."""
    for number in sorted({n for n in (*numbers, "112", "113") if n.strip()}, key=len, reverse=True):
        groups = [" ".join(group) for group in re.split(r"[\s-]+", number.strip()) if group]
        pattern = rf"(?<![\w-]){re.escape(number)}(?![\w-])"
        text = re.sub(pattern, ", ".join(groups), text)
    return text


def ask(config: PhoneConfig, texts: Iterable[str], slow: Iterable[str] = ()) -> str:
    """Say the texts (then `slow` ones slower, when a text is said again) and listen for
    Dutch speech or keys."""
    response = VoiceResponse()
    gather = Gather(
        input="speech dtmf",
        language=config.language,
        speech_model=config.speech_model,
        speech_timeout=str(config.speech_timeout),
        timeout=str(config.speech_timeout + 3),
        action_on_empty_result=True,
        action=config.url("/twilio/gather", **config.stepped()),
        method="POST",
        hints=config.hints,
    )
    _say(gather, texts, config)
    _say(gather, slow, config, slow=True)
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
    member first hears what the caller needs and accepts with 1 (warm transfer). `after`
    names the line dialled, so that a line that does not answer gets its own next step."""
    response = VoiceResponse()
    _say(response, texts, config)
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


def whisper(config: PhoneConfig, lines: Iterable[str], session_id: str) -> str:
    """What the staff member hears before the caller is put through, then the key to
    accept: no Dial here. Without an answer the staff leg hangs up."""
    response = VoiceResponse()
    gather = Gather(
        input="dtmf",
        num_digits=1,
        timeout="8",
        action=config.url("/twilio/whisper-accept", session=session_id),
        method="POST",
    )
    _say(gather, [*lines, WHISPER_ACCEPT], config)
    response.append(gather)
    response.hangup()
    return str(response)


def goodbye(config: PhoneConfig, texts: Iterable[str]) -> str:
    """Say the texts, then hang up."""
    response = VoiceResponse()
    _say(response, texts, config)
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


def spoken_text(say: ElementTree.Element) -> str:
    """What one <Say> says, also when its words are inside SSML (a slower <prosody>)."""
    return "".join(say.itertext())
