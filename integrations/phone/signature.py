"""Every Twilio webhook must carry a valid X-Twilio-Signature for PUBLIC_BASE_URL + path."""

from dataclasses import dataclass
from urllib.parse import parse_qsl

import structlog
from fastapi import HTTPException, Request
from twilio.request_validator import RequestValidator

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class SignedRequest:
    """A webhook whose signature checked out: what Twilio signed, and the signature."""

    url: str
    params: dict[str, str]
    signature: str


async def signed_request(request: Request) -> SignedRequest | None:
    """The webhook as Twilio signed it; None when the signature is missing or wrong."""
    settings = request.app.state.settings
    body = (await request.body()).decode("utf-8", errors="replace")
    params = dict(parse_qsl(body, keep_blank_values=True))
    # Twilio signs the public URL it called, behind any proxy: PUBLIC_BASE_URL + path + query.
    url = settings.public_base_url.rstrip("/") + request.url.path
    if request.url.query:
        url += "?" + request.url.query
    signature = request.headers.get("x-twilio-signature", "")
    validator = RequestValidator(settings.twilio_auth_token.get_secret_value())
    if not signature or not validator.validate(url, params, signature):
        log.warning("twilio.bad_signature", path=request.url.path)
        return None
    return SignedRequest(url, params, signature)


async def signed_twilio_form(request: Request) -> dict[str, str]:
    """The webhook's form fields, after the signature check; 403 otherwise.

    Behind the phone router's gate (`gate.TwilioRoute`) the check is done once, there."""
    checked = getattr(request.state, "twilio_request", None)
    if isinstance(checked, SignedRequest):
        return checked.params
    signed = await signed_request(request)
    if signed is None:
        raise HTTPException(status_code=403, detail="Ongeldige handtekening.")
    return signed.params
