"""What makes two Twilio requests the same request. Pure.

Twilio signs the URL and the form fields, nothing else: no time, no nonce. A request with the
same signature, URL and fields is the same request again (a retry or a replay). Each prompt
the line speaks listens on its own URL (a `step` in the query), so two equal answers to two
different questions are two different requests.
"""

import hashlib
import json
from collections.abc import Mapping


def fingerprint(signature: str, url: str, params: Mapping[str, str]) -> str:
    """A short hash of (signature, URL, sorted fields); the same for a replay."""
    material = json.dumps([signature, url, sorted(params.items())], ensure_ascii=False)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()
