"""What others report about a company: a Google News RSS search, kept to items that name it.

One request per briefing. Links are kept as the feed gives them (Google's redirect links),
so no article is ever requested by scout.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from companyscout.errors import FetchError
from companyscout.model import NewsItem
from companyscout.names import LEGAL_SUFFIXES
from companyscout.sources.external import HttpGet, fetch_ok
from companyscout.sources.feeds import FeedEntry, FeedError, parse_feed
from companyscout.web.addresses import same_site

NEWS_SEARCH_URL = "https://news.google.com/rss/search"
SERVICE = "Google News"
MAX_NEWS_ITEMS = 10
# Google News answers a search with up to 100 items; all are read to find the newest.
FEED_ENTRY_LIMIT = 100

# Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, kana, CJK, Hangul):
# there a name is found inside longer text ("トヨタ" in "トヨタ自動車は", "Acme" in "Acme社"),
# elsewhere it must stand as whole words ("Acme", not "Acmeist").
_UNSPACED = (
    "\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff"
)
_SPACED_WORD_CHAR = f"[^\\W{_UNSPACED}]"
_LEADING_ARTICLES = frozenset({"the"})
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def search_news(
    company: str, *, website: str | None = None, limit: int = MAX_NEWS_ITEMS, http_get: HttpGet | None = None
) -> list[NewsItem]:
    """Return up to ``limit`` recent news items that name ``company`` in their title, newest first.

    Items published on the company's own site (``website``) are left out: they are its own
    news, not what others report. Raises FetchError when Google News cannot be reached or
    answers with something other than a feed.
    """
    name = core_name(company)
    if not name:
        return []
    params = {"q": f'"{name}"', "hl": "en-US", "gl": "US", "ceid": "US:en"}
    body = fetch_ok(http_get, NEWS_SEARCH_URL, service=SERVICE, params=params, kind="feed")
    try:
        entries = parse_feed(body, base_url=NEWS_SEARCH_URL, limit=FEED_ENTRY_LIMIT)
    except FeedError:
        raise FetchError(f"{SERVICE} answered with something that is not a news feed", url=NEWS_SEARCH_URL) from None
    return select_news(entries, company, website=website, limit=limit)


def select_news(
    entries: Iterable[FeedEntry], company: str, *, website: str | None = None, limit: int = MAX_NEWS_ITEMS
) -> list[NewsItem]:
    """Return the entries that name ``company`` as news items, newest first, without repeats.

    The " - Publisher" that news aggregators append to titles is removed before the title is
    searched for the name, so that a publisher called like the company does not count.
    """
    mention = mention_pattern(company)
    capitalised = core_name(company)[:1].isupper()
    items: list[NewsItem] = []
    seen_titles: set[str] = set()
    for entry in entries:
        if entry.url is None:
            continue
        if website and (
            same_site(entry.url, website) or (entry.publisher_url and same_site(entry.publisher_url, website))
        ):
            continue
        title = without_publisher(entry.title, entry.publisher)
        if not names_company(title, mention, capitalised=capitalised):
            continue
        key = title.casefold()
        if key in seen_titles:  # the same wire story from several outlets
            continue
        seen_titles.add(key)
        items.append(NewsItem(date=entry.date, title=title, publisher=entry.publisher, url=entry.url))
    # Sorting is stable: items of the same day keep the feed's order of relevance.
    items.sort(key=lambda item: item.date or "", reverse=True)
    return items[: max(limit, 0)]


def without_publisher(title: str, publisher: str | None) -> str:
    """Return ``title`` without a trailing " - Publisher" naming ``publisher``."""
    if publisher:
        head, sep, tail = title.rpartition(" - ")
        if sep and head.strip() and tail.strip().casefold() == publisher.strip().casefold():
            return head.strip()
    return title


def core_name(company: str) -> str:
    """Return the name as headlines write it: without a leading "The" or legal suffixes ("Inc.")."""
    words = company.replace(",", " ").replace('"', " ").split()
    while len(words) > 1 and words[0].casefold() in _LEADING_ARTICLES:
        words.pop(0)
    while len(words) > 1 and words[-1].casefold().replace(".", "") in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def mention_pattern(company: str) -> re.Pattern[str]:
    """Return a regex finding the company's name in folded text, as whole words where words are spaced."""
    words = _fold(core_name(company)).split()
    body = r"[\s\-]+".join(re.escape(word) for word in words)
    before = f"(?<!{_SPACED_WORD_CHAR})" if words and _spaced(words[0][0]) else ""
    after = f"(?!{_SPACED_WORD_CHAR})" if words and _spaced(words[-1][-1]) else ""
    return re.compile(before + body + after, re.IGNORECASE)


def names_company(title: str, mention: re.Pattern[str], *, capitalised: bool) -> bool:
    """Return True when ``title`` names the company; a capitalised name must be capitalised there too.

    "Apple unveils…" names Apple; "apple harvest…" does not.
    """
    for match in mention.finditer(_fold(title)):
        if not (capitalised and match.group(0)[:1].islower()):
            return True
    return False


def _fold(text: str) -> str:
    """Return ``text`` without accents and with one kind of apostrophe ("Nestlé’s" → "Nestle's")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    # NFC puts back together what has no accent to drop (Hangul syllables, for one).
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def _spaced(ch: str) -> bool:
    return re.fullmatch(_SPACED_WORD_CHAR, ch) is not None
