"""Visible text of a parsed page as blocks and headed sections, shared by every extractor.

A page is walked once: ``page_text(page)`` returns its visible text blocks (headings,
paragraphs, list items, cells, bare text in containers) in reading order, each with the
region it sits in (navigation, header, footer, sidebar, a notice such as a cookie banner or a
newsletter sign-up, or main content). The result is kept for as long as the page's tree
lives, so several extractors pay for one walk.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml import etree

from companyscout.extract.page import BLOCK_TAGS, INVISIBLE_TAGS, ParsedPage, clean_text

# Elements whose content is never shown as text: the page module's list, and media and metadata.
# A <form> is shown here: some frameworks wrap a whole page in one.
_MEDIA_TAGS = frozenset("math embed canvas video audio title meta link img picture source input".split())
_INVISIBLE = (INVISIBLE_TAGS - {"form"}) | _MEDIA_TAGS
# Elements that start a new block of text; everything else is inline and joins its block.
_BLOCK_TAGS = BLOCK_TAGS | {"center", "dialog", "fieldset", "form", "hgroup", "menu", "tfoot"}
_HEADING_LEVEL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# A short block written wholly in bold reads as a heading below every real one.
PSEUDO_HEADING_LEVEL = 7
_PSEUDO_HEADING_MAX_WORDS = 8
_BOLD = frozenset({"strong", "b"})
# A block whose own class calls it a title ("card-title", "elementor-image-box-title"): page
# builders often title cards with a <p> or <div> rather than a heading.
_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|heading|headline)(?:$|[\s_])", re.I)
# Elements that title what follows them; a button inside one is an accordion's toggle, whose
# text is the title ("<h3><button>Integrity</button></h3>"), not a control's label.
_TITLE_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "summary", "dt"})

# Regions outside the main content, by element and by class / id / role hints. A "notice" is
# text laid over or beside the page to sell or ask something (cookie banners, newsletter
# sign-ups, pop-ups): it speaks in the first person ("Our mission is to respect your privacy")
# without saying anything about the organisation, so no statement is ever read from it.
_REGION_TAGS = {
    "nav": "nav",
    "header": "header",
    "footer": "footer",
    "aside": "aside",
    "menu": "nav",
    "dialog": "notice",
}
_REGION_WORDS = {
    "notice": "cookie|cookies|consent|gdpr|cc-window|cn-notice|newsletter|subscribe|subscription|signup|"
    "sign-up|opt-?in|popup|pop-up|announcement-bar",
    "nav": "nav|navbar|navigation|menu|menus|breadcrumbs?|skip-link|pagination|pager",
    "footer": "footer|site-footer|colophon|copyright",
    "aside": "sidebar|widget|widgets|aside|share|social|related",
    "header": "header|masthead|site-header|banner|top-bar",
}
# Hints are matched in lower case: a case-blind search of this many words is several times slower.
_REGION_HINTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (region, re.compile(rf"(?:^|[\s_-])(?:{words})(?:$|[\s_-])")) for region, words in _REGION_WORDS.items()
)
# Every hint word anywhere: most elements name none, and are passed over at once.
_ANY_REGION_HINT = re.compile("|".join(_REGION_WORDS.values()))
_HINTED_TAGS = frozenset({"div", "section", "ul", "ol", "td", "table", "span", "p"})
# Regions that hold no statement of the organisation's: notices, navigation.
NOT_STATEMENTS = frozenset({"notice", "nav"})
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # "SiteNav" names a "Site Nav"
_ROLE_REGIONS = {
    "navigation": "nav",
    "contentinfo": "footer",
    "complementary": "aside",
    "banner": "header",
    "dialog": "notice",
    "alertdialog": "notice",
}
# Page builders name every content element by its widget type ("elementor-widget-heading",
# "elementor-widget-container"): the type after the prefix is the hint, the prefix is none.
_BUILDER_PREFIX = re.compile(r"(?<![\w-])elementor-(?:widget(?:-|(?=\s|$)))?")
# Text hidden from sighted readers (screen-reader-only labels, closed widgets).
_HIDDEN_CLASS = re.compile(
    r"(?:^|\s)(?:visually-hidden|sr-only|screen-reader-text|hidden|d-none|is-hidden)(?:$|\s)", re.I
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Hidden on small screens only: Tailwind's "hidden md:flex", Bootstrap's "d-none d-lg-block".
_SHOWN_ON_WIDER_SCREENS = re.compile(
    r"(?:^|\s)(?:(?:sm|md|lg|xl|2xl):(?:block|flex|grid|inline|inline-block|inline-flex|table|contents)"
    r"|d-(?:sm|md|lg|xl|xxl)-(?:block|flex|grid|inline|inline-block|inline-flex|table))(?:$|\s)"
)

# Soft hyphens, zero-width characters and byte-order marks, deleted by str.translate.
# Sentence ends: . ! ? (optionally closed by quotes/brackets) before a space and a capital,
# a digit or an opening quote. Common abbreviations are protected first.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])")
_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Inc|Ltd|Co|Corp|vs|etc|e\.g|i\.e|No|Nr|approx|U\.S|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$|\b[A-Z]\.$"
)


_MARKUP = re.compile(r"<[A-Za-z/!]")


def plain_text(text: str) -> str:
    """Return ``text`` from an attribute or JSON-LD as clean plain text, any markup in it removed."""
    if _MARKUP.search(text):
        try:
            fragment = lxml.html.fragment_fromstring(text, create_parent="div")
        except (etree.ParserError, ValueError):
            return clean_text(re.sub(r"<[^>]*>", " ", text))
        for hidden in fragment.xpath(".//script|.//style|.//template"):
            hidden.drop_tree()
        text = fragment.text_content()
    return clean_text(text)


def split_sentences(text: str) -> list[str]:
    """Return the sentences of a paragraph of plain text, keeping abbreviations and initials whole."""
    pieces = _SENTENCE_END.split(text)
    sentences: list[str] = []
    for piece in pieces:
        if sentences and _ABBREVIATIONS.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return [s.strip() for s in sentences if s.strip()]


_Item = TypeVar("_Item")


def unique_by(items: Iterable[_Item], key: Callable[[_Item], str]) -> list[_Item]:
    """Return ``items`` in order without the later ones whose text key repeats (case-insensitively)."""
    seen: set[str] = set()
    unique: list[_Item] = []
    for item in items:
        folded = key(item).casefold()
        if folded not in seen:
            seen.add(folded)
            unique.append(item)
    return unique


def word_count(text: str) -> int:
    """Return the number of whitespace-separated words in ``text``."""
    return len(text.split())


# The commonest short words of a few languages: enough to tell which one a paragraph is in.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in is for that with on by are our we as at from this be it an".split()),
    "de": frozenset("der die das und ist zu den von mit für auf wir ein eine nicht des im sich über".split()),
    "fr": frozenset("le la les et est des du pour une un dans nous que qui sur par au aux pas".split()),
    "es": frozenset("el la los las y es de en para una un que por con del nuestra nuestro somos".split()),
    "pt": frozenset("o a os as e é de em para uma um que por com do da dos das nossa nosso".split()),
    "it": frozenset("il lo la gli le e è di per una un che con del della dei nostra nostro sono".split()),
    "nl": frozenset("de het een en is van voor met op wij we zijn niet dat die onze".split()),
}
_WORD = re.compile(r"[^\W\d_]+")
_MIN_LANGUAGE_HITS = 2


def guess_language(text: str) -> str | None:
    """Return the language of ``text`` ("en", "de", …) by its function words, or None when unsure."""
    words = [w.lower() for w in _WORD.findall(text)]
    counts = {lang: sum(w in vocabulary for w in words) for lang, vocabulary in _FUNCTION_WORDS.items()}
    lang, hits = max(counts.items(), key=lambda item: item[1])
    ranked = sorted(counts.values(), reverse=True)
    if hits < _MIN_LANGUAGE_HITS or hits == ranked[1]:
        return None
    return lang


@dataclass
class Block:
    """One block of visible text: a heading, paragraph, list item, cell or bare container text."""

    index: int
    tag: str  # the element that holds the text ("h2", "p", "li", "div", ...)
    text: str
    region: str  # "main", "nav", "header", "footer", "aside" or "notice"
    level: int = 0  # heading level 1–6, PSEUDO_HEADING_LEVEL for a bold one-liner, 0 otherwise
    in_list: bool = False  # inside an <li>, <dt> or <dd>
    in_listing: bool = False  # inside one of several <article>s: a teaser of another page
    lead: str | None = None  # bold words that open the block ahead of more text ("Integrity. We …")
    hints: str = ""  # class and id of the block and its container, for taglines and heroes
    is_link: bool = False  # all of the text is link text (a menu entry, a card that links away)
    element: lxml.html.HtmlElement | None = field(default=None, repr=False, compare=False)

    @property
    def is_heading(self) -> bool:
        return self.level > 0

    @property
    def in_main(self) -> bool:
        return self.region == "main"


@dataclass
class Section:
    """A heading and the blocks under it, up to the next heading of the same or a higher level."""

    heading: Block
    body: list[Block]

    def subheadings(self) -> list[Block]:
        """Return the headings one level below this one (the highest level found in the body)."""
        levels = [b.level for b in self.body if b.is_heading]
        if not levels:
            return []
        top = min(levels)
        return [b for b in self.body if b.level == top]

    def content(self) -> list[Block]:
        """Return the body's blocks that are not headings."""
        return [b for b in self.body if not b.is_heading]

    def under(self, heading: Block) -> list[Block]:
        """Return the body blocks that follow ``heading`` (one of ``subheadings``) up to the next."""
        start = next((i for i, b in enumerate(self.body) if b is heading), len(self.body))
        out: list[Block] = []
        for block in self.body[start + 1 :]:
            if block.is_heading and block.level <= heading.level:
                break
            out.append(block)
        return out


@dataclass
class PageText:
    """The visible text of one page, walked once."""

    blocks: list[Block]
    title: str

    def sections(self) -> Iterator[Section]:
        """Yield every heading of the page with the blocks under it."""
        for i, block in enumerate(self.blocks):
            if block.is_heading:
                yield Section(block, self._body_after(i, block.level))

    def labelled_sections(self, label: re.Pattern[str]) -> Iterator[Section]:
        """Yield the sections whose heading matches ``label``, including those introduced by a
        short label that is not marked up as a heading ("eyebrow" text over a heading: a
        ``<p>Our values</p>`` above ``<h3>`` cards).

        A label's section runs to the first heading above the level of the headings that
        follow it (or to any heading when the next one is above it).
        """
        for i, block in enumerate(self.blocks):
            if not (block.is_heading or _is_label(block)) or not label.search(block.text):
                continue
            after = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
            eyebrow = after is not None and after.is_heading and after.level < block.level
            if block.is_heading and not eyebrow:
                yield Section(block, self._body_after(i, block.level))
            else:
                # A label, or a small heading right above a larger one ("<h6>Our values</h6><h2>…"):
                # page builders style eyebrow text with whatever heading level looks right.
                yield self._label_section(i)

    def _label_section(self, i: int) -> Section:
        label = self.blocks[i]
        after = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        if after is None or not after.is_heading:
            # Label over plain content: it runs to the next heading of any level.
            return Section(label, self._body_after(i, PSEUDO_HEADING_LEVEL))
        # Label over a heading: one title in two parts ("Our values" / "What guides us") when
        # that heading has headings under it; else the first of a row of card headings.
        compound = Section(after, self._body_after(i + 1, after.level))
        if len(compound.subheadings()) >= 2:
            return Section(label, compound.body)
        return Section(label, self._body_after(i, after.level - 1))

    def section_of(self, heading: Block) -> Section:
        """Return the section that ``heading`` (one of this page's blocks) opens."""
        return Section(heading, self._body_after(heading.index, heading.level))

    def _body_after(self, i: int, level: int) -> list[Block]:
        body: list[Block] = []
        for block in self.blocks[i + 1 :]:
            if block.is_heading and block.level <= level:
                break
            body.append(block)
        return body

    def main_blocks(self) -> list[Block]:
        """Return the blocks of the main content (outside navigation, header, footer and sidebars)."""
        return [b for b in self.blocks if b.in_main]


_MAX_LABEL_WORDS = 4


def _is_label(block: Block) -> bool:
    """Say whether ``block`` is a short caption in the main content rather than a sentence."""
    return (
        block.in_main
        and not block.in_list
        and not block.is_link
        and word_count(block.text) <= _MAX_LABEL_WORDS
        and not block.text.endswith((".", "!", "?", ",", ";"))
    )


_INDEX_FILE = re.compile(r"^(?:index|default|home)\.\w+$", re.I)
_EXTENSION = re.compile(r"\.\w{2,5}$")


def page_is_about(page: ParsedPage, topic: re.Pattern[str]) -> bool:
    """Say whether ``page`` is about ``topic`` by the last segment of its URL path or its h1."""
    segments = [s for s in unquote(urlsplit(page.url).path).split("/") if s]
    if segments and _INDEX_FILE.match(segments[-1]):
        segments.pop()
    # The page's own segment only: "/about/bios/jane.html" is about Jane, not about the organisation.
    last = _EXTENSION.sub("", segments[-1]).replace("-", " ").replace("_", " ") if segments else ""
    if topic.search(last):
        return True
    # The title is left out: breadcrumb titles ("Acme : About : Bios : Jane") name every ancestor.
    text = page_text(page)
    top = next((b for b in text.blocks if b.level == 1 and b.in_main), None)
    return top is not None and bool(topic.search(top.text))


_CACHE: weakref.WeakKeyDictionary[lxml.html.HtmlElement, PageText] = weakref.WeakKeyDictionary()


def page_text(page: ParsedPage) -> PageText:
    """Return the visible text of ``page``, walking its tree only the first time it is asked for."""
    cached = _CACHE.get(page.tree)
    if cached is None:
        cached = _walk(page.tree)
        _CACHE[page.tree] = cached
    return cached


def _region_of(
    el: lxml.html.HtmlElement, tag: str, inherited: str, signups: frozenset[lxml.html.HtmlElement] = frozenset()
) -> str:
    if inherited != "main":
        return inherited
    if tag in _REGION_TAGS:
        # <header> inside an <article> is the article's own head, not the site's.
        if tag == "header" and any(a.tag in ("article", "main") for a in el.iterancestors()):
            return inherited
        return _REGION_TAGS[tag]
    role = el.get("role")
    if role in _ROLE_REGIONS:
        return _ROLE_REGIONS[role]
    if el in signups:
        return "notice"
    if tag not in _HINTED_TAGS:
        return inherited
    hints = f"{el.get('class', '')} {el.get('id', '')}"
    if not _ANY_REGION_HINT.search(hints.lower()):
        return inherited
    hints = _BUILDER_PREFIX.sub("", _CAMEL.sub(" ", hints).lower())
    if hints.strip():
        for region, pattern in _REGION_HINTS:
            if pattern.search(hints) and not _holds_main_content(el):
                return region
    return inherited


def _holds_main_content(el: lxml.html.HtmlElement) -> bool:
    """Say whether ``el`` wraps the page's main content ("sticky-footer wrappers", hero headers)."""
    return el.find(".//h1") is not None or el.find(".//main") is not None or el.find(".//article") is not None


def _is_hidden(el: lxml.html.HtmlElement) -> bool:
    attributes = el.attrib
    if not attributes:
        return False
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    cls = attributes.get("class")
    if cls and _HIDDEN_CLASS.search(cls) and not _SHOWN_ON_WIDER_SCREENS.search(cls):
        return True
    style = attributes.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class _Walker:
    """Turns a tree into blocks: inline text accumulates until a block element starts or ends."""

    def __init__(self, signups: frozenset[lxml.html.HtmlElement] = frozenset()) -> None:
        self.signups = signups
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.bold_parts: list[str] = []  # text of the bold run that opens the pending block
        self.bold_open = True  # no non-bold text seen yet in the pending block
        self.link_depth = 0  # inside how many links the walk is
        self.unlinked_text = False  # the pending block has text outside any link
        self.owner: lxml.html.HtmlElement | None = None
        self.owner_tag = "div"
        self.region = "main"
        self.in_list = False
        self.in_listing = False

    def flush(self) -> None:
        if not self.parts:  # a block boundary with no text since the last one
            return
        text = clean_text("".join(self.parts))
        lead = (clean_text("".join(self.bold_parts)) or None) if self.bold_parts else None
        is_link = not self.unlinked_text
        self.parts, self.bold_parts, self.bold_open, self.unlinked_text = [], [], True, False
        if not text or not any(ch.isalnum() for ch in text):
            return
        tag = self.owner_tag
        level = _HEADING_LEVEL.get(tag, 0)
        if not level and self.owner is not None and self.owner.get("role") == "heading":
            level = _aria_level(self.owner)
        if not level and word_count(text) <= _PSEUDO_HEADING_MAX_WORDS and self.owner is not None:
            if tag == "summary":
                level = PSEUDO_HEADING_LEVEL  # the title of a disclosure widget over its content
            elif _TITLE_CLASS.search(self.owner.get("class", "")) and not text.endswith((".", "!", "?", ",")):
                level = PSEUDO_HEADING_LEVEL  # a card's title styled as one ("card-title", "box-title")
        if lead == text:
            lead = None
            if not level and word_count(text) <= _PSEUDO_HEADING_MAX_WORDS and tag not in ("li", "td", "th", "dd"):
                level = PSEUDO_HEADING_LEVEL
        elif lead is not None and level:
            lead = None
        hints = ""
        if self.owner is not None:
            parent = self.owner.getparent()
            hints = " ".join(
                filter(
                    None,
                    (
                        self.owner.get("class"),
                        self.owner.get("id"),
                        parent.get("class") if parent is not None else None,
                        parent.get("id") if parent is not None else None,
                    ),
                )
            )
        self.blocks.append(
            Block(
                index=len(self.blocks),
                tag=tag,
                text=text,
                region=self.region,
                level=level,
                in_list=self.in_list,
                in_listing=self.in_listing,
                lead=lead,
                hints=hints,
                is_link=is_link,
                element=self.owner,
            )
        )

    def add_text(self, text: str | None, bold: bool) -> None:
        if not text:
            return
        if text.isspace():
            # Spacing separates words; before a block's first word it separates nothing, and
            # the indentation between block elements would otherwise make each boundary a block.
            if self.parts:
                self.parts.append(text)
                if bold and self.bold_open:
                    self.bold_parts.append(text)
            return
        self.parts.append(text)
        if not self.link_depth:
            self.unlinked_text = True
        if bold and self.bold_open:
            self.bold_parts.append(text)
        elif not bold:
            self.bold_open = False

    def walk(self, el: lxml.html.HtmlElement, bold: bool = False) -> None:
        tag = el.tag
        if not isinstance(tag, str):  # comments and processing instructions: only their tail is text
            self.add_text(el.tail, bold)
            return
        tag = tag.lower()
        if (tag in _INVISIBLE and not (tag == "button" and self.owner_tag in _TITLE_TAGS)) or _is_hidden(el):
            self.add_text(el.tail, bold)
            return
        if tag == "br" and self.owner_tag in _HEADING_LEVEL:
            # A heading broken over lines for the layout is still one heading.
            self.add_text(" ", bold)
            self.add_text(el.tail, bold)
            return
        if tag in _BLOCK_TAGS:
            self.flush()
            saved = (self.owner, self.owner_tag, self.region, self.in_list, self.in_listing)
            self.region = _region_of(el, tag, self.region, self.signups)
            self.in_list = self.in_list or tag in ("li", "dt", "dd")
            self.in_listing = self.in_listing or (tag == "article" and _has_sibling_article(el))
            self.owner, self.owner_tag = el, tag
            self.add_text(el.text, False)
            for child in el:
                self.walk(child, False)
            self.flush()
            self.owner, self.owner_tag, self.region, self.in_list, self.in_listing = saved
            self.add_text(el.tail, bold)
            return
        inner_bold = bold or tag in _BOLD
        link = tag == "a" and el.get("href") is not None
        self.link_depth += link
        self.add_text(el.text, inner_bold)
        for child in el:
            self.walk(child, inner_bold)
        self.link_depth -= link
        self.add_text(el.tail, bold)


def _has_sibling_article(el: lxml.html.HtmlElement) -> bool:
    """Say whether ``el`` (an ``<article>``) is one of a list of them: teasers of posts."""
    parent = el.getparent()
    return parent is not None and any(other is not el and other.tag == "article" for other in parent)


def _aria_level(el: lxml.html.HtmlElement) -> int:
    try:
        return min(max(int(el.get("aria-level", "2")), 1), 6)
    except ValueError:
        return 2


# A sign-up pitch: the few lines around a form that asks for an e-mail address and nothing
# longer (a contact form has a message box), up to this many ancestors of the form.
_SIGNUP_ANCESTORS = 4
_SIGNUP_MAX_FIELDS = 3  # an e-mail address, perhaps a name: more is a registration or an order
_UNSEEN_INPUTS = frozenset({"hidden", "submit", "button", "image", "reset"})
_EMAIL_FIELD = re.compile(r"e-?mail", re.I)
_SIGNUP_MAX_WORDS = 80
_MAIN_CONTAINERS = frozenset({"body", "main", "article", "html"})


def _signup_blocks(root: lxml.html.HtmlElement) -> frozenset[lxml.html.HtmlElement]:
    """Return the containers of ``root`` that hold only a sign-up form and its pitch."""
    found: set[lxml.html.HtmlElement] = set()
    for form in root.iter("form"):
        inputs = [i for i in form.iter("input") if (i.get("type") or "text").lower() not in _UNSEEN_INPUTS]
        asks_email = any(
            (i.get("type") or "").lower() == "email"
            or _EMAIL_FIELD.search(" ".join(filter(None, (i.get("name"), i.get("id"), i.get("placeholder")))))
            for i in inputs
        )
        if not asks_email or len(inputs) > _SIGNUP_MAX_FIELDS or form.find(".//textarea") is not None:
            continue
        container = form
        for _ in range(_SIGNUP_ANCESTORS):
            parent = container.getparent()
            if parent is None or not isinstance(parent.tag, str) or parent.tag in _MAIN_CONTAINERS:
                break
            if word_count(parent.text_content()) > _SIGNUP_MAX_WORDS or _holds_main_content(parent):
                break
            container = parent
        found.add(container)
    return frozenset(found)


def _walk(tree: lxml.html.HtmlElement) -> PageText:
    body = tree.find("body")
    root = body if body is not None else tree
    walker = _Walker(_signup_blocks(root))
    try:
        walker.walk(root)
        walker.flush()
    except (RecursionError, etree.LxmlError):
        # A pathological tree yields what was read before the failure.
        walker.parts = []
    title_el = tree.find(".//title")
    title = clean_text(title_el.text_content()) if title_el is not None else ""
    return PageText(blocks=walker.blocks, title=title)
