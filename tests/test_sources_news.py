"""Third-party news from a Google News RSS search: only items naming the company, newest first."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

import pytest
import requests
import responses

from companyscout.errors import FetchError
from companyscout.model import NewsItem
from companyscout.sources import search_news
from companyscout.sources.news import NEWS_SEARCH_URL, core_name
from companyscout.version import USER_AGENT

FIXTURES = Path(__file__).parent / "fixtures_sources"
ACME_FEED = (FIXTURES / "google_news_acme.xml").read_bytes()


def google_news(items: list[tuple[str, str, str]]) -> bytes:
    """Return a Google News search feed of (headline, publisher, pubDate) items, as Google writes it."""
    body = "".join(
        f"<item><title>{escape(title)} - {escape(publisher)}</title>"
        f"<link>https://news.google.com/rss/articles/CBMi{n:04d}?oc=5</link>"
        f'<guid isPermaLink="false">CBMi{n:04d}</guid><pubDate>{date}</pubDate>'
        f'<description>&lt;a href="https://news.google.com/rss/articles/CBMi{n:04d}?oc=5"&gt;{escape(escape(title))}'
        f'&lt;/a&gt;</description><source url="https://publisher{n}.example">{escape(publisher)}</source></item>'
        for n, (title, publisher, date) in enumerate(items)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><rss xmlns:media="http://search.yahoo.com/mrss/" '
        f'version="2.0"><channel><title>Google News</title>{body}</channel></rss>'
    ).encode()


@pytest.fixture
def web() -> Any:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def test_news_naming_the_company_newest_first_with_publishers(web: responses.RequestsMock) -> None:
    web.get(NEWS_SEARCH_URL, body=ACME_FEED, content_type="application/rss+xml; charset=utf-8")

    news = search_news("Acme Robotics, Inc.", website="https://www.acme-robotics.co.uk/")

    assert news == [
        NewsItem(
            date="2026-11-24",
            title="Acme Robotics names Jane Doe chief financial officer",
            publisher="Reuters",
            url="https://news.google.com/rss/articles/CBMiSWh0dHBzOi8vd3d3LnJldXRlcnMuY29tL2J1c2luZXNzL2FjbWUtcm9ib3RpY3MtY2hvb3Nlcy1jZm8?oc=5",
        ),
        NewsItem(
            date="2026-11-20",
            title="Acme Robotics raises $40 million to scale warehouse robots",
            publisher="TechCrunch",
            url="https://news.google.com/rss/articles/CBMiWmh0dHBzOi8vdGVjaGNydW5jaC5jb20vYWNtZS1yb2JvdGljcy1yYWlzZXM?oc=5",
        ),
        NewsItem(
            date="2026-11-18",
            title="Acme Robotics、物流ロボットの新モデルを発表",
            publisher="日本経済新聞",
            url="https://news.google.com/rss/articles/CBMiN2h0dHBzOi8vd3d3Lm5pa2tlaS5jb20vYXJ0aWNsZS9ER1hacXVvOTAwMDE?oc=5",
        ),
        NewsItem(
            date="2026-10-02",
            title="Robot makers Acme Robotics and Beta Bots team up on pallet picking",
            publisher="The Verge",
            url="https://news.google.com/rss/articles/CBMiN2h0dHBzOi8vd3d3LnRoZXZlcmdlLmNvbS9hY21lLWJldGEtYm90cw?oc=5",
        ),
        NewsItem(
            date="2026-09-15",
            title="Nestlé takes a stake in Acme Robotics’ spin-off",
            publisher="Financial Times",
            url="https://news.google.com/rss/articles/CBMiMWh0dHBzOi8vd3d3LmZ0LmNvbS9jb250ZW50L2FjbWUtbmVzdGxl?oc=5",
        ),
    ]
    # Left out: the name only in the publisher ("Acme Robotics Weekly"), in lower case as common
    # words, inside a longer word ("Roboticsville"), not at all, the same story from Yahoo,
    # and the company's own press release (it belongs to its own news, not to what others say).
    (call,) = web.calls
    query = parse_qs(urlsplit(call.request.url).query)
    assert query == {"q": ['"Acme Robotics"'], "hl": ["en-US"], "gl": ["US"], "ceid": ["US:en"]}
    assert call.request.headers["User-Agent"] == USER_AGENT


def test_without_a_website_the_companys_own_release_counts(web: responses.RequestsMock) -> None:
    web.get(NEWS_SEARCH_URL, body=ACME_FEED)
    titles = [item.title for item in search_news("Acme Robotics")]
    assert "Acme Robotics announces partnership with Beta Logistics" in titles


def test_at_most_ten_items_and_the_newest_ones(web: responses.RequestsMock) -> None:
    items = [(f"Acme Robotics update {day}", "Wire", f"{day:02d} Nov 2026 10:00:00 GMT") for day in range(1, 16)]
    web.get(NEWS_SEARCH_URL, body=google_news(items))
    news = search_news("Acme Robotics")
    assert len(news) == 10
    assert [item.date for item in news] == [f"2026-11-{day:02d}" for day in range(15, 5, -1)]
    assert search_news("Acme Robotics", limit=3)[-1].title == "Acme Robotics update 13"


def test_undated_items_come_last(web: responses.RequestsMock) -> None:
    items = [("Acme Robotics undated", "Wire", "sometime"), ("Acme Robotics dated", "Wire", "01 Nov 2026 10:00:00 GMT")]
    web.get(NEWS_SEARCH_URL, body=google_news(items))
    assert [(i.title, i.date) for i in search_news("Acme Robotics")] == [
        ("Acme Robotics dated", "2026-11-01"),
        ("Acme Robotics undated", None),
    ]


def test_a_japanese_company_is_found_inside_japanese_headlines(web: responses.RequestsMock) -> None:
    items = [
        ("トヨタ自動車、新型EVを発表", "日本経済新聞", "Wed, 18 Nov 2026 03:30:00 GMT"),
        ("日産、新工場を建設", "朝日新聞", "Tue, 17 Nov 2026 03:30:00 GMT"),
    ]
    web.get(NEWS_SEARCH_URL, body=google_news(items))
    news = search_news("トヨタ")
    assert [(i.title, i.publisher) for i in news] == [("トヨタ自動車、新型EVを発表", "日本経済新聞")]


@pytest.mark.parametrize(
    ("company", "headline", "names_it"),
    [
        ("Acme Robotics", "Acme Robotics社、物流ロボを発表", True),  # a Japanese suffix right after the name
        ("삼성전자", "삼성전자는 새 칩을 공개했다", True),  # a Korean particle right after the name
        ("Nestle", "Nestlé raises prices", True),
        ("Acme", "Acmeist movement grows", False),
        ("Acme", "The acme of engineering", False),
        ("AT&T", "AT&T cuts prices", True),
    ],
)
def test_what_names_a_company(web: responses.RequestsMock, company: str, headline: str, names_it: bool) -> None:
    web.get(NEWS_SEARCH_URL, body=google_news([(headline, "Wire", "Mon, 02 Nov 2026 10:00:00 GMT")]))
    assert [item.title for item in search_news(company)] == ([headline] if names_it else [])


def test_a_headline_without_the_publisher_suffix_is_kept_whole(web: responses.RequestsMock) -> None:
    feed = (
        b'<rss version="2.0"><channel><item><title>Acme Robotics - the quiet giant of logistics</title>'
        b"<link>https://news.google.com/rss/articles/X1?oc=5</link><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate>"
        b'<source url="https://mag.example">Logistics Mag</source></item></channel></rss>'
    )
    web.get(NEWS_SEARCH_URL, body=feed)
    (item,) = search_news("Acme Robotics")
    assert item.title == "Acme Robotics - the quiet giant of logistics"
    assert item.publisher == "Logistics Mag"


def test_core_name_drops_articles_and_legal_forms() -> None:
    assert core_name("The Home Depot, Inc.") == "Home Depot"
    assert core_name("Siemens AG") == "Siemens"
    assert core_name("Inc.") == "Inc."


# -- failures: FetchError, at once ----------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (requests.ConnectTimeout("timed out"), "did not accept a connection within 3 s"),
        (requests.ReadTimeout("read timed out"), "stopped sending for 5 s"),
        (requests.ConnectionError("connection reset"), "closed the connection"),
    ],
)
def test_an_unreachable_news_service_raises_fetch_error(
    web: responses.RequestsMock, error: Exception, said: str
) -> None:
    web.get(NEWS_SEARCH_URL, body=error)
    with pytest.raises(FetchError, match=f"^Google News could not be reached .*{said}"):
        search_news("Acme Robotics")
    assert len(web.calls) == 1


def test_a_failing_news_service_raises_fetch_error(web: responses.RequestsMock) -> None:
    web.get(NEWS_SEARCH_URL, status=503, body="busy", headers={"Retry-After": "0"})
    with pytest.raises(FetchError, match="^Google News answered HTTP 503$"):
        search_news("Acme Robotics")


@pytest.mark.parametrize(
    "body",
    [
        b"<html><body>Our systems have detected unusual traffic</body></html>",
        b"<rss><channel><item><title>cut off",
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel>'
        b"<item><title>Acme Robotics &x;</title><link>https://x.example/</link></item></channel></rss>",
    ],
)
def test_an_answer_that_is_no_feed_raises_fetch_error(web: responses.RequestsMock, body: bytes) -> None:
    web.get(NEWS_SEARCH_URL, body=body)
    with pytest.raises(FetchError, match="^Google News answered with something that is not a news feed$"):
        search_news("Acme Robotics")


def test_an_empty_search_gives_no_news(web: responses.RequestsMock) -> None:
    web.get(NEWS_SEARCH_URL, body=google_news([]))
    assert search_news("Acme Robotics") == []
