"""Fetching web pages for the corpus without letting a URL reach inside the network.

A URL given to /add (and, later, a feed's links) is chosen by somebody else: it may
name a loopback, private, link-local or cloud-metadata address directly, in a
disguise such as ``http://2130706433/``, through a DNS name, or through a redirect.
So every hop is resolved first, every address it resolves to must be public, and
the connection goes to the address that was checked (the URL's host travels in
the Host header and TLS's SNI), so that a second DNS answer cannot swap it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import certifi
import httpx
from w3lib.encoding import html_to_unicode

from index.input_errors import NotAnArticle, TooLarge, Unreachable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Awaitable[list[IPAddress]]]
_SCHEMES = {"http": 80, "https": 443}


class FetchError(Unreachable):
    """A page could not be fetched; the message says why, for the person who asked for it."""


class ForbiddenAddressError(FetchError):
    """The URL, or a redirect it led to, points inside the network."""


class PageTooLarge(FetchError, TooLarge):
    """The page is over the size limit."""


class NotAPage(FetchError, NotAnArticle):
    """The URL serves something other than the kind of page asked for (a PDF, an image)."""


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch.

    ``allowed_networks`` are internal networks that may be fetched all the same:
    only for tests and deliberate deployments (``NEGOBOT_FETCH_ALLOWED_NETWORKS``).
    """

    max_bytes: int
    accepted_types: tuple[str, ...] = ("text/html", "application/xhtml+xml")
    kind_name: str = "an HTML page"  # what the accepted types are, in an error message
    allowed_networks: tuple[IPNetwork, ...] = ()
    timeout_seconds: float = 20.0  # per read
    deadline_seconds: float = 60.0  # for the whole fetch, redirects included
    max_redirects: int = 5


@dataclass(frozen=True)
class FetchedPage:
    """A fetched page, decoded, and the URL it was finally served from.

    ``etag`` and ``last_modified`` are the server's validators for the next conditional
    fetch; ``not_modified`` says the server answered 304 to one (``text`` is then "").
    """

    url: str
    content_type: str
    text: str
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False


def parse_networks(values: Sequence[str]) -> tuple[IPNetwork, ...]:
    """Networks from strings such as "127.0.0.2/32"; a ValueError names a malformed one."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError as error:
            raise ValueError(f"not an IP network: {value!r} ({error})") from None
    return tuple(networks)


def is_public(address: IPAddress) -> bool:
    """Whether an address is on the public internet: not loopback, private, link-local, multicast or reserved."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


async def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the system resolver gives for ``host``."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


async def fetch_page(
    url: str, policy: FetchPolicy, resolver: Resolver = resolve, *, etag: str = "", last_modified: str = ""
) -> FetchedPage:
    """Fetch one page of an accepted type and at most ``policy.max_bytes``, following redirects safely.

    Given the validators of an earlier fetch, the request is conditional: a page the server
    says is unchanged comes back with ``not_modified`` and no body.

    Raises:
        ForbiddenAddressError: the URL or a redirect leads to an internal address.
        FetchError: any other reason the page cannot be had (scheme, size, type, network).

    """
    try:
        async with asyncio.timeout(policy.deadline_seconds):
            return await _fetch(url, policy, resolver, _conditions(etag, last_modified))
    except TimeoutError as error:
        raise FetchError(f"could not fetch {url}: no complete page within {policy.deadline_seconds:.0f} s") from error


@lru_cache(maxsize=1)
def _tls_context() -> ssl.SSLContext:
    """The certificate authorities httpx trusts (certifi's), loaded once: loading them took 28 ms a fetch."""
    return ssl.create_default_context(cafile=certifi.where())


def _conditions(etag: str, last_modified: str) -> dict[str, str]:
    """The headers of a conditional GET."""
    headers = {"If-None-Match": etag} if etag else {}
    return headers | ({"If-Modified-Since": last_modified} if last_modified else {})


async def _fetch(url: str, policy: FetchPolicy, resolver: Resolver, conditions: dict[str, str]) -> FetchedPage:
    # trust_env=False: a proxy from the environment would connect on our behalf, unchecked.
    client = httpx.AsyncClient(
        timeout=policy.timeout_seconds, follow_redirects=False, trust_env=False, verify=_tls_context()
    )
    async with client:
        target = _parse(url)
        for _ in range(policy.max_redirects + 1):
            address = await _checked_address(target, policy, resolver)
            request = _pinned_request(client, target, address, conditions)
            try:
                response = await client.send(request, stream=True)
            except httpx.HTTPError as error:
                raise FetchError(f"could not fetch {target}: {str(error) or type(error).__name__}") from error
            try:
                if response.status_code == httpx.codes.NOT_MODIFIED and conditions:
                    return FetchedPage(str(target), "", "", *_validators(response), not_modified=True)
                if response.is_redirect:
                    target = _parse(str(target.join(response.headers["location"])))
                    continue
                return await _read_page(response, target, policy)
            finally:
                await response.aclose()
    raise FetchError(f"could not fetch {url}: more than {policy.max_redirects} redirects")


def _parse(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise FetchError(f"not a valid URL: {url} ({error})") from error
    if parsed.scheme not in _SCHEMES:
        raise FetchError(f"only http and https URLs can be fetched, not {parsed.scheme or 'this'}: {url}")
    if not parsed.host:
        raise FetchError(f"the URL has no host: {url}")
    return parsed


async def _checked_address(target: httpx.URL, policy: FetchPolicy, resolver: Resolver) -> IPAddress:
    """The address to connect to, once every address of the host is known to be allowed."""
    port = target.port or _SCHEMES[target.scheme]
    try:
        addresses = await resolver(target.host, port)
    except (OSError, ValueError) as error:
        raise FetchError(f"could not fetch {target}: the host {target.host} cannot be resolved ({error})") from error
    if not addresses:
        raise FetchError(f"could not fetch {target}: the host {target.host} has no address")
    for address in addresses:
        if not is_public(address) and not any(address in network for network in policy.allowed_networks):
            raise ForbiddenAddressError(
                f"refused to fetch {target}: {target.host} is the internal address {address}, not a public one"
                if str(address) == target.host.strip("[]")
                else f"refused to fetch {target}: {target.host} resolves to the internal address {address}"
            )
    return addresses[0]


def _pinned_request(
    client: httpx.AsyncClient, target: httpx.URL, address: IPAddress, headers: dict[str, str] | None = None
) -> httpx.Request:
    """A GET to ``address`` itself, carrying the URL's host for HTTP (Host) and TLS (SNI and certificate)."""
    host = f"[{address}]" if address.version == 6 else str(address)
    host_header = target.host if target.port is None else f"{target.host}:{target.port}"
    return client.build_request(
        "GET",
        target.copy_with(host=host),
        headers={"Host": host_header, **(headers or {})},
        extensions={"sni_hostname": target.host},
    )


async def _read_page(response: httpx.Response, target: httpx.URL, policy: FetchPolicy) -> FetchedPage:
    """The body, decoded as browsers do, refused as soon as it is known to be too large or of the wrong type."""
    if response.is_error:
        raise FetchError(f"could not fetch {target}: the server answered {response.status_code}")
    kind = response.headers.get("content-type", policy.accepted_types[0]).split(";")[0].strip().lower()
    if kind not in policy.accepted_types:
        raise NotAPage(f"{target} is {kind}, not {policy.kind_name}")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise PageTooLarge(f"the page is {int(declared):,} bytes; the limit is {policy.max_bytes:,}")
    body = bytearray()
    try:
        async for piece in response.aiter_bytes():
            body += piece
            if len(body) > policy.max_bytes:
                raise PageTooLarge(f"the page is over {policy.max_bytes:,} bytes, the limit")
    except httpx.HTTPError as error:
        raise FetchError(f"could not fetch {target}: {str(error) or type(error).__name__}") from error
    _, text = html_to_unicode(response.headers.get("content-type"), bytes(body))
    return FetchedPage(str(target), kind, text, *_validators(response))


def _validators(response: httpx.Response) -> tuple[str, str]:
    """The ETag and Last-Modified a server sent, for the next conditional fetch."""
    return response.headers.get("etag", ""), response.headers.get("last-modified", "")
