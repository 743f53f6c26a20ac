"""The BAG lookup through the PDOK Locatieserver, against a recorded answer served locally."""

import asyncio
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx

from integrations.agenda.address_lookup import PdokLocatieserver
from tests.recorder import recording_server

from .conftest import Built, WithService

RECORDED = (Path(__file__).parent / "data" / "pdok_free_adres.json").read_bytes()


def lookup_at(url: str) -> str | None:
    async def main() -> str | None:
        async with httpx.AsyncClient() as http:
            return await PdokLocatieserver(http, url, "Assen", 2).wijknaam("9405AA", 120)

    return asyncio.run(main())


def test_the_wijk_of_an_address_and_the_query_sent() -> None:
    with recording_server(body=RECORDED) as pdok:
        assert lookup_at(pdok.url + "/bzk/locatieserver/search/v3_1") == "Wijk 10 Assen-Oost"
    request = pdok.requests[0]
    assert urlsplit(request.path).path == "/bzk/locatieserver/search/v3_1/free"
    query = parse_qs(urlsplit(request.path).query)
    assert query["q"] == ["postcode:9405AA AND huisnummer:120"]
    assert query["fq"] == ["type:adres"]


def test_pdok_down_or_strange_means_no_answer() -> None:
    with recording_server(status=503) as pdok:
        assert lookup_at(pdok.url) is None
    with recording_server(body=b"<html>") as pdok:
        assert lookup_at(pdok.url) is None
    with recording_server(body=RECORDED.replace(b'"Assen"', b'"Tynaarlo"')) as pdok:
        assert lookup_at(pdok.url) is None


def test_the_bag_wins_over_the_table_and_the_table_is_the_fallback(
    with_service: WithService,
) -> None:
    async def wijk_of(built: Built) -> str | None:
        return (await built.service.place("s", "9405AA 12")).wijk  # table: Baggelhuizen

    with recording_server(body=RECORDED) as pdok:
        lookup = PdokLocatieserver(httpx.AsyncClient(), pdok.url, "Assen", 2)
        assert with_service(wijk_of, lookup=lookup) == "Assen-Oost"
    with recording_server(status=500) as pdok:
        lookup = PdokLocatieserver(httpx.AsyncClient(), pdok.url, "Assen", 2)
        assert with_service(wijk_of, lookup=lookup) == "Baggelhuizen"


def test_a_street_is_looked_up_in_the_municipality() -> None:
    async def main(url: str, number: int | None) -> str | None:
        async with httpx.AsyncClient() as http:
            return await PdokLocatieserver(http, url, "Assen", 2).wijknaam_of_street(
                "Stationsstraat", number
            )

    with recording_server(body=RECORDED) as pdok:
        assert asyncio.run(main(pdok.url, 14)) == "Wijk 10 Assen-Oost"
        assert asyncio.run(main(pdok.url, None)) == "Wijk 10 Assen-Oost"
    query = parse_qs(urlsplit(pdok.requests[0].path).query)
    assert query["q"] == ["Stationsstraat 14"]
    assert query["fq"] == ["type:adres", "gemeentenaam:Assen"]
    assert parse_qs(urlsplit(pdok.requests[1].path).query)["rows"] == ["20"]
    # A street in more than one wijk, without a number: no answer, the number is asked.
    two = RECORDED.replace(
        b"}\n    ]", b'}, {"gemeentenaam": "Assen", "wijknaam": "Wijk 09 Peelo"}]'
    )
    with recording_server(body=two) as pdok:
        assert asyncio.run(main(pdok.url, None)) is None


def test_a_street_the_bag_knows_leads_to_its_wijk(with_service: WithService) -> None:
    async def place(built: Built) -> tuple[str, str | None]:
        found = await built.service.place("s", "ik woon op de Stationsstraat 14")
        return found.status, found.wijk

    with recording_server(body=RECORDED) as pdok:
        lookup = PdokLocatieserver(httpx.AsyncClient(), pdok.url, "Assen", 2)
        assert with_service(place, lookup=lookup) == ("found", "Assen-Oost")
    with recording_server(status=500) as pdok:
        lookup = PdokLocatieserver(httpx.AsyncClient(), pdok.url, "Assen", 2)
        assert with_service(place, lookup=lookup) == ("unknown", None)
