"""`scout brief` end to end against a hostile web and a faulty network, as a user meets it.

Every test runs the real CLI (``CliRunner``) against a real threaded server on 127.0.0.1 and
checks what a user sees: a briefing (with warnings naming what failed), or ``Error: …`` and
exit 1; never a traceback, never a hang, and nothing stored lost. Small fetch limits keep the
slow cases fast; they are the same ``FetchLimits`` every briefing uses, set where the CLI
takes them from.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from servers import (  # noqa: F401 - server is a fixture
    Request,
    TestServer,
    drip,
    gzip_bomb,
    long_content_length,
    page,
    redirect,
    reset_mid_body,
    robots,
    sequence,
    server,
    status,
)

import companyscout.cli.brief as brief_cli
from companyscout.cli import cli
from companyscout.web.limits import FetchLimits

# Small enough to keep every slow case within a few seconds, large enough for honest pages even
# on a loaded machine (the server shares the process, and its threads the interpreter, with scout).
SMALL = FetchLimits(
    connect_timeout=5.0,
    read_timeout=5.0,
    page_deadline=5.0,
    max_body=256 * 2**10,
    retries=2,
    backoff_base=0.01,
    retry_after_cap=1.0,
    max_sitemap_files=3,
)

NAV = (
    '<nav><a href="/about/">About us</a> <a href="/values/">Our values</a> <a href="/team/">Our team</a> '
    '<a href="/news/">News</a> <a href="/careers/">Careers</a></nav>'
)


def html(title: str, body: str, *, head: str = "") -> str:
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f"<body>{NAV}<main>{body}</main></body></html>"
    )


MISSION = "Our mission is to take heavy lifting off people's backs in every warehouse."
HOME = html("Acme Robotics | Warehouse robots", "<h1>Acme Robotics builds warehouse robots.</h1>")
ABOUT = html("About | Acme Robotics", f"<h1>About Acme</h1><h2>Our mission</h2><p>{MISSION}</p>")
VALUES = html(
    "Values | Acme Robotics",
    "<h1>Our values</h1>"
    + "".join(
        f"<h3>{name}</h3><p>{text}</p>"
        for name, text in [
            ("Safety first", "We stop the line when anything looks wrong."),
            ("Own the outcome", "We finish what we start and say when we cannot."),
            ("Keep it simple", "The simplest robot that does the job wins."),
        ]
    ),
)
STAFF = [("Jane Doe", "Chief Executive Officer"), ("Ravi Patel", "VP Engineering"), ("Mia Wong", "Head of Sales")]
TEAM = html(
    "Team | Acme Robotics",
    '<h1>Our team</h1><div class="grid">'
    + "".join(f'<div class="card"><h3>{n}</h3><p>{r}</p></div>' for n, r in STAFF)
    + "</div>",
)
NEWS = html(
    "News | Acme Robotics",
    "<h1>News</h1>"
    + "".join(
        f'<article><h2><a href="/news/{slug}/">{t}</a></h2><time datetime="{d}">{d}</time></article>'
        for slug, t, d in [
            ("series-b", "Acme Robotics raises a Series B", "2026-10-01"),
            ("award", "Acme Robotics wins the Logistics Award", "2025-03-12"),
        ]
    ),
)
CAREERS = html("Careers | Acme Robotics", "<h1>Careers</h1><p>We work in small teams and ship every week.</p>")
SITE = {"/": HOME, "/about/": ABOUT, "/values/": VALUES, "/team/": TEAM, "/news/": NEWS, "/careers/": CAREERS}
# Control and bidi characters that must never reach a terminal raw.
TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(autouse=True)
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(brief_cli, "LIMITS", SMALL)


def serve_site(server: TestServer, *, robots_txt: str = "User-agent: *\nDisallow:\n", **pages: str) -> None:  # noqa: F811
    """Serve the sample company site, with ``pages`` (path → HTML) replacing or adding pages."""
    server.route("/robots.txt", robots(robots_txt))
    for path, body in {**SITE, **pages}.items():
        server.route(path, page(body))


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["brief", *args])


def brief_json(server: TestServer, *args: str) -> dict:  # type: ignore[type-arg]  # noqa: F811
    """Return the briefing of ``server``'s site as JSON, asserting a clean exit 0."""
    result = run(server.url("/"), "--no-external", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def fails(result: Result, *needles: str) -> str:
    """Return the error line of a failed brief, asserting exit 1, one line and no traceback."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def page_requests(server: TestServer) -> list[str]:  # noqa: F811
    return [p for p in server.paths() if p != "/robots.txt" and not p.startswith("/sitemap")]


def warned(data: dict, *needles: str) -> list[str]:  # type: ignore[type-arg]
    """Return the warnings that contain every one of ``needles``, asserting there is one."""
    found = [w for w in data["warnings"] if all(n in w for n in needles)]
    assert found, (needles, data["warnings"])
    return found


def assert_site_facts(data: dict, *, except_: str = "") -> None:  # type: ignore[type-arg]
    """Assert the facts of the healthy pages are all there, but those of ``except_``."""
    if except_ != "about":
        assert data["mission"] is not None and "heavy lifting" in data["mission"]["text"]
    if except_ != "values":
        assert [v["name"] for v in data["values"]][:3] == ["Safety first", "Own the outcome", "Keep it simple"]
    if except_ != "team":
        assert [(p["name"], p["title"]) for p in data["people"]] == STAFF
    if except_ != "news":
        assert [a["date"] for a in data["achievements"]][:2] == ["2026-10-01", "2025-03-12"]


# --- the home page ----------------------------------------------------------------------------


def test_unreachable_home_is_exit_1_naming_the_host() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, never listening: the connection is refused
        fails(run(f"http://127.0.0.1:{port}/", "--no-external"), f"127.0.0.1:{port}")


def test_home_404_is_exit_1_and_never_retried(server: TestServer) -> None:  # noqa: F811
    server.route("/robots.txt", status(404))
    fails(run(server.url("/"), "--no-external"), "404")
    assert page_requests(server) == ["/"]


def test_home_500_three_times_is_exit_1_after_exactly_3_attempts(server: TestServer) -> None:  # noqa: F811
    server.route("/robots.txt", status(404))
    server.route("/", status(500))
    fails(run(server.url("/"), "--no-external"), "500")
    assert page_requests(server) == ["/", "/", "/"]


def test_home_500_error_says_to_try_again_later(server: TestServer) -> None:  # noqa: F811
    server.route("/robots.txt", status(404))
    server.route("/", status(500))
    line = fails(run(server.url("/"), "--no-external"), "500", "try again later")
    assert line == f"Error: The home page of {server.host} answered HTTP 500 three times; try again later."


def test_home_500_then_200_is_a_briefing(server: TestServer) -> None:  # noqa: F811
    serve_site(server)
    server.route("/", sequence(status(500), page(HOME)))
    data = brief_json(server)
    assert data["company"] == "Acme Robotics"
    assert page_requests(server)[:2] == ["/", "/"]


def test_pdf_served_as_html_home_is_exit_1_not_html(server: TestServer) -> None:  # noqa: F811
    server.route("/robots.txt", status(404))
    server.route("/", page(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + bytes(range(256))))
    fails(run(server.url("/"), "--no-external"), "not HTML")


def test_empty_home_is_exit_1_saying_it_is_empty(server: TestServer) -> None:  # noqa: F811
    server.route("/robots.txt", status(404))
    server.route("/", page(b""))
    result = run(server.url("/"), "--no-external", "--format", "json")
    line = fails(result, "empty")
    assert line == f"Error: The home page of {server.host} is empty; pass the address of the website's home page."


def test_home_redirecting_to_another_domain_is_exit_1_naming_the_final_url(server: TestServer) -> None:  # noqa: F811
    server.route("/robots.txt", status(404))
    server.route("/", redirect("https://acme-robotics.example/en/"))
    line = fails(run(server.url("/"), "--no-external"), "acme-robotics.example")
    assert "not followed" in line
    assert page_requests(server) == ["/"]


def test_home_redirecting_to_another_domain_says_to_pass_the_final_url(server: TestServer) -> None:  # noqa: F811
    server.route("/robots.txt", status(404))
    server.route("/", redirect("https://acme-robotics.example/en/"))
    fails(run(server.url("/"), "--no-external"), "scout brief https://acme-robotics.example/en/")


def test_home_redirect_loop_is_exit_1(server: TestServer) -> None:  # noqa: F811
    server.route("/robots.txt", status(404))
    server.route("/", redirect("/start"))
    server.route("/start", redirect("/"))
    fails(run(server.url("/"), "--no-external"), "loop")
    assert len(page_requests(server)) <= SMALL.max_redirects + 1


def test_home_redirect_chain_stops_at_the_cap(server: TestServer) -> None:  # noqa: F811
    server.route("/robots.txt", status(404))
    for hop in range(25):
        server.route(f"/hop{hop}" if hop else "/", redirect(f"/hop{hop + 1}"))
    fails(run(server.url("/"), "--no-external"), f"more than {SMALL.max_redirects} times")
    assert len(page_requests(server)) == SMALL.max_redirects + 1


def test_gzip_bomb_home_is_exit_1_within_the_cap(server: TestServer) -> None:  # noqa: F811
    server.route("/robots.txt", status(404))
    server.route("/", gzip_bomb(50 * SMALL.max_body))
    fails(run(server.url("/"), "--no-external"), server.host, "larger than 256 KiB")


def test_drip_fed_home_is_exit_1_within_the_watchdog(server: TestServer) -> None:  # noqa: F811
    server.route("/robots.txt", status(404))
    server.route("/", drip(HOME.encode(), interval=0.3))
    line = fails(run(server.url("/"), "--no-external"), f"took longer than {SMALL.page_deadline:g} s")
    assert line.endswith("; check the address, or try again later.")


def test_robots_txt_5xx_is_exit_1_saying_robots_txt_could_not_be_read(server: TestServer) -> None:  # noqa: F811
    # RFC 9309: an unreachable robots.txt disallows everything; the user must learn why nothing was read.
    serve_site(server)
    server.route("/robots.txt", status(503))
    fails(run(server.url("/"), "--no-external"), "robots.txt", "503", server.host)
    assert server.paths().count("/robots.txt") == SMALL.retries + 1
    assert set(page_requests(server)) <= {"/"}  # at most the start page, never a page found on the site


def test_robots_txt_5xx_error_is_one_plain_sentence_with_a_next_step(server: TestServer) -> None:  # noqa: F811
    serve_site(server)
    server.route("/robots.txt", status(503))
    line = fails(run(server.url("/"), "--no-external"), "robots.txt", "503", "try again later")
    assert line.count("robots.txt") == 1, line


def test_robots_txt_disallowing_everything_is_exit_1(server: TestServer) -> None:  # noqa: F811
    serve_site(server, robots_txt="User-agent: *\nDisallow: /\n")
    fails(run(server.url("/"), "--no-external"), "robots.txt", "disallows")
    assert set(page_requests(server)) <= {"/"}


# The start page the user typed is requested alongside robots.txt, as a browser requests the page
# a person asked for, so that a briefing does not wait a round trip for robots.txt first. Its
# answer is used only once robots.txt allows it: when robots.txt disallows it or cannot be read,
# the answer is dropped unread and never cached, and no other page of the site is requested. A
# robots.txt stored within the last 24 hours (RFC 9309 §2.4) that disallows the start page is
# obeyed before anything is sent: then the start page is not requested at all.
@pytest.mark.parametrize(
    ("robots_answer", "stored"),
    [(robots("User-agent: *\nDisallow: /\n"), True), (status(503), False)],
    ids=["disallow-all", "robots-503"],
)
def test_robots_txt_forbidding_the_site_means_only_the_typed_page_is_requested_and_dropped(
    server: TestServer,  # noqa: F811
    robots_answer: object,
    stored: bool,
) -> None:
    serve_site(server)
    server.route("/robots.txt", robots_answer)  # type: ignore[arg-type]
    fails(run(server.url("/"), "--no-external"), "robots.txt")
    assert page_requests(server) == ["/"]  # the typed start page only, never a page found on the site
    # Its answer was not kept: an offline briefing finds nothing to build from.
    fails(run(server.url("/"), "--offline", "--no-external"), "not in the cache")
    assert page_requests(server) == ["/"]
    # Briefed again: a robots.txt stored as disallowing the start page stops the request itself.
    fails(run(server.url("/"), "--no-external", "--refresh"), "robots.txt")
    assert page_requests(server) == (["/"] if stored else ["/", "/"])


# --- inner pages ------------------------------------------------------------------------------


def test_drip_fed_team_page_is_a_warning_and_the_rest_stays(server: TestServer) -> None:  # noqa: F811
    serve_site(server)
    server.route("/team/", drip(TEAM.encode(), interval=0.3))
    data = brief_json(server)
    warned(data, "/team/", "stopped")
    assert_site_facts(data, except_="team")


def test_gzip_bomb_news_page_is_a_warning_within_the_cap(server: TestServer) -> None:  # noqa: F811
    serve_site(server)
    server.route("/news/", gzip_bomb(50 * SMALL.max_body))
    data = brief_json(server)
    warned(data, "/news/")
    assert_site_facts(data, except_="news")


def test_page_with_100000_links_keeps_the_page_budget(
    server: TestServer,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(brief_cli, "LIMITS", replace(SMALL, max_body=4 * 2**20))  # the links weigh 2.5 MiB
    links = "".join(f'<a href="/p/{i}">Page {i}</a>' for i in range(100_000))
    serve_site(server, **{"/careers/": html("Careers | Acme Robotics", f"<h1>Careers</h1>{links}")})
    data = brief_json(server, "--max-pages", "8")
    assert len(page_requests(server)) <= 8
    assert len([p for p in data["pages"] if p["role"] != "feed"]) <= 8
    assert (server.url("/careers/"), 200) in [(p["url"], p["status"]) for p in data["pages"]]
    assert not [w for w in data["warnings"] if "/careers/" in w]
    assert data["mission"] is not None and data["people"]


def test_endless_calendar_keeps_the_page_budget(server: TestServer) -> None:  # noqa: F811
    calendar = html("Events | Acme", "".join(f'<a href="/events/?page={i}">Next {i}</a>' for i in range(1, 50)))
    home = html("Acme Robotics", '<h1>Acme Robotics</h1><a href="/events/?page=1">Events</a>')
    serve_site(server, **{"/": home, "/events/": calendar})
    data = brief_json(server, "--max-pages", "6")
    assert len(page_requests(server)) <= 6
    assert sum("?page=" in p for p in server.paths()) <= 1
    assert data["people"]


def test_page_with_nul_bytes_is_skipped_with_a_warning(server: TestServer) -> None:  # noqa: F811
    serve_site(server)
    server.route("/values/", page(b"<html>\x00\x00\x00" + bytes(range(256)) * 40))
    data = brief_json(server)
    warned(data, "/values/")
    assert_site_facts(data, except_="values")
    assert "\x00" not in json.dumps(data)


def test_latin1_page_without_charset_reads_right(server: TestServer) -> None:  # noqa: F811
    mission = "Our mission is to make every café, crèche and façade workshop from Zürich to São Paulo safer."
    about = f"<html><head><title>About</title></head><body>{NAV}<h2>Our mission</h2><p>{mission}</p></body></html>"
    serve_site(server)
    server.route("/about/", page(about.encode("latin-1"), content_type="text/html"))
    data = brief_json(server)
    assert data["mission"] is not None and data["mission"]["text"] == mission


def test_shift_jis_page_reads_right(server: TestServer) -> None:  # noqa: F811
    name = "アクメ・ロボティクス株式会社"
    home = (
        f"<html><head><meta charset='shift_jis'><title>{name}</title></head>"
        f"<body>{NAV}<h1>{name}</h1><p>倉庫で働く人々のためのロボット。</p></body></html>"
    )
    serve_site(server)
    server.route("/", page(home.encode("shift_jis"), content_type="text/html"))
    data = brief_json(server)
    assert data["company"] == name
    assert "\ufffd" not in json.dumps(data, ensure_ascii=False)
    assert_site_facts(data)


def test_deeply_nested_and_huge_colspan_pages_do_not_crash(server: TestServer) -> None:  # noqa: F811
    nested = "<div>" * 300 + "<p>Deep</p>" + "</div>" * 300
    colspan = '<table><tr><td colspan="100000000">x</td></tr><tr><td rowspan="99999999">y</td></tr></table>'
    serve_site(server, **{"/careers/": html("Careers", nested), "/news/": html("News", colspan + NEWS)})
    data = brief_json(server)
    assert data["mission"] is not None and data["people"]


def test_broken_inner_pages_are_warnings_naming_them_and_nothing_partial_is_kept(server: TestServer) -> None:  # noqa: F811
    serve_site(server)
    server.route("/team/", reset_mid_body(TEAM.encode(), sent=200))
    server.route("/news/", long_content_length(NEWS.encode(), declared=len(NEWS) + 500))
    server.route("/values/", redirect("https://acme-robotics.example/values/"))
    data = brief_json(server)
    warned(data, "/team/", "nothing kept")
    warned(data, "/news/", "nothing kept")
    warned(data, "/values/", "acme-robotics.example", "not followed")
    assert data["people"] == [] and data["achievements"] == [] and data["values"] == []
    assert data["mission"] is not None
    # The cut pages were not cached as whole: an offline briefing cannot find them.
    offline = run(server.url("/"), "--offline", "--no-external", "--format", "json")
    assert offline.exit_code == 0, offline.output
    assert json.loads(offline.stdout)["people"] == []


def test_retry_after_beyond_the_cap_skips_the_host_with_a_warning(server: TestServer) -> None:  # noqa: F811
    serve_site(server)
    server.route("/careers/", status(503, headers={"Retry-After": "9999999999"}))
    data = brief_json(server)
    warned(data, "9999999999 s", "host skipped")
    assert server.paths().count("/careers/") == 1


def test_crawl_delay_is_honoured_and_the_briefing_says_how_long_it_takes(server: TestServer) -> None:  # noqa: F811
    serve_site(server, robots_txt="User-agent: *\nCrawl-delay: 0.2\n")
    data = brief_json(server)
    warned(data, "0.2 s between requests")
    # Spaced, one at a time, from the home page on: the request after it waits too, although
    # the home page was requested before robots.txt named the delay. (Lower bounds only: a
    # loaded machine makes the gaps longer, never shorter.)
    starts = sorted(entry.at for entry in server.log if entry.path in SITE)
    assert len(starts) >= 4 and min(b - a for a, b in zip(starts, starts[1:], strict=False)) >= 0.15


def test_external_news_without_network_is_a_warning_and_the_site_facts_stay(server: TestServer) -> None:  # noqa: F811
    import requests
    import responses

    serve_site(server)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as web:
        web.add_passthru(re.compile(rf"http://{re.escape(server.host)}/"))
        web.add(responses.GET, re.compile(r"https://news\.google\.com/.*"), body=requests.ConnectionError("offline"))
        result = run(server.url("/"), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    warned(data, "External news could not be fetched")
    assert data["news"] == []
    assert_site_facts(data)


# --- the time bound ---------------------------------------------------------------------------

# Pages may take long, the briefing may not: its deadline comes long before any page's own.
SLOW_PAGES = replace(SMALL, page_deadline=60.0, read_timeout=60.0, retry_after_cap=60.0)


def test_a_site_whose_pages_all_drip_ends_at_the_deadline_with_a_briefing(
    server: TestServer,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(brief_cli, "LIMITS", replace(SLOW_PAGES, brief_deadline=4.0))
    serve_site(server)
    inner = [path for path in SITE if path != "/"]
    for path in inner:
        server.route(path, drip(SITE[path].encode(), interval=0.3))  # minutes for a whole page
    data = brief_json(server)
    assert data["company"] == "Acme Robotics"  # the home page's facts are kept
    stopped = warned(data, "Reading the site stops after 4 s:", "planned pages were not read in time.")
    unread = int(stopped[0].split(": ", 1)[1].split()[0])
    assert unread >= len(inner)
    # One warning for them all: the pages cut short are not named one by one, nor blamed on the
    # page deadline, which is far from over.
    assert not [w for w in data["warnings"] if any(path in w for path in inner)], data["warnings"]
    assert not [w for w in data["warnings"] if "60 s" in w]


def test_retry_after_never_waits_past_the_deadline(server: TestServer, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setattr(brief_cli, "LIMITS", replace(SLOW_PAGES, brief_deadline=30.0))
    serve_site(server)
    # Within the 60 s scout waits for one page, but past the briefing's 30 s: not waited for at all.
    server.route("/careers/", status(503, headers={"Retry-After": "45"}))
    data = brief_json(server)
    assert server.paths().count("/careers/") == 1  # never asked again: the wait would end past the deadline
    warned(data, "Reading the site stops after 30 s: 1 planned page was not read in time.")
    assert not [w for w in data["warnings"] if "host skipped" in w]
    assert_site_facts(data)


# --- the page cache ---------------------------------------------------------------------------


def validated(body: str, answers: list[int], *, content_type: str = "text/html; charset=utf-8") -> object:
    """Serve ``body`` with an ETag, answering 304 to a request that carries it; log each status."""
    data = body.encode()
    tag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'

    def handle(request: Request) -> None:
        if request.headers.get("if-none-match") == tag:
            answers.append(304)
            request.send(304, headers={"ETag": tag})
        else:
            answers.append(200)
            request.send(200, data, {"Content-Type": content_type, "ETag": tag})

    return handle


def test_refresh_of_an_unchanged_site_costs_304s_and_gives_the_same_briefing(server: TestServer) -> None:  # noqa: F811
    answers: dict[str, list[int]] = {path: [] for path in [*SITE, "/robots.txt"]}
    server.route(
        "/robots.txt", validated("User-agent: *\nDisallow:\n", answers["/robots.txt"], content_type="text/plain")
    )
    for path, body in SITE.items():
        server.route(path, validated(body, answers[path]))
    first = brief_json(server)
    assert all(statuses == [200] for statuses in answers.values()), answers
    requests_before = len(server.log)
    again = brief_json(server, "--refresh")
    assert all(statuses == [200, 304] for statuses in answers.values()), answers
    asked_again = [entry for entry in server.log[requests_before:] if entry.path in answers]
    assert len(asked_again) == len(answers) and all("if-none-match" in entry.headers for entry in asked_again)
    assert {**again, "generated_at": None} == {**first, "generated_at": None}
    assert_site_facts(again)


def test_refresh_reads_a_changed_page_anew(server: TestServer) -> None:  # noqa: F811
    answers: list[int] = []
    serve_site(server, **{"/about/": ""})
    server.route("/about/", validated(ABOUT, answers))
    brief_json(server)
    changed = MISSION.replace("every warehouse", "every port")
    server.route("/about/", validated(ABOUT.replace(MISSION, changed), answers))
    again = brief_json(server, "--refresh")
    assert answers == [200, 200]
    assert again["mission"]["text"] == changed


def test_offline_after_one_online_brief_gives_the_same_facts_without_a_request(server: TestServer) -> None:  # noqa: F811
    serve_site(server)
    first = brief_json(server)
    requests_before = len(server.log)
    offline = brief_json(server, "--offline")
    assert len(server.log) == requests_before
    assert_site_facts(offline)
    assert {**offline, "generated_at": None, "warnings": []} == {**first, "generated_at": None, "warnings": []}


# --- hostile content --------------------------------------------------------------------------

ESCAPES = "\x1b[2J\x1b]8;;https://evil.example\x07click\x1b]8;;\x07\x1b]52;c;cm0gLXJmIH4=\x07\x9b31m\rX\u202eevil"
INJECTIONS = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) "
    "![tracker](https://evil.example/t.png)\n# Heading\n```\nfence"
)


def hostile_site(server: TestServer, payload: str) -> None:  # noqa: F811
    """Serve a site whose title, mission, values, people and news carry ``payload``."""
    esc = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    serve_site(
        server,
        **{
            "/": html(f"Acme {esc} Robotics", f"<h1>Acme Robotics {esc}</h1>"),
            "/about/": html(
                "About", f"<h2>Our mission</h2><p>Our mission is to take {esc} heavy lifting off people's backs.</p>"
            ),
            "/values/": html(
                "Values",
                f"<h1>Our values</h1><h3>Safety {esc}</h3><p>We stop the line {esc}.</p>"
                "<h3>Own the outcome</h3><p>We finish what we start.</p>",
            ),
            "/team/": html(
                "Team",
                f'<h1>Our team</h1><div class="card"><h3>Jane {esc} Doe</h3><p>CEO {esc}</p></div>'
                '<div class="card"><h3>Ravi Patel</h3><p>VP Engineering</p></div>',
            ),
            "/news/": html(
                "News",
                f'<article><h2><a href="/news/a/">Acme Robotics wins {esc}</a></h2>'
                '<time datetime="2026-01-02">2026-01-02</time></article>',
            ),
        },
    )


def test_terminal_escapes_never_reach_text_output(server: TestServer) -> None:  # noqa: F811
    hostile_site(server, ESCAPES)
    result = run(server.url("/"), "--no-external", "--format", "text")
    assert result.exit_code == 0, result.output
    assert "heavy lifting" in result.stdout  # the facts are there, only the escapes are gone
    assert not TERMINAL_UNSAFE.search(result.stdout), TERMINAL_UNSAFE.findall(result.stdout)
    assert not TERMINAL_UNSAFE.search(result.stderr)


def test_json_output_is_valid_and_carries_no_raw_c1_or_bidi(server: TestServer) -> None:  # noqa: F811
    hostile_site(server, ESCAPES)
    result = run(server.url("/"), "--no-external", "--format", "json")
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)
    assert not TERMINAL_UNSAFE.search(result.stdout.replace("\n", ""))


def test_markdown_output_escapes_injection(server: TestServer) -> None:  # noqa: F811
    hostile_site(server, INJECTIONS)
    result = run(server.url("/"), "--no-external", "--format", "markdown")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "heavy lifting" in out
    for forbidden in ("<script", "<img", "](javascript:", "![tracker](", "\n# Heading", "\n```"):
        assert forbidden not in out, forbidden
    assert [line for line in out.splitlines() if line.startswith("# ")] == [out.splitlines()[0]]


# --- storage ----------------------------------------------------------------------------------


def test_damaged_database_is_moved_aside_and_the_brief_stops(server: TestServer, scout_home: Path) -> None:  # noqa: F811
    serve_site(server)
    scout_home.mkdir(parents=True, exist_ok=True)
    (scout_home / "scout.json").write_bytes(b'{"briefs": {"1": {"key": "acme.c')
    line = fails(run(server.url("/"), "--no-external"), "corrupt")
    aside = list(scout_home.glob("scout.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b'{"briefs": {"1": {"key": "acme.c'
    assert not (scout_home / "scout.json").exists() or b"acme.c" not in (scout_home / "scout.json").read_bytes()
    assert page_requests(server) == []  # the site is not read for a briefing that could not be kept
    assert "\n" not in line


def test_unwritable_output_is_one_line_error_and_the_briefing_is_still_stored(
    server: TestServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    serve_site(server)
    out = tmp_path / "no-such-folder" / "acme.md"
    line = fails(run(server.url("/"), "--no-external", "-o", str(out)), str(out), "-o")
    listing = CliRunner().invoke(cli, ["briefs", "list"])
    assert "Acme Robotics" in listing.stdout
    suggested = line.rsplit("scout briefs show ", 1)[1].rstrip(")").split()
    shown = CliRunner().invoke(cli, ["briefs", "show", *suggested, "--format", "json"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["company"] == "Acme Robotics"
    assert not out.parent.exists()  # nothing made on the way
    again = run(server.url("/"), "--no-external", "--format", "json")
    assert again.exit_code == 0 and "Stored briefing" in again.stderr


def test_ctrl_c_mid_briefing_is_a_clean_message_and_the_database_intact(
    server: TestServer,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    scout_home: Path,
) -> None:
    serve_site(server)
    first = brief_json(server)
    before = (scout_home / "scout.json").read_bytes()

    def interrupted(page: object) -> list[object]:
        raise KeyboardInterrupt

    import companyscout.pipeline as pipeline

    monkeypatch.setattr(pipeline, "extract_people", interrupted)
    result = run(server.url("/"), "--no-external", "--refresh")
    assert result.exit_code == 130
    assert "Interrupted" in result.stderr and "Traceback" not in result.output
    assert (scout_home / "scout.json").read_bytes() == before
    assert brief_json(server) == first


def test_ctrl_c_while_pages_drip_ends_promptly_with_the_message(server: TestServer, scout_home: Path) -> None:  # noqa: F811
    # A real SIGINT to a real process, with the default limits: pages in flight must not hold it.
    serve_site(server)
    server.route("/team/", drip(TEAM.encode(), interval=0.5))
    command = [sys.executable, "-m", "companyscout", "brief", server.url("/"), "--no-external", "--format", "json"]
    env = {**os.environ, "SCOUT_HOME": str(scout_home)}
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_default_sigint
    ) as process:
        while "/team/" not in server.paths() and process.poll() is None:
            server.stopping.wait(0.05)
        process.send_signal(signal.SIGINT)
        try:
            out, err = process.communicate(timeout=15)  # without the fix it waits out the 30 s page deadline
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail("scout kept running after Ctrl-C while a page was dripping")
    assert process.returncode == 130, err
    assert err.decode().strip() == "Interrupted; nothing stored was changed by the unfinished step."
    assert out == b""
    assert not (scout_home / "scout.json").exists() or json.loads((scout_home / "scout.json").read_text())


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # a shell's background job may ignore Ctrl-C


# --- names ------------------------------------------------------------------------------------


def test_name_without_network_fails_fast_suggesting_site() -> None:
    import requests
    import responses

    with responses.RequestsMock() as web:
        web.add(responses.GET, re.compile(r".*"), body=requests.ConnectionError("network is unreachable"))
        result = run("Acme Robotics")
    fails(result, "--site")


def test_unknown_name_with_no_external_is_a_usage_error_suggesting_site() -> None:
    result = run("Acme Robotics", "--no-external")
    assert result.exit_code == 2, result.output
    assert "--site" in result.stderr and "Traceback" not in result.output


def test_name_with_site_is_remembered_and_needs_no_lookup_next_time(server: TestServer) -> None:  # noqa: F811
    import responses

    serve_site(server)
    first = run("Acme Robotics", "--site", server.url("/"), "--no-external", "--format", "json")
    assert first.exit_code == 0, first.output
    with responses.RequestsMock() as web:  # any request to a third party would fail the test
        again = run("Acme Robotics", "--format", "json")
        assert len(web.calls) == 0
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["website"] == server.url("/")


def test_pick_chooses_from_an_ambiguous_name(server: TestServer, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    from companyscout.sources import resolve

    serve_site(server)
    candidates = [
        resolve.Candidate("Acme", "a cartoon company", "https://acme.example/", "Q1", exact=True, organisation=True),
        resolve.Candidate("Acme", "warehouse robots", server.url("/"), "Q2", exact=True, organisation=True),
    ]
    monkeypatch.setattr(resolve, "find_candidates", lambda name, http_get=None: candidates)
    ambiguous = run("Acme", "--format", "json")
    line = ambiguous.stderr
    assert ambiguous.exit_code == 1 and "--pick" in line and "acme.example" in line, ambiguous.output
    # A site found by a lookup was not typed by the user: loopback is refused for it.
    picked = run("Acme", "--pick", "2", "--format", "json")
    assert picked.exit_code == 1 and "Q2" in picked.stderr, picked.output
    assert "127.0.0.1" in picked.stderr.splitlines()[-1]
    assert server.paths() == []


# --- output a user reads ----------------------------------------------------------------------


def test_progress_goes_to_stderr_only_with_verbose(server: TestServer) -> None:  # noqa: F811
    serve_site(server)
    quiet = run(server.url("/"), "--no-external", "--format", "json")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    loud = run(server.url("/"), "--no-external", "--format", "json", "--refresh", "-v")
    assert loud.exit_code == 0
    assert "pages found" in loud.stderr and "fetched " in loud.stderr
    assert json.loads(loud.stdout)["company"] == "Acme Robotics"


def test_text_for_a_bare_site_says_what_is_missing(server: TestServer) -> None:  # noqa: F811
    server.route("/robots.txt", status(404))
    server.route("/", page("<!doctype html><html><head><title>Bare Co</title></head><body><p>Hello.</p></body></html>"))
    result = run(server.url("/"), "--no-external", "--format", "text")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "The site states no mission." in out
    assert "No values found" in out and "No people found" in out and "No dated news" in out
    assert re.search(r"^[A-Z ]+\n\n", out, re.MULTILINE) is None  # no empty section


def test_text_says_which_page_failed_when_a_section_is_empty(server: TestServer) -> None:  # noqa: F811
    serve_site(server)
    server.route("/team/", drip(TEAM.encode(), interval=0.3))
    out = run(server.url("/"), "--no-external", "--format", "text").stdout
    people = out[out.index("PEOPLE") :].splitlines()[1]
    assert people == "  Not known: the team page could not be read (see Warnings)."
    assert "/team/" in out[out.index("WARNINGS") :]


def test_text_sections_come_in_order_and_wrap(server: TestServer) -> None:  # noqa: F811
    serve_site(server)
    out = run(server.url("/"), "--no-external", "--format", "text").stdout
    order = [out.index(h) for h in ("MISSION", "VALUES", "RECENT ACHIEVEMENTS", "PEOPLE", "TALKING POINTS")]
    assert order == sorted(order)
    assert max(len(line) for line in out.splitlines()) <= brief_cli_width()


def brief_cli_width() -> int:
    from companyscout.render import WIDTH

    return WIDTH


def test_warnings_are_sentences(server: TestServer) -> None:  # noqa: F811
    serve_site(server)
    server.route("/team/", status(500))
    server.route("/news/", status(404))
    data = brief_json(server)
    for warning in data["warnings"]:
        assert warning[0].isupper() or warning.startswith("http"), warning
        assert warning.rstrip().endswith("."), warning
        assert "Traceback" not in warning and "Error(" not in warning


# --- stored briefings -------------------------------------------------------------------------


def test_briefs_remove_asks_and_removes(server: TestServer) -> None:  # noqa: F811
    serve_site(server)
    brief_json(server)
    runner = CliRunner()
    kept = runner.invoke(cli, ["briefs", "remove", "Acme Robotics"], input="n\n")
    assert kept.exit_code == 1 and "Acme Robotics" in runner.invoke(cli, ["briefs", "list"]).stdout
    gone = runner.invoke(cli, ["briefs", "remove", server.url("/"), "--yes"])
    assert gone.exit_code == 0, gone.output
    assert "Removed" in gone.stdout
    assert "No briefings stored yet" in runner.invoke(cli, ["briefs", "list"]).stdout
    missing = runner.invoke(cli, ["briefs", "remove", "Acme Robotics", "--yes"])
    assert missing.exit_code == 1 and "no stored briefing" in missing.stderr
