"""Fetching a page for the corpus never reaches an internal address, in any disguise or through a redirect."""

from __future__ import annotations

import contextlib
import ipaddress
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from index.web_fetch import FetchError, FetchPolicy, ForbiddenAddressError, IPAddress, fetch_page, parse_networks
from tests.helpers.web_server import web_server

ALLOWED_HOST = "127.0.0.2"  # the "public" test server: allowed explicitly, as NEGOBOT_FETCH_ALLOWED_NETWORKS does
PAGE = "<html><head><title>Talks</title></head><body><p>Sherman met Ryabkov.</p></body></html>"
SECRET = "<html><body><p>internal secret</p></body></html>"


@contextlib.asynccontextmanager
async def server(host: str, routes: dict[str, str]) -> AsyncIterator[tuple[str, list[web.Request]]]:
    """A local web server answering each path with a page, or a redirect for "-> LOCATION"; yields (URL, requests)."""
    seen: list[web.Request] = []

    async def handle(request: web.Request) -> web.StreamResponse:
        seen.append(request)
        answer = routes[request.path]
        if answer.startswith("-> "):
            raise web.HTTPFound(answer.removeprefix("-> "))
        return web.Response(text=answer, content_type="text/html")

    async with web_server(dict.fromkeys(routes, handle), host) as base:
        yield base, seen


def policy(**overrides: object) -> FetchPolicy:
    settings: dict[str, object] = {"max_bytes": 100_000, "allowed_networks": parse_networks([f"{ALLOWED_HOST}/32"])}
    return FetchPolicy(**(settings | overrides))  # type: ignore[arg-type]


async def test_an_allowed_page_is_fetched_and_cited_by_its_final_url():
    async with server(ALLOWED_HOST, {"/old": "-> /talks", "/talks": PAGE}) as (base, _):
        page = await fetch_page(f"{base}/old", policy())
    assert "Ryabkov" in page.text and page.url == f"{base}/talks"


@pytest.mark.parametrize("spelling", ["127.0.0.1", "2130706433", "0x7f.0.0.1", "localhost", "[::1]"])
async def test_loopback_is_refused_however_it_is_written(spelling: str):
    async with server("127.0.0.1", {"/secret": SECRET}) as (base, seen):
        port = base.rsplit(":", 1)[1]
        with pytest.raises(ForbiddenAddressError, match="internal address"):
            await fetch_page(f"http://{spelling}:{port}/secret", policy())
    assert seen == []


@pytest.mark.parametrize(
    "url", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://192.168.1.1/", "http://[fd00::1]/"]
)
async def test_private_link_local_and_metadata_addresses_are_refused_before_connecting(url: str):
    with pytest.raises(ForbiddenAddressError, match="internal address"):
        await fetch_page(url, policy(deadline_seconds=2.0))


async def test_a_redirect_to_an_internal_address_is_refused():
    async with server("127.0.0.1", {"/secret": SECRET}) as (inside, seen):
        redirect = {"/moved": f"-> {inside}/secret"}
        async with server(ALLOWED_HOST, redirect) as (outside, _):
            with pytest.raises(ForbiddenAddressError, match=r"internal address 127\.0\.0\.1"):
                await fetch_page(f"{outside}/moved", policy())
    assert seen == []


async def test_a_name_resolving_to_an_internal_address_is_refused():
    async def resolver(host: str, port: int) -> list[IPAddress]:
        return [ipaddress.ip_address("93.184.216.34"), ipaddress.ip_address("127.0.0.1")]

    with pytest.raises(ForbiddenAddressError, match=r"news\.example resolves to the internal address 127\.0\.0\.1"):
        await fetch_page("http://news.example/", policy(), resolver)


async def test_the_connection_goes_to_the_checked_address_with_the_name_kept():
    async def resolver(host: str, port: int) -> list[IPAddress]:
        assert host == "news.example"
        return [ipaddress.ip_address(ALLOWED_HOST)]

    async with server(ALLOWED_HOST, {"/talks": PAGE}) as (base, seen):
        port = base.rsplit(":", 1)[1]
        page = await fetch_page(f"http://news.example:{port}/talks", policy(), resolver)
    assert page.url == f"http://news.example:{port}/talks"
    assert [request.headers["Host"] for request in seen] == [f"news.example:{port}"]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a.html", "gopher://example.com/"])
async def test_only_http_and_https_are_fetched(url: str):
    with pytest.raises(FetchError, match="only http and https"):
        await fetch_page(url, policy())


async def test_redirect_loops_end_with_a_clear_error():
    async with server(ALLOWED_HOST, {"/a": "-> /b", "/b": "-> /a"}) as (base, _):
        with pytest.raises(FetchError, match="more than 2 redirects"):
            await fetch_page(f"{base}/a", policy(max_redirects=2))


def test_a_malformed_allowed_network_is_named():
    with pytest.raises(ValueError, match="not an IP network: 'ten'"):
        parse_networks(["ten"])
