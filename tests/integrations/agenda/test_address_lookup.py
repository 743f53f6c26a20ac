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
