"""How scout asks public services (Wikidata, Google News): through the guarded session, briefly.

A briefing must not wait on a third party: without network these requests fail within a few
seconds, and the rest of the briefing goes on. Every request carries scout's User-Agent, which
Wikidata's API policy asks of every client.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from companyscout.errors import FetchError
from companyscout.version import USER_AGENT
from companyscout.web.limits import FetchLimits

# Short bounds for services that are a bonus to a briefing, never its core: one retry for a
# passing 503, no long Retry-After waits. The deadline and body cap leave room for the
# Wikidata entity documents of large companies, which weigh hundreds of KiB each.
EXTERNAL_LIMITS = FetchLimits(
    connect_timeout=3.0,
    read_timeout=5.0,
    page_deadline=10.0,
    max_body=8 * 2**20,
    retries=1,
    retry_after_cap=3.0,
    max_redirects=3,
)


class ServiceResponse(Protocol):
    """What scout reads of a service's answer (``companyscout.web.http.HttpResult`` has it)."""

    @property
    def status(self) -> int: ...

    @property
    def content(self) -> bytes: ...


class HttpGet(Protocol):
    """A GET of a public service; raises FetchError when there is no usable answer."""

    def __call__(self, url: str, *, params: Mapping[str, str] | None = None, kind: str = "api") -> ServiceResponse: ...


# What each kind of answer is expected to be, so that servers that negotiate send the right one.
_ACCEPT = {
    "api": "application/json",
    "feed": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8",
}


def external_get(url: str, *, params: Mapping[str, str] | None = None, kind: str = "api") -> ServiceResponse:
    """Return a public service's answer to a GET, fetched with EXTERNAL_LIMITS and scout's identity."""
    from companyscout.web.http import guarded_get  # the session is built on first use

    return guarded_get(
        url,
        limits=EXTERNAL_LIMITS,
        kind=kind,
        params=dict(params or {}),
        headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT.get(kind, "*/*")},
    )


def fetch_ok(http_get: HttpGet | None, url: str, *, service: str, params: Mapping[str, str], kind: str) -> bytes:
    """Return the body of a 200 answer from ``service``, or raise FetchError naming the service."""
    get = http_get or external_get
    try:
        response = get(url, params=params, kind=kind)
    except FetchError as exc:
        if exc.status:
            raise FetchError(f"{service} answered HTTP {exc.status}", url=url, status=exc.status) from exc
        raise FetchError(f"{service} could not be reached ({_first_clause(str(exc))})", url=url) from exc
    if response.status != 200:
        raise FetchError(f"{service} answered HTTP {response.status}", url=url, status=response.status)
    return response.content


def _first_clause(message: str) -> str:
    """Return the part of a fetch error that says what happened ("the host … was not found")."""
    clause = message.split(";", 1)[0].strip().rstrip(".")
    return clause[:1].lower() + clause[1:] if clause.startswith("The ") else clause
