"""companyscout: the homework after a job interview, from a company's public pages.

The library behind the ``scout`` command. Names are imported on first use, so that
``import companyscout`` (and every command that never touches the network) starts fast::

    from companyscout import BriefOptions, build_briefing, render

    briefing = build_briefing("https://acme.com/", options=BriefOptions(max_pages=15))
    print(render(briefing, "markdown"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from companyscout.lazy import lazy_exports
from companyscout.version import __version__

if TYPE_CHECKING:
    from companyscout.errors import FetchError, ResolveError, ScoutError, StoreError, UsageError
    from companyscout.model import Achievement, Briefing, Culture, Mission, NewsItem, Person, TalkingPoint, Value
    from companyscout.pipeline import BriefOptions, build_briefing
    from companyscout.render import render
    from companyscout.store import Database, open_database

_EXPORTS: dict[str, str] = {
    "build_briefing": "companyscout.pipeline",
    "BriefOptions": "companyscout.pipeline",
    "render": "companyscout.render",
    "Briefing": "companyscout.model",
    "Mission": "companyscout.model",
    "Value": "companyscout.model",
    "Culture": "companyscout.model",
    "Achievement": "companyscout.model",
    "NewsItem": "companyscout.model",
    "Person": "companyscout.model",
    "TalkingPoint": "companyscout.model",
    "ScoutError": "companyscout.errors",
    "UsageError": "companyscout.errors",
    "FetchError": "companyscout.errors",
    "ResolveError": "companyscout.errors",
    "StoreError": "companyscout.errors",
    "Database": "companyscout.store",
    "open_database": "companyscout.store",
}

__all__ = [
    "__version__",
    "build_briefing",
    "BriefOptions",
    "render",
    "Briefing",
    "Mission",
    "Value",
    "Culture",
    "Achievement",
    "NewsItem",
    "Person",
    "TalkingPoint",
    "ScoutError",
    "UsageError",
    "FetchError",
    "ResolveError",
    "StoreError",
    "Database",
    "open_database",
]


__getattr__ = lazy_exports(__name__, _EXPORTS)
