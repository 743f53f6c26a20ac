"""Address -> wijk through the BAG: the PDOK Locatieserver returns `wijknaam` for an address.

Behind a small interface, so the postcode table alone works offline and in development.
"""

from typing import Any, Protocol

import httpx
import structlog

PDOK_LOCATIESERVER = "https://api.pdok.nl/bzk/locatieserver/search/v3_1"

log = structlog.get_logger(__name__)


class AddressLookup(Protocol):
    async def wijknaam(self, postcode: str, house_number: int) -> str | None:
        """The wijk of an address in the BAG, or None when unknown or unreachable."""

    async def wijknaam_of_street(self, street: str, house_number: int | None) -> str | None:
        """The wijk of a street (and house number) in the municipality, or None when it is
        unknown, unreachable, or the street lies in more than one wijk and no number is
        given."""


class NoAddressLookup:
    """The postcode and street tables are enough (development, or no network to PDOK)."""

    async def wijknaam(self, postcode: str, house_number: int) -> str | None:
        return None

    async def wijknaam_of_street(self, street: str, house_number: int | None) -> str | None:
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
        wijken = await self._wijken(params)
        return wijken[0] if wijken else None

    async def wijknaam_of_street(self, street: str, house_number: int | None) -> str | None:
        """A free search within the municipality: with a number the one address; without,
        the wijk only when every address found lies in the same one."""
        words = f"{street} {house_number}" if house_number is not None else street
        params: list[tuple[str, str | int | float | bool | None]] = [
            ("q", words),
            ("fq", "type:adres"),
            ("fq", f"gemeentenaam:{self._municipality}"),
            ("fl", "wijknaam gemeentenaam straatnaam huisnummer"),
            ("rows", 1 if house_number is not None else 20),
        ]
        wijken = await self._wijken(params)
        return wijken[0] if wijken and len(set(wijken)) == 1 else None

    async def _wijken(self, params: Any) -> list[str]:
        try:
            response = await self._http.get(self._url, params=params, timeout=self._timeout)
            response.raise_for_status()
            docs = response.json()["response"]["docs"]
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            log.warning("pdok.unavailable", reason=type(exc).__name__)
            return []
        return [
            str(doc["wijknaam"])
            for doc in docs
            if isinstance(doc, dict)
            and doc.get("gemeentenaam") == self._municipality
            and doc.get("wijknaam")
        ]
