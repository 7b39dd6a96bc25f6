"""The one guarded HTTP session for every request scout makes: site pages and external services.

Guards, in the order a request meets them:

- the URL: http(s) only, no credentials, no https → http downgrade, same site when asked;
- the address: the socket's peer address is checked after connecting and before anything is
  sent (and again when a pooled connection is reused), so DNS rebinding gains nothing;
- time: connect and read timeouts, plus a wall-clock watchdog that shuts the socket down,
  because a read timeout never fires on a server that drips one byte at a time; the page's
  deadline spans all its redirect hops and retries;
- size: bodies are streamed and decompressed by scout itself with a bound on the output,
  so a gzip bomb stops at the cap whatever its Content-Length says; redirect bodies are never
  decompressed (one declared small is read raw and dropped, so that its connection is kept);
- retries: only 408/429/500/502/503/504, with jittered backoff and Retry-After up to a cap;
  connection failures are not retried (an unreachable host fails within the connect timeout);
- redirects: followed by hand, each hop going through every guard above again.

TLS certificates are always verified; a failed verification is never retried without it.
"""

from __future__ import annotations

import email.utils
import heapq
import itertools
import random
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import NameResolutionError, NewConnectionError, ReadTimeoutError

from companyscout.errors import BlockedError, FetchError, NotHTMLError
from companyscout.safe import one_line
from companyscout.version import USER_AGENT
from companyscout.web.addresses import DEFAULT_PORTS, AddressPolicy, same_site, site_key
from companyscout.web.limits import DEFAULT_LIMITS, FetchLimits

# Statuses worth asking again for (Scrapy's and urllib3's list); 404 and friends never are.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# robots.txt over the cap is parsed as far as it fits (RFC 9309 §2.5); other kinds are refused.
TRUNCATED_KINDS = frozenset({"robots"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Types misconfigured servers send HTML under: read, and kept when the body starts like HTML.
SNIFFED_TYPES = frozenset({"text/plain", "application/octet-stream"})
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<!--")
# Only encodings scout decompresses itself, with a bound on the output.
ACCEPT_ENCODING = "gzip, deflate"
CHUNK_SIZE = 16 * 1024
# A redirect's or error's body declared at most this long is read (raw, never decompressed) and
# dropped, so that its connection serves the next request instead of a new TCP and TLS handshake.
MAX_DRAINED = 64 * 1024
_BODILESS_STATUSES = frozenset({204, 304})
_LONGEST_URL_SHOWN = 120

# Magic numbers of bodies that are not HTML whatever their Content-Type claims.
_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a program"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass
class HttpResult:
    """What a server answered: the final URL after redirects, status, headers (lower-case names) and body."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""

    @property
    def content_type(self) -> str | None:
        """Return the media type without parameters (``text/html``), or None when absent."""
        return media_type(self.headers.get("content-type"))


class RetryAfterTooLong(FetchError):
    """The server asks scout to come back later than it is willing to wait; skip the host."""

    def __init__(self, message: str, *, url: str, status: int, seconds: float) -> None:
        super().__init__(message, url=url, status=status)
        self.seconds = seconds


class OutOfTime(FetchError):
    """The caller's overall deadline (a briefing's) came before the answer was complete."""


def short_url(url: str) -> str:
    """Return ``url`` shortened and stripped of control characters, for a one-line message."""
    url = one_line(url)  # a URL from the web may carry terminal escapes into a warning
    return url if len(url) <= _LONGEST_URL_SHOWN else url[: _LONGEST_URL_SHOWN - 1] + "…"


def host_of(url: str) -> str:
    """Return the host (and non-default port) of ``url`` for messages, or the URL when it has none."""
    try:
        netloc = urlsplit(url).netloc.rpartition("@")[2]
    except ValueError:
        netloc = ""
    return short_url(netloc or url)


def media_type(content_type: str | None) -> str | None:
    """Return the lower-case media type of a Content-Type header value, or None."""
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def looks_like_html(content: bytes) -> bool:
    """Return True when a body starts the way HTML documents do (doctype, <html>, <head> or a comment)."""
    return content[:512].lstrip(b"\xef\xbb\xbf\t\n\r ").lower().startswith(_HTML_STARTS)


def binary_signature(content: bytes) -> str | None:
    """Return what a body that cannot be HTML looks like ("a PDF document"), or None when it may be HTML."""
    head = content[:1024].lstrip(b"\t\n\r ")
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return what
    if b"\x00" in content[:4096] and not content.startswith(_UTF16_BOMS):
        return "binary data (NUL bytes)"
    return None


# --- the address guard, at the socket ------------------------------------------------------


class _Context(threading.local):
    """Per-thread state of the exchange in progress: its address policy and watchdog."""

    def __init__(self) -> None:
        self.policy = AddressPolicy()
        self.watchdog: _Watchdog | None = None


_context = _Context()


def _check_peer(conn: HTTPConnection, sock: socket.socket) -> None:
    """Refuse a connection whose peer address the current policy does not allow."""
    try:
        peer = sock.getpeername()[0]
    except OSError:
        return  # not connected: nothing can be sent either
    port = conn.port or DEFAULT_PORTS["https" if isinstance(conn, HTTPSConnection) else "http"]
    reason = _context.policy.refusal(conn.host, port, peer)
    if reason:
        sock.close()
        raise BlockedError(reason)


class _GuardedConnectionMixin:
    """Checks the address actually connected to, and lets the watchdog cut the socket."""

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        _check_peer(self, sock)  # type: ignore[arg-type]
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        sock = getattr(self, "sock", None)
        if sock is not None:  # a pooled connection: made under another call's policy
            _check_peer(self, sock)  # type: ignore[arg-type]
        super().request(*args, **kwargs)  # type: ignore[misc]
        # Hand the socket itself to the watchdog: http.client drops conn.sock once the
        # response is being read, but the response keeps reading from this socket.
        if _context.watchdog is not None and getattr(self, "sock", None) is not None:
            _context.watchdog.watch(self.sock)  # type: ignore[attr-defined]


class _GuardedHTTPConnection(_GuardedConnectionMixin, HTTPConnection):
    pass


class _GuardedHTTPSConnection(_GuardedConnectionMixin, HTTPSConnection):
    pass


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class GuardedAdapter(HTTPAdapter):
    """A requests adapter whose connections pass the address guard and never use a proxy."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        # Through a proxy the peer address would be the proxy's: the guard could not see the target.
        raise BlockedError("scout does not fetch through proxies; unset the proxy to run it.")


def guarded_session(limits: FetchLimits = DEFAULT_LIMITS) -> requests.Session:
    """Return a new requests session whose every connection goes through the guards."""
    session = requests.Session()
    session.trust_env = False  # no proxies or .netrc from the environment
    session.headers.update(
        {
            "User-Agent": USER_AGENT,
            "Accept-Encoding": ACCEPT_ENCODING,
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
        }
    )
    adapter = GuardedAdapter(pool_connections=16, pool_maxsize=limits.per_host_connections, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


_default_session: requests.Session | None = None
_default_session_lock = threading.Lock()


def default_session() -> requests.Session:
    """Return the process-wide guarded session, created on first use."""
    global _default_session
    with _default_session_lock:
        if _default_session is None:
            _default_session = guarded_session()
        return _default_session


# --- time: the watchdog ------------------------------------------------------------------


class _DeadlineExceeded(Exception):
    """The exchange ran past its wall-clock deadline."""


class _Watchdog:
    """Bounds one exchange in wall-clock time: at the deadline it shuts its sockets down."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._done = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._started = 0.0

    def __enter__(self) -> _Watchdog:
        self._started = time.monotonic()
        _context.watchdog = self
        _REAPER.expire_at(self._started + self.seconds, self)
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._done = True
        _context.watchdog = None

    @property
    def done(self) -> bool:
        """Return True once the exchange has ended (its deadline no longer matters)."""
        return self._done

    def watch(self, sock: socket.socket) -> None:
        """Cut ``sock`` at the deadline."""
        with self._lock:
            self._sockets.append(sock)

    def check(self) -> None:
        """Raise when the deadline has passed (between chunks of a body)."""
        if self.out_of_time():
            raise _DeadlineExceeded

    def out_of_time(self) -> bool:
        """Return True once the deadline has passed (a read timeout cut to the deadline fires with it)."""
        if self.expired or time.monotonic() - self._started >= self.seconds:
            self.expired = True
        return self.expired

    def expire(self) -> None:
        """Mark the exchange out of time and shut its sockets down, unless it has ended."""
        with self._lock:
            if self._done:
                return
            self.expired = True
            for sock in self._sockets:
                try:
                    # The plain socket's shutdown, also for TLS sockets: it wakes the reader
                    # blocked in recv() without touching the TLS state that reader is using.
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)
                except OSError:
                    pass


class _Reaper:
    """One daemon thread that expires every watchdog at its deadline.

    A timer thread per exchange would cost a thread start (and its CPU) on every request; the
    deadlines of all exchanges in flight wait in one heap instead. An exchange that ends first
    is skipped when its deadline comes.
    """

    def __init__(self) -> None:
        self._due: list[tuple[float, int, _Watchdog]] = []
        self._order = itertools.count()
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def expire_at(self, when: float, watchdog: _Watchdog) -> None:
        """Have ``watchdog`` expire at ``when`` (a ``time.monotonic()`` value)."""
        with self._changed:
            heapq.heappush(self._due, (when, next(self._order), watchdog))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="scout-watchdog", daemon=True)
                self._thread.start()
            if self._due[0][2] is watchdog:
                self._changed.notify()  # the thread sleeps until the earliest deadline: this one now

    def _run(self) -> None:
        while True:
            with self._changed:
                while self._due and self._due[0][2].done:
                    heapq.heappop(self._due)
                if not self._due:
                    self._changed.wait()
                    continue
                when = self._due[0][0]
                if when > time.monotonic():
                    self._changed.wait(when - time.monotonic())
                    continue
                _, _, watchdog = heapq.heappop(self._due)
            watchdog.expire()


_REAPER = _Reaper()


# --- size: bounded decompression -----------------------------------------------------------


class _Inflater:
    """Decompresses a Content-Encoding stream, never producing more than asked for."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        # 32 + MAX_WBITS accepts both gzip and zlib headers; raw deflate is tried on failure.
        self._inflater: Any = zlib.decompressobj(32 + zlib.MAX_WBITS) if encoding else None
        self._started = False

    def feed(self, data: bytes, room: int) -> bytes:
        """Return at most ``room`` decompressed bytes of ``data``."""
        if self._inflater is None:
            return data[:room]
        try:
            out: bytes = self._inflater.decompress(data, room)
        except zlib.error:
            if self._started or self.encoding != "deflate":
                raise
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._inflater.decompress(data, room)
        self._started = True
        return out

    def flush(self, room: int) -> bytes:
        """Return what remains buffered, at most ``room`` bytes."""
        if self._inflater is None:
            return b""
        return bytes(self._inflater.flush())[:room] if room > 0 else b""


def _inflater_for(content_encoding: str | None, url: str) -> _Inflater:
    codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not codings:
        return _Inflater("")
    if len(codings) == 1 and codings[0] in ("gzip", "x-gzip", "deflate"):
        return _Inflater("deflate" if codings[0] == "deflate" else "gzip")
    raise FetchError(
        f"{short_url(url)} is compressed as {', '.join(codings)}, which scout does not read; skipped.",
        url=url,
    )


def decompress_capped(data: bytes, cap: int, *, what: str) -> bytes:
    """Return gzip/zlib ``data`` decompressed, raising FetchError once it exceeds ``cap`` bytes."""
    inflater = _Inflater("gzip")
    try:
        out = inflater.feed(data, cap + 1)
        out += inflater.flush(cap + 1 - len(out))
    except zlib.error:
        raise FetchError(f"{what} is not valid gzip; skipped.") from None
    if len(out) > cap:
        raise FetchError(f"{what} is larger than {_size(cap)} once decompressed; skipped.")
    return out


def _size(n: int) -> str:
    if n >= 2**20 and n % 2**20 == 0:
        return f"{n // 2**20} MiB"
    if n >= 2**10 and n % 2**10 == 0:
        return f"{n // 2**10} KiB"
    return f"{n} bytes"


def _read_body(response: requests.Response, url: str, cap: int, *, truncate: bool, watchdog: _Watchdog) -> bytes:
    """Return the decompressed body, at most ``cap`` bytes (or FetchError when over and not ``truncate``)."""
    inflater = _inflater_for(response.headers.get("content-encoding"), url)
    body = bytearray()
    chunks: Iterator[bytes] = response.raw.stream(CHUNK_SIZE, decode_content=False)
    try:
        for chunk in chunks:
            watchdog.check()
            body += inflater.feed(chunk, cap + 1 - len(body))
            if len(body) > cap:
                break
        else:
            body += inflater.flush(cap + 1 - len(body))
    except zlib.error:
        raise FetchError(f"{short_url(url)} has a corrupt compressed body; skipped.", url=url) from None
    if len(body) > cap:
        if truncate:
            return bytes(body[:cap])
        raise FetchError(f"{short_url(url)} is larger than {_size(cap)}; skipped.", url=url)
    return bytes(body)


def _drained(response: requests.Response, headers: dict[str, str], watchdog: _Watchdog) -> bool:
    """Return True when a body nobody needs was read to its end: small, of a declared length."""
    if response.status_code in _BODILESS_STATUSES:
        return True
    length = headers.get("content-length", "").strip()
    if not length.isdigit() or int(length) > MAX_DRAINED or "transfer-encoding" in headers:
        return False
    try:
        for _chunk in response.raw.stream(CHUNK_SIZE, decode_content=False):
            watchdog.check()
    except Exception:  # noqa: BLE001 - a body that was never wanted: the connection is dropped instead
        return False
    return True


# --- one exchange, retries, redirects --------------------------------------------------------


@dataclass
class _Answer:
    status: int
    headers: dict[str, str]
    content: bytes


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """Yield ``exc`` and every exception it wraps (cause, context, urllib3's ``reason``)."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        wrapped = [current.__cause__, current.__context__, getattr(current, "reason", None)]
        wrapped += [arg for arg in current.args if isinstance(arg, BaseException)]
        todo.extend(e for e in wrapped if isinstance(e, BaseException))


def _network_error(exc: BaseException, url: str, limits: FetchLimits) -> FetchError:
    """Return the one-sentence FetchError for a failed exchange."""
    host = host_of(url)
    causes = list(_causes(exc))
    if any(isinstance(c, (NameResolutionError, socket.gaierror)) for c in causes):
        return FetchError(f"The host {host} was not found; check the spelling or pass the site's URL.", url=url)
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return FetchError(f"{host} refused the connection.", url=url)
    if isinstance(exc, requests.exceptions.SSLError):
        return FetchError(f"The TLS certificate of {host} could not be verified; not fetched.", url=url)
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return FetchError(f"{host} did not accept a connection within {limits.connect_timeout:g} s.", url=url)
    if any(isinstance(c, (requests.exceptions.ReadTimeout, ReadTimeoutError, TimeoutError)) for c in causes):
        return FetchError(f"{host} stopped sending for {limits.read_timeout:g} s; {short_url(url)} skipped.", url=url)
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema, ValueError)):
        return FetchError(f"{short_url(url)} is not a valid URL; skipped.", url=url)
    if isinstance(exc, requests.exceptions.ConnectionError) and any(isinstance(c, NewConnectionError) for c in causes):
        return FetchError(f"Could not connect to {host}.", url=url)
    if isinstance(exc, requests.exceptions.ConnectionError):
        return FetchError(f"{host} closed the connection before answering {short_url(url)}.", url=url)
    return FetchError(f"{host} closed the connection before {short_url(url)} was complete; nothing kept.", url=url)


def _deadline_error(url: str, limits: FetchLimits) -> FetchError:
    return FetchError(
        f"{host_of(url)} took longer than {limits.page_deadline:g} s to send {short_url(url)}; stopped.", url=url
    )


def _exchange(
    session: requests.Session,
    url: str,
    *,
    headers: dict[str, str],
    limits: FetchLimits,
    kind: str,
    seconds: float,
) -> _Answer:
    """Return one response to GET ``url`` within ``seconds``; the body is read only for a final 2xx answer."""
    response: requests.Response | None = None
    complete = False  # the body was read to its end: the connection may serve the next request
    watchdog = _Watchdog(seconds)
    try:
        with watchdog:
            response = session.get(
                url,
                headers=headers,
                stream=True,
                allow_redirects=False,
                timeout=(min(limits.connect_timeout, seconds), min(limits.read_timeout, seconds)),
            )
            watchdog.check()  # a cut during the headers can look like an empty answer
            answer_headers = {k.lower(): v for k, v in response.headers.items()}
            status = response.status_code
            if not 200 <= status < 300 or status == 204:
                complete = _drained(response, answer_headers, watchdog)
                return _Answer(status, answer_headers, b"")
            if kind == "page":
                mtype = media_type(answer_headers.get("content-type"))
                if mtype is not None and mtype not in HTML_TYPES | SNIFFED_TYPES:
                    raise NotHTMLError(f"{short_url(url)} is not HTML ({mtype}); skipped.", url=url, status=status)
            content = _read_body(
                response, url, limits.body_cap(kind), truncate=kind in TRUNCATED_KINDS, watchdog=watchdog
            )
            watchdog.check()  # a cut during the body can look like its end
            complete = kind not in TRUNCATED_KINDS or len(content) < limits.body_cap(kind)
            return _Answer(status, answer_headers, content)
    except FetchError:
        raise
    except (_DeadlineExceeded, requests.RequestException, Urllib3Error, OSError, ValueError) as exc:
        if watchdog.out_of_time() or isinstance(exc, _DeadlineExceeded):
            raise _deadline_error(url, limits) from None
        raise _network_error(exc, url, limits) from None
    finally:
        if response is not None and complete:
            response.raw.release_conn()  # keep-alive: back to the pool (the watchdog is off by now)
        elif response is not None:
            response.close()  # drops the connection: an unread body is never drained


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """Return the wait a Retry-After header asks for (seconds or an HTTP date), or None when absent/unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def _backoff(attempt: int, limits: FetchLimits) -> float:
    # Jitter spreads the retries of concurrent fetches so they do not hit the server together.
    return float(limits.backoff_base * 2**attempt * random.uniform(0.5, 1.5))


class _PageClock:
    """What is left of one page's time: network time (page_deadline) and waiting (retry_after_cap).

    Both span every redirect hop and retry, so a page costs at most page_deadline of network
    time plus retry_after_cap of waiting, whatever a server does. An overall ``deadline`` (a
    ``time.monotonic()`` value) bounds both further: no exchange and no wait runs past it.
    """

    def __init__(self, limits: FetchLimits, deadline: float | None = None) -> None:
        self.limits = limits
        self.deadline = deadline
        self.network_left = limits.page_deadline
        self.waiting_left = limits.retry_after_cap

    def _overall_left(self) -> float:
        return float("inf") if self.deadline is None else self.deadline - time.monotonic()

    def _out_of_time(self, url: str) -> OutOfTime:
        return OutOfTime(f"{short_url(url)} was not complete when the time of the briefing ran out.", url=url)

    def exchange(self, session: requests.Session, url: str, *, headers: dict[str, str], kind: str) -> _Answer:
        """Return ``_exchange``'s answer, charging its duration to the page."""
        overall = self._overall_left()
        if overall <= 0:
            raise self._out_of_time(url)
        if self.network_left <= 0:
            raise _deadline_error(url, self.limits)
        seconds = min(self.network_left, overall)
        started = time.monotonic()
        try:
            return _exchange(session, url, headers=headers, limits=self.limits, kind=kind, seconds=seconds)
        except FetchError:
            if seconds < self.network_left and self._overall_left() <= 0:
                raise self._out_of_time(url) from None  # cut by the overall deadline, not the page's
            raise
        finally:
            self.network_left -= time.monotonic() - started

    def wait(self, seconds: float, url: str) -> bool:
        """Sleep ``seconds`` and return True, or return False when the page has no waiting time left.

        Raises OutOfTime when the wait would end past the overall deadline.
        """
        if seconds > self.waiting_left:
            return False
        if seconds >= self._overall_left():
            raise self._out_of_time(url)
        self.waiting_left -= seconds
        time.sleep(seconds)
        return True


def _get_with_retries(
    session: requests.Session, url: str, *, headers: dict[str, str], clock: _PageClock, kind: str
) -> _Answer:
    """Return the answer to GET ``url``, asking again on retryable statuses."""
    limits = clock.limits
    for attempt in range(limits.retries + 1):
        answer = clock.exchange(session, url, headers=headers, kind=kind)
        if answer.status not in RETRY_STATUSES:
            return answer
        asked = retry_after_seconds(answer.headers.get("retry-after"))
        if asked is not None and (asked > limits.retry_after_cap or asked > clock.waiting_left):
            raise RetryAfterTooLong(
                f"{host_of(url)} asks to wait {asked:.0f} s before trying again "
                f"(more than the {limits.retry_after_cap:g} s scout waits per page); host skipped.",
                url=url,
                status=answer.status,
                seconds=asked,
            )
        if attempt == limits.retries or not clock.wait(asked if asked is not None else _backoff(attempt, limits), url):
            break
    return answer


def _check_html(url: str, answer: _Answer) -> None:
    """Raise NotHTMLError when a page's body is binary, or plain text / octet-stream that is not HTML."""
    what = binary_signature(answer.content)
    mtype = media_type(answer.headers.get("content-type"))
    if what is None and mtype in SNIFFED_TYPES and not looks_like_html(answer.content):
        what = mtype
    if what:
        raise NotHTMLError(f"{short_url(url)} is not HTML ({what}); skipped.", url=url, status=answer.status)


def _check_hop(
    url: str,
    *,
    previous: str | None,
    policy: AddressPolicy,
    same_site_as: str | None,
    check_url: Callable[[str], None] | None,
) -> None:
    """Raise BlockedError when ``url`` may not be requested (scheme, credentials, address, site, downgrade)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError:
        raise FetchError(f"{short_url(url)} is not a valid URL; skipped.", url=url) from None
    came = f"{short_url(previous)} redirects to {short_url(url)}, which" if previous else short_url(url)
    if parts.scheme not in DEFAULT_PORTS:
        raise BlockedError(f"{came} is not an http(s) address; not followed.", url=url)
    if not host:
        raise FetchError(f"{short_url(url)} has no host; skipped.", url=url)
    if parts.username is not None or parts.password is not None:
        raise BlockedError(f"{came} carries a user name or password; not followed.", url=url)
    if previous and urlsplit(previous).scheme == "https" and parts.scheme == "http":
        raise BlockedError(f"{short_url(previous)} redirects from https to http; not followed.", url=url)
    if same_site_as is not None and not same_site(url, same_site_as):
        site = site_key(same_site_as) or host_of(same_site_as)
        raise BlockedError(f"{came} is not on {site}; not followed.", url=url)
    reason = policy.refusal(host, port or DEFAULT_PORTS[parts.scheme])
    if reason:
        raise BlockedError(reason, url=url)
    if check_url is not None:
        check_url(url)


def guarded_get(
    url: str,
    *,
    limits: FetchLimits = DEFAULT_LIMITS,
    kind: str = "page",
    params: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    trusted_hosts: frozenset[str] = frozenset(),
    same_site_as: str | None = None,
    session: requests.Session | None = None,
    check_url: Callable[[str], None] | None = None,
    deadline: float | None = None,
) -> HttpResult:
    """Return the final answer to GET ``url`` after guarded redirects: a 2xx with its body, or a 304.

    ``kind`` (page, robots, sitemap, feed, api) selects the body cap; a ``page`` must be HTML.
    ``trusted_hosts`` (``host`` or ``host:port``) are hosts the user typed, exempt from the address
    guard. ``same_site_as`` keeps every hop on that URL's registrable domain. ``check_url`` is
    called with every URL before it is requested and may raise BlockedError (robots.txt).
    ``deadline`` (a ``time.monotonic()`` value) is when the caller stops waiting: nothing runs
    past it, and an answer it cuts raises OutOfTime.

    Raises FetchError (with ``.status`` for HTTP errors), BlockedError or NotHTMLError, each with
    a one-sentence message naming the host or URL; RetryAfterTooLong when the host should be skipped.
    """
    limits.body_cap(kind)  # validates kind before any request
    session = session if session is not None else default_session()
    if not isinstance(session.get_adapter("https://"), GuardedAdapter) or not isinstance(
        session.get_adapter("http://"), GuardedAdapter
    ):
        raise TypeError("guarded_get needs a session made by guarded_session()")
    if params:
        try:
            url = requests.Request("GET", url, params=params).prepare().url or url
        except requests.RequestException:
            raise FetchError(f"{short_url(url)} is not a valid URL; skipped.", url=url) from None
    policy = AddressPolicy.trusting(trusted_hosts)
    request_headers = dict(headers or {})
    seen: set[str] = set()
    current, previous = url, None
    clock = _PageClock(limits, deadline)
    saved_policy = _context.policy
    _context.policy = policy
    try:
        for _hop in range(limits.max_redirects + 1):
            _check_hop(current, previous=previous, policy=policy, same_site_as=same_site_as, check_url=check_url)
            seen.add(current)
            answer = _get_with_retries(session, current, headers=request_headers, clock=clock, kind=kind)
            location = answer.headers.get("location")
            if answer.status in REDIRECT_STATUSES and location:
                try:
                    target = urljoin(current, location.strip()).split("#", 1)[0]
                except ValueError:
                    raise FetchError(
                        f"{short_url(current)} redirects to an invalid address; stopped.", url=url, status=answer.status
                    ) from None
                # Coming back to a URL is a loop, unless the answer set a cookie (consent and session
                # walls redirect to the same page once); the redirect cap ends those too.
                if target in seen and "set-cookie" not in answer.headers:
                    raise FetchError(f"{short_url(url)} redirects in a loop; stopped.", url=url, status=answer.status)
                current, previous = target, current
                continue
            if answer.status >= 300 and answer.status != 304:
                raise FetchError(
                    f"{short_url(current)} answered HTTP {answer.status}; skipped.", url=current, status=answer.status
                )
            if kind == "page" and answer.status != 304:
                _check_html(current, answer)
            return HttpResult(
                url=url, final_url=current, status=answer.status, headers=answer.headers, content=answer.content
            )
        raise FetchError(f"{short_url(url)} redirects more than {limits.max_redirects} times; stopped.", url=url)
    finally:
        _context.policy = saved_policy
