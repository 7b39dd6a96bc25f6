"""SiteFetcher against a real server: timeouts, watchdog, truncation, robots.txt, caps, cache, concurrency.

RELIABILITY cases 1, 2, 5, 8, 9, 11, 12 (the fetch side) with the guard relaxed for the test server only.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import (
    Handler,
    Request,
    TestServer,
    drip,
    gzip_bomb,
    long_content_length,
    page,
    redirect,
    reset_mid_body,
    robots,
    slow,
    status,
    stream,
)

from companyscout.errors import FetchError
from companyscout.web import http
from companyscout.web.cache import PageCache
from companyscout.web.fetcher import FetchedPage, SiteFetcher, decode_html
from companyscout.web.http import guarded_get
from companyscout.web.limits import FetchLimits


@pytest.fixture
def server() -> Iterator[TestServer]:
    """A running test server, stopped after the test."""
    with TestServer() as running:
        yield running


# Small and quick: 64 KiB pages, a 2 s watchdog, no backoff.
TINY = FetchLimits(
    connect_timeout=1.0,
    read_timeout=5.0,
    page_deadline=2.0,
    max_body=64 * 2**10,
    max_robots=16 * 2**10,
    backoff_base=0.0,
    retries=1,
)
ALLOW_ALL = "User-agent: *\nDisallow:\n"


@pytest.fixture
def site(server: TestServer, tmp_path: Path) -> Iterator[SiteFetcher]:
    """A SiteFetcher for the test server, trusted as if the user typed its address."""
    server.route("/robots.txt", robots(ALLOW_ALL))
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path / "cache") as fetcher:
        yield fetcher


def free_port() -> int:
    """Return a port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- 1. unreachable hosts ---------------------------------------------------------------------


def test_case01_refused_connection_names_the_host() -> None:
    port = free_port()
    with pytest.raises(FetchError, match=rf"127\.0\.0\.1:{port} refused the connection"):
        guarded_get(f"http://127.0.0.1:{port}/", limits=TINY, trusted_hosts=frozenset({f"127.0.0.1:{port}"}))


def test_case01_unknown_domain_suggests_a_url(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr("urllib3.util.connection.socket.getaddrinfo", no_such_host)
    with pytest.raises(FetchError, match=r"host acme-robotics\.example was not found; .*pass the site's URL"):
        guarded_get("https://acme-robotics.example/", limits=TINY)


@pytest.fixture
def unanswering_port() -> Iterator[int]:
    """A port whose listen queue is full, so that new connections hang as to an unroutable host."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = int(listener.getsockname()[1])
        queued = []
        for _ in range(3):
            client = socket.socket()
            client.setblocking(False)
            client.connect_ex(("127.0.0.1", port))
            queued.append(client)
        try:
            yield port
        finally:
            for client in queued:
                client.close()


def test_case01_unroutable_host_fails_within_connect_timeout(unanswering_port: int) -> None:
    limits = FetchLimits(connect_timeout=0.5, retries=0)
    host = f"127.0.0.1:{unanswering_port}"
    with pytest.raises(FetchError, match=rf"{host} did not accept a connection within 0\.5 s"):
        guarded_get(f"http://{host}/", limits=limits, trusted_hosts=frozenset({host}))


def test_case01_site_fetcher_turns_failure_into_page_error(tmp_path: Path) -> None:
    port = free_port()
    with SiteFetcher(f"http://127.0.0.1:{port}/", limits=TINY, trusted=True, cache_dir=tmp_path) as fetcher:
        result = fetcher.fetch(f"http://127.0.0.1:{port}/about")
    assert result.text is None
    assert result.error is not None and f"127.0.0.1:{port}" in result.error
    reason = f"The robots.txt of 127.0.0.1:{port} could not be read, so scout may not read the site"
    assert any(reason in w for w in fetcher.warnings)


# --- 2. the watchdog ----------------------------------------------------------------------------


def test_case02_drip_feed_stopped_by_watchdog(server: TestServer, site: SiteFetcher) -> None:
    # Each byte arrives well within the 5 s read timeout: only the wall-clock watchdog stops it.
    server.route("/drip", drip(b"<html>" + b"x" * 200, interval=0.9))
    result = site.fetch(server.url("/drip"))
    assert result.error is not None and "took longer than 2 s" in result.error
    assert result.text is None


def test_case02_watchdog_also_bounds_slow_headers(server: TestServer, site: SiteFetcher) -> None:
    def drip_headers(request):  # type: ignore[no-untyped-def]
        request.write(b"HTTP/1.1 200 OK\r\n")
        for _ in range(20):
            if request.stopping.wait(0.9):
                return
            request.write(b"X-Slow: 1\r\n")

    server.route("/slow-headers", drip_headers)
    result = site.fetch(server.url("/slow-headers"))
    assert result.error is not None and "took longer than 2 s" in result.error


def test_case02_deadline_spans_redirect_hops(server: TestServer, site: SiteFetcher) -> None:
    # Each hop answers well within the 2 s watchdog; together they do not.
    for hop in range(4):
        server.route(f"/hop{hop}", slow(0.8, redirect(f"/hop{hop + 1}")))
    server.route("/hop4", page("<html>finally</html>"))
    result = site.fetch(server.url("/hop0"))
    assert result.error is not None and "took longer than 2 s" in result.error
    assert "/hop4" not in server.paths()


# --- 5. truncated bodies --------------------------------------------------------------------------


def test_case05_reset_mid_body_keeps_nothing(server: TestServer, site: SiteFetcher, tmp_path: Path) -> None:
    server.route("/reset", reset_mid_body(b"<html>" + b"a" * 20_000 + b"</html>", sent=5_000))
    result = site.fetch(server.url("/reset"))
    assert result.error is not None and result.text is None and result.content == b""
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path / "cache", offline=True) as offline:
        assert (
            offline.fetch(server.url("/reset")).error
            == f"{server.url('/reset')} is not in the cache; run without --offline."
        )


def test_case05_content_length_longer_than_body(server: TestServer, site: SiteFetcher) -> None:
    server.route("/short", long_content_length(b"<html>half a page", declared=10_000))
    result = site.fetch(server.url("/short"))
    assert result.error is not None and "before" in result.error and "was complete" in result.error
    assert result.text is None


# --- 8. robots.txt -----------------------------------------------------------------------------------


def test_case08_robots_404_allows(server: TestServer, tmp_path: Path) -> None:
    server.route("/", page("<html>home</html>"))
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path) as fetcher:
        assert fetcher.fetch(server.url("/")).error is None
    assert server.paths() == ["/robots.txt", "/"]


@pytest.mark.parametrize("robots_handler", [status(500), status(503), slow(3.0, robots(ALLOW_ALL))])
def test_case08_robots_5xx_or_timeout_disallows_everything(server: TestServer, tmp_path: Path, robots_handler) -> None:  # type: ignore[no-untyped-def]
    server.route("/robots.txt", robots_handler)
    server.route("/", page("<html>home</html>"))
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path) as fetcher:
        pages = fetcher.fetch_many([server.url("/"), server.url("/about")])
    assert all(p.error and "so scout may not read the site; try again later" in p.error for p in pages)
    assert set(server.paths()) == {"/robots.txt"}


def test_case08_huge_robots_parsed_up_to_the_cap(server: TestServer, tmp_path: Path) -> None:
    # 1 MB: the rule at the top is kept, the one past the 16 KiB cap is never seen.
    text = "User-agent: *\nDisallow: /private/\n" + "# padding\n" * 100_000 + "Disallow: /late/\n"
    server.route("/robots.txt", robots(text))
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path) as fetcher:
        assert not fetcher.allowed(server.url("/private/x"))
        assert fetcher.allowed(server.url("/late/x"))


def test_case08_disallowed_paths_never_requested(server: TestServer, tmp_path: Path) -> None:
    server.route("/robots.txt", robots("User-agent: *\nDisallow: /press/\nAllow: /press/public$\n"))
    server.route("/about", page("<html>about</html>"))
    server.route("/press/public", page("<html>public</html>"))
    server.route("/old", redirect("/press/secret"))
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path) as fetcher:
        pages = fetcher.fetch_many(
            [server.url("/about"), server.url("/press/secret"), server.url("/press/public"), server.url("/old")]
        )
    assert [p.error is None for p in pages] == [True, False, True, False]
    assert "disallows" in (pages[1].error or "") and "disallows" in (pages[3].error or "")
    assert "/press/secret" not in server.paths()


def test_case08_crawl_delay_serialises_and_warns(server: TestServer, tmp_path: Path) -> None:
    server.route("/robots.txt", robots("User-agent: *\nCrawl-delay: 0.4\n"))
    for name in "abc":
        server.route(f"/{name}", page(f"<html>{name}</html>"))
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path) as fetcher:
        pages = fetcher.fetch_many([server.url(f"/{name}") for name in "abc"])
    assert all(p.error is None for p in pages)
    times = [entry.at for entry in server.log if entry.path != "/robots.txt"]
    assert all(later - earlier >= 0.35 for earlier, later in zip(times, times[1:], strict=False))
    assert server.peak_in_flight == 1
    assert any("asks for 0.4 s between requests; fetching 3 pages" in w for w in fetcher.warnings)


def test_case08_crawl_delay_beyond_cap_skips_host(server: TestServer, tmp_path: Path) -> None:
    server.route("/robots.txt", robots("User-agent: *\nCrawl-delay: 3600\n"))
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path) as fetcher:
        result = fetcher.fetch(server.url("/"))
    assert result.error is not None and "asks for 3600 s between requests" in result.error
    assert server.paths() == ["/robots.txt"]


# --- 9. size caps ------------------------------------------------------------------------------------------


@pytest.fixture
def inflated(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record how many decompressed bytes the fetch layer produced, chunk by chunk."""
    sizes: list[int] = []
    real_feed = http._Inflater.feed

    def feed(self: http._Inflater, data: bytes, room: int) -> bytes:
        out = real_feed(self, data, room)
        sizes.append(len(out))
        return out

    monkeypatch.setattr(http._Inflater, "feed", feed)
    return sizes


@pytest.mark.parametrize(
    "handler",
    [
        stream(10 * TINY.max_body, content_length=True),
        stream(10 * TINY.max_body, content_length=False),
        gzip_bomb(50 * 2**20),  # 50 MiB of spaces in about 50 KiB: under the cap while compressed
    ],
    ids=["with-content-length", "without-content-length", "gzip-bomb"],
)
def test_case09_body_over_cap_aborted_after_decompression(
    server: TestServer, site: SiteFetcher, inflated: list[int], handler: Handler
) -> None:
    server.route("/big", handler)
    result = site.fetch(server.url("/big"))
    assert result.error is not None and "larger than 64 KiB" in result.error
    assert sum(inflated) <= 1.1 * TINY.max_body


def test_case09_gzip_bomb_in_redirect_body_never_read(
    server: TestServer, site: SiteFetcher, inflated: list[int]
) -> None:
    server.route("/moved", gzip_bomb(50 * 2**20, code=302, headers={"Location": "/home"}))
    server.route("/home", page("<html>home</html>"))
    result = site.fetch(server.url("/moved"))
    assert result.error is None and result.final_url == server.url("/home")
    assert sum(inflated) == len(ALLOW_ALL) + len(b"<html>home</html>")  # robots.txt and the target only


# --- 11. broken HTML ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<p>no title, no head",
        b'<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN" <<<<html><body>x',
        b"<div>" * 300 + b"deep" + b"</div>" * 300,
        b"<table><tr><td colspan=99999999>wide</td></tr></table>",
    ],
)
def test_case11_broken_html_is_fetched_without_crash(server: TestServer, site: SiteFetcher, body: bytes) -> None:
    server.route("/broken", page(body))
    result = site.fetch(server.url("/broken"))
    assert result.error is None and result.text == body.decode()


# --- 12. encodings ----------------------------------------------------------------------------------------

CAFE = "Café crème à Zürich"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (f'<meta charset="iso-8859-1"><p>{CAFE}</p>'.encode("latin-1"), "text/html"),
        (f"<p>{CAFE}</p>".encode("latin-1"), "text/html; charset=ISO-8859-1"),
        (f"<p>{CAFE}, encore {CAFE}, toujours {CAFE}</p>".encode("latin-1"), "text/html"),  # detected
        (b"\xef\xbb\xbf" + f"<p>{CAFE}</p>".encode(), "text/html; charset=iso-8859-1"),  # the BOM wins
        (f'<meta http-equiv="Content-Type" content="text/html; charset=utf-8"><p>{CAFE}</p>'.encode(), "text/html"),
    ],
)
def test_case12_latin1_utf8_bom_read_right(body: bytes, content_type: str) -> None:
    assert CAFE in decode_html(body, content_type)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (f"<p>{CAFE}</p>".encode(), "text/html; charset=base64"),
        (f'<meta charset="rot13"><p>{CAFE}</p>'.encode(), "text/html"),
        (f'<meta charset="x-no-such-thing"><p>{CAFE}</p>'.encode(), 'text/html; charset=""'),
    ],
)
def test_case12_bogus_charset_labels_ignored(body: bytes, content_type: str) -> None:
    assert CAFE in decode_html(body, content_type)


def test_case12_shift_jis_with_meta() -> None:
    text = "株式会社アクメ 私たちの使命"
    body = f'<meta charset="Shift_JIS"><title>{text}</title>'.encode("shift_jis")
    assert text in decode_html(body, "text/html")


def test_case12_invalid_utf8_replaced_and_valid(server: TestServer, site: SiteFetcher) -> None:
    server.route("/bad", page(b"<p>ok \xff\xfe\xc3( end</p>", content_type="text/html; charset=utf-8"))
    result = site.fetch(server.url("/bad"))
    assert result.text is not None and result.text.startswith("<p>ok ") and "\ufffd" in result.text
    result.text.encode("utf-8")  # valid UTF-8: no lone surrogates


# --- concurrency, order, cache ------------------------------------------------------------------------------


def test_fetch_many_bounded_per_host_and_ordered(server: TestServer, tmp_path: Path) -> None:
    for n in range(12):
        server.route(f"/p{n}", slow(0.3, page(f"<html>{n}</html>")))
    server.route("/robots.txt", robots(ALLOW_ALL))
    limits = FetchLimits(per_host_connections=3, page_deadline=5.0)
    done: list[FetchedPage] = []
    with SiteFetcher(server.url("/"), limits=limits, trusted=True, cache_dir=tmp_path) as fetcher:
        pages = fetcher.fetch_many([server.url(f"/p{n}") for n in range(12)], on_done=done.append)
    assert [p.text for p in pages] == [f"<html>{n}</html>" for n in range(12)]
    assert 2 <= server.peak_in_flight <= 3
    assert len(done) == 12


def test_cache_revalidates_with_etag_and_reuses_body_on_304(server: TestServer, tmp_path: Path) -> None:
    def conditional(request):  # type: ignore[no-untyped-def]
        if request.headers.get("if-none-match") == '"v1"':
            request.send(304, b"", {"ETag": '"v1"'})
        else:
            request.send(200, b"<html>cached</html>", {"Content-Type": "text/html", "ETag": '"v1"'})

    server.route("/robots.txt", robots(ALLOW_ALL))
    server.route("/about", conditional)
    cache = tmp_path / "cache"
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=cache) as fetcher:
        first = fetcher.fetch(server.url("/about"))
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=cache) as fetcher:
        second = fetcher.fetch(server.url("/about"))
    assert not first.from_cache and second.from_cache
    assert second.text == "<html>cached</html>" and second.status == 200
    about = [entry for entry in server.log if entry.path == "/about"]
    assert "if-none-match" not in about[0].headers and about[1].headers["if-none-match"] == '"v1"'
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=cache, refresh=True) as fetcher:
        assert not fetcher.fetch(server.url("/about")).from_cache
    assert "if-none-match" not in [e for e in server.log if e.path == "/about"][-1].headers


def test_offline_serves_only_from_cache(server: TestServer, tmp_path: Path) -> None:
    server.route("/robots.txt", robots(ALLOW_ALL))
    server.route("/about", page("<html>about</html>"))
    cache = tmp_path / "cache"
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=cache) as fetcher:
        fetcher.fetch(server.url("/about"))
    requests_before = len(server.log)
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=cache, offline=True) as fetcher:
        hit = fetcher.fetch(server.url("/about"))
        miss = fetcher.fetch(server.url("/team"))
    assert hit.from_cache and hit.text == "<html>about</html>"
    assert miss.error == f"{server.url('/team')} is not in the cache; run without --offline."
    assert len(server.log) == requests_before


def test_case03_host_skipped_after_too_long_retry_after(server: TestServer, tmp_path: Path) -> None:
    server.route("/robots.txt", robots(ALLOW_ALL))
    server.route("/a", status(503, headers={"Retry-After": "9999999999"}))
    limits = FetchLimits(per_host_connections=1, backoff_base=0.0)
    with SiteFetcher(server.url("/"), limits=limits, trusted=True, cache_dir=tmp_path) as fetcher:
        pages = fetcher.fetch_many([server.url("/a"), server.url("/b"), server.url("/c")])
    assert all(p.error is not None and "asks to wait" in p.error for p in pages)
    assert server.paths() == ["/robots.txt", "/a"]
    assert any("host skipped" in w for w in fetcher.warnings)


def test_http_errors_keep_their_status(server: TestServer, site: SiteFetcher) -> None:
    result = site.fetch(server.url("/missing"))
    assert result.status == 404 and result.error is not None and "HTTP 404" in result.error


def test_unwritable_cache_is_a_warning_not_a_failure(server: TestServer, tmp_path: Path) -> None:
    server.route("/robots.txt", robots(ALLOW_ALL))
    server.route("/", page("<html>home</html>"))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=blocker) as fetcher:
        assert fetcher.fetch(server.url("/")).text == "<html>home</html>"
    assert any("page cache" in w and "could not be written" in w for w in fetcher.warnings)


def test_damaged_cache_entry_reads_as_a_miss(server: TestServer, tmp_path: Path) -> None:
    server.route("/robots.txt", robots(ALLOW_ALL))
    server.route("/", page("<html>home</html>", headers={"ETag": '"1"'}))
    cache = tmp_path / "cache"
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=cache) as fetcher:
        fetcher.fetch(server.url("/"))
    for entry in cache.rglob("*.page"):
        entry.write_bytes(entry.read_bytes()[:-5])  # truncated, as by a crash without os.replace
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=cache) as fetcher:
        again = fetcher.fetch(server.url("/"))
    assert again.text == "<html>home</html>" and not again.from_cache
    assert "if-none-match" not in server.log[-1].headers


# --- the start page, requested alongside robots.txt ------------------------------------------------


def robots_after(asked: threading.Event, text: str, seen: list[bool]) -> Handler:
    """Serve robots.txt once ``asked`` is set (or after 2 s), noting whether it was."""

    def handle(request: Request) -> None:
        seen.append(asked.wait(2.0))
        robots(text)(request)

    return handle


def noting(asked: threading.Event, handler: Handler) -> Handler:
    """Set ``asked``, then answer with ``handler``."""

    def handle(request: Request) -> None:
        asked.set()
        handler(request)

    return handle


def test_start_page_is_requested_while_robots_txt_loads(server: TestServer, tmp_path: Path) -> None:
    home_asked, seen = threading.Event(), []
    server.route("/robots.txt", robots_after(home_asked, ALLOW_ALL, seen))
    server.route("/", noting(home_asked, page("<html>home</html>")))
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path) as fetcher:
        home = fetcher.fetch_start()
    assert home.text == "<html>home</html>"
    assert seen == [True]  # robots.txt was still loading when the home page was asked for


@pytest.mark.parametrize(
    "robots_handler",
    [robots("User-agent: *\nDisallow: /\n"), robots("User-agent: *\nCrawl-delay: 3600\n"), status(503)],
    ids=["disallowed", "crawl-delay-beyond-cap", "robots-unreachable"],
)
def test_start_page_refused_by_robots_txt_is_dropped_unused(
    server: TestServer, tmp_path: Path, robots_handler: Handler
) -> None:
    server.route("/robots.txt", robots_handler)
    server.route("/", page("<html>home</html>"))
    server.route("/about", page("<html>about</html>"))
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path) as fetcher:
        home = fetcher.fetch_start()
        about = fetcher.fetch(server.url("/about"))
    assert home.error is not None and home.text is None and home.content == b""
    assert about.error is not None
    assert "/about" not in server.paths()
    assert PageCache(tmp_path).get(server.url("/")) is None  # nothing of the answer is kept


def test_start_page_a_recent_robots_txt_disallows_is_not_requested_again(server: TestServer, tmp_path: Path) -> None:
    server.route("/robots.txt", robots("User-agent: *\nDisallow: /\n"))
    server.route("/", page("<html>home</html>"))
    for _ in range(3):
        with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path, refresh=True) as fetcher:
            assert "disallows" in (fetcher.fetch_start().error or "")
    assert server.paths().count("/robots.txt") == 3  # the policy is read afresh every time
    assert server.paths().count("/") == 1  # only before scout knew the site's robots.txt


def urlset(*urls: str) -> str:
    listed = "".join(f"<url><loc>{url}</loc></url>" for url in urls)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{listed}</urlset>'


def test_default_sitemap_is_requested_with_the_start_page_and_read_once(server: TestServer, tmp_path: Path) -> None:
    sitemap_asked, seen = threading.Event(), []
    server.route("/robots.txt", robots_after(sitemap_asked, ALLOW_ALL, seen))
    server.route("/", page("<html>home</html>"))
    server.route("/sitemap.xml", noting(sitemap_asked, page(urlset(server.url("/about/")), content_type="text/xml")))
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path) as fetcher:
        assert fetcher.fetch_start().error is None
        fetcher.wait_early_sitemap(5.0)
        early = [entry.url for entry in fetcher.early_sitemap_entries()]
        entries = [entry.url for entry in fetcher.sitemap_entries()]
    assert seen == [True]  # robots.txt was still loading when the sitemap was asked for
    assert early == entries == [server.url("/about/")]
    assert server.paths().count("/sitemap.xml") == 1


def test_default_sitemap_disallowed_by_robots_txt_is_dropped_unread(server: TestServer, tmp_path: Path) -> None:
    server.route("/robots.txt", robots("User-agent: *\nDisallow: /sitemap.xml\n"))
    server.route("/", page("<html>home</html>"))
    server.route("/sitemap.xml", page(urlset(server.url("/about/")), content_type="text/xml"))
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path) as fetcher:
        assert fetcher.fetch_start().error is None
        fetcher.wait_early_sitemap(5.0)
        assert fetcher.early_sitemap_entries() == []
        assert fetcher.sitemap_entries() == []
    assert PageCache(tmp_path).get(server.url("/sitemap.xml")) is None
    assert server.paths().count("/sitemap.xml") <= 1


def test_default_sitemap_waits_for_a_stored_robots_txt_with_a_crawl_delay(server: TestServer, tmp_path: Path) -> None:
    server.route("/robots.txt", robots("User-agent: *\nCrawl-delay: 0.2\n"))
    server.route("/", page("<html>home</html>"))
    server.route("/sitemap.xml", page(urlset(server.url("/about/")), content_type="text/xml"))
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path) as fetcher:
        fetcher.fetch_start()  # robots.txt is stored now
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path, refresh=True) as fetcher:
        fetcher.fetch_start()
        assert fetcher.early_sitemap() is None  # not requested alongside: the delay spaces it
        assert [entry.url for entry in fetcher.sitemap_entries()] == [server.url("/about/")]
    times = [entry.at for entry in server.log if entry.path in ("/", "/sitemap.xml")]
    assert times[-1] - times[-2] >= 0.15


def test_start_page_redirect_waits_for_robots_txt(server: TestServer, tmp_path: Path) -> None:
    server.route("/robots.txt", robots("User-agent: *\nDisallow: /private/\n"))
    server.route("/", redirect("/private/home"))
    server.route("/private/home", page("<html>private</html>"))
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path) as fetcher:
        home = fetcher.fetch_start()
    assert home.error is not None and "disallows" in home.error
    assert "/private/home" not in server.paths()


def test_crawl_delay_spaces_the_request_after_the_start_page(server: TestServer, tmp_path: Path) -> None:
    server.route("/robots.txt", robots("User-agent: *\nCrawl-delay: 0.3\n"))
    server.route("/", page("<html>home</html>"))
    server.route("/a", page("<html>a</html>"))
    with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path) as fetcher:
        assert fetcher.fetch_start().error is None
        assert fetcher.fetch(server.url("/a")).error is None
    times = {entry.path: entry.at for entry in server.log}
    assert times["/a"] - times["/"] >= 0.25


def test_connections_are_kept_alive_across_pages_and_redirects(tmp_path: Path) -> None:
    with TestServer(keep_alive=True) as server:
        server.route("/robots.txt", robots(ALLOW_ALL))
        server.route("/", page("<html>home</html>"))
        server.route("/about", redirect("/about/", code=301, body=b"<html>Moved</html>"))
        server.route("/about/", page("<html>about</html>"))
        server.route("/missing", status(404))
        with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path) as fetcher:
            pages = [fetcher.fetch(server.url(path)) for path in ("/", "/about", "/missing", "/")]
        assert [p.status for p in pages] == [200, 200, 404, 200]
        assert server.connections == 1


# --- the briefing's deadline --------------------------------------------------------------------


def test_no_request_starts_after_the_deadline_and_one_in_flight_is_cut(server: TestServer, tmp_path: Path) -> None:
    # The page's own deadline (30 s) is far off: only the fetcher's overall deadline ends the drip.
    limits = FetchLimits(connect_timeout=1.0, read_timeout=5.0, page_deadline=30.0, brief_deadline=1.0)
    server.route("/robots.txt", robots(ALLOW_ALL))
    server.route("/drip", drip(b"<html>" + b"x" * 200, interval=0.3))
    server.route("/after", page("<html>after</html>"))
    with SiteFetcher(server.url("/"), limits=limits, trusted=True, cache_dir=tmp_path) as fetcher:
        cut = fetcher.fetch(server.url("/drip"))
        after = fetcher.fetch(server.url("/after"))
        assert fetcher.late_pages == 2
    assert cut.late and after.late and cut.text is None and after.text is None
    assert "/after" not in server.paths()
    # Nothing partial was kept: an offline fetch has nothing of the cut page.
    with SiteFetcher(server.url("/"), limits=limits, trusted=True, cache_dir=tmp_path, offline=True) as fetcher:
        assert fetcher.fetch(server.url("/drip")).error is not None


def test_retry_after_wait_never_runs_past_the_deadline(server: TestServer, tmp_path: Path) -> None:
    limits = FetchLimits(page_deadline=30.0, retry_after_cap=30.0, retries=2, brief_deadline=1.0)
    server.route("/robots.txt", robots(ALLOW_ALL))
    server.route("/busy", status(503, headers={"Retry-After": "10"}))
    with SiteFetcher(server.url("/"), limits=limits, trusted=True, cache_dir=tmp_path) as fetcher:
        busy = fetcher.fetch(server.url("/busy"))
        assert busy.late and fetcher.late_pages == 1
        assert fetcher.warnings == []  # not a host to skip: its wait is within what scout allows a page
    assert server.paths().count("/busy") == 1


def test_robots_txt_is_revalidated_and_a_304_reuses_the_stored_one(server: TestServer, tmp_path: Path) -> None:
    def conditional_robots(request):  # type: ignore[no-untyped-def]
        if request.headers.get("if-none-match") == '"r1"':
            request.send(304, b"", {"ETag": '"r1"'})
        else:
            request.send(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain", "ETag": '"r1"'})

    server.route("/robots.txt", conditional_robots)
    server.route("/private/a", page("<html>private</html>"))
    for _ in range(2):
        with SiteFetcher(server.url("/"), limits=TINY, trusted=True, cache_dir=tmp_path) as fetcher:
            assert "disallows" in (fetcher.fetch(server.url("/private/a")).error or "")
    asked = [entry for entry in server.log if entry.path == "/robots.txt"]
    assert len(asked) == 2 and "if-none-match" not in asked[0].headers and asked[1].headers["if-none-match"] == '"r1"'
    assert "/private/a" not in server.paths()
