"""Sources beyond the company's own pages: name → website, third-party news, and feeds.

``resolve_name`` turns a company's name into its website (the user's records, then Wikidata);
``search_news`` finds what others report (Google News); ``parse_feed`` reads RSS and Atom.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from companyscout.lazy import lazy_exports

if TYPE_CHECKING:
    from companyscout.sources.feeds import FeedEntry, FeedError, find_feed_links, parse_feed
    from companyscout.sources.news import search_news
    from companyscout.sources.resolve import (
        AmbiguousName,
        Candidate,
        ResolvedSite,
        remember_resolution,
        resolve_name,
        resolve_name_offline,
    )

# The names below are imported on first use: a briefing reads feeds without loading the
# name resolution and news modules (and the database they use).
_HOMES = {
    "FeedEntry": "companyscout.sources.feeds",
    "FeedError": "companyscout.sources.feeds",
    "find_feed_links": "companyscout.sources.feeds",
    "parse_feed": "companyscout.sources.feeds",
    "search_news": "companyscout.sources.news",
    "AmbiguousName": "companyscout.sources.resolve",
    "Candidate": "companyscout.sources.resolve",
    "ResolvedSite": "companyscout.sources.resolve",
    "remember_resolution": "companyscout.sources.resolve",
    "resolve_name": "companyscout.sources.resolve",
    "resolve_name_offline": "companyscout.sources.resolve",
}

__all__ = [
    "AmbiguousName",
    "Candidate",
    "FeedEntry",
    "FeedError",
    "ResolvedSite",
    "find_feed_links",
    "parse_feed",
    "remember_resolution",
    "resolve_name",
    "resolve_name_offline",
    "search_news",
]


__getattr__ = lazy_exports(__name__, _HOMES)
