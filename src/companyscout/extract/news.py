"""Achievements: the organisation's own news, press releases, blog posts, awards and launches.

Listings are read as a set of items, each a title with a date somewhere near it. Titles are
headings or title links; an item's date is taken, in this order, from the title itself, a
``<time>`` or a short date line inside the item's own block, a date line right after (or right
before) the title, then a date in the item's URL path. A publication's name before the date
("Trade Weekly: March 22, 2021") marks a press mention the organisation chose to list; it is kept, with
the publication named in its summary. Undated items count only when their title reports an
achievement of the organisation ("Acme wins …"). Item pages are dated by their metadata,
``<time>``, dateline or URL; award lists are read under an "Awards" heading.

What a listing shows besides the organisation's news is left out: items dated in the future
(events to come), items under a heading of events, job openings or testimonials, headings that
stand over a section of items ("Latest news"), links inside sentences, and relative dates
("2 days ago"), which date nothing. Numeric dates (``03/11/2025``) are read in the order the
page writes them: its unambiguous dates decide, else its language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as Date
from urllib.parse import urljoin, urlsplit

import lxml.html

from companyscout.extract.dates import date_from_url, find_date, numeric_order, parse_date
from companyscout.extract.page import (
    BLOCK_TAGS,
    HEADING_TAGS,
    ParsedPage,
    TextLine,
    clean_text,
    declared_language,
    is_furniture,
    main_content,
    text_lines,
)
from companyscout.model import Achievement

MAX_ACHIEVEMENTS = 25
# Titles read from one listing: any real listing's recent items, and a bound on link traps.
MAX_CANDIDATES = 1000
MIN_TITLE_CHARS = 8
MAX_TITLE_CHARS = 220
MAX_SUMMARY_CHARS = 300
MIN_SUMMARY_WORDS = 8
# Lines read after a title that shares its container with other items.
MAX_FOLLOWING_LINES = 4
# A date line belongs to a title when it is short or the date opens it ("21 Jun, 2026 – …").
MAX_DATE_LINE_WORDS = 8

# Labels that mark the organisation's own items, as opposed to a publication's name.
OWN_LABELS = re.compile(
    r"^(?:news|press|press release|news release|release|released|announcement|update|blog|"
    r"posted|published|date|award|event|communiqué|pressemitteilung|mitteilung|"
    r"comunicado|nota de prensa|actualité|nieuws|notizia)s?$",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^(?P<label>[^:|]{1,40}?)\s*[:|]\s*$")
# Verbs and nouns of an achievement, for undated items.
ACHIEVEMENT_WORDS = re.compile(
    r"\b(?:wins?|won|awarded|awards?|receives?|received|named|launch(?:es|ed)?|announces?|"
    r"opens?|raises?|raised|selected|recogni[sz]ed|honou?red|prize|certified|acquires?|"
    r"partners? with|joins?|releases?|released|celebrates?|milestone)\b",
    re.IGNORECASE,
)
# Link texts that lead to an item but are not its title.
NOT_TITLES = re.compile(
    r"^(?:read more|more|continue reading|full story|learn more|details|see more|view all|"
    r"next|previous|older posts|newer posts|weiterlesen|lire la suite|leer más|ver más)\b",
    re.IGNORECASE,
)
# A page with frames and fewer words than this shows its content in the frames; a page with
# scripts and fewer words than this is filled by the scripts.
FRAMED_PAGE_WORDS = 150
EMPTY_PAGE_WORDS = 15
# A link whose words are mostly the title's leads to the item's own page.
SAME_TITLE_SHARE = 0.8
_WORDS = re.compile(r"\w+")
_PAGER = re.compile(r"^(?:page\s*)?\d+$|^[«»‹›<>]+$", re.IGNORECASE)


@dataclass
class _Candidate:
    """A possible item title on a listing page."""

    element: lxml.html.HtmlElement
    title: str
    href: str | None


def _title_href(element: lxml.html.HtmlElement) -> str | None:
    """Return the link of a title: the title's own href, its first inner link's, or that of the
    link around it (a card that is one link: ``<a href><img><h3>Title</h3><p>…</p></a>``)."""
    link = element if element.tag == "a" else next(iter(element.xpath(".//a[@href]")), None)
    if link is None:
        link = next((a for a in element.iterancestors("a") if a.get("href")), None)
    href: str | None = link.get("href") if link is not None else None
    return href


def _is_title_text(text: str) -> bool:
    return (
        MIN_TITLE_CHARS <= len(text) <= MAX_TITLE_CHARS
        and len(text.split()) >= 2
        and not NOT_TITLES.match(text)
        and not _PAGER.match(text)
    )


# Permalink anchors that static-site generators append to headings ("#", "¶", "§", "🔗").
_PERMALINK = re.compile(r"\s*[#¶§🔗]+$")


def heading_text(element: lxml.html.HtmlElement) -> str:
    """Return a heading's text without the permalink symbol a generator appended to it."""
    return _PERMALINK.sub("", clean_text(element.text_content()))


def _heading_sets(root: lxml.html.HtmlElement) -> list[list[_Candidate]]:
    """Return the page's headings as candidate titles, one set per heading level.

    A listing's items share one level; the headings inside an item's text (its own
    subheadings) sit at another, so each level is read as a listing of its own.
    """
    by_level: dict[str, list[_Candidate]] = {}
    for element in root.iter(*HEADING_TAGS):
        if is_furniture(element):
            continue
        text = heading_text(element)
        if _is_title_text(text):
            by_level.setdefault(element.tag, []).append(_Candidate(element, text, _title_href(element)))
    # The page's own title is one h1; item titles are the other headings.
    if len(by_level.get("h1", [])) == 1:
        del by_level["h1"]
    return [by_level[level] for level in sorted(by_level)]


# A link with this much more text around it in its line is a link inside prose, not a title.
MAX_TEXT_AROUND_LINK = 60


def _is_block(element: lxml.html.HtmlElement) -> bool:
    return isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS


def _own_line_chars(block: lxml.html.HtmlElement) -> int:
    """Return the length of a block's own line of text: its text outside its inner blocks."""
    parts = [block.text or ""]
    for child in block:
        if not _is_block(child):
            parts.append(child.text_content() if isinstance(child.tag, str) else "")
        parts.append(child.tail or "")
    return len(clean_text("".join(parts)))


# A lower-case word right before a link: the link continues a sentence ("This entry <a>…</a>").
_SENTENCE_WORD_BEFORE = re.compile(r"\b[^\W\d_A-ZÀ-Þ][^\W\d_]*\s+$")


def _text_before(element: lxml.html.HtmlElement) -> str:
    """Return the text that stands right before ``element`` in its parent."""
    previous = element.getprevious()
    parent = element.getparent()
    if previous is not None:
        return previous.tail or ""
    return (parent.text or "") if parent is not None else ""


def _link_candidates(root: lxml.html.HtmlElement, page_url: str) -> list[_Candidate]:
    """Return the title links of a page: links of a few words that stand on their own line."""
    found = []
    seen_targets: set[str] = set()
    block_chars: dict[lxml.html.HtmlElement, int] = {}
    for element in root.iter("a"):
        href = element.get("href")
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        # The text first: it rules out most links (menus, "Read more") before their ancestors are read.
        text = clean_text(element.text_content())
        if not _is_title_text(text) or len(text.split()) < 3:
            continue
        if any(a.tag in HEADING_TAGS for a in element.iterancestors()) or is_furniture(element):
            continue
        block = next((a for a in element.iterancestors() if _is_block(a)), element)
        if block not in block_chars:
            block_chars[block] = _own_line_chars(block)
        if block_chars[block] - len(text) > MAX_TEXT_AROUND_LINK or _SENTENCE_WORD_BEFORE.search(_text_before(element)):
            continue  # "… see the About the Site section for more", "[This entry cross-posted to …]"
        target = urljoin(page_url, href).split("#")[0]
        if target in seen_targets or target.rstrip("/") == page_url.split("#")[0].rstrip("/"):
            continue
        seen_targets.add(target)
        found.append(_Candidate(element, text, href))
    return found


def _item_blocks(candidates: list[_Candidate], root: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Return, for each title, the largest ancestor that holds no other item's title."""
    # Keyed by the elements themselves: lxml's proxies (and their ids) live only while referenced.
    titles_under: dict[lxml.html.HtmlElement, int] = {}
    for candidate in candidates:
        for ancestor in candidate.element.iterancestors():
            titles_under[ancestor] = titles_under.get(ancestor, 0) + 1
            if ancestor is root:
                break
    blocks = []
    for candidate in candidates:
        block = candidate.element
        for ancestor in candidate.element.iterancestors():
            if ancestor is root or ancestor.tag in {"body", "html", "main"} or titles_under[ancestor] > 1:
                break
            block = ancestor
        blocks.append(block)
    return blocks


@dataclass
class _DateLine:
    iso: str
    label: str | None


# Separators of a meta line's fields: "by Jane Roe | Nov 3, 2025 | News".
_META_SEPARATOR = re.compile(r"\s+[|·•]\s+")


def _date_in_line(text: str, day_first: bool | None = None) -> _DateLine | None:
    """Return the date of a date line ("News Release: May 11, 2021", "21 Jun, 2026 – …"), or of
    one field of a meta line ("by Jane Roe | Nov 3, 2025 | News")."""
    found = find_date(text, day_first=day_first)
    if found is None:
        return None
    words = len(text.split())
    if words > MAX_DATE_LINE_WORDS and found.start > 0:
        # A long line counts only when the date opens it; a date inside prose is about
        # something else ("… since March 2019 …"), unless it fills a field of a meta line.
        fields = _META_SEPARATOR.split(text)
        if len(fields) > 1:
            return next(
                (d for f in fields if len(f.split()) <= MAX_DATE_LINE_WORDS and (d := _date_in_line(f, day_first))),
                None,
            )
        return None
    label_match = _LABEL.match(text[: found.start])
    label = label_match["label"].strip() if label_match else None
    return _DateLine(found.iso, label)


# A <time> that marks when an item was last changed, not when it was published.
_MODIFIED_TIME = re.compile(r"updated|modified", re.IGNORECASE)


def _time_date(block: lxml.html.HtmlElement, day_first: bool | None = None) -> str | None:
    """Return the date of the block's publication ``<time>``: the first one not marked as an update."""
    dates = []
    for time in block.iter("time"):
        iso = parse_date(time.get("datetime")) or parse_date(clean_text(time.text_content()), day_first=day_first)
        if iso:
            marks = f"{time.get('class') or ''} {time.get('itemprop') or ''}"
            dates.append((bool(_MODIFIED_TIME.search(marks)) and "published" not in marks.lower(), iso))
    published = [iso for modified, iso in dates if not modified]
    if published:
        return published[0]
    return dates[0][1] if dates else None


@dataclass
class _Item:
    title: str
    date: str | None
    summary: str | None
    url: str


_LEADING_DASH = re.compile(r"^[\s,:|–—-]+")


_SENTENCE_END = re.compile(r"[.!?…\]]\W*$")


def _summary(lines: Iterable[TextLine], title: str, day_first: bool | None = None) -> str | None:
    """Return the first sentence-sized line of an item (its dateline prefix removed), shortened.

    A line that carries a date inside it and is no sentence is a byline ("Posted on 3 May 2025
    by Jane Doe"), not a summary.
    """
    for line in lines:
        text = line.text
        found = find_date(text, day_first=day_first)
        if found is not None and found.start == 0:
            text = _LEADING_DASH.sub("", text[found.end :])  # "21 Jun, 2026 – Acme 2.5 is …"
        elif found is not None and not _SENTENCE_END.search(text):
            continue
        if line.text != title and len(text.split()) >= MIN_SUMMARY_WORDS:
            return text if len(text) <= MAX_SUMMARY_CHARS else text[: MAX_SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return None


def _item_link(block: lxml.html.HtmlElement, title: str, page_url: str) -> str | None:
    """Return the item's own page from its block, when on this site: a link that repeats the
    title ("Full story: <title>") or that reads "Read more"."""
    host = urlsplit(page_url).netloc
    title_words = set(_WORDS.findall(title.casefold()))
    for anchor in block.iter("a"):
        text = clean_text(anchor.text_content())
        words = set(_WORDS.findall(text.casefold()))
        repeats_title = bool(words) and len(words & title_words) >= SAME_TITLE_SHARE * max(len(words), len(title_words))
        if not (repeats_title or NOT_TITLES.match(text)):
            continue
        url: str = urljoin(page_url, anchor.get("href") or "").split("#")[0]
        parts = urlsplit(url)
        if parts.netloc == host and not parts.query and url.rstrip("/") != page_url.split("#")[0].rstrip("/"):
            return url
    return None


def _following_lines(
    candidate: _Candidate, candidates: list[_Candidate], number: int, lines: list[TextLine], line_index: dict[int, int]
) -> list[TextLine]:
    """Return the lines after a title up to the next item's title (a few at most)."""
    start = _line_of(candidate.element, lines, line_index)
    if start is None:
        return []
    next_title = candidates[number + 1].title if number + 1 < len(candidates) else None
    following = []
    for line in lines[start + 1 : start + 1 + MAX_FOLLOWING_LINES]:
        if next_title and next_title in line.text:
            break
        following.append(line)
    return following


def _read_items(
    page: ParsedPage,
    root: lxml.html.HtmlElement,
    candidates: list[_Candidate],
    lines: list[TextLine],
    day_first: bool | None,
) -> list[_Item]:
    line_index = {id(line.block): i for i, line in reversed(list(enumerate(lines)))}
    items = []
    for number, (candidate, block) in enumerate(zip(candidates, _item_blocks(candidates, root), strict=True)):
        if _in_other_section(candidate, lines, line_index) or _heads_a_section(candidate, lines, line_index, day_first):
            continue
        title = candidate.title
        href = candidate.href or (None if block is candidate.element else _item_link(block, title, page.url))
        url = urljoin(page.url, href).split("#")[0] if href else page.url
        date: str | None = None
        label: str | None = None
        own = find_date(title, day_first=day_first)
        if own is not None:
            # "News Release: May 11, 2021" as a heading: the date is not part of the title.
            rest = clean_text((title[: own.start] + " " + title[own.end :]).strip(" :–—-|,"))
            date_line = _date_in_line(title, day_first)
            if date_line and _is_title_text(rest):
                date, label, title = date_line.iso, date_line.label, rest
        alone = block is candidate.element  # the title shares its container with other items
        block_lines = (
            _following_lines(candidate, candidates, number, lines, line_index)
            if alone
            else (text_lines(block, skip_furniture=False))
        )
        if date is None and not alone:
            date = _time_date(block, day_first)
            if date is None:
                for line in block_lines:
                    if line.text == candidate.title:
                        continue
                    date_line = _date_in_line(line.text, day_first)
                    if date_line:
                        date, label = date_line.iso, date_line.label
                        break
            else:
                label = next((d.label for ln in block_lines if (d := _date_in_line(ln.text, day_first))), None)
        if date is None:
            date, label = _date_near(candidate, candidates, number, lines, line_index, day_first)
        if date is None and candidate.href and _is_site_path(url, page.url):
            date = date_from_url(url)
        if date is None:
            date = _time_date(candidate.element, day_first)
        summary = _summary(block_lines, candidate.title, day_first)
        if label and not OWN_LABELS.match(label):
            summary = f"{label}: {summary}" if summary else label
        items.append(_Item(title, date, summary, url))
    return items


# Headings of sections that list things other than the organisation's news: events to come,
# job openings, customers' words. A heading that also names news ("News & events") is news.
OTHER_SECTIONS = re.compile(
    r"\b(?:upcoming|events?|webinars?|conferences?|meetups?|jobs?|open (?:positions|roles)|openings|"
    r"vacanc\w*|careers?|hiring|testimonials?|reviews|what (?:our )?(?:customers|clients|partners) say|"
    r"termine|veranstaltungen|stellenangebote|offene stellen|karriere|événements|agenda|"
    r"offres d'emploi|recrutement|eventos|empleos?|ofertas de trabajo|vacatures)\b",
    re.IGNORECASE,
)
NEWS_SECTIONS = re.compile(
    r"\b(?:news|press|blog|announcements?|updates|aktuelles|neuigkeiten|actualités|noticias|nieuws)\b",
    re.IGNORECASE,
)


def _in_other_section(candidate: _Candidate, lines: list[TextLine], line_index: dict[int, int]) -> bool:
    """Return True when a heading above a title (its section's, or that section's parent's) heads
    events, jobs or testimonials. The page's own title (``h1``) is no section."""
    start = _line_of(candidate.element, lines, line_index)
    if start is None:
        return False
    level = int(candidate.element.tag[1]) if candidate.element.tag in HEADING_TAGS else len(HEADING_TAGS) + 1
    for index in range(start - 1, -1, -1):
        line = lines[index]
        if 1 < line.heading < level:
            if OTHER_SECTIONS.search(line.text) and not NEWS_SECTIONS.search(line.text):
                return True
            level = line.heading
            if level == 2:
                break  # no section above an h2 but the page's own title
    return False


# Items under a heading that make it a section's heading rather than an item's title.
MIN_SECTION_ITEMS = 2


def _is_listed_item(lines: list[TextLine], index: int, day_first: bool | None) -> bool:
    """Return True when the heading line at ``index`` is an item of a list: linked, or dated next to it."""
    if lines[index].links:
        return True
    return any(
        _date_in_line(line.text, day_first)
        for line in lines[max(0, index - 1) : index + 3]
        if line is not lines[index] and not line.heading
    )


def _heads_a_section(
    candidate: _Candidate, lines: list[TextLine], line_index: dict[int, int], day_first: bool | None
) -> bool:
    """Return True when a heading stands over several listed items ("Latest news" over cards), not
    over its own text's subheadings."""
    if candidate.element.tag not in HEADING_TAGS:
        return False
    start = _line_of(candidate.element, lines, line_index)
    if start is None:
        return False
    level = int(candidate.element.tag[1])
    items = 0
    for index in range(start + 1, len(lines)):
        heading = lines[index].heading
        if heading and heading <= level:
            break
        if heading > level and _is_listed_item(lines, index, day_first):
            items += 1
            if items >= MIN_SECTION_ITEMS:
                return True
    return False


def _date_near(
    candidate: _Candidate,
    candidates: list[_Candidate],
    number: int,
    lines: list[TextLine],
    line_index: dict[int, int],
    day_first: bool | None,
) -> tuple[str | None, str | None]:
    """Return the date on the lines right after the title (else the line right before)."""
    start = _line_of(candidate.element, lines, line_index)
    if start is None:
        return None, None
    next_title = candidates[number + 1].title if number + 1 < len(candidates) else None
    for line in lines[start + 1 : start + 3]:
        if next_title and next_title in line.text:
            break  # the next item's line ("Next title · Sep 18, 2025"): its date is not this one's
        found = _date_in_line(line.text, day_first)
        if found:
            return found.iso, found.label
    if start > 0:
        before = lines[start - 1]
        previous_title = candidates[number - 1].title if number > 0 else None
        found = _date_in_line(before.text, day_first)
        after_previous = previous_title is not None and previous_title in before.text
        if found and not after_previous and len(before.text.split()) <= MAX_DATE_LINE_WORDS:
            return found.iso, found.label
    return None, None


def _line_of(element: lxml.html.HtmlElement, lines: list[TextLine], line_index: dict[int, int]) -> int | None:
    node: lxml.html.HtmlElement | None = element
    while node is not None:
        if id(node) in line_index:
            return line_index[id(node)]
        node = node.getparent()
    return None


def mentions(text: str, names: Iterable[str]) -> bool:
    """Return True when ``text`` names the organisation (any of ``names``, spacing ignored)."""
    squashed = re.sub(r"[\W_]+", "", text).casefold()
    return any(len(key) >= 3 and key in squashed for key in (re.sub(r"[\W_]+", "", name).casefold() for name in names))


def _is_own_undated(title: str, names: list[str]) -> bool:
    """Return True when an undated item's title reports an achievement of the organisation.

    Dated items on the site's own listings are all kept, press mentions included: the
    organisation chose to list them. An undated one counts only when it says what the
    organisation did ("Acme wins the … prize").
    """
    return bool(ACHIEVEMENT_WORDS.search(title)) and mentions(title, names)


def _is_own(item: _Item, names: list[str]) -> bool:
    return item.date is not None or _is_own_undated(item.title, names)


def numeric_date_order(page: ParsedPage, lines: list[TextLine]) -> bool | None:
    """Return how ``page`` writes numeric dates: True day first, False month first, None unknown."""
    return numeric_order([line.text for line in lines], declared_language(page))


def listing_items(page: ParsedPage, *, names: list[str] | None = None) -> list[Achievement]:
    """Return every item a listing page shows (titles with their dates, if any), in page order.

    Titles are the page's headings of one level, or its title links, whichever set dates
    more items (then: keeps more of the organisation's own items). Items under a heading of
    events, job openings or testimonials are not the organisation's news.
    """
    names = names or []
    root = main_content(page)
    lines = text_lines(root)
    order = numeric_date_order(page, lines)
    best: list[_Item] = []
    best_rank = (-1, -1)
    for candidates in [*_heading_sets(root), _link_candidates(root, page.url)]:
        candidates = candidates[:MAX_CANDIDATES]
        if not candidates:
            continue
        items = _read_items(page, root, candidates, lines, order)
        rank = (sum(1 for i in items if i.date), sum(1 for i in items if _is_own(i, names)))
        if rank > best_rank:
            best, best_rank = items, rank
    return [Achievement(i.date, i.title, i.summary, _source(i.url, page.url)) for i in best]


def extract_achievements(
    page: ParsedPage, *, names: list[str] | None = None, today: Date | None = None
) -> list[Achievement]:
    """Return the organisation's own items of a listing page (news, press, blog, awards), newest first.

    ``names`` are the ways the organisation is named; undated items count only when they name it.
    Items dated after ``today`` (default: the current date) are announcements of things to come.
    """
    names = names or []
    own = [
        item
        for item in listing_items(page, names=names)
        if (item.date or _is_own_undated(item.title, names)) and not is_future(item.date, today)
    ]
    return sort_achievements(dedupe_achievements(own))[:MAX_ACHIEVEMENTS]


def is_future(iso: str | None, today: Date | None = None) -> bool:
    """Return True when the (partial) ISO date ``iso`` starts after ``today``: an event to come."""
    if not iso:
        return False
    return iso > (today or Date.today()).isoformat()[: len(iso)]


def _is_site_path(url: str, page_url: str) -> bool:
    """Return True when ``url`` is the site's own: same host, or the listing's own path.

    Old sites link their own items with a former host name (``http://example.org/press/…``
    from ``/press/``); a path that continues the listing's path is the site's own item, while
    an article on another publication's site is not.
    """
    item, page = urlsplit(url), urlsplit(page_url)
    if item.netloc == page.netloc:
        return True
    directory = page.path.rsplit("/", 1)[0] + "/"
    return len(directory) > 1 and item.path.startswith(directory)


def _source(item_url: str, page_url: str) -> str:
    """Return the item's own URL when it is on the same host, else the listing's."""
    return item_url if urlsplit(item_url).netloc == urlsplit(page_url).netloc else page_url


_DATELINE = re.compile(r"^[A-ZÀ-Þ][\w .,'-]{1,60}?\s*[—–-]+\s*")


def _release_title(page: ParsedPage, root: lxml.html.HtmlElement) -> str | None:
    """Return an item page's title: its h1, else its og:title, else its first h2."""
    candidates = [heading_text(h) for h in root.iter("h1") if not is_furniture(h)][:1]
    candidates += [clean_text(t) for t in page.tree.xpath("//meta[@property='og:title']/@content")][:1]
    candidates += [heading_text(h) for h in root.iter("h2") if not is_furniture(h)][:1]
    return next((title for title in candidates if _is_title_text(title)), None)


_PUBLISHED_META = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@property='og:published_time']/@content",
    "//meta[@name='date']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//*[@itemprop='datePublished']/@datetime",
    # Older and publishing-system spellings: Dublin Core, news metadata, analytics tags.
    "//meta[@name='pubdate' or @name='publishdate' or @name='publish-date' or @name='publish_date']/@content",
    "//meta[@name='DC.date.issued' or @name='dc.date.issued' or @name='dcterms.date' or @name='DC.date']/@content",
    "//meta[@name='parsely-pub-date' or @name='sailthru.date' or @name='citation_publication_date']/@content",
)
_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{4,40})"')
# Lines of an item page read for a dateline.
MAX_DATELINE_LINES = 20


def _published_date(
    page: ParsedPage, root: lxml.html.HtmlElement, lines: list[TextLine], order: bool | None
) -> str | None:
    """Return an item page's date: metadata, JSON-LD, ``<time>``, a dateline, then its URL."""
    for xpath in _PUBLISHED_META:
        for value in page.tree.xpath(xpath):
            if date := parse_date(value):
                return date
    for script in page.tree.xpath("//script[@type='application/ld+json']/text()"):
        match = _JSON_LD_PUBLISHED.search(script)
        if match and (date := parse_date(match.group(1))):
            return date
    if date := _time_date(root, order):
        return date
    for line in lines[:MAX_DATELINE_LINES]:
        # "LYON, France — January 23, 2006 — …" or "Released: 01 June 2005"
        text = _DATELINE.sub("", line.text, count=1)
        found = _date_in_line(text, order) or _date_in_line(line.text, order)
        if found:
            return found.iso
    return date_from_url(page.url)


def extract_release(page: ParsedPage) -> Achievement | None:
    """Return the item a single news/press page reports (its title and date), or None."""
    root = main_content(page)
    title = _release_title(page, root)
    if title is None:
        return None
    lines = text_lines(root)
    order = numeric_date_order(page, lines)
    return Achievement(_published_date(page, root, lines, order), title, _summary(lines, title, order), page.url)


def _title_key(title: str) -> str:
    return re.sub(r"\W+", "", title).casefold()


def dedupe_achievements(items: list[Achievement]) -> list[Achievement]:
    """Return ``items`` with one entry per title, keeping the most precise date."""
    by_title: dict[str, Achievement] = {}
    for item in items:
        key = _title_key(item.title)
        kept = by_title.get(key)
        if kept is None:
            by_title[key] = item
        elif len(item.date or "") > len(kept.date or ""):
            kept.date = item.date
            kept.summary = kept.summary or item.summary
    return list(by_title.values())


def sort_achievements(items: list[Achievement]) -> list[Achievement]:
    """Return ``items`` newest first, dated before undated (stable for equal dates)."""
    dated = sorted((i for i in items if i.date), key=lambda i: i.date or "", reverse=True)
    return dated + [i for i in items if not i.date]


def is_js_placeholder(page: ParsedPage) -> bool:
    """Return True when the page's content is left to scripts or frames: next to no text in the
    HTML, or frames standing in for it."""
    root = main_content(page)
    words = sum(len(line.text.split()) for line in text_lines(root))
    if root.xpath(".//iframe"):
        return words < FRAMED_PAGE_WORDS
    return words < EMPTY_PAGE_WORDS and bool(page.tree.xpath("//script"))


# --- award lists ---------------------------------------------------------------------------------

# Headings of a list of awards and honours, in the languages scout meets most: the heading
# opens with the word ("Awards", "Our awards & recognition"), it does not merely hold it.
AWARD_HEADINGS = re.compile(
    r"^(?:our\s+|unsere\s+|nos\s+|nuestros\s+)?(?:awards?|honou?rs|recognition|accolades|prizes|"
    r"auszeichnungen|preise|prix|récompenses|distinctions|premios|reconocimientos|prêmios|premi|prijzen)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^\(?((?:19|20)\d\d)\)?\s*[:–—·•-]?\s*|\s*[,(–—·•-]?\s*\(?((?:19|20)\d\d)\)?$")
# Lines of contact details and legal notices, which follow a list of awards at the end of a page.
_NOT_AWARD = re.compile(r"©|\bcopyright\b|all rights reserved|@|\+?\d[\d\s().-]{6,}", re.IGNORECASE)
MAX_AWARDS = 20
MAX_AWARD_HEADING_WORDS = 5
MAX_AWARD_WORDS = 30


def _award(text: str, order: bool | None = None) -> tuple[str | None, str] | None:
    """Return (date, title) of one award line ("2021 – Red Dot Award", "Best Employer (2019)")."""
    found = find_date(text, day_first=order)
    if found is not None and (found.start == 0 or found.end == len(text)):
        date: str | None = found.iso
        title = clean_text(text[: found.start] + text[found.end :])
    else:
        year = _YEAR.search(text)
        date = (year.group(1) or year.group(2)) if year else None
        title = clean_text(_YEAR.sub("", text, count=1)) if year else text
    title = title.strip(" :–—-|,·•")
    if not _is_title_text(title) or len(title.split()) > MAX_AWARD_WORDS or _NOT_AWARD.search(title):
        return None
    return date, title


def extract_awards(page: ParsedPage) -> list[Achievement]:
    """Return the awards a page lists under an "Awards" (or "Recognition", …) heading."""
    root = main_content(page)
    lines = text_lines(root)
    order = numeric_date_order(page, lines)
    awards: list[Achievement] = []
    for index, line in enumerate(lines):
        if not line.heading or not AWARD_HEADINGS.match(line.text) or len(line.text.split()) > MAX_AWARD_HEADING_WORDS:
            continue
        for item in lines[index + 1 :]:
            if item.heading and item.heading <= line.heading:
                break
            if item.heading or item.block.tag not in {"li", "dd", "dt", "td", "p"} or len(awards) >= MAX_AWARDS:
                continue
            if (found := _award(item.text, order)) is not None:
                awards.append(Achievement(found[0], found[1], None, page.url))
    return sort_achievements(dedupe_achievements(awards))
