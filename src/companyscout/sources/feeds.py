"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds read from untrusted bytes, and the feed links of a page.

Pure functions, no network. Feeds come from sites nobody vetted, so the XML is parsed with
``defusedxml``: a document that declares entities (XXE to ``file:///etc/passwd``, billion
laughs) is refused before anything is expanded, and external DTDs are never fetched.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
import lxml.html
from defusedxml import DefusedXmlException
from lxml import etree

from companyscout.errors import ScoutError
from companyscout.extract.dates import parse_date
from companyscout.extract.page import ParsedPage
from companyscout.safe import one_line, safe_url

DEFAULT_ENTRY_LIMIT = 200
# Feeds may carry whole articles; a briefing needs a sentence or two.
SUMMARY_MAX_CHARS = 500
# A full-text feed carries whole articles; a summary needs only their start. Markup can be dense,
# so this much raw HTML is read for one summary (lxml closes what the cut leaves open).
SUMMARY_SOURCE_CHARS = 20 * SUMMARY_MAX_CHARS
# Dates outside this range are typos or placeholders ("0001-01-01"), not publication dates.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"

_XML_DECLARATION = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
# The five entities XML defines; every other named (HTML) entity is undeclared in a feed.
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_ISO_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ]|\s*$)")
_MARKUP_HINT = re.compile(r"<[A-Za-z/!]|&[#A-Za-z]")


class FeedError(ScoutError):
    """The bytes are not a feed scout can read (not XML, refused XML, or not RSS/Atom)."""


@dataclass
class FeedEntry:
    """One item of a feed: plain-text title and summary, absolute http(s) link, ISO date."""

    title: str
    url: str | None
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY as the feed states it, or None
    summary: str | None
    publisher: str | None
    publisher_url: str | None = None  # the home page in an RSS <source url=…> (news aggregators)


def parse_feed(content: bytes, *, base_url: str, limit: int = DEFAULT_ENTRY_LIMIT) -> list[FeedEntry]:
    """Return up to ``limit`` entries of an RSS 2.0, RSS 1.0 or Atom feed, in the feed's order.

    Relative links are resolved against ``xml:base`` and ``base_url``; entries without a
    title are skipped. Raises FeedError when the bytes are not a readable feed.
    """
    root = _parse_xml(content, base_url)
    tag = _local(root.tag)
    if root.tag == ATOM + "feed":
        base = urljoin(base_url, root.get(XML_BASE) or "")
        entries = (_atom_entry(item, base) for item in root.iter(ATOM + "entry"))
    elif tag == "rss":
        # Items belong in <channel>, but some hand-made feeds put them beside it.
        entries = (_rss_entry(item, base_url) for item in root.iter("item"))
    elif root.tag == RDF + "RDF":
        entries = (_rss_entry(item, base_url) for item in root.iter(RSS1 + "item"))
    else:
        raise FeedError(f"{base_url}: the document is XML but not an RSS or Atom feed (<{tag}>)")
    return _first(entries, limit)


def find_feed_links(page: ParsedPage) -> list[str]:
    """Return the absolute http(s) URLs of the RSS/Atom feeds a page advertises, in page order.

    Comment feeds (WordPress adds one per post) are left out: they hold readers' remarks,
    not the organisation's news.
    """
    base = page.url
    for base_element in page.tree.iter("base"):
        if base_element.get("href"):
            base = urljoin(page.url, base_element.get("href", "").strip())
            break
    links: list[str] = []
    for link in page.tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" not in rel or kind not in FEED_TYPES or not href:
            continue
        if "comments" in (link.get("title") or "").lower() or "/comments/" in href.lower():
            continue
        url = safe_url(urljoin(base, href))
        if url and url not in links:
            links.append(url)
    return links


def parse_feed_date(text: str | None) -> str | None:
    """Return the calendar date of an RFC 822 or ISO 8601 timestamp as the feed states it.

    The date is the one in the timestamp's own time zone: a press release dated
    "Mon, 20 Nov 2026 23:30:00 -0800" was published on the 20th where it was written.
    Partial ISO dates keep their precision ("2026-11" stays "2026-11").
    """
    if not text or not text.strip():
        return None
    text = text.strip()
    iso = _ISO_DATE.match(text)
    if iso:
        year, month, day = iso.groups()
        return _checked_date(year, month, day)
    try:
        stamp: datetime = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        # Hand-made feeds write dates as people do ("November 20, 2026", "20. März 2026").
        return parse_date(text)
    return _checked_date(str(stamp.year), f"{stamp.month:02d}", f"{stamp.day:02d}")


# -- parsing ---------------------------------------------------------------------------------


def _parse_xml(content: bytes, base_url: str) -> Element:
    """Return the root element of ``content``, or raise FeedError; entities are never expanded."""
    if not content or not content.strip():
        raise FeedError(f"{base_url}: the feed is empty")
    # Control characters are not allowed in XML 1.0; feeds carry them all the same.
    text = _XML_INVALID.sub("", _decode(content))
    # Hand-written feeds use HTML entities (&eacute;, &nbsp;) that XML does not define.
    text = _NAMED_ENTITY.sub(_numeric_entity, text)
    try:
        root: Element = SafeET.fromstring(text.lstrip(), forbid_dtd=False)
    except DefusedXmlException:
        raise FeedError(f"{base_url}: the feed declares XML entities or external references; refused unread") from None
    except (ParseError, ValueError) as exc:
        raise FeedError(f"{base_url}: the feed is not well-formed XML ({exc})") from None
    return root


def _decode(content: bytes) -> str:
    """Return the feed as text, by BOM, then XML declaration, then UTF-8 (bad bytes replaced).

    expat cannot read multi-byte encodings such as Shift_JIS or GB2312 itself, so every feed
    is decoded here and parsed as text.
    """
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if content.startswith(bom):
            return content[len(bom) :].decode(codec, errors="replace")
    declared = _XML_DECLARATION.match(content.lstrip()[:200])
    codec = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return content.decode(codec, errors="replace")
    except LookupError:  # an encoding Python does not know
        return content.decode("utf-8", errors="replace")


def _numeric_entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group(0)
    char = html.unescape(match.group(0))
    if char == match.group(0):  # not an HTML entity either: leave it for the parser to reject
        return char
    return "".join(f"&#{ord(c)};" for c in char)


def _first(entries: Iterable[FeedEntry | None], limit: int) -> list[FeedEntry]:
    kept: list[FeedEntry] = []
    for entry in entries:
        if len(kept) >= limit:
            break
        if entry is not None:
            kept.append(entry)
    return kept


def _rss_entry(item: Element, base_url: str) -> FeedEntry | None:
    """Return an RSS 2.0 / 0.9x / 1.0 item as a FeedEntry (None without a title)."""
    title = _plain(_child_text(item, "title", RSS1 + "title", DC + "title"))
    summary = _summary(_child_text(item, "description", RSS1 + "description", CONTENT + "encoded"))
    if not title:
        return None
    link = _child_text(item, "link", RSS1 + "link")
    if not link:
        guid = item.find("guid")
        if guid is not None and (guid.get("isPermaLink") or "true").lower() != "false":
            link = guid.text
    if not link:
        link = item.get(RDF + "about")
    source = item.find("source")
    publisher = _plain(source.text if source is not None else _child_text(item, DC + "publisher"))
    publisher_url = _absolute(source.get("url"), base_url) if source is not None else None
    when = parse_feed_date(_child_text(item, "pubDate", DC + "date", ATOM + "published", ATOM + "updated"))
    return FeedEntry(
        title=title,
        url=_absolute(link, base_url),
        date=when,
        summary=summary,
        publisher=publisher,
        publisher_url=publisher_url,
    )


def _atom_entry(entry: Element, feed_base: str) -> FeedEntry | None:
    """Return an Atom entry as a FeedEntry (None without a title)."""
    base = urljoin(feed_base, entry.get(XML_BASE) or "")
    title = _plain(_atom_text(entry.find(ATOM + "title")))
    summary = _summary(_atom_text(entry.find(ATOM + "summary")) or _atom_text(entry.find(ATOM + "content")))
    if not title:
        return None
    link = None
    for candidate in entry.findall(ATOM + "link"):
        if (candidate.get("rel") or "alternate") == "alternate" and candidate.get("href"):
            link = urljoin(base, candidate.get(XML_BASE) or "")
            link = urljoin(link, candidate.get("href", ""))
            break
    source_title = entry.find(f"{ATOM}source/{ATOM}title")
    publisher = _plain(_atom_text(source_title))
    when = parse_feed_date(_child_text(entry, ATOM + "published", ATOM + "updated", DC + "date"))
    return FeedEntry(title=title, url=_absolute(link, base), date=when, summary=summary, publisher=publisher)


def _child_text(element: Element, *tags: str) -> str | None:
    """Return the text of the first of ``tags`` present with text under ``element``."""
    for tag in tags:
        child = element.find(tag)
        if child is not None and child.text and child.text.strip():
            return child.text
    return None


def _atom_text(element: Element | None) -> str | None:
    """Return an Atom text construct as markup-bearing text (``type="xhtml"`` flattened)."""
    if element is None:
        return None
    if element.get("type") == "xhtml":
        return " ".join("".join(element.itertext()).split()) or None
    return element.text


def _absolute(link: str | None, base: str) -> str | None:
    if not link or not link.strip():
        return None
    return safe_url(urljoin(base, link.strip()))


# -- text ------------------------------------------------------------------------------------


def _plain(text: str | None) -> str | None:
    """Return feed text as one line of plain text: markup and entities removed, controls dropped."""
    if text is None:
        return None
    if _MARKUP_HINT.search(text):
        text = _strip_markup(text)
    text = one_line(unicodedata.normalize("NFC", text))
    return text or None


def _strip_markup(text: str) -> str:
    """Return the visible text of an HTML fragment (scripts and styles dropped)."""
    try:
        fragment = lxml.html.fragment_fromstring(text, create_parent="div")
    except (etree.ParserError, ValueError):
        return html.unescape(text)
    for unwanted in fragment.xpath(".//script|.//style|.//noscript"):
        unwanted.drop_tree()
    # Block elements end words: "<p>One</p><p>Two</p>" reads "One Two", not "OneTwo".
    for block in fragment.xpath(".//p|.//br|.//div|.//li|.//h1|.//h2|.//h3|.//h4|.//tr"):
        block.tail = " " + (block.tail or "")
    return str(fragment.text_content())


def _summary(text: str | None) -> str | None:
    """Return a plain-text summary cut at a word boundary to SUMMARY_MAX_CHARS."""
    plain = _plain(text[:SUMMARY_SOURCE_CHARS] if text else text)
    if plain is None or len(plain) <= SUMMARY_MAX_CHARS:
        return plain
    cut = plain[:SUMMARY_MAX_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def _checked_date(year: str, month: str | None, day: str | None) -> str | None:
    """Return YYYY[-MM[-DD]] when it is a real calendar date in a plausible range, else None."""
    if not EARLIEST_YEAR <= int(year) <= LATEST_YEAR:
        return None
    try:
        if day:
            return date(int(year), int(month or 0), int(day)).isoformat()
        if month:
            return f"{year}-{month}" if 1 <= int(month) <= 12 else None
    except ValueError:
        return None
    return year


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
