"""The article links of a feed document: RSS or Atom (read by feedparser), or a sitemap (Google News ones too)."""

from __future__ import annotations

import xml.sax

import feedparser
import lxml.etree

from index.input_errors import NotAnArticle

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
    "application/x-rss+xml",
)
_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class NotAFeed(NotAnArticle):
    """The document is not an RSS, Atom or sitemap feed (an HTML page, malformed XML)."""


def entry_links(document: str, url: str) -> list[str]:
    """The links of a feed's entries, in the feed's order.

    Raises:
        NotAFeed: naming what the document is instead.

    """
    root = _xml_root(document)
    if root is not None and root.tag == f"{_SITEMAP}urlset":
        return [loc.text.strip() for loc in root.iter(f"{_SITEMAP}loc") if loc.text and loc.text.strip()]
    if root is not None and root.tag == f"{_SITEMAP}sitemapindex":
        raise NotAFeed(f"{url} is a sitemap index; add the sitemaps it lists instead")
    parsed = feedparser.parse(document)
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and isinstance(problem, xml.sax.SAXException):  # feedparser reads on past broken XML
        raise NotAFeed(f"{url} is malformed XML ({problem})")
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception")
        raise NotAFeed(f"{url} is not an RSS, Atom or sitemap feed" + (f" ({reason})" if reason else ""))
    return [str(entry.get("link")) for entry in parsed.entries if entry.get("link")]


def _xml_root(document: str) -> lxml.etree._Element | None:
    """The root element of an XML document, or None when it does not parse as XML."""
    try:
        parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        return lxml.etree.fromstring(document.encode("utf-8"), parser=parser)
    except (lxml.etree.XMLSyntaxError, ValueError):
        return None


__all__ = ["FEED_TYPES", "NotAFeed", "entry_links"]
