"""The fetch layer's limits: timeouts, body caps, retries, redirects and politeness, in one place."""

from __future__ import annotations

from dataclasses import dataclass

# What each kind of fetch is for; the kind selects the body cap.
KINDS = ("page", "robots", "sitemap", "feed", "api")


@dataclass(frozen=True)
class FetchLimits:
    """Every bound the fetch layer enforces; the defaults are those of DESIGN.md."""

    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    # Wall-clock bound of a page's network time over all its redirect hops and retries: a server
    # dripping bytes faster than read_timeout would otherwise never time out.
    page_deadline: float = 30.0
    # Wall-clock bound of a whole briefing's fetching: no request starts after it, and one in
    # flight then is cut, so a slow or hostile site costs at most this (Retry-After waits included).
    brief_deadline: float = 120.0
    max_body: int = 5 * 2**20
    max_robots: int = 512 * 2**10
    max_sitemap: int = 10 * 2**20
    max_sitemap_urls: int = 50_000
    max_sitemap_depth: int = 3
    # Sitemap files read per site: the pages that matter are listed in the first few.
    max_sitemap_files: int = 25
    retries: int = 2
    # Longest Retry-After honoured, and the most waiting one page may cost in all; beyond, the host is skipped.
    retry_after_cap: float = 60.0
    backoff_base: float = 0.5
    max_redirects: int = 5
    per_host_connections: int = 4
    # A robots.txt Crawl-delay above this skips the host rather than stretching a brief for hours.
    max_crawl_delay: float = 30.0
    # How long a stored robots.txt still speaks for its site (RFC 9309 §2.4: at most 24 hours).
    robots_fresh_for: float = 24 * 3600.0

    def body_cap(self, kind: str) -> int:
        """Return the largest decompressed body, in bytes, accepted for ``kind``."""
        if kind == "robots":
            return self.max_robots
        if kind == "sitemap":
            return self.max_sitemap
        if kind in KINDS:
            return self.max_body
        raise ValueError(f"unknown fetch kind {kind!r}; expected one of {', '.join(KINDS)}")


# The defaults of DESIGN.md, shared as the default argument of every fetch function.
DEFAULT_LIMITS = FetchLimits()
