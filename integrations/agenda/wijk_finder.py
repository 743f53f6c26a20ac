"""From an answer to the team: a postcode (with the house number where needed), a wijk or
village name, a street (with or without its number), or a name with a spelling error. With a
lookup configured the BAG is asked first for a full address or a street; the tables are the
fallback."""

from dataclasses import dataclass

from integrations.agenda.address_lookup import AddressLookup
from integrations.agenda.places import read_address, read_street
from integrations.agenda.registry import Place, Registry


@dataclass(frozen=True)
class Found:
    place: Place
    # A postcode or street that still needs its house number, for the next answer.
    pending_postcode: str | None = None
    pending_street: str | None = None
    # What the answer said of the address, for a home visit: "Veenweg 12", "9405AA 120".
    street: str | None = None
    house_number: int | None = None
    postcode: str | None = None


class WijkFinder:
    def __init__(self, registry: Registry, lookup: AddressLookup) -> None:
        self._registry = registry
        self._lookup = lookup

    async def find(
        self, text: str, pending_postcode: str | None, pending_street: str | None = None
    ) -> Found:
        answer = read_address(text)
        postcode = answer.postcode
        if postcode is None and answer.house_number is not None and pending_postcode:
            postcode = pending_postcode  # "12": the house number to the postcode before
        named = self._registry.place_in(text, near=False)
        if postcode and not (named.status == "found" and self._registry.outside(postcode)):
            # "ik woon sinds 1985 in Peelo": a year is not a postcode when a place is named.
            place = await self._place_of_address(postcode, answer.house_number)
            waiting = postcode if place.status == "need_house_number" else None
            return Found(place, waiting, None, None, answer.house_number, postcode)
        if pending_street and answer.house_number is not None:
            return await self._street(pending_street, answer.house_number)
        if named.status == "found":
            return Found(named)
        by_street = await self._street_in(text)
        if by_street is not None:
            return by_street
        return Found(self._registry.place_in(text))

    async def _street_in(self, text: str) -> Found | None:
        """A street of the table, else one that looks like a street and the BAG knows."""
        known = self._registry.street_in(text)
        if known is not None:
            return await self._street(known.street, known.house_number)
        guess = read_street(text)
        if guess is None:
            return None
        wijknaam = await self._lookup.wijknaam_of_street(guess.street, guess.house_number)
        if wijknaam is None:
            return None
        place = self._registry.place_named(wijknaam)
        if place.status != "found":
            return None
        return Found(place, street=guess.street, house_number=guess.house_number)

    async def _street(self, street: str, house_number: int | None) -> Found:
        wijknaam = await self._lookup.wijknaam_of_street(street, house_number)
        if wijknaam:
            found = self._registry.place_named(wijknaam)
            if found.status == "found":
                return Found(found, street=street, house_number=house_number)
        known = self._registry.street_in(f"{street} {house_number or ''}")
        place = known.place if known is not None else Place("unknown")
        waiting = street if place.status == "need_house_number" else None
        return Found(place, None, waiting, street, house_number)

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
