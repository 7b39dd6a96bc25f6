"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds read from untrusted bytes, and the feed links of a page.

Pure functions, no network. Feeds come from sites nobody vetted, so the XML is parsed with
``defusedxml``: a document that declares entities (XXE to ``file:///etc/passwd``, billion
laughs) is refused before anything is expanded, and external DTDs are never fetched.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

import defusedxml.ElementTree as SafeET
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
# A named entity other than those five: feeds are full of &lt; and &gt;, which pass untouched.
_ENTITY_NAME_MAX_CHARS = 32
_HTML_ENTITY = re.compile(
    rf"&(?!(?:{'|'.join(sorted(_XML_ENTITIES))});)[A-Za-z][A-Za-z0-9]{{1,{_ENTITY_NAME_MAX_CHARS - 1}}};"
)
_LONGEST_ENTITY = len("&;") + _ENTITY_NAME_MAX_CHARS
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


def parse_feed(
    content: bytes,
    *,
    base_url: str,
    limit: int = DEFAULT_ENTRY_LIMIT,
    wanted: Callable[[str | None], bool] | None = None,
) -> list[FeedEntry]:
    """Return up to ``limit`` entries of an RSS 2.0, RSS 1.0 or Atom feed, in the feed's order.

    Relative links are resolved against ``xml:base`` and ``base_url``; entries without a
    title are skipped. ``wanted`` (a test of an entry's link) leaves out the entries it refuses;
    they still count toward ``limit``, and their summaries are never made. The document is read
    only as far as the entries asked for: what follows them is never parsed. Raises FeedError
    when the bytes are not a readable feed.
    """
    tree = _FeedTree()
    kept: list[FeedEntry] = []
    counted = 0
    for item in _read_items(content, base_url, tree):
        if counted >= limit:
            break
        read = _atom_entry(item, tree.base(base_url)) if tree.is_atom() else _rss_entry(item, base_url)
        if read is None:
            continue
        counted += 1
        entry, description = read
        if wanted is None or wanted(entry.url):
            entry.summary = _summary(description)
            kept.append(entry)
    if tree.item_tag is None:
        tag = _local(tree.root.tag) if tree.root is not None else ""
        raise FeedError(f"{base_url}: the document is XML but not an RSS or Atom feed (<{tag}>)")
    return kept


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


# Characters of the document handed to the parser at a time: a long feed is read only as far
# as the entries asked for, and a few of them fit in one piece.
_PARSE_CHUNK_CHARS = 16_384


def _item_tag(root_tag: str) -> str | None:
    """Return the tag of the entries of a feed whose root element is ``root_tag`` (None: no feed)."""
    if root_tag == ATOM + "feed":
        return ATOM + "entry"
    if root_tag == RDF + "RDF":
        return RSS1 + "item"
    # Items belong in <channel>, but some hand-made feeds put them beside it.
    return "item" if _local(root_tag) == "rss" else None


class _FeedTree(TreeBuilder):
    """Builds a feed's tree and notes its entries, in document order, as the parser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.root: Element | None = None
        self.item_tag: str | None = None
        self.opened: list[Element] = []  # entries in document order, complete or not yet
        self.closed: set[Element] = set()  # entries whose end tag has been read

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = super().start(tag, attrs)
        if self.root is None:
            self.root, self.item_tag = element, _item_tag(tag)
        elif tag == self.item_tag:
            self.opened.append(element)
        return element

    def end(self, tag: str) -> Element:
        element = super().end(tag)
        if tag == self.item_tag:
            self.closed.add(element)
        return element

    def is_atom(self) -> bool:
        return self.item_tag == ATOM + "entry"

    def base(self, base_url: str) -> str:
        """Return the URL the feed's links are relative to (its root's ``xml:base``)."""
        return urljoin(base_url, self.root.get(XML_BASE) or "") if self.root is not None else base_url


def _read_items(content: bytes, base_url: str, tree: _FeedTree) -> Iterator[Element]:
    """Yield the entries of ``content`` in document order, each once it is complete, parsing
    only as far as the caller reads; raises FeedError. Entities are never expanded."""
    if not content or not content.strip():
        raise FeedError(f"{base_url}: the feed is empty")
    # defusedxml's parser refuses entity declarations and external references as it meets
    # them; they can only come in the prolog, which is read before any entry.
    parser = SafeET.XMLParser(target=tree, forbid_dtd=False)
    given = 0
    started = False
    for piece in _xml_pieces(_decode(content)):
        if not started:
            piece = piece.lstrip()  # an XML declaration must open the document
            started = bool(piece)
        _parse_piece(parser, piece, base_url)
        while given < len(tree.opened) and tree.opened[given] in tree.closed:
            yield tree.opened[given]
            given += 1
    _parse_piece(parser, None, base_url)
    yield from tree.opened[given:]


def _xml_pieces(text: str) -> Iterator[str]:
    """Yield ``text`` in pieces of about _PARSE_CHUNK_CHARS made readable to an XML parser.

    Only the pieces parsed are cleaned, and none ends inside an entity: the start of one cut
    off at the end of a piece is held over to the next.
    """
    held = ""
    for start in range(0, len(text), _PARSE_CHUNK_CHARS):
        # Control characters are not allowed in XML 1.0; feeds carry them all the same.
        piece = held + _XML_INVALID.sub("", text[start : start + _PARSE_CHUNK_CHARS])
        held = ""
        cut = piece.rfind("&", max(0, len(piece) - _LONGEST_ENTITY + 1))
        if cut != -1 and ";" not in piece[cut:]:
            piece, held = piece[:cut], piece[cut:]
        # Hand-written feeds use HTML entities (&eacute;, &nbsp;) that XML does not define.
        yield _HTML_ENTITY.sub(_numeric_entity, piece)
    if held:
        yield held


def _parse_piece(parser: SafeET.XMLParser, text: str | None, base_url: str) -> None:
    """Hand ``text`` to ``parser`` (None: the document ends), or raise FeedError."""
    try:
        if text is None:
            parser.close()
        else:
            parser.feed(text)
    except DefusedXmlException:
        raise FeedError(f"{base_url}: the feed declares XML entities or external references; refused unread") from None
    except (ParseError, ValueError) as exc:
        raise FeedError(f"{base_url}: the feed is not well-formed XML ({exc})") from None


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
    char = html.unescape(match.group(0))
    if char == match.group(0):  # not an HTML entity either: leave it for the parser to reject
        return char
    return "".join(f"&#{ord(c)};" for c in char)


def _rss_entry(item: Element, base_url: str) -> tuple[FeedEntry, str | None] | None:
    """Return an RSS 2.0 / 0.9x / 1.0 item as a FeedEntry without its summary, and the markup the
    summary is made from (None without a title)."""
    title = _plain(_child_text(item, "title", RSS1 + "title", DC + "title"))
    description = _child_text(item, "description", RSS1 + "description", CONTENT + "encoded")
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
    entry = FeedEntry(
        title=title,
        url=_absolute(link, base_url),
        date=when,
        summary=None,
        publisher=publisher,
        publisher_url=publisher_url,
    )
    return entry, description


def _atom_entry(entry: Element, feed_base: str) -> tuple[FeedEntry, str | None] | None:
    """Return an Atom entry as a FeedEntry without its summary, and the markup the summary is
    made from (None without a title)."""
    base = urljoin(feed_base, entry.get(XML_BASE) or "")
    title = _plain(_atom_text(entry.find(ATOM + "title")))
    description = _atom_text(entry.find(ATOM + "summary")) or _atom_text(entry.find(ATOM + "content"))
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
    read = FeedEntry(title=title, url=_absolute(link, base), date=when, summary=None, publisher=publisher)
    return read, description


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


# A fragment is parsed inside a body of its own; a whole document brings its own.
_WHOLE_DOCUMENT = re.compile(r"\s*<(?:html|!doctype)", re.IGNORECASE)
_UNSEEN_TAGS = ("script", "style", "noscript")
# Block elements end words: "<p>One</p><p>Two</p>" reads "One Two", not "OneTwo".
_WORD_ENDING_TAGS = ("p", "br", "div", "li", "h1", "h2", "h3", "h4", "tr")


def _strip_markup(text: str) -> str:
    """Return the visible text of an HTML fragment (scripts and styles dropped)."""
    markup = text if _WHOLE_DOCUMENT.match(text) else f"<html><body>{text}</body></html>"
    try:
        # A plain lxml tree: only its text is wanted, which lxml.html's element classes slow down.
        document = etree.HTML(markup)
    except (etree.ParserError, ValueError):
        document = None
    if document is None:  # nothing lxml could read as HTML: the text as written
        return html.unescape(text)
    body = document.find("body")
    if body is None:  # a document of a head alone
        return ""
    etree.strip_elements(body, *_UNSEEN_TAGS, with_tail=False)
    for block in body.iter(*_WORD_ENDING_TAGS):
        block.tail = " " + (block.tail or "")
    return etree.tostring(body, method="text", encoding="unicode", with_tail=False)


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
