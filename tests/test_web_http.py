"""The guarded session: retries, redirects, status handling, TLS and content checks (RELIABILITY 3, 4, 6, 7, 10, 24)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import responses
from servers import TestServer, page, self_signed_certificate

from companyscout.errors import BlockedError, FetchError, NotHTMLError
from companyscout.version import USER_AGENT
from companyscout.web import http
from companyscout.web.http import RetryAfterTooLong, guarded_get, retry_after_seconds
from companyscout.web.limits import FetchLimits

SITE = "https://acme.example"
FAST = FetchLimits(backoff_base=0.0)


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the waits between retries instead of sleeping."""
    recorded: list[float] = []
    monkeypatch.setattr(http.time, "sleep", recorded.append)
    return recorded


@responses.activate
def test_case03_retry_after_honoured_then_success(waits: list[float]) -> None:
    responses.get(f"{SITE}/about", status=503, headers={"Retry-After": "5"})
    responses.get(f"{SITE}/about", status=429, headers={"Retry-After": "5"})
    responses.get(f"{SITE}/about", body="<html>ok</html>", content_type="text/html")
    result = guarded_get(f"{SITE}/about", limits=FAST)
    assert result.status == 200 and result.content == b"<html>ok</html>"
    assert waits == [5.0, 5.0]
    assert len(responses.calls) == 3


@responses.activate
def test_case03_retry_after_beyond_cap_skips_host(waits: list[float]) -> None:
    responses.get(f"{SITE}/about", status=503, headers={"Retry-After": "9999999999"})
    with pytest.raises(RetryAfterTooLong, match=r"acme\.example asks to wait .* host skipped"):
        guarded_get(f"{SITE}/about", limits=FAST)
    assert waits == [] and len(responses.calls) == 1


@responses.activate
def test_case03_waiting_is_capped_per_page_not_only_per_answer(waits: list[float]) -> None:
    responses.get(f"{SITE}/", status=503, headers={"Retry-After": "40"})
    with pytest.raises(RetryAfterTooLong, match="host skipped"):
        guarded_get(f"{SITE}/", limits=FAST)
    assert waits == [40.0] and len(responses.calls) == 2


def test_case03_retry_after_as_http_date() -> None:
    from datetime import datetime, timezone

    now = datetime(2026, 11, 26, 10, 0, 0, tzinfo=timezone.utc)
    assert retry_after_seconds("Thu, 26 Nov 2026 10:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds("soon", now=now) is None


@pytest.mark.parametrize(("code", "attempts"), [(500, 3), (503, 3), (404, 1), (403, 1)])
@responses.activate
def test_case04_500_three_times_is_exactly_three_attempts_404_never_retried(
    waits: list[float], code: int, attempts: int
) -> None:
    responses.get(f"{SITE}/", status=code)
    with pytest.raises(FetchError, match=rf"answered HTTP {code}") as error:
        guarded_get(f"{SITE}/", limits=FAST)
    assert error.value.status == code
    assert len(responses.calls) == attempts
    assert len(waits) == attempts - 1


@responses.activate
def test_backoff_has_jitter(monkeypatch: pytest.MonkeyPatch, waits: list[float]) -> None:
    responses.get(f"{SITE}/", status=502)
    with pytest.raises(FetchError):
        guarded_get(f"{SITE}/", limits=FetchLimits(backoff_base=1.0, retries=2))
    assert 0.5 <= waits[0] <= 1.5 and 1.0 <= waits[1] <= 3.0


@responses.activate
def test_user_agent_sent_on_every_request() -> None:
    responses.get(f"{SITE}/a", status=301, headers={"Location": "/b"})
    responses.get(f"{SITE}/b", body="<html></html>", content_type="text/html")
    guarded_get(f"{SITE}/a")
    assert [call.request.headers["User-Agent"] for call in responses.calls] == [USER_AGENT, USER_AGENT]


def test_case06_bad_certificate_refused_and_never_retried_unverified(tmp_path: Path) -> None:
    with TestServer(tls_cert=self_signed_certificate(tmp_path)) as server:
        server.route("/", page("<html>secret</html>"))
        with pytest.raises(FetchError, match=r"TLS certificate of 127\.0\.0\.1:\d+ could not be verified"):
            guarded_get(server.url("/"), trusted_hosts=frozenset({server.host}))
        assert server.paths() == []  # no request ever got through the handshake


@responses.activate
def test_case07_redirect_loop_stops() -> None:
    responses.get(f"{SITE}/a", status=302, headers={"Location": "/b"})
    responses.get(f"{SITE}/b", status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError, match="redirects in a loop"):
        guarded_get(f"{SITE}/a")
    assert len(responses.calls) == 2


@responses.activate
def test_redirect_back_after_setting_a_cookie_is_followed() -> None:
    responses.get(f"{SITE}/", body="<html>welcome</html>", content_type="text/html", match=[_has_cookie])
    responses.get(f"{SITE}/", status=302, headers={"Location": "/", "Set-Cookie": "consent=1; Path=/"})
    assert guarded_get(f"{SITE}/").content == b"<html>welcome</html>"


def _has_cookie(request: object) -> tuple[bool, str]:
    cookie = getattr(request, "headers", {}).get("Cookie", "")
    return "consent=1" in cookie, "no consent cookie"


@responses.activate
def test_case07_long_redirect_chain_stops_at_cap() -> None:
    for hop in range(25):
        responses.get(f"{SITE}/{hop}", status=301, headers={"Location": f"/{hop + 1}"})
    with pytest.raises(FetchError, match="redirects more than 5 times"):
        guarded_get(f"{SITE}/0")
    assert len(responses.calls) == 6  # the first request and five redirects


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"%PDF-1.7\n...", "text/html"),
        (b"\x89PNG\r\n\x1a\n....", "text/html"),
        (b"PK\x03\x04zipzip", "text/html"),
        (b"<html>\x00\x00\x00</html>", "text/html"),
        (b"%PDF-1.7", "application/pdf"),
        (b"just some notes", "text/plain"),
    ],
)
@responses.activate
def test_case10_binary_served_as_html_is_not_html(body: bytes, content_type: str) -> None:
    responses.get(f"{SITE}/doc", body=body, content_type=content_type)
    with pytest.raises(NotHTMLError, match=r"is not HTML"):
        guarded_get(f"{SITE}/doc")


@responses.activate
def test_html_served_as_plain_text_is_kept() -> None:
    responses.get(f"{SITE}/", body=b"\n<!DOCTYPE html><html><title>Acme</title></html>", content_type="text/plain")
    assert guarded_get(f"{SITE}/").content.startswith(b"\n<!DOCTYPE html>")


@responses.activate
def test_case10_binary_is_fine_for_other_kinds() -> None:
    responses.get(f"{SITE}/feed", body=b"<rss/>", content_type="application/rss+xml")
    assert guarded_get(f"{SITE}/feed", kind="feed").content == b"<rss/>"


@responses.activate
def test_case24_redirect_to_another_domain_not_followed() -> None:
    responses.get(f"{SITE}/jobs", status=302, headers={"Location": "https://acme.example.evil.com/jobs"})
    with pytest.raises(BlockedError, match=r"is not on acme\.example; not followed"):
        guarded_get(f"{SITE}/jobs", same_site_as=f"{SITE}/")
    assert len(responses.calls) == 1


@responses.activate
def test_case24_redirect_within_the_site_is_followed() -> None:
    responses.get(f"{SITE}/jobs", status=302, headers={"Location": "https://careers.acme.example/"})
    responses.get("https://careers.acme.example/", body="<html>jobs</html>", content_type="text/html")
    result = guarded_get(f"{SITE}/jobs", same_site_as=f"{SITE}/")
    assert result.final_url == "https://careers.acme.example/"


@responses.activate
def test_case24_https_to_http_downgrade_refused() -> None:
    responses.get(f"{SITE}/", status=301, headers={"Location": "http://acme.example/"})
    with pytest.raises(BlockedError, match="from https to http"):
        guarded_get(f"{SITE}/", same_site_as=f"{SITE}/")
    assert len(responses.calls) == 1


@pytest.mark.parametrize("location", ["ftp://acme.example/x", "file:///etc/passwd", "javascript:alert(1)"])
@responses.activate
def test_case24_redirect_to_other_schemes_refused(location: str) -> None:
    responses.get(f"{SITE}/", status=302, headers={"Location": location})
    with pytest.raises(BlockedError, match="not an http"):
        guarded_get(f"{SITE}/")


@responses.activate
def test_redirect_with_credentials_refused() -> None:
    responses.get(f"{SITE}/", status=302, headers={"Location": "https://user:pw@acme.example/"})
    with pytest.raises(BlockedError, match="user name or password"):
        guarded_get(f"{SITE}/")


@responses.activate
def test_gzip_content_encoding_is_decoded() -> None:
    responses.get(
        f"{SITE}/",
        body=gzip.compress(b"<html>hello</html>"),
        headers={"Content-Encoding": "gzip", "Content-Type": "text/html"},
    )
    assert guarded_get(f"{SITE}/").content == b"<html>hello</html>"


@responses.activate
def test_unknown_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown fetch kind"):
        guarded_get(f"{SITE}/", kind="video")
    assert len(responses.calls) == 0


def test_messages_carry_no_terminal_escapes() -> None:
    with pytest.raises(BlockedError, match="not an http") as error:
        guarded_get("ftp://acme.example/\x1b[2J\x9b31m\u202e")
    assert not any(ch in str(error.value) for ch in "\x1b\x9b\u202e")
