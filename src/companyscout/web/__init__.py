"""The guarded fetch layer: one HTTP session with every guard, robots.txt, cache and sitemaps.

The names below are imported on first use, so that importing ``companyscout.web.limits`` or
``companyscout.web.addresses`` does not load requests.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
