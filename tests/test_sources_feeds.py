"""RSS, RDF and Atom feeds from untrusted bytes: entries, dates, links, and hostile XML refused."""

from __future__ import annotations

import pytest
import responses

from companyscout.extract.page import parse_page
from companyscout.sources.feeds import FeedEntry, FeedError, find_feed_links, parse_feed, parse_feed_date

BASE = "https://acme.example/news/feed.xml"

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Acme Robotics News</title>
  <link>https://acme.example/news/</link>
  <item>
    <title>Acme &lt;b&gt;raises&lt;/b&gt; Series B</title>
    <link>/news/series-b</link>
    <pubDate>Mon, 30 Nov 2026 23:30:00 -0800</pubDate>
    <description><![CDATA[<p>We raised <a href="/x">$40M</a>.</p><p>More robots.</p>
      <script>alert(1)</script>]]></description>
  </item>
  <item>
    <title>Acme wins the Logistics Innovation Award</title>
    <guid isPermaLink="true">https://acme.example/news/award</guid>
    <dc:date>2026-10</dc:date>
  </item>
  <item>
    <title>Internal memo</title>
    <guid isPermaLink="false">tag:acme.example,2026:memo</guid>
    <pubDate>not a date</pubDate>
    <content:encoded>&lt;div&gt;Full text&lt;/div&gt;</content:encoded>
  </item>
  <item><description>An item without a title is no news to brief.</description></item>
  <item><title>Click me</title><link>javascript:alert(1)</link></item>
</channel>
</rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.acme.example/">
  <title>Acme Engineering</title>
  <entry xml:base="/2026/">
    <title type="html">Shipping the &lt;em&gt;Picker 2&lt;/em&gt;</title>
    <link rel="alternate" href="picker-2.html"/>
    <link rel="enclosure" href="https://cdn.acme.example/picker.mp4"/>
    <updated>2026-11-12T09:00:00Z</updated>
    <published>2026-11-10T18:00:00+09:00</published>
    <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Our <b>second</b> picker.</p></div></summary>
  </entry>
  <entry>
    <title>Hello, world</title>
    <link href="https://blog.acme.example/hello"/>
    <updated>2025-01-05T00:00:00Z</updated>
    <content type="text">First post.</content>
    <source><title>Acme Engineering Blog</title></source>
  </entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://acme.example/rss"><title>Acme</title><link>https://acme.example/</link></channel>
  <item rdf:about="https://acme.example/press/1">
    <title>Acme opens Osaka office</title>
    <link>https://acme.example/press/1</link>
    <dc:date>2026-06-01T08:00:00+09:00</dc:date>
    <dc:publisher>Acme Press Office</dc:publisher>
  </item>
</rdf:RDF>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&xxe;</title><link>https://x.example/</link></item></channel></rss>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><item><title>&lol9;</title></item></channel></rss>"""


# -- RSS 2.0, Atom, RDF ---------------------------------------------------------------------


def test_rss_items_become_plain_text_entries_with_absolute_links_and_dates() -> None:
    entries = parse_feed(RSS, base_url=BASE)
    assert entries[0] == FeedEntry(
        title="Acme raises Series B",
        url="https://acme.example/news/series-b",
        date="2026-11-30",  # the day where it was written, not the next day in UTC
        summary="We raised $40M. More robots.",
        publisher=None,
    )
    assert entries[1].url == "https://acme.example/news/award"  # a permalink guid stands for the link
    assert entries[1].date == "2026-10"  # a month stays a month
    assert entries[2].url is None and entries[2].date is None and entries[2].summary == "Full text"
    assert [e.title for e in entries] == [
        "Acme raises Series B",
        "Acme wins the Logistics Innovation Award",
        "Internal memo",
        "Click me",
    ]
    assert entries[3].url is None  # javascript: is no link


def test_atom_entries_resolve_xml_base_and_prefer_the_published_date() -> None:
    first, second = parse_feed(ATOM, base_url="https://acme.example/atom")
    assert first.title == "Shipping the Picker 2"
    assert first.url == "https://blog.acme.example/2026/picker-2.html"
    assert first.date == "2026-11-10"
    assert first.summary == "Our second picker."
    assert second.url == "https://blog.acme.example/hello"
    assert second.date == "2025-01-05"
    assert second.summary == "First post."
    assert second.publisher == "Acme Engineering Blog"


def test_rdf_items_are_read_with_their_dublin_core_date_and_publisher() -> None:
    (entry,) = parse_feed(RDF, base_url="https://acme.example/rss")
    assert entry.title == "Acme opens Osaka office"
    assert entry.url == "https://acme.example/press/1"
    assert entry.date == "2026-06-01"
    assert entry.publisher == "Acme Press Office"


def test_the_entry_limit_holds() -> None:
    items = "".join(f"<item><title>News {n}</title><link>/n/{n}</link></item>" for n in range(500))
    feed = f'<rss version="2.0"><channel>{items}</channel></rss>'.encode()
    entries = parse_feed(feed, base_url=BASE, limit=25)
    assert len(entries) == 25
    assert entries[-1].title == "News 24"
    assert len(parse_feed(feed, base_url=BASE)) == 200


def test_a_long_feed_is_read_only_as_far_as_the_entries_asked_for() -> None:
    items = "".join(
        f"<item><title>News {n}</title><description>{'word ' * 400}</description></item>" for n in range(60)
    )
    # Broken far past the entries a briefing reads: those entries are still given.
    feed = f'<rss version="2.0"><channel>{items}<item><title>Unclosed</channel></rss>'.encode()
    assert [e.title for e in parse_feed(feed, base_url=BASE, limit=3)] == ["News 0", "News 1", "News 2"]
    with pytest.raises(FeedError, match="not well-formed"):
        parse_feed(feed, base_url=BASE, limit=61)


def test_entries_after_one_without_a_title_still_fill_the_limit() -> None:
    items = "<item><description>No title</description></item>" + "".join(
        f"<item><title>News {n}</title></item>" for n in range(3)
    )
    feed = f'<rss version="2.0"><channel>{items}</channel></rss>'.encode()
    assert [e.title for e in parse_feed(feed, base_url=BASE, limit=2)] == ["News 0", "News 1"]


def test_entries_the_caller_does_not_want_are_left_out_but_count_toward_the_limit() -> None:
    links = ["/news/1", "https://elsewhere.example/a", "/news/2", "/news/3"]
    items = "".join(
        f"<item><title>News {n}</title><link>{link}</link>"
        f"<description>&lt;p&gt;Story {n}&lt;/p&gt;</description></item>"
        for n, link in enumerate(links)
    )
    feed = f'<rss version="2.0"><channel>{items}</channel></rss>'.encode()
    site = "https://acme.example/"
    on_site = parse_feed(feed, base_url=BASE, limit=3, wanted=lambda url: bool(url and url.startswith(site)))
    assert [(e.title, e.summary) for e in on_site] == [("News 0", "Story 0"), ("News 2", "Story 2")]


def test_a_summary_written_as_a_whole_html_document_reads_as_its_body() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Page title</title><style>p{}</style></head>"
        "<body><p>Body text.</p></body></html>"
    )
    item = f"<item><title>T</title><description><![CDATA[{page}]]></description></item>"
    # A document of a head alone has no text to show.
    head = "<html><head><title>x</title></head></html>"
    head_only = f"<item><title>U</title><description><![CDATA[{head}]]></description></item>"
    feed = f'<rss version="2.0"><channel>{item}{head_only}</channel></rss>'
    assert [entry.summary for entry in parse_feed(feed.encode(), base_url=BASE)] == ["Body text.", None]


def test_long_summaries_are_cut_at_a_word() -> None:
    words = " ".join(["robots"] * 300)
    feed = (
        f'<rss version="2.0"><channel><item><title>T</title><description>{words}</description></item></channel></rss>'
    )
    summary = parse_feed(feed.encode(), base_url=BASE)[0].summary
    assert summary is not None and len(summary) <= 501 and summary.endswith("robots…")


# -- encodings ------------------------------------------------------------------------------


def test_a_shift_jis_feed_reads_as_japanese() -> None:
    text = (
        '<?xml version="1.0" encoding="Shift_JIS"?><rss version="2.0"><channel>'
        "<item><title>トヨタ、新型EVを発表</title><link>https://toyota.example/n/1</link>"
        "<pubDate>Wed, 18 Nov 2026 03:30:00 +0900</pubDate></item></channel></rss>"
    )
    (entry,) = parse_feed(text.encode("shift_jis"), base_url=BASE)
    assert entry.title == "トヨタ、新型EVを発表"
    assert entry.date == "2026-11-18"


def test_latin1_html_entities_and_invalid_utf8_give_valid_text() -> None:
    latin = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>'
        "<rss><channel><item><title>Caf\xe9 &eacute;t\xe9&nbsp;2026</title></item></channel></rss>"
    )
    assert parse_feed(latin.encode("latin-1"), base_url=BASE)[0].title == "Café été 2026"
    broken = b"<rss><channel><item><title>Acme \xff\xfe news \x1b[2J</title></item></channel></rss>"
    assert parse_feed(broken, base_url=BASE)[0].title == "Acme \ufffd\ufffd news [2J"


# -- hostile and broken XML -----------------------------------------------------------------


def test_an_xxe_entity_is_refused_and_the_file_never_read() -> None:
    with pytest.raises(FeedError, match="declares XML entities") as caught:
        parse_feed(XXE, base_url=BASE)
    assert "root:" not in str(caught.value)


def test_billion_laughs_is_refused_without_expansion() -> None:
    # Refused at the first entity declaration, before any entity is expanded.
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(BILLION_LAUGHS, base_url=BASE)


def test_an_external_dtd_is_never_fetched() -> None:
    feed = (
        b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://evil.example/rss-0.91.dtd"><rss version="0.91"><channel><item><title>Old &amp; fine</title>'
        b"</item></channel></rss>"
    )
    with responses.RequestsMock(assert_all_requests_are_fired=False) as web:
        (entry,) = parse_feed(feed, base_url=BASE)
        assert len(web.calls) == 0
    assert entry.title == "Old & fine"


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"<rss><channel><item><title>Unclosed</channel></rss>", "not well-formed"),
        (b"<html><body>Not a feed</body></html>", "not an RSS or Atom feed"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not well-formed"),
        (b'{"items": []}', "not well-formed"),
        (b"<rss><channel><item><title>&undefined;</title></item></channel></rss>", "not well-formed"),
        (b"<rss><channel><item><title>Cut off", "not well-formed"),
        (b"<feed><entry><title>Not Atom: no namespace</title></entry></feed>", "not an RSS or Atom feed"),
    ],
)
def test_broken_feeds_raise_feed_error(content: bytes, said: str) -> None:
    with pytest.raises(FeedError, match=said):
        parse_feed(content, base_url=BASE)


def test_a_deeply_nested_feed_does_not_crash() -> None:
    deep = b"<rss><channel>" + b"<x>" * 5000 + b"</x>" * 5000 + b"<item><title>Deep</title></item></channel></rss>"
    assert [e.title for e in parse_feed(deep, base_url=BASE)] == ["Deep"]


# -- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thu, 20 Nov 2026 08:00:00 GMT", "2026-11-20"),
        ("20 Nov 2026 08:00:00 +0100", "2026-11-20"),
        ("2026-11-20T23:59:00-11:00", "2026-11-20"),
        ("2026-11-20", "2026-11-20"),
        ("2026-11", "2026-11"),
        ("2026", "2026"),
        ("November 20, 2026", "2026-11-20"),
        ("Nov 2026", "2026-11"),
        ("20. März 2026", "2026-03-20"),
        ("05/06/2026", None),  # May or June, depending on the writer
        ("2026-02-30", None),
        ("0001-01-01T00:00:00Z", None),
        ("", None),
        (None, None),
    ],
)
def test_feed_dates(text: str | None, expected: str | None) -> None:
    assert parse_feed_date(text) == expected


# -- feed links of a page -------------------------------------------------------------------


def test_feed_links_are_found_absolute_without_comment_feeds() -> None:
    page = parse_page(
        "https://acme.example/blog/post",
        """<html><head>
        <link rel="stylesheet" href="/style.css">
        <link rel="alternate" type="application/rss+xml" title="Acme &raquo; Feed" href="/feed/">
        <link rel="alternate" type="application/rss+xml" title="Acme &raquo; Comments Feed" href="/comments/feed/">
        <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="atom.xml">
        <link rel="alternate" type="application/rss+xml" href="https://acme.example/feed/">
        <link rel="alternate" hreflang="de" href="/de/">
        <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
        </head><body></body></html>""",
    )
    assert find_feed_links(page) == ["https://acme.example/feed/", "https://acme.example/blog/atom.xml"]


def test_feed_links_honour_the_base_element() -> None:
    page = parse_page(
        "https://acme.example/a/b",
        '<html><head><base href="https://acme.example/en/">'
        '<link rel="alternate" type="application/atom+xml" href="news.atom"></head></html>',
    )
    assert find_feed_links(page) == ["https://acme.example/en/news.atom"]
