"""From an answer to the team: a wijk or village name, or a postcode (with the house number
where needed), checked in the BAG first when a lookup is configured."""

from dataclasses import dataclass

from integrations.agenda.address_lookup import AddressLookup
from integrations.agenda.places import read_address
from integrations.agenda.registry import Place, Registry


@dataclass(frozen=True)
class Found:
    place: Place
    # A postcode that still needs its house number, for the next answer.
    pending_postcode: str | None


class WijkFinder:
    def __init__(self, registry: Registry, lookup: AddressLookup) -> None:
        self._registry = registry
        self._lookup = lookup

    async def find(self, text: str, pending_postcode: str | None) -> Found:
        answer = read_address(text)
        postcode = answer.postcode
        if postcode is None and answer.house_number is not None:
            postcode = pending_postcode  # "12": the house number to the postcode before
        if not postcode:
            return Found(self._registry.place_in(text), None)
        place = await self._place_of_address(postcode, answer.house_number)
        return Found(place, postcode if place.status == "need_house_number" else None)

    async def _place_of_address(self, postcode: str, house_number: int | None) -> Place:
        table = self._registry.place_of_postcode(postcode, house_number)
        if table.status == "outside" or house_number is None or len(postcode) != 6:
            return table
        # With a full address the BAG knows best; the table is the fallback.
        wijknaam = await self._lookup.wijknaam(postcode, house_number)
        if wijknaam:
            found = self._registry.place_named(wijknaam)
            if found.status == "found":
                return found
        return table
