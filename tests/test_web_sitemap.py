"""Sitemaps from the web: hostile XML, caps, nesting and off-site entries (RELIABILITY 13, 14, 24)."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import TestServer, page, robots

from companyscout.errors import FetchError
from companyscout.web.fetcher import SiteFetcher
from companyscout.web.limits import FetchLimits
from companyscout.web.sitemap import parse_sitemap


@pytest.fixture
def server() -> Iterator[TestServer]:
    """A running test server, stopped after the test."""
    with TestServer() as running:
        yield running


NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
XML = "application/xml"


def urlset(*locs: str) -> str:
    """Return a urlset listing ``locs``."""
    items = "".join(f"<url><loc>{loc}</loc><lastmod>2026-01-0{1 + i % 9}</lastmod></url>" for i, loc in enumerate(locs))
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset {NS}>{items}</urlset>'


def index(*locs: str) -> str:
    """Return a sitemap index listing ``locs``."""
    items = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    return f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex {NS}>{items}</sitemapindex>'


def parse(content: bytes, **caps: int) -> object:
    return parse_sitemap(
        content,
        url="https://acme.example/sitemap.xml",
        max_bytes=caps.get("max_bytes", 2**20),
        max_urls=caps.get("max_urls", 50_000),
    )


XXE = b"""<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<urlset><url><loc>&x;</loc></url></urlset>"""
LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<urlset><url><loc>&lol3;</loc></url></urlset>"""


@pytest.mark.parametrize("hostile", [XXE, LAUGHS], ids=["xxe", "billion-laughs"])
def test_case13_entities_refused(hostile: bytes) -> None:
    with pytest.raises(FetchError, match="declares a DTD or entities"):
        parse(hostile)


def test_case13_gzipped_bomb_refused_at_the_cap() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (20 * 2**20) + b"</urlset>")
    with pytest.raises(FetchError, match="larger than 1 MiB once decompressed"):
        parse(bomb, max_bytes=2**20)


def test_case13_gzipped_sitemap_read() -> None:
    sitemap = parse(gzip.compress(urlset("https://acme.example/a").encode()))
    assert [e.url for e in sitemap.entries] == ["https://acme.example/a"]  # type: ignore[attr-defined]


def test_case13_sixty_thousand_urls_truncated_at_the_limit() -> None:
    body = urlset(*(f"https://acme.example/p{n}" for n in range(60_000))).encode()
    sitemap = parse(body, max_bytes=10 * 2**20)
    assert len(sitemap.entries) == 50_000 and sitemap.truncated  # type: ignore[attr-defined]


def test_broken_xml_and_plain_text_sitemaps() -> None:
    with pytest.raises(FetchError, match="not well-formed XML"):
        parse(b"<urlset><url><loc>https://acme.example/</url>")
    text = parse(b"https://acme.example/a\nnot a url\nhttps://acme.example/b\n")
    assert [e.url for e in text.entries] == ["https://acme.example/a", "https://acme.example/b"]  # type: ignore[attr-defined]


@pytest.fixture
def fetcher(server: TestServer, tmp_path: Path) -> SiteFetcher:
    return SiteFetcher(server.url("/"), trusted=True, cache_dir=tmp_path, limits=FetchLimits(max_sitemap_files=5))


def test_case13_self_referencing_index_and_depth_stopped(server: TestServer, fetcher: SiteFetcher) -> None:
    server.route("/robots.txt", robots(f"User-agent: *\nSitemap: {server.url('/index.xml')}\n"))
    server.route("/index.xml", page(index(server.url("/index.xml"), server.url("/d2.xml")), content_type=XML))
    server.route("/d2.xml", page(index(server.url("/d3.xml")), content_type=XML))
    server.route("/d3.xml", page(index(server.url("/d4.xml")), content_type=XML))
    server.route("/d4.xml", page(urlset(server.url("/deep")), content_type=XML))
    with fetcher:
        assert fetcher.sitemap_entries() == []
    assert server.paths().count("/index.xml") == 1
    assert "/d4.xml" not in server.paths()
    assert any("nest deeper than 3 levels" in w for w in fetcher.warnings)


def test_case24_sitemap_entries_on_other_hosts_dropped(server: TestServer, fetcher: SiteFetcher) -> None:
    server.route("/robots.txt", robots("User-agent: *\nDisallow: /private\n"))
    server.route(
        "/sitemap.xml",
        page(urlset(server.url("/about"), "https://evil.example/about", server.url("/private/x")), content_type=XML),
    )
    with fetcher:
        entries = fetcher.sitemap_entries()
    assert [e.url for e in entries] == [server.url("/about"), server.url("/private/x")]
    assert entries[0].lastmod == "2026-01-01"


def test_case24_off_site_sitemap_never_requested(server: TestServer, fetcher: SiteFetcher) -> None:
    with TestServer() as other:
        other.route("/s.xml", page(urlset(other.url("/x")), content_type=XML))
        server.route("/robots.txt", robots(f"Sitemap: {other.url('/s.xml')}\n"))
        with fetcher:
            assert fetcher.sitemap_entries() == []
        assert other.paths() == []


def test_case14_sitemap_index_trap_bounded_by_file_cap(server: TestServer, fetcher: SiteFetcher) -> None:
    server.route("/robots.txt", robots("User-agent: *\nDisallow:\n"))
    server.route("/sitemap.xml", page(index(*(server.url(f"/s{n}.xml") for n in range(1000))), content_type=XML))
    for n in range(1000):
        server.route(f"/s{n}.xml", page(urlset(server.url(f"/p{n}")), content_type=XML))
    with fetcher:
        entries = fetcher.sitemap_entries()
    assert len([p for p in server.paths() if p.endswith(".xml")]) == 5  # the index and 4 of its 1000 children
    assert len(entries) == 4
    assert any("span more than 5 files" in w for w in fetcher.warnings)


def test_sitemap_entries_from_given_urls(server: TestServer, fetcher: SiteFetcher) -> None:
    server.route("/robots.txt", robots("User-agent: *\nDisallow:\n"))
    server.route("/news.xml", page(urlset(server.url("/news/1"), server.url("/news/1")), content_type=XML))
    with fetcher:
        assert [e.url for e in fetcher.sitemap_entries([server.url("/news.xml")])] == [server.url("/news/1")]
    assert "/sitemap.xml" not in server.paths()


def test_sitemaps_listed_by_the_sites_declared_public_host_are_read_on_the_copy(
    server: TestServer, fetcher: SiteFetcher
) -> None:
    # A copy of acme.example served here: robots.txt, the index and the pages name the public host.
    server.route("/robots.txt", robots("Sitemap: https://acme.example/sitemap.xml\n"))
    server.route("/sitemap.xml", page(index("https://www.acme.example/pages.xml"), content_type=XML))
    pages = urlset("https://acme.example/about/", "https://www.acme.example/team/", "https://other.example/x/")
    server.route("/pages.xml", page(pages, content_type=XML))
    with fetcher:
        assert fetcher.sitemap_entries() == []  # undeclared hosts are never taken for the site's own
        entries = fetcher.sitemap_entries(aliases=frozenset({"acme.example", "www.acme.example"}))
    assert [e.url for e in entries] == [server.url("/about/"), server.url("/team/")]
    assert "/pages.xml" in server.paths()
