"""A fetched page parsed once; every extractor reads the same tree."""

from __future__ import annotations

import functools
import html as html_lib
import re
import threading
import unicodedata
import weakref
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree


@dataclass
class _TreeFacts:
    """What extractors have worked out about one page's tree: several ask the same questions."""

    # Element -> whether it or one of its ancestors is page furniture.
    in_furniture: dict[lxml.html.HtmlElement, bool] = field(default_factory=dict)
    # (root, skip_furniture) -> the text lines under root.
    lines: dict[tuple[lxml.html.HtmlElement, bool], list[TextLine]] = field(default_factory=dict)
    main: lxml.html.HtmlElement | None = None


@dataclass
class ParsedPage:
    """One page of the site: its URL, its role in the plan and its parsed HTML tree."""

    url: str
    role: str
    html: str
    tree: lxml.html.HtmlElement
    warnings: list[str] = field(default_factory=list)
    # Kept with the page, and gone with it. The facts hold the elements they speak of, so lxml
    # keeps giving the same Python objects for those elements while the page lives.
    _facts: _TreeFacts = field(default_factory=_TreeFacts, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _PAGES[id(self.tree)] = self


# The live pages by their tree's root, for the functions that are handed an element of a page.
_PAGES: weakref.WeakValueDictionary[int, ParsedPage] = weakref.WeakValueDictionary()


def _facts(el: lxml.html.HtmlElement) -> _TreeFacts:
    """Return the facts of the page ``el`` belongs to (fresh ones for a tree of no page)."""
    root = el.getroottree().getroot()
    page = _PAGES.get(id(root))
    return page._facts if page is not None and page.tree is root else _TreeFacts()


def _empty_tree() -> lxml.html.HtmlElement:
    return lxml.html.fromstring("<html><body></body></html>")


_parsers = threading.local()


def _html_parser() -> lxml.html.HTMLParser:
    """Return this thread's HTML parser (lxml parsers are not shared between threads).

    Its elements are lxml.html's, chosen by kind of node alone: lxml.html's own lookup calls
    back into Python for every element to find the special classes of form fields, which no
    extractor uses, and that callback is a good part of walking a tree.
    """
    parser: lxml.html.HTMLParser | None = getattr(_parsers, "parser", None)
    if parser is None:
        parser = lxml.html.HTMLParser()
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=lxml.html.HtmlElement,
                comment=lxml.html.HtmlComment,
                pi=lxml.html.HtmlProcessingInstruction,
                entity=lxml.html.HtmlEntity,
            )
        )
        _parsers.parser = parser
    return parser


def parse_page(url: str, html: str, role: str = "other") -> ParsedPage:
    """Parse ``html`` once into a tree shared by every extractor; broken markup never raises."""
    warnings: list[str] = []
    text = html.replace("\x00", "")
    try:
        tree = lxml.html.document_fromstring(text, parser=_html_parser()) if text.strip() else _empty_tree()
    except (etree.ParserError, ValueError) as exc:
        warnings.append(f"{url}: the page could not be parsed ({exc}); skipped")
        tree = _empty_tree()
    return ParsedPage(url=url, role=role, html=text, tree=tree, warnings=warnings)


# --- text of a tree, as a reader sees it -------------------------------------------------

# Elements whose text a reader never sees.
INVISIBLE_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "head",
        "iframe",
        "object",
        "button",
        "select",
        "option",
        "textarea",
        "form",
    }
)
# Elements that start a new line of text.
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
        "html",
    }
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
EMPHASIS_TAGS = frozenset({"b", "strong", "em", "i", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "th"})
# Page furniture: navigation, headers and footers repeat on every page and hold no facts.
FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside"})

# Ids and classes of a page footer written as a plain division.
FOOTER_NAMES = re.compile(
    r"^(?:(?:site|page|main|global)[-_])?footer(?:[-_](?:area|wrapper|container|main))?$|^colophon$", re.IGNORECASE
)

# Soft hyphens, zero-width spaces and joiners, word joiners and BOMs: invisible, and they split words.
_INVISIBLE_CHARS = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def clean_text(text: str | None) -> str:
    """Return ``text`` as one line of plain text: entities decoded, invisible characters dropped,
    whitespace collapsed, Unicode composed (NFC)."""
    if not text:
        return ""
    if "&" in text:
        text = html_lib.unescape(text)  # also a literal "&gt;" left in the source by careless templates
    # Most text on most pages is ASCII, which holds no invisible character and is already NFC.
    if text.isascii():
        return " ".join(text.split())
    if _INVISIBLE_CHARS.search(text):
        text = _INVISIBLE_CHARS.sub("", text)
    return unicodedata.normalize("NFC", " ".join(text.split()))


@dataclass
class TextLine:
    """One visual line of a page: its text, the block element it belongs to, and its look."""

    text: str
    block: lxml.html.HtmlElement
    heading: int  # 1–6 for h1–h6, 0 otherwise
    emphasised: bool  # the whole line is bold, italic or a heading
    links: list[str]  # hrefs of the links in the line


def _tag(el: etree._Element) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _is_page_furniture(el: lxml.html.HtmlElement) -> bool:
    """Return True when ``el`` itself is navigation, a page header/footer or an aside."""
    tag = _tag(el)
    if tag in FURNITURE_TAGS:
        # A <header> inside an article or section is that item's own title block.
        return not (tag == "header" and any(_tag(a) in {"article", "main", "section"} for a in el.iterancestors()))
    if (el.get("role") or "").lower() in {"navigation", "banner", "contentinfo"}:
        return True
    # Footers built of plain divisions: <div class="site-footer">, <div id="colophon">.
    return tag in {"div", "section"} and any(
        FOOTER_NAMES.match(name) for name in f"{el.get('id') or ''} {el.get('class') or ''}".split()
    )


def is_furniture(el: lxml.html.HtmlElement) -> bool:
    """Return True when ``el`` sits inside navigation, a page header/footer or an aside."""
    parent = el.getparent()
    if parent is None:
        return False
    known = _facts(el).in_furniture
    # Climb to the nearest ancestor already decided, then decide the ones below it on the way
    # down: the links and headings of a page share most of their ancestors.
    unknown: list[lxml.html.HtmlElement] = []
    node: lxml.html.HtmlElement | None = parent
    inside = False
    while node is not None:
        decided = known.get(node)
        if decided is not None:
            inside = decided
            break
        unknown.append(node)
        node = node.getparent()
    for node in reversed(unknown):
        inside = inside or _is_page_furniture(node)
        known[node] = inside
    return inside


class _LineWriter:
    """Collects the text of one walk of a tree into lines."""

    def __init__(self, root: lxml.html.HtmlElement, skip_furniture: bool) -> None:
        self.root = root
        self.skip_furniture = skip_furniture
        self.lines: list[TextLine] = []
        self.parts: list[str] = []
        self.emphasis: list[bool] = []
        self.links: list[str] = []
        self.block = root
        self.heading = 0

    def flush(self) -> None:
        text = clean_text("".join(self.parts))
        if text:
            emphasised = bool(self.emphasis) and all(self.emphasis)
            self.lines.append(TextLine(text, self.block, self.heading, emphasised, list(self.links)))
        self.parts.clear()
        self.emphasis.clear()
        self.links.clear()

    def add(self, text: str | None, emphasised: bool) -> None:
        if not text:
            return
        self.parts.append(text)
        if text.strip():
            self.emphasis.append(emphasised)

    def walk(self, el: lxml.html.HtmlElement, emphasised: bool, heading: int) -> None:
        """Write ``el``'s text; ``emphasised`` and ``heading`` are its parent's look."""
        tag = _tag(el)
        hidden = not tag or tag in INVISIBLE_TAGS
        if hidden or (self.skip_furniture and el is not self.root and _is_page_furniture(el)):
            self.add(el.tail, emphasised)
            return
        block = tag in BLOCK_TAGS
        inner_emphasis = emphasised or tag in EMPHASIS_TAGS
        inner_heading = int(tag[1]) if tag in HEADING_TAGS else heading
        if block:
            self.flush()
            if tag != "br":
                self.block, self.heading = el, inner_heading
        if tag == "a" and el.get("href"):
            self.links.append(el.get("href", ""))
        self.add(el.text, inner_emphasis)
        for child in el:
            self.walk(child, inner_emphasis, inner_heading)
        if block:
            self.flush()
            parent = el.getparent()
            self.block, self.heading = (parent if parent is not None else self.root), heading
        self.add(el.tail, emphasised)


def text_lines(root: lxml.html.HtmlElement, *, skip_furniture: bool = True) -> list[TextLine]:
    """Return the visible text of ``root`` cut into lines at block elements and ``<br>``."""
    known = _facts(root).lines
    lines = known.get((root, skip_furniture))
    if lines is None:
        writer = _LineWriter(root, skip_furniture)
        writer.walk(root, False, 0)
        writer.flush()
        lines = known.setdefault((root, skip_furniture), writer.lines)
    return list(lines)  # the caller's own list: the one kept here stays as the tree is


# A link that starts at the root of a site ("/about/") or names its host ("https://…", "//…")
# resolves the same against every page of that site, and menus repeat such links on every
# page: each is resolved once per site. A link with a tab or line break is left out (URL
# parsing drops them, which could make "/\t/" a bare "//", resolved against the page's path).
_SITE_WIDE_LINK = re.compile(r"/(?!/)|(?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^/?#]")
_DROPPED_FROM_URLS = re.compile("[\t\r\n]")


def resolve_link(base_url: str, href: str) -> str:
    """Return ``href`` made absolute against ``base_url`` (as ``urllib.parse.urljoin`` does)."""
    if _SITE_WIDE_LINK.match(href) and not _DROPPED_FROM_URLS.search(href):
        base = urlsplit(base_url)
        if base.scheme and base.netloc:
            base_url = f"{base.scheme}://{base.netloc}/"
    return _join(base_url, href)


@functools.lru_cache(maxsize=4096)
def _join(base_url: str, href: str) -> str:
    return urljoin(base_url, href)


def declared_language(page: ParsedPage) -> str | None:
    """Return the language tag the page declares, lower-case (``en-gb`` from ``<html lang="en-GB">``)."""
    lang = page.tree.get("lang") or page.tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    return lang.strip().lower() or None if lang else None


def main_content(page: ParsedPage) -> lxml.html.HtmlElement:
    """Return the element that holds the page's own content (``<main>``, else ``<body>``)."""
    facts = page._facts
    if facts.main is None:
        facts.main = _find_main_content(page.tree)
    return facts.main


def _find_main_content(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    body = tree.find(".//body")
    for xpath in ("//main", "//*[@role='main']"):
        found = tree.xpath(xpath)
        if len(found) == 1:
            return found[0]
    return body if body is not None else tree
