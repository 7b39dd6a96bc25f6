"""Dates as pages write them, turned into ISO strings (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``).

Hand-written patterns rather than a general date parser: they are fast enough to run on every
text line of a listing and they never guess a day that the page does not give. Numeric forms
with slashes are read day first or month first only when the date itself (``25/11/2025``) or
the page (its language, its other dates) says which; otherwise they are refused
(``03/04/2021``) rather than read one way at random. Relative dates ("2 days ago") are not
dates of anything a page can be trusted on once cached, and are ignored.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from companyscout.extract.caseless import CaselessPattern

# Month names and abbreviations in the languages scout meets most; keys are lower-case and
# without a trailing dot.
MONTHS: dict[str, int] = {}
_MONTH_NAMES = {
    1: "january jan januar janvier janv enero ene janeiro gennaio gen januari",
    2: "february feb februar février fevrier févr fevr febrero febrero fevereiro fev febbraio febr februari",
    3: "march mar märz maerz mars marzo março marco maart mrt",
    4: "april apr avril avr abril abr aprile",
    5: "may mai mayo maio maggio mag mei",
    6: "june jun juni juin junio junho giugno giu",
    7: "july jul juli juillet juil julio julho luglio lug",
    8: "august aug août aout agosto ago augustus",
    9: "september sep sept septembre septiembre setembro settembre set",
    10: "october oct oktober octobre octubre outubro ottobre ott okt",
    11: "november nov novembre noviembre novembro",
    12: "december dec dezember décembre decembre déc diciembre dic dezembro dez dicembre",
}
for _number, _names in _MONTH_NAMES.items():
    for _name in _names.split():
        MONTHS.setdefault(_name, _number)

_MONTH = r"(?P<{g}>" + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"

# Each pattern names its groups y, m (number or name) and d; the first match in a text wins.
_PATTERNS: list[re.Pattern[str] | CaselessPattern] = [
    # 2018-10-03, 2018/10/03, 2018.10.03 (also the date part of an ISO timestamp)
    re.compile(r"(?<!\d)" + _YEAR.format(g="y") + r"(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)" + r"(?P<d>[0-3]?\d)(?!\d)"),
    # October 3, 2018 · Oct. 3 2018 · March 10th, 2006
    CaselessPattern(
        r"(?<![\w])" + _MONTH.format(g="m") + r"\s+" + _DAY.format(g="d") + r",?\s+" + _YEAR.format(g="y") + r"(?!\d)"
    ),
    # 3 October 2018 · 21 Jun, 2026 · 1er janvier 2020 · 3. März 2021 · 5 de mayo de 2020
    CaselessPattern(
        r"(?<![\w])"
        + _DAY.format(g="d")
        + r"\s*(?:de\s+)?"
        + _MONTH.format(g="m")
        + r",?\s+(?:de\s+)?"
        + _YEAR.format(g="y")
        + r"(?!\d)"
    ),
    # 2018年10月3日 · 2018년 10월 3일 (Chinese, Japanese, Korean)
    re.compile(r"(?P<y>(?:19|20)\d\d)\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]"),
    # 03.10.2018 (day first, as written wherever dots separate the parts)
    re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)(?!\d)"),
    # October 2018 · Oct 2018 (month precision)
    CaselessPattern(r"(?<![\w])" + _MONTH.format(g="m") + r",?\s+" + _YEAR.format(g="y") + r"(?!\d)"),
]

# 03/11/2025 · 3/11/2025 · 03-11-2025: day and month in an order that the page decides.
_NUMERIC = re.compile(r"(?<![\d/.-])(?P<a>[0-3]?\d)(?P<sep>[/-])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)(?!\d)")
# Every form above holds a four-digit year. Most texts hold none, and a year is found several
# times faster than any whole date: a text without one is passed over at once.
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
# Languages whose numeric dates put the month first; every other language puts the day first.
MONTH_FIRST_LANGUAGES = frozenset({"en", "en-us", "en-ph", "en-ca"})

# Dates in URL paths: /2023/08/02/slug/, /2023/8/2/, /posts/2026/04/slug/, /2021-05-11-slug
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]?\d)(?:[/-](?P<d>[0-3]?\d))?(?=[/-]|\.html?$|$)")


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text: its ISO form and where it stood in the text."""

    iso: str
    start: int
    end: int


def _month_number(value: str) -> int | None:
    if value.isdigit():
        return int(value)
    return MONTHS.get(value.lower().rstrip("."))


def _iso(year: int, month: int | None, day: int | None) -> str | None:
    """Return the ISO form of a (partial) date, or None when it is not a real calendar date."""
    if not 1900 <= year <= 2100:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    month = _month_number(groups["m"]) if groups.get("m") else None
    day = int(groups["d"]) if groups.get("d") else None
    if month is None:
        return None
    return _iso(int(groups["y"]), month, day)


def _numeric_iso(match: re.Match[str], day_first: bool | None) -> str | None:
    """Return the ISO form of ``03/11/2025``: the date's own evidence first, then ``day_first``."""
    a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
    if a > 12 >= b:
        day_first = True
    elif b > 12 >= a:
        day_first = False
    elif a != b and day_first is None:
        return None  # 03/04/2021: ambiguous, and the page does not say which
    day, month = (a, b) if day_first or a == b else (b, a)
    return _iso(year, month, day)


# The readers of a listing ask a line for its date more than once (as a title, as a date line,
# as a summary); a long paragraph costs tens of microseconds each time.
@functools.lru_cache(maxsize=4096)
def find_date(text: str, *, day_first: bool | None = None) -> FoundDate | None:
    """Return the first date written in ``text`` (the earliest one in the text), or None.

    ``day_first`` says how the page writes numeric dates (``03/11/2025``); None when unknown.
    """
    if not _ANY_YEAR.search(text):
        return None
    best: FoundDate | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _from_match(match)
            if iso is None:
                continue
            if best is None or match.start() < best.start:
                best = FoundDate(iso, match.start(), match.end())
            break
    for match in _NUMERIC.finditer(text):
        if best is not None and match.start() >= best.start:
            break
        if (iso := _numeric_iso(match, day_first)) is not None:
            best = FoundDate(iso, match.start(), match.end())
            break
    return best


def parse_date(text: str | None, *, day_first: bool | None = None) -> str | None:
    """Return the ISO form of the date that ``text`` holds (a ``datetime`` attribute, a line)."""
    if not text:
        return None
    found = find_date(text.strip(), day_first=day_first)
    return found.iso if found else None


def numeric_order(texts: list[str], language: str | None) -> bool | None:
    """Return True when a page writes numeric dates day first, False when month first, or None.

    A date that can be read one way only (``25/11/2025``, ``11/25/2025``) decides for the page;
    else its language does (``en-US`` month first, ``en-GB``, ``de``, ``fr`` … day first).
    """
    for text in texts:
        if not _ANY_YEAR.search(text):
            continue
        for match in _NUMERIC.finditer(text):
            a, b = int(match["a"]), int(match["b"])
            if a > 12 >= b:
                return True
            if b > 12 >= a:
                return False
    if not language:
        return None
    return language.lower() not in MONTH_FIRST_LANGUAGES


def date_from_url(url: str) -> str | None:
    """Return the date a URL path carries (``/2023/08/02/slug/`` → ``2023-08-02``), or None."""
    match = _URL_DATE.search(urlsplit(url).path)
    if not match:
        return None
    day = int(match["d"]) if match["d"] else None
    return _iso(int(match["y"]), int(match["m"]), day)
