"""The guarded fetch layer: one HTTP session with every guard, robots.txt, cache and sitemaps.

The names below are imported on first use, so that importing ``companyscout.web.limits`` or
``companyscout.web.addresses`` does not load requests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from companyscout.lazy import lazy_exports

if TYPE_CHECKING:
    from companyscout.web.fetcher import FetchedPage, SiteFetcher, SitemapEntry
    from companyscout.web.http import HttpResult, guarded_get, guarded_session
    from companyscout.web.limits import FetchLimits

_HOMES = {
    "FetchLimits": "companyscout.web.limits",
    "FetchedPage": "companyscout.web.fetcher",
    "HttpResult": "companyscout.web.http",
    "SiteFetcher": "companyscout.web.fetcher",
    "SitemapEntry": "companyscout.web.fetcher",
    "guarded_get": "companyscout.web.http",
    "guarded_session": "companyscout.web.http",
}

__all__ = [
    "FetchLimits",
    "FetchedPage",
    "HttpResult",
    "SiteFetcher",
    "SitemapEntry",
    "guarded_get",
    "guarded_session",
]


__getattr__ = lazy_exports(__name__, _HOMES)
