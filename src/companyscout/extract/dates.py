"""Dates as pages write them, turned into ISO strings (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``).

Hand-written patterns rather than a general date parser: they are fast enough to run on every
text line of a listing, they never guess a day that the page does not give, and they refuse
ambiguous numeric forms (``03/04/2021``) instead of picking one reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

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
_PATTERNS: list[re.Pattern[str]] = [
    # 2018-10-03, 2018/10/03, 2018.10.03 (also the date part of an ISO timestamp)
    re.compile(r"(?<!\d)" + _YEAR.format(g="y") + r"(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)"
               + r"(?P<d>[0-3]?\d)(?!\d)"),
    # October 3, 2018 · Oct. 3 2018 · March 10th, 2006
    re.compile(r"(?<![\w])" + _MONTH.format(g="m") + r"\s+" + _DAY.format(g="d")
               + r",?\s+" + _YEAR.format(g="y") + r"(?!\d)", re.IGNORECASE),
    # 3 October 2018 · 21 Jun, 2026 · 1er janvier 2020 · 3. März 2021 · 5 de mayo de 2020
    re.compile(r"(?<![\w])" + _DAY.format(g="d") + r"\s*(?:de\s+)?" + _MONTH.format(g="m")
               + r",?\s+(?:de\s+)?" + _YEAR.format(g="y") + r"(?!\d)", re.IGNORECASE),
    # 03.10.2018 (day first, as written wherever dots separate the parts)
    re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)(?!\d)"),
    # October 2018 · Oct 2018 (month precision)
    re.compile(r"(?<![\w])" + _MONTH.format(g="m") + r",?\s+" + _YEAR.format(g="y") + r"(?!\d)",
               re.IGNORECASE),
]

# Dates in URL paths: /2023/08/02/slug/, /2023/8/2/, /posts/2026/04/slug/, /2021-05-11-slug
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]?\d)(?:[/-](?P<d>[0-3]?\d))?(?=[/-]|\.html?$|$)"
)


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


def find_date(text: str) -> FoundDate | None:
    """Return the first date written in ``text`` (the earliest one in the text), or None."""
    best: FoundDate | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _from_match(match)
            if iso is None:
                continue
            if best is None or match.start() < best.start:
                best = FoundDate(iso, match.start(), match.end())
            break
    return best


def parse_date(text: str | None) -> str | None:
    """Return the ISO form of the date that ``text`` holds (a ``datetime`` attribute, a line)."""
    if not text:
        return None
    found = find_date(text.strip())
    return found.iso if found else None


def date_from_url(url: str) -> str | None:
    """Return the date a URL path carries (``/2023/08/02/slug/`` → ``2023-08-02``), or None."""
    match = _URL_DATE.search(urlsplit(url).path)
    if not match:
        return None
    day = int(match["d"]) if match["d"] else None
    return _iso(int(match["y"]), int(match["m"]), day)

