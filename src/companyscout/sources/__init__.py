"""Sources beyond the company's own pages: name → website, third-party news, and feeds.

``resolve_name`` turns a company's name into its website (the user's records, then Wikidata);
``search_news`` finds what others report (Google News); ``parse_feed`` reads RSS and Atom.
"""

from __future__ import annotations

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
