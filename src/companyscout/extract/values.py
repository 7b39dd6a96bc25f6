"""The organisation's stated values: names (and a one-line description) as the site writes them.

Sites show values under a heading ("Our values", "What we believe", "Principles", "Goals")
as sub-headed cards, a list, bolded lead words or definition lists; or in a sentence
("We believe that collaboration, openness and rigour are key …"). One group is chosen, the
most plainly labelled, rather than a union: the same list often appears on several pages,
and a second, weaker list is more often something else (benefits, services, goals of a project).
Culture words on a careers page ("a culture of openness and trust") are culture, not values.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import lxml.html

from companyscout.extract.caseless import CaselessPattern
from companyscout.extract.page import ParsedPage
from companyscout.extract.text import Block, Section, page_text, split_sentences, unique_by, word_count
from companyscout.model import Value

# The organisation's own principles or goals, not a topic's ("Design principles", "Project goals").
_OWN = r"^(?:our |the |core |guiding |key |founding |company |shared |\w+['’]s )*"
# Headings over a values group, and how plainly each names values.
_HEADING_CUES: tuple[tuple[re.Pattern[str], float], ...] = (
    (
        re.compile(
            r"\bvalues\b|\bwhat we value\b|\bvaleurs\b|\bvalores\b|\bvalori\b"
            # German and Dutch write "core values" as one word.
            r"|\b(?:kern|grund|unternehmens|firmen|bedrijfs)?(?:werte|waarden)\b",
            re.I,
        ),
        10.0,
    ),
    (
        re.compile(
            _OWN + r"(?:principles|beliefs|tenets|credo|prinzipien|principes|principios)\b"
            r"|\bwhat we believe\b|\bwhat we stand for\b|\bwhat guides us\b|\bour (?:principles|beliefs)\b",
            re.I,
        ),
        8.0,
    ),
    (re.compile(_OWN + r"(?:goals|ziele|objectifs|objetivos)\b", re.I), 4.0),
)
_ANY_HEADING_CUE = re.compile("|".join(f"(?:{p.pattern})" for p, _ in _HEADING_CUES), re.I)
# Headings that contain a cue word but announce something else ("Values-based pricing", "Value proposition").
_NOT_VALUES_HEADING = re.compile(r"\bvalue proposition\b|\bprice|\bpricing\b|\bdefault values?\b|\bvalues? of\b", re.I)
_MAX_HEADING_WORDS = 6
_MIN_GROUP = 2
_MAX_GROUP = 12
_MAX_NAME_WORDS = 6
_MAX_SENTENCE_VALUE_WORDS = 12
# A heading that says "values" in so many words (the score of the first cue).
_PLAIN_VALUES_SCORE = 10.0
_MAX_DESCRIPTION_CHARS = 240
# The least score a group needs: a "Goals" list counts only on a page about the organisation.
_MIN_SCORE = 5.0
_ROLE_BONUS = {
    "values": 3.0,
    "about": 1.0,
    "mission": 1.0,
    "culture": 0.5,
    "careers": 0.0,
    "team": 0.0,
    "home": 0.0,
    "other": -0.5,
    "news": -6.0,
    "item": -6.0,
    "person": -6.0,
}

# Values stated in a sentence. The list is kept as written; a belief needs the verdict that
# makes it a value ("… are key", "… are essential"), a bare belief ("we believe science should
# be open") is not a list of values.
_PROSE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"\bwe believe (?:that )?(?P<items>[^.;:]+?) (?:are|is) (?:the )?(?:key|essential|central|core|"
        r"fundamental|vital|critical|crucial|important|paramount)\b",
        re.I,
    ),
    re.compile(r"\bour (?:core |shared |company |guiding )?values (?:are|include)\s*:?\s*(?P<items>[^.;]+)", re.I),
    re.compile(r"\bwe (?:deeply )?value (?P<items>[^.;:]+)", re.I),
    re.compile(r"\bwe believe in (?P<items>[^.;:]+)", re.I),
)
# Words every prose pattern holds: a paragraph without them is passed over at once.
_PROSE_HINT = CaselessPattern(r"believe|value")
_PROSE_SCORE = 7.0
_MIN_PROSE_ITEMS = 3
# Items of a one-line list: separated by bullets, pipes, slashes or commas ("A • B • C").
_INLINE_SPLIT = re.compile(r"\s*[•·|/]\s*|\s*,\s*(?:and |or |& )?|\s+(?:and|&)\s+")
_MAX_INLINE_LIST_WORDS = 30
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and |or |& )?|\s+(?:and|&)\s+")
_MAX_PROSE_ITEM_WORDS = 4
# "We value your privacy, your time and your trust": things, not values.
_NOT_A_VALUE_ITEM = re.compile(r"^(?:your|the|our|a|an|this|these|those|their|its|his|her|every|all|each)\b", re.I)
# Name-description splits inside one list item: "Integrity: we …", "Integrity — we …", "Integrity. We …".
_NAME_SPLIT = re.compile(r"\s*(?::|\s[–—-]\s|\.\s+(?=[A-Z]))\s*")
_NAME_TRIM = re.compile(r"^[\s\d.)#•·*–—-]+|[\s.:;,–—-]+$")
# Joiners and variation selectors that hold emoji together.
_JOINERS = frozenset("\u200d\ufe0e\ufe0f")
_DESCRIPTION_TRIM = re.compile(r"^[\s.:;,–—-]+")


@dataclass
class _Group:
    values: list[Value]
    score: float
    order: int


def _heading_score(heading: Block) -> float:
    if heading.region != "main" or word_count(heading.text) > _MAX_HEADING_WORDS:
        return 0.0
    if _NOT_VALUES_HEADING.search(heading.text):
        return 0.0
    for pattern, score in _HEADING_CUES:
        if pattern.search(heading.text):
            return score
    return 0.0


def _clean_name(text: str) -> str | None:
    name = _NAME_TRIM.sub("", _drop_leading_symbols(text))
    if not name or word_count(name) > _MAX_NAME_WORDS or not any(ch.isalpha() for ch in name):
        return None
    return name


def _drop_leading_symbols(text: str) -> str:
    """Return ``text`` without the icons that open it ("🤝 Collaboration", "✓ Care")."""
    start = 0
    while start < len(text) and (
        unicodedata.category(text[start]).startswith("S") or text[start] in _JOINERS or text[start].isspace()
    ):
        start += 1
    return text[start:]


def _one_line(text: str | None) -> str | None:
    """Return the first sentence of ``text``, within the description limit."""
    if not text:
        return None
    sentences = split_sentences(text)
    first = sentences[0] if sentences else text
    if len(first) > _MAX_DESCRIPTION_CHARS:
        first = first[:_MAX_DESCRIPTION_CHARS].rsplit(" ", 1)[0] + "…"
    return first


def _split_item(block: Block, sentences_ok: bool = False) -> tuple[str | None, str | None]:
    """Return the value name and its description from one list item or lead-worded paragraph.

    With ``sentences_ok`` (a list under a heading that says "values"), an item written as one
    short sentence ("We put patients first.") is a value in its own right.
    """
    if block.lead:
        rest = block.text[len(block.lead) :] if block.text.startswith(block.lead) else ""
        return _clean_name(block.lead), _one_line(_DESCRIPTION_TRIM.sub("", rest) or None)
    parts = _NAME_SPLIT.split(block.text, maxsplit=1)
    if len(parts) == 2 and word_count(parts[0]) <= _MAX_NAME_WORDS - 2 and word_count(parts[1]) >= 2:
        return _clean_name(parts[0]), _one_line(parts[1])
    if word_count(block.text) <= _MAX_NAME_WORDS:
        return _clean_name(block.text), None
    if sentences_ok and word_count(block.text) <= _MAX_SENTENCE_VALUE_WORDS and len(split_sentences(block.text)) == 1:
        return _NAME_TRIM.sub("", block.text), None
    return None, None


def _from_subheadings(section: Section, source: str) -> list[Value]:
    values: list[Value] = []
    subheadings = section.subheadings()
    if sum(b.is_link for b in subheadings) * 2 > len(subheadings):
        return []  # cards that link to pages: a directory, not values
    for sub in subheadings:
        name = _clean_name(sub.text)
        if name is None:
            return []
        body = [b for b in section.under(sub) if not b.is_heading]
        values.append(Value(name=name, description=_one_line(body[0].text if body else None), source=source))
    return values


def _first_run(blocks: list[Block]) -> list[Block]:
    """Return the first run of consecutive blocks (by position on the page) from ``blocks``."""
    run: list[Block] = []
    for block in blocks:
        if run and block.index != run[-1].index + 1:
            break
        run.append(block)
    return run


def _from_items(items: list[Block], source: str, sentences_ok: bool = False) -> list[Value]:
    # A list of links is a menu or a list of pages ("Team", "Jobs"), not values.
    if sum(b.is_link for b in items) * 2 > len(items):
        return []
    values: list[Value] = []
    for block in items:
        name, description = _split_item(block, sentences_ok)
        if name is None:
            return []
        values.append(Value(name=name, description=description, source=source))
    return values


def _from_terms(blocks: list[Block], source: str) -> list[Value]:
    """Return values from a definition list: each term, described by the definition after it."""
    values: list[Value] = []
    for i, block in enumerate(blocks):
        if block.tag != "dt":
            continue
        name = _clean_name(block.text)
        if name is None:
            return []
        following = blocks[i + 1] if i + 1 < len(blocks) and blocks[i + 1].tag == "dd" else None
        values.append(Value(name=name, description=_one_line(following.text if following else None), source=source))
    return values


def _from_rows(blocks: list[Block], source: str) -> list[Value]:
    """Return values from the first table in ``blocks``: each body row's first cell names a
    value and its second describes it; a header row ("Value", "What it means") is skipped."""
    rows: dict[lxml.html.HtmlElement, list[Block]] = {}  # keys keep each row's element alive
    for block in _first_run([b for b in blocks if b.tag in ("td", "th")]):
        row = block.element.getparent() if block.element is not None else None
        if row is None or row.tag != "tr":
            return []
        rows.setdefault(row, []).append(block)
    values: list[Value] = []
    for cells in rows.values():
        if all(cell.tag == "th" for cell in cells) and len(cells) > 1:
            continue
        name = _clean_name(cells[0].text)
        if name is None:
            return []
        values.append(Value(name=name, description=_one_line(cells[1].text if len(cells) > 1 else None), source=source))
    return values if _MIN_GROUP <= len(values) <= _MAX_GROUP else []


def _section_values(section: Section, source: str, sentences_ok: bool) -> list[Value]:
    """Return the values a headed section lists: sub-headed cards, a list, a table, or bold
    lead words."""
    subheadings = section.subheadings()
    if _MIN_GROUP <= len(subheadings) <= _MAX_GROUP:
        values = _from_subheadings(section, source)
        if values:
            return values
    content = section.content()
    tabled = _from_rows(content, source)
    if tabled:
        return tabled
    listed = _first_run([b for b in content if b.in_list and b.tag in ("li", "p", "div", "dt", "dd", "span")])
    terms = [b for b in listed if b.tag == "dt"]
    if _MIN_GROUP <= len(terms) <= _MAX_GROUP:
        return _from_terms(listed, source)
    if _MIN_GROUP <= len(listed) <= _MAX_GROUP:
        values = _from_items(listed, source, sentences_ok)
        if values:
            return values
    leads = _first_run([b for b in content if b.lead])
    if _MIN_GROUP <= len(leads) <= _MAX_GROUP:
        return _from_items(leads, source)
    if sentences_ok and content and not content[0].in_list:
        return _from_inline_list(content[0], source)
    return []


def _from_inline_list(block: Block, source: str) -> list[Value]:
    """Return the values named in one short line under a values heading ("Integrity • Respect •
    Care", "Three values guide us: curiosity, craft and care.")."""
    if word_count(block.text) > _MAX_INLINE_LIST_WORDS:
        return []
    listed = block.text.split(":", 1)[-1].strip().rstrip(".")
    items = [i.strip(" \"'“”‘’") for i in _INLINE_SPLIT.split(listed)]
    items = [i for i in items if i]
    if not (_MIN_PROSE_ITEMS <= len(items) <= _MAX_GROUP):
        return []
    if any(word_count(i) > _MAX_PROSE_ITEM_WORDS or _NOT_A_VALUE_ITEM.match(i) for i in items):
        return []
    names = [_clean_name(i) for i in items]
    return [Value(name=n, description=None, source=source) for n in names if n] if all(names) else []


def _prose_values(block: Block, source: str) -> list[Value]:
    """Return values listed in a sentence of ``block`` ("We believe that A, B and C are key")."""
    if not _PROSE_HINT.search(block.text):
        return []
    for pattern in _PROSE_PATTERNS:
        match = pattern.search(block.text)
        if not match:
            continue
        items = [i.strip(" \"'“”‘’") for i in _LIST_SPLIT.split(match.group("items").strip())]
        items = [i for i in items if i]
        if len(items) < _MIN_PROSE_ITEMS or len(items) > _MAX_GROUP:
            continue
        if any(word_count(i) > _MAX_PROSE_ITEM_WORDS or _NOT_A_VALUE_ITEM.match(i) for i in items):
            continue
        return [Value(name=i, description=None, source=source) for i in items]
    return []


def _groups(page: ParsedPage, page_order: int) -> list[_Group]:
    text = page_text(page)
    bonus = _ROLE_BONUS.get(page.role, _ROLE_BONUS["other"])
    groups: list[_Group] = []
    order = page_order * 100_000
    for section in text.labelled_sections(_ANY_HEADING_CUE):
        score = _heading_score(section.heading)
        if not score:
            continue
        values = _section_values(section, page.url, sentences_ok=score >= _PLAIN_VALUES_SCORE)
        if values:
            groups.append(_Group(values, score + bonus, order + section.heading.index))
    for block in text.main_blocks():
        if block.is_heading or len(block.text) < 20:
            continue
        values = _prose_values(block, page.url)
        if values:
            groups.append(_Group(values, _PROSE_SCORE + bonus, order + block.index))
    return groups


def extract_values(pages: list[ParsedPage]) -> list[Value]:
    """Return the organisation's stated values from the most plainly labelled group on ``pages``."""
    groups = [g for i, page in enumerate(pages) for g in _groups(page, i)]
    groups = [g for g in groups if g.score >= _MIN_SCORE]
    if not groups:
        return []
    best = max(groups, key=lambda g: (g.score, -g.order))
    return unique_by(best.values, lambda v: v.name)
