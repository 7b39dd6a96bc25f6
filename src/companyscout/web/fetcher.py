"""Fetching one site politely: scope, robots.txt, per-host concurrency, Crawl-delay, cache, sitemaps, a deadline.

``SiteFetcher.fetch`` never raises for anything a network, a server or a page can do: the
problem becomes ``FetchedPage.error``, one sentence fit for the briefing's warnings.
"""

from __future__ import annotations

import codecs
import re
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed, wait
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit, urlunsplit

from companyscout.errors import BlockedError, FetchError
from companyscout.web.addresses import DEFAULT_PORTS, host_key, same_site, site_key
from companyscout.web.cache import CachedPage, PageCache
from companyscout.web.http import (
    HttpResult,
    OutOfTime,
    RetryAfterTooLong,
    guarded_get,
    guarded_session,
    host_of,
    media_type,
    short_url,
)
from companyscout.web.limits import DEFAULT_LIMITS, FetchLimits
from companyscout.web.robots import Robots, decode_robots, parse_robots
from companyscout.web.sitemap import Sitemap, SitemapEntry, parse_sitemap

__all__ = ["FetchedPage", "SiteFetcher", "SitemapEntry", "decode_html", "normalise_url"]

# Threads of one fetch_many, whatever the number of hosts.
_MOST_THREADS = 16

# --- decoding -------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Labels browsers read as a wider encoding (WHATWG Encoding): pages labelled Latin-1 are cp1252.
_WIDER = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "iso8859-9": "cp1254",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}
_DETECTION_SAMPLE = 64 * 1024


def _codec(label: str | bytes | None, *, in_document: bool = False) -> str | None:
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", errors="ignore")
    try:
        name = codecs.lookup(label.strip()).name
        b"x".decode(name, "replace")  # refuses codecs that are not text encodings (base64, rot13, zlib)
    except LookupError:
        return None
    if in_document and name.startswith("utf-16"):
        return "utf-8"  # a page that can state its charset in ASCII is not UTF-16
    return _WIDER.get(name, name)


def _detected_encoding(content: bytes) -> str:
    """Return the encoding charset_normalizer finds most likely for an unlabelled, non-UTF-8 body."""
    from charset_normalizer import from_bytes

    matches = from_bytes(content[:_DETECTION_SAMPLE])
    best = matches.best()
    # Short Western texts fit several code pages equally well; windows-1252 is the web's usual
    # legacy encoding, so it wins a tie.
    if best is None or any(m.encoding == "cp1252" and m.chaos <= best.chaos for m in matches):
        return "cp1252"
    return _codec(best.encoding) or "cp1252"


def decode_html(content: bytes, content_type: str | None = None) -> str:
    """Return an HTML body as text: BOM, then HTTP charset, then <meta>, then detection; bad bytes replaced."""
    for bom, bom_codec in _BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(bom_codec, errors="replace")
    header = _HEADER_CHARSET.search(content_type or "")
    meta = _META_CHARSET.search(content[:4096])
    name = _codec(header.group(1) if header else None) or _codec(meta.group(1) if meta else None, in_document=True)
    if name is None:
        try:
            return content.decode("utf-8")
        except UnicodeDecodeError:
            name = _detected_encoding(content)
    return content.decode(name, errors="replace")


# --- URLs -------------------------------------------------------------------------------------


def normalise_url(url: str) -> str:
    """Return ``url`` with a lower-case scheme and host, a path of at least ``/`` and no fragment."""
    parts = urlsplit(url.strip())
    netloc = parts.netloc.lower() if "@" not in parts.netloc else parts.netloc
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    port = parts.port or DEFAULT_PORTS.get(parts.scheme, 80)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def _origin_base(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min"


@dataclass
class FetchedPage:
    """The outcome of fetching one URL; ``error`` is set (and ``text`` None) when it failed.

    ``late`` marks a URL not read because the briefing's deadline came first (counted, not
    warned about one by one); ``blocked_url`` is the address a refused redirect led to.
    """

    url: str
    final_url: str
    status: int | None
    content_type: str | None
    content: bytes
    text: str | None
    error: str | None
    from_cache: bool = False
    late: bool = False
    blocked_url: str | None = None

    @property
    def ok(self) -> bool:
        """Return True when the page was fetched."""
        return self.error is None


def _blocked_target(exc: FetchError) -> str | None:
    """Return the address a redirect led to when policy refused to follow it, else None."""
    return exc.url if isinstance(exc, BlockedError) else None


# Kinds of fetch that wait while pages wait for a connection: supplements never delay pages.
_BACKGROUND_KINDS = frozenset({"sitemap", "feed"})


class _HostGate:
    """Lets at most N requests to one host run at once, or one at a time spaced by Crawl-delay.

    Pages go first: a sitemap or feed request takes a free connection only when no page is
    waiting for one. The gate exists before the host's robots.txt is read (the start page is
    requested alongside it); the Crawl-delay is set once robots.txt has been read.
    """

    def __init__(self, connections: int) -> None:
        self.delay = 0.0
        self._free = max(1, connections)
        self._pages_waiting = 0
        self._changed = threading.Condition()
        self._serial = threading.Lock()
        self._last_end = 0.0  # when the last request run one at a time ended

    @contextmanager
    def turn(self, *, background: bool = False, alone: bool = False, until: float | None = None) -> Iterator[None]:
        """Hold one of the host's connections; with a Crawl-delay (or ``alone``), the only one.

        The Crawl-delay pause never runs past ``until`` (a ``time.monotonic()`` value).
        """
        with self._changed:
            self._pages_waiting += not background
            try:
                self._changed.wait_for(lambda: self._free > 0 and not (background and self._pages_waiting))
            finally:
                self._pages_waiting -= not background
            self._free -= 1
        try:
            if not (alone or self.delay):
                yield
                return
            with self._serial:
                # The delay is read now: the start page's turn ends before robots.txt may be known.
                resume = self._last_end + self.delay
                time.sleep(max(0.0, min(resume, until if until is not None else resume) - time.monotonic()))
                try:
                    yield
                finally:
                    self._last_end = time.monotonic()
        finally:
            with self._changed:
                self._free += 1
                self._changed.notify_all()


class SiteFetcher:
    """Fetches the pages of one website within its registrable domain, obeying robots.txt."""

    def __init__(
        self,
        start_url: str,
        *,
        limits: FetchLimits = DEFAULT_LIMITS,
        trusted: bool = False,
        cache_dir: Path | None = None,
        refresh: bool = False,
        offline: bool = False,
    ) -> None:
        url = start_url.strip()
        if "://" not in url:
            url = "https://" + url
        try:
            self.site_url = normalise_url(url)
            parts = urlsplit(self.site_url)
            host, port = parts.hostname, parts.port
        except ValueError:
            host = None
        if not host or parts.scheme not in DEFAULT_PORTS:
            raise BlockedError(
                f"{short_url(start_url)} is not an http(s) website address; pass a URL like https://example.com/."
            )
        self.limits = limits
        # The user typed this host: the address guard lets exactly this host and port through.
        self.trusted_hosts = frozenset({host_key(host, port, parts.scheme)}) if trusted else frozenset()
        self.refresh = refresh
        self.offline = offline
        if cache_dir is None:
            from companyscout.paths import cache_dir as default_cache_dir

            cache_dir = default_cache_dir()
        self._cache = PageCache(cache_dir)
        self._session = guarded_session(limits)
        self.warnings: list[str] = []
        self._robots: dict[str, Robots] = {}
        self._gates: dict[str, _HostGate] = {}
        self._skipped: dict[str, str] = {}
        self._scope: dict[str | tuple[str, str], bool] = {}  # by URL, and by (scheme, netloc)
        self._closed = False
        # The briefing's deadline: no request starts after it, and none in flight runs past it.
        self._ends_at = time.monotonic() + limits.brief_deadline
        self._late_pages: set[str] = set()
        self._origin_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        # Requests made alongside the start page, before robots.txt is known (see fetch_start).
        self._early: dict[str, Future[FetchedPage]] = {}
        self._early_loader = ThreadPoolExecutor(1, thread_name_prefix="scout-early")
        self._sitemaps_read: dict[str, tuple[FetchedPage, frozenset[str], Sitemap | None]] = {}

    # -- context manager --
    def __enter__(self) -> SiteFetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the connections; nothing more is requested (what is in flight ends as it does)."""
        self._closed = True
        self._early_loader.shutdown(wait=False, cancel_futures=True)
        self._session.close()

    # -- policy --
    def _warn(self, message: str) -> None:
        with self._lock:
            if message not in self.warnings:
                self.warnings.append(message)

    def _skip(self, origin: str, reason: str) -> None:
        with self._lock:
            self._skipped.setdefault(origin, reason)
        self._warn(reason)

    def in_scope(self, url: str) -> bool:
        """Return True when ``url`` is http(s) on the site's registrable domain (look-alikes are not)."""
        known = self._scope.get(url)
        if known is None:
            try:
                parts = urlsplit(url)
                # The answer depends on the scheme, host and port alone: judged once per origin.
                origin = (parts.scheme.lower(), parts.netloc.lower())
                known = self._scope.get(origin)
                if known is None:
                    parts.port  # noqa: B018 - raises ValueError on a bad port
                    known = parts.username is None and parts.password is None and same_site(url, self.site_url)
                    self._scope[origin] = known
            except ValueError:
                known = False
            self._scope[url] = known  # every page links the same menus: each URL is judged once
        return known

    def allowed(self, url: str) -> bool:
        """Return True when ``url`` is in scope, its host is not skipped, and robots.txt allows it."""
        if not self.in_scope(url):
            return False
        origin = _origin(url)
        robots = self._robots_for(url)
        return origin not in self._skipped and robots.allows(url)

    def robots_disallows(self, url: str) -> bool:
        """Return True when the robots.txt already read for ``url``'s host disallows it."""
        origin = _origin(url)
        robots = self._robots.get(origin)
        return robots is not None and origin not in self._skipped and not robots.allows(url)

    def _origin_lock(self, origin: str) -> threading.Lock:
        with self._lock:
            return self._origin_locks.setdefault(origin, threading.Lock())

    def _robots_for(self, url: str) -> Robots:
        """Return the robots.txt policy of ``url``'s origin, fetching it once."""
        origin = _origin(url)
        with self._origin_lock(origin):
            if origin not in self._robots:
                robots = self._load_robots(url)
                delay = robots.crawl_delay
                if delay is not None and delay > self.limits.max_crawl_delay:
                    self._skip(
                        origin,
                        f"robots.txt of {host_of(url)} asks for {delay:g} s between requests "
                        f"(more than {self.limits.max_crawl_delay:g} s); host skipped.",
                    )
                self._gate(origin).delay = delay or 0.0
                self._robots[origin] = robots
            return self._robots[origin]

    def _gate(self, origin: str) -> _HostGate:
        with self._lock:
            if origin not in self._gates:
                self._gates[origin] = _HostGate(self.limits.per_host_connections)
            return self._gates[origin]

    def _load_robots(self, url: str) -> Robots:
        robots_url = _origin_base(url) + "/robots.txt"
        host = host_of(url)
        cached = None if self.refresh else self._cache.get(robots_url)
        if self.offline:
            return parse_robots(decode_robots(cached.content)) if cached else Robots.allowing_all()
        try:
            result = guarded_get(
                robots_url,
                limits=self.limits,
                kind="robots",
                headers=cached.validators() if cached else None,
                trusted_hosts=self.trusted_hosts,
                session=self._session,
                deadline=self._ends_at,
            )
        except RetryAfterTooLong as exc:
            self._skip(_origin(url), str(exc))
            return Robots.disallowing_all()
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                return Robots.allowing_all()  # RFC 9309 §2.3.1.3: no robots.txt, no restriction
            # RFC 9309 §2.3.1.4: unreachable means everything is disallowed.
            outcome = f"answered HTTP {exc.status}" if exc.status is not None else "could not be read"
            self._skip(
                _origin(url), f"The robots.txt of {host} {outcome}, so scout may not read the site; try again later."
            )
            return Robots.disallowing_all()
        if result.status == 304 and cached is not None:
            self._cache.touch(robots_url)  # confirmed just now: fresh again (RFC 9309 §2.4)
            return parse_robots(decode_robots(cached.content))
        self._store(robots_url, result.final_url, result.status, result.headers, result.content)
        return parse_robots(decode_robots(result.content))

    def _check_hop(self, url: str) -> None:
        """Refuse a redirect hop that is skipped or disallowed by its host's robots.txt."""
        origin = _origin(url)
        if origin in self._skipped:
            raise BlockedError(self._skipped[origin], url=url)
        if not self._robots_for(url).allows(url):
            raise BlockedError(f"robots.txt of {host_of(url)} disallows {short_url(url)}; skipped.", url=url)

    # -- fetching --
    def _failed(
        self, url: str, error: str, *, status: int | None = None, blocked_url: str | None = None
    ) -> FetchedPage:
        return FetchedPage(url, url, status, None, b"", None, error, blocked_url=blocked_url)

    def time_left(self) -> float:
        """Return the seconds left before the briefing's deadline (negative once it has passed)."""
        return self._ends_at - time.monotonic()

    def _late(self, url: str, kind: str) -> FetchedPage:
        """Return the failure of a URL the deadline left unread, counting it when it is a page."""
        if kind == "page":
            with self._lock:
                self._late_pages.add(url)
        error = f"{short_url(url)} was not read: the briefing's {self.limits.brief_deadline:g} s had run out."
        page = self._failed(url, error)
        page.late = True
        return page

    @property
    def late_pages(self) -> int:
        """Return how many pages were asked for but not read because the deadline came first."""
        with self._lock:
            return len(self._late_pages)

    def _page(
        self,
        url: str,
        final_url: str,
        status: int,
        content_type: str | None,
        content: bytes,
        kind: str,
        *,
        from_cache: bool,
    ) -> FetchedPage:
        text = decode_html(content, content_type) if kind == "page" else None
        return FetchedPage(url, final_url, status, media_type(content_type), content, text, None, from_cache)

    def _store(self, url: str, final_url: str, status: int, headers: dict[str, str], content: bytes) -> None:
        if status != 200:
            return
        page = CachedPage(
            url=url,
            final_url=final_url,
            status=status,
            content_type=headers.get("content-type"),
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
            content=content,
        )
        try:
            self._cache.put(page)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self._warn(
                f"The page cache in {self._cache.folder} could not be written ({reason}); pages were not cached."
            )

    def fetch(self, url: str, *, kind: str = "page") -> FetchedPage:
        """Return the page at ``url``; every network, HTTP, policy or content problem is in ``.error``."""
        self.limits.body_cap(kind)  # an unknown kind is a programming error, raised at once
        try:
            url = normalise_url(url)
        except ValueError:
            return self._failed(url, f"{short_url(url)} is not a valid URL; skipped.")
        if not self.in_scope(url):
            return self._failed(url, f"{short_url(url)} is not on {site_key(self.site_url)}; not fetched.")
        if (early := self._early.get(url)) is not None and kind == "sitemap":
            return early.result()  # requested alongside the start page; judged by robots.txt there
        if self._closed:
            return self._failed(url, f"{short_url(url)} was not fetched: fetching had ended.")
        cached = None if self.refresh else self._cache.get(url)
        if self.offline:
            if cached is None:
                return self._failed(url, f"{short_url(url)} is not in the cache; run without --offline.")
            return self._page(
                url, cached.final_url, cached.status, cached.content_type, cached.content, kind, from_cache=True
            )
        if self.time_left() <= 0:
            return self._late(url, kind)
        origin = _origin(url)
        if not self.allowed(url):
            if origin in self._skipped:
                return self._failed(url, self._skipped[origin])
            return self._failed(url, f"robots.txt of {host_of(url)} disallows {short_url(url)}; skipped.")
        with self._gate(origin).turn(background=kind in _BACKGROUND_KINDS, until=self._ends_at):
            if self.time_left() <= 0:  # the deadline came while waiting for a connection
                return self._late(url, kind)
            try:
                result = self._get(url, kind, cached, check_url=self._check_hop)
            except OutOfTime:
                return self._late(url, kind)
            except RetryAfterTooLong as exc:
                self._skip(origin, str(exc))
                return self._failed(url, str(exc), status=exc.status)
            except FetchError as exc:
                return self._failed(url, str(exc), status=exc.status, blocked_url=_blocked_target(exc))
        return self._answered(url, kind, cached, result)

    def _get(self, url: str, kind: str, cached: CachedPage | None, *, check_url: Callable[[str], None]) -> HttpResult:
        return guarded_get(
            url,
            limits=self.limits,
            kind=kind,
            headers=cached.validators() if cached else None,
            trusted_hosts=self.trusted_hosts,
            same_site_as=self.site_url,
            session=self._session,
            check_url=check_url,
            deadline=self._ends_at,
        )

    def _answered(self, url: str, kind: str, cached: CachedPage | None, result: HttpResult) -> FetchedPage:
        """Return the page a server's answer gives (the cached body on 304), storing a new body."""
        if result.status == 304:
            if cached is None:
                return self._failed(
                    url, f"{short_url(url)} answered 304 Not Modified to a plain request; skipped.", status=304
                )
            return self._page(
                url, result.final_url, cached.status, cached.content_type, cached.content, kind, from_cache=True
            )
        self._store(url, result.final_url, result.status, result.headers, result.content)
        return self._page(
            url,
            result.final_url,
            result.status,
            result.headers.get("content-type"),
            result.content,
            kind,
            from_cache=False,
        )

    def fetch_start(self) -> FetchedPage:
        """Return the start page (the address the user gave), requested alongside its robots.txt.

        RFC 9309 has a crawler obey robots.txt, which means reading it first; waiting for it
        before the one page the user asked for would cost every briefing a round trip. So the
        start page is requested while robots.txt loads, the way a browser fetches a page a
        person asked for, and its answer is used only once robots.txt allows it. The site's
        default sitemap (``/sitemap.xml``, published for crawlers) goes out in the same round
        under the same rule (see ``early_sitemap``): a plan made from it needs no round of its own.
        When robots.txt disallows the start page (or cannot be read, or sets a Crawl-delay beyond
        the limit), the answer is dropped unread and uncached and the briefing stops as if it had
        never been requested. The politeness cost: a site that disallows its home page receives
        that one request. It is never repeated while a robots.txt read within the last 24 hours
        (RFC 9309 §2.4) disallows it: then robots.txt is read first, as for every other page.
        A redirect of the start page, and every page found on the site, wait for robots.txt.
        """
        url = self.site_url
        if self.offline or not self.in_scope(url) or not self._may_request_before_robots(url):
            return self.fetch(url)
        origin = _origin(url)
        with ThreadPoolExecutor(1, thread_name_prefix="scout-robots") as robots_loader:
            robots = robots_loader.submit(self._robots_for, url)
            sitemap_url = self.default_sitemap_url
            if self._may_request_before_robots(sitemap_url, alongside=True):
                self._early[sitemap_url] = self._early_loader.submit(
                    self._fetch_before_robots, sitemap_url, "sitemap", robots
                )
            # Alone on its connection: under a Crawl-delay, the next request waits for this one.
            result, cached = self._request_before_robots(url, "page", alone=True)
            allows = robots.result().allows(url) and origin not in self._skipped
        if not allows:
            unreachable = (
                isinstance(result, FetchError) and result.status is None and not isinstance(result, BlockedError)
            )
            if origin in self._skipped:
                # An unreachable host fails its robots.txt too: the start page's own error says more.
                return self._failed(url, str(result) if unreachable else self._skipped[origin])
            return self._failed(url, f"robots.txt of {host_of(url)} disallows {short_url(url)}; skipped.")
        return self._judged(url, "page", cached, result)

    def _request_before_robots(
        self, url: str, kind: str, *, alone: bool
    ) -> tuple[HttpResult | FetchError, CachedPage | None]:
        """Return the server's answer to ``url`` (or the error) and the cached copy it revalidates.

        The first hop is judged by the caller once robots.txt has arrived; a redirect's further
        hops wait for robots.txt, as every page found on the site does.
        """
        cached = None if self.refresh else self._cache.get(url)
        first_hop = [url]

        def check_hop(hop: str) -> None:
            if first_hop and hop == first_hop.pop():
                return
            self._check_hop(hop)

        with self._gate(_origin(url)).turn(alone=alone, until=self._ends_at):
            try:
                return self._get(url, kind, cached, check_url=check_hop), cached
            except FetchError as exc:
                return exc, cached

    def _judged(self, url: str, kind: str, cached: CachedPage | None, result: HttpResult | FetchError) -> FetchedPage:
        """Return the page an answer gives once robots.txt allows it: stored, or failed with its sentence."""
        if isinstance(result, OutOfTime):
            return self._late(url, kind)
        if isinstance(result, RetryAfterTooLong):
            self._skip(_origin(url), str(result))
        if isinstance(result, FetchError):
            return self._failed(url, str(result), status=result.status, blocked_url=_blocked_target(result))
        return self._answered(url, kind, cached, result)

    def _fetch_before_robots(self, url: str, kind: str, robots: Future[Robots]) -> FetchedPage:
        """Return ``url`` requested while robots.txt loads, kept only when robots.txt allows it."""
        result, cached = self._request_before_robots(url, kind, alone=False)
        origin = _origin(url)
        if origin in self._skipped:
            return self._failed(url, self._skipped[origin])
        if not robots.result().allows(url):
            return self._failed(url, f"robots.txt of {host_of(url)} disallows {short_url(url)}; skipped.")
        return self._judged(url, kind, cached, result)

    @property
    def default_sitemap_url(self) -> str:
        """Return where sites keep their sitemap when robots.txt names none: ``/sitemap.xml``."""
        return _origin_base(self.site_url) + "/sitemap.xml"

    def wait_early_sitemap(self, seconds: float) -> None:
        """Wait at most ``seconds`` (and never past the deadline) for the default sitemap requested early."""
        early = self._early.get(self.default_sitemap_url)
        if early is not None:
            wait([early], timeout=max(0.0, min(seconds, self.time_left())))

    def early_sitemap(self) -> FetchedPage | None:
        """Return the default sitemap requested alongside the start page, if its answer is in; else None."""
        early = self._early.get(self.default_sitemap_url)
        return early.result() if early is not None and early.done() else None

    def _may_request_before_robots(self, url: str, *, alongside: bool = False) -> bool:
        """Return False when a robots.txt stored within ``robots_fresh_for`` disallows ``url``.

        With ``alongside`` (a second request while robots.txt loads), also when it sets a Crawl-delay.
        """
        robots_url = _origin_base(url) + "/robots.txt"
        age = self._cache.age(robots_url)
        if age is None or age > self.limits.robots_fresh_for:
            return True
        stored = self._cache.get(robots_url)
        if stored is None:
            return True
        robots = parse_robots(decode_robots(stored.content))
        return robots.allows(url) and not (alongside and robots.crawl_delay)

    def warn_crawl_delays(self, urls: list[str]) -> None:
        """Warn when a host's Crawl-delay makes fetching ``urls`` slow (robots.txt already read)."""
        counts: dict[str, int] = {}
        for url in urls:
            if self.in_scope(url):
                counts[_origin(url)] = counts.get(_origin(url), 0) + 1
        for origin, count in counts.items():
            delay = self._robots[origin].crawl_delay if origin in self._robots else None
            if delay and origin not in self._skipped and count > 1:
                host = host_of(origin)
                self._warn(
                    f"robots.txt of {host} asks for {delay:g} s between requests; "
                    f"fetching {count} pages there takes at least {_duration(delay * (count - 1))}."
                )

    def fetch_many(
        self,
        urls: list[str],
        *,
        kind: str = "page",
        on_done: Callable[[FetchedPage], None] | None = None,
    ) -> list[FetchedPage]:
        """Return the pages at ``urls`` in the same order, fetched concurrently within each host's limits.

        ``on_done`` is called in the calling thread as each page completes.
        """
        if not urls:
            return []
        if not self.offline:
            for url in urls:  # robots.txt first, one origin at a time, so Crawl-delay is known
                if self.in_scope(url):
                    self._robots_for(url)
            self.warn_crawl_delays(urls)
        if len(urls) == 1:  # nothing to run alongside: no thread to start
            page = self.fetch(urls[0], kind=kind)
            if on_done is not None:
                on_done(page)
            return [page]
        origins = {_origin(url) for url in urls if self.in_scope(url)}
        workers = max(1, min(len(urls), self.limits.per_host_connections * max(1, len(origins)), _MOST_THREADS))
        pages: list[FetchedPage | None] = [None] * len(urls)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="scout-fetch") as pool:
            futures = {pool.submit(self.fetch, url, kind=kind): index for index, url in enumerate(urls)}
            for future in as_completed(futures):
                page = future.result()
                pages[futures[future]] = page
                if on_done is not None:
                    on_done(page)
        return [page for page in pages if page is not None]

    # -- sitemaps --
    def robots_sitemaps(self) -> list[str]:
        """Return the sitemap URLs the site's robots.txt lists (possibly none)."""
        return list(dict.fromkeys(self._robots_for(self.site_url).sitemaps))

    def _served_here(self, url: str, aliases: frozenset[str]) -> str:
        """Return ``url`` moved to the site's own scheme and host when its host is one of ``aliases``."""
        if not aliases:
            return url
        try:
            parts = urlsplit(url)
            moved = (parts.hostname or "").lower() in aliases
        except ValueError:
            return url
        if not moved:
            return url
        site = urlsplit(self.site_url)
        return urlunsplit((site.scheme, site.netloc, parts.path or "/", parts.query, ""))

    def sitemap_entries(
        self, urls: list[str] | None = None, *, aliases: frozenset[str] = frozenset()
    ) -> list[SitemapEntry]:
        """Return the site's pages listed by sitemaps: ``urls``, or robots.txt's and /sitemap.xml.

        Nested indexes are followed to ``max_sitemap_depth``; off-site entries are dropped;
        at most ``max_sitemap_urls`` entries and ``max_sitemap_files`` files are read.
        ``aliases`` are the host names the site's own pages give it (canonical link, og:url):
        a copy served elsewhere lists its sitemaps and pages by them, and they are read here.
        """
        default = self.default_sitemap_url
        explicit = list(urls) if urls is not None else self.robots_sitemaps()
        explicit = [self._served_here(u, aliases) for u in explicit]
        level = list(dict.fromkeys(explicit if urls is not None else [*explicit, default]))
        seen: set[str] = set()
        entries: dict[str, SitemapEntry] = {}
        files = 0
        limits = self.limits
        for depth in range(1, limits.max_sitemap_depth + 2):
            level = [u for u in dict.fromkeys(normalise_url(u) for u in level) if u not in seen]
            if not level:
                break
            if depth > limits.max_sitemap_depth:
                self._warn(
                    f"Sitemap indexes of {site_key(self.site_url)} nest deeper than "
                    f"{limits.max_sitemap_depth} levels; the deeper ones were not read."
                )
                break
            if files + len(level) > limits.max_sitemap_files:
                level = level[: max(0, limits.max_sitemap_files - files)]
                self._warn(
                    f"Sitemaps of {site_key(self.site_url)} span more than {limits.max_sitemap_files} files; "
                    "only the first ones were read."
                )
            seen.update(level)
            files += len(level)
            children: list[str] = []
            for page in self.fetch_many([u for u in level if self.in_scope(u)], kind="sitemap"):
                guessed = page.url == default and default not in explicit  # a miss there is no news
                sitemap = self._read_sitemap(page, aliases, quiet=guessed)
                if sitemap is None:
                    continue
                children += sitemap.children
                for entry in sitemap.entries:
                    if len(entries) >= limits.max_sitemap_urls:
                        sitemap.truncated = True
                        break
                    entries.setdefault(entry.url, entry)
                if sitemap.truncated:
                    self._warn(
                        f"Sitemaps of {site_key(self.site_url)} list more than {limits.max_sitemap_urls:,} "
                        f"pages; only the first {limits.max_sitemap_urls:,} were read."
                    )
            level = children
        return list(entries.values())

    def early_sitemap_entries(
        self, aliases: frozenset[str] = frozenset(), *, max_bytes: int | None = None
    ) -> list[SitemapEntry]:
        """Return the pages the default sitemap lists, if its answer is already in; else [].

        Sitemaps it nests are not followed here (``sitemap_entries`` reads them): a plan made
        at once uses what has arrived, and waits for nothing. One over ``max_bytes`` is left to
        ``sitemap_entries`` too (reading it would take longer than a plan may wait).
        """
        page = self.early_sitemap()
        if page is None or (max_bytes is not None and len(page.content) > max_bytes):
            return []
        sitemap = self._read_sitemap(page, aliases, quiet=True)
        return sitemap.entries[: self.limits.max_sitemap_urls] if sitemap is not None else []

    def _read_sitemap(self, page: FetchedPage, aliases: frozenset[str], *, quiet: bool) -> Sitemap | None:
        """Return a fetched sitemap's in-scope pages and nested sitemaps, moved to this host; None if unusable.

        A failure is a warning unless ``quiet`` (a guessed address) or the deadline came first.
        The sitemap requested early is read for the plan and again with the others: once is enough.
        """
        with self._lock:
            read = self._sitemaps_read.get(page.url)
        if read is not None and read[0] is page and read[1] == aliases and (read[2] is not None or quiet):
            return read[2]  # (a failure read quietly is read again to be warned about)
        sitemap = self._parsed_sitemap(page, aliases, quiet=quiet)
        with self._lock:
            self._sitemaps_read[page.url] = (page, aliases, sitemap)
        return sitemap

    def _parsed_sitemap(self, page: FetchedPage, aliases: frozenset[str], *, quiet: bool) -> Sitemap | None:
        if page.error:
            if not (quiet or page.late):
                self._warn(page.error)
            return None
        limits = self.limits
        try:
            sitemap = parse_sitemap(
                page.content, url=page.url, max_bytes=limits.max_sitemap, max_urls=limits.max_sitemap_urls
            )
        except FetchError as exc:
            if not quiet:
                self._warn(str(exc))
            return None
        sitemap.children = [c for c in (self._served_here(c, aliases) for c in sitemap.children) if self.in_scope(c)]
        moved = (SitemapEntry(self._served_here(entry.url, aliases), entry.lastmod) for entry in sitemap.entries)
        sitemap.entries = [entry for entry in moved if self.in_scope(entry.url)]
        return sitemap
