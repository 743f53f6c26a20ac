"""Address -> wijk through the BAG: the PDOK Locatieserver returns `wijknaam` for an address.

Behind a small interface, so the postcode table alone works offline and in development.
"""

from typing import Protocol

import httpx
import structlog

PDOK_LOCATIESERVER = "https://api.pdok.nl/bzk/locatieserver/search/v3_1"

log = structlog.get_logger(__name__)


class AddressLookup(Protocol):
    async def wijknaam(self, postcode: str, house_number: int) -> str | None:
        """The wijk of an address in the BAG, or None when unknown or unreachable."""


class NoAddressLookup:
    """The postcode table is enough (development, or no network to PDOK)."""

    async def wijknaam(self, postcode: str, house_number: int) -> str | None:
        return None


class PdokLocatieserver:
    def __init__(
        self, http: httpx.AsyncClient, base_url: str, municipality: str, timeout: float
    ) -> None:
        self._http = http
        self._url = base_url.rstrip("/") + "/free"
        self._municipality = municipality
        self._timeout = timeout

    async def wijknaam(self, postcode: str, house_number: int) -> str | None:
        params: dict[str, str | int] = {
            "q": f"postcode:{postcode} AND huisnummer:{house_number}",
            "fq": "type:adres",
            "fl": "wijknaam gemeentenaam postcode huisnummer",
            "rows": 1,
        }
        try:
            response = await self._http.get(self._url, params=params, timeout=self._timeout)
            response.raise_for_status()
            docs = response.json()["response"]["docs"]
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            log.warning("pdok.unavailable", reason=type(exc).__name__)
            return None
        for doc in docs:
            if isinstance(doc, dict) and doc.get("gemeentenaam") == self._municipality:
                wijk = doc.get("wijknaam")
                return str(wijk) if wijk else None
        return None
