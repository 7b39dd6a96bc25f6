"""The briefing pipeline end to end against a small site served on 127.0.0.1."""

from __future__ import annotations

import socket
import threading

import pytest
from contract import CONTRACT_KEYS
from servers import Handler, Request, TestServer, page, robots, server, status  # noqa: F401 - server is a fixture

import companyscout.pipeline as pipeline
from companyscout.errors import FetchError
from companyscout.pipeline import BriefOptions, build_briefing
from companyscout.web.limits import FetchLimits

# No retries or backoff, and timeouts generous enough for healthy pages on a loaded machine.
QUICK = FetchLimits(connect_timeout=5.0, read_timeout=10.0, page_deadline=10.0, retries=0, backoff_base=0.0)

NAV = """<nav><a href="/about/">About</a><a href="/team/">Team</a><a href="/press/">Press</a>
<a href="/careers/">Careers</a></nav>"""


def html(title: str, body: str) -> str:
    head = f"<!doctype html><html lang='en'><head><title>{title}</title></head>"
    return f"{head}<body>{NAV}<main>{body}</main></body></html>"


HOME = html(
    "Acme Robotics | Warehouse robots",
    "<h1>Acme Robotics builds warehouse robots.</h1><p>Robots that carry shelves for small shops.</p>",
)
ABOUT = html(
    "About | Acme Robotics",
    "<h1>About Acme</h1><h2>Our mission</h2>"
    "<p>Our mission is to take heavy lifting off people's backs in every warehouse.</p>",
)
STAFF = [("Jane Doe", "Chief Executive Officer"), ("Ravi Patel", "VP Engineering"), ("Mia Wong", "Head of Sales")]
TEAM = html(
    "Team | Acme Robotics",
    '<h1>Our team</h1><div class="grid">'
    + "".join(f'<div class="card"><h3>{n}</h3><p>{r}</p></div>' for n, r in STAFF)
    + "</div>",
)
PRESS = html(
    "Press | Acme Robotics",
    "<h1>Press releases</h1>"
    + "".join(
        f'<article><h2><a href="/press/{slug}/">{t}</a></h2><time datetime="{d}">{d}</time></article>'
        for slug, t, d in [
            ("series-b", "Acme Robotics raises a Series B", "2026-10-01"),
            ("award", "Acme Robotics wins the Logistics Award", "2025-03-12"),
        ]
    ),
)
CAREERS = html("Careers | Acme Robotics", "<h1>Careers</h1><p>We work in small teams and ship every week.</p>")


def serve_site(server: TestServer, **overrides: str) -> None:  # noqa: F811
    pages = {"/": HOME, "/about/": ABOUT, "/team/": TEAM, "/press/": PRESS, "/careers/": CAREERS, **overrides}
    server.route("/robots.txt", robots(overrides.pop("robots", "User-agent: *\nDisallow:\n")))
    for path, body in pages.items():
        if path.startswith("/"):
            server.route(path, page(body))


def brief(server: TestServer, **options: object) -> dict:  # type: ignore[type-arg]  # noqa: F811
    chosen = {"no_external": True, "trusted": True, "limits": QUICK, **options}
    return build_briefing(server.url("/"), options=BriefOptions(**chosen)).to_dict()  # type: ignore[arg-type]


def test_briefing_follows_the_contract_with_sources_on_every_fact(server: TestServer) -> None:  # noqa: F811
    serve_site(server)
    said: list[str] = []
    result = brief(server, progress=said.append)
    assert list(result) == CONTRACT_KEYS
    assert result["website"] == server.url("/")
    assert [(a["date"], a["title"]) for a in result["achievements"]] == [
        ("2026-10-01", "Acme Robotics raises a Series B"),
        ("2025-03-12", "Acme Robotics wins the Logistics Award"),
    ]
    assert [(p["name"], p["title"]) for p in result["people"]] == STAFF
    facts = [result["mission"]] if result["mission"] else []
    for key in ("values", "culture", "achievements", "people", "talking_points"):
        facts += result[key]
    assert facts and all(f["source"].startswith(server.url("/")) for f in facts)
    assert result["achievements"][0]["source"] == server.url("/press/series-b/")
    assert {(p["url"], p["role"], p["status"]) for p in result["pages"]} >= {
        (server.url("/"), "home", 200),
        (server.url("/team/"), "team", 200),
        (server.url("/press/"), "news", 200),
    }
    assert any(line.endswith("pages found") for line in said)
    assert any(line.startswith("fetched ") for line in said)


def test_robots_disallowed_listing_is_a_warning_and_never_requested(server: TestServer) -> None:  # noqa: F811
    serve_site(server, robots="User-agent: *\nDisallow: /press/\n")
    result = brief(server)
    assert any("disallows" in w and "/press/" in w for w in result["warnings"])
    assert "/press/" not in server.paths()
    assert result["people"]  # the rest of the briefing is still there


def test_team_page_filled_by_scripts_is_reported_not_guessed(server: TestServer) -> None:  # noqa: F811
    serve_site(server, **{"/team/": html("Team", "<h1>Team</h1><iframe src='https://tables.example/x'></iframe>")})
    result = brief(server)
    assert result["people"] == []
    assert any("team page is filled by JavaScript" in w for w in result["warnings"])


def test_unreachable_home_page_raises_naming_the_host() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match=f"127.0.0.1:{port}"):
        build_briefing(f"http://127.0.0.1:{port}/", options=BriefOptions(no_external=True, trusted=True, limits=QUICK))


def test_home_page_that_is_not_html_raises(server: TestServer) -> None:  # noqa: F811
    server.route("/robots.txt", status(404))
    server.route("/", page(b"%PDF-1.7 binary", content_type="application/pdf"))
    with pytest.raises(FetchError):
        brief(server)


def test_page_budget_holds_against_an_endless_calendar(server: TestServer) -> None:  # noqa: F811
    calendar = "".join(f'<a href="/events/?page={i}">Events page {i}</a>' for i in range(500))
    many = "".join(f'<a href="/about/part-{i}/">About part {i}</a>' for i in range(2000))
    serve_site(server, **{"/": html("Acme", calendar + many)})
    result = brief(server, max_pages=6)
    page_requests = [p for p in server.paths() if p not in {"/robots.txt", "/sitemap.xml"}]
    assert len(page_requests) <= 6
    assert not any("?page=" in p for p in server.paths())
    assert len([p for p in result["pages"] if p["role"] != "feed"]) <= 6


def test_an_extractor_failure_costs_its_facts_not_the_briefing(
    server: TestServer,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(page: object) -> list[object]:
        raise ValueError("bad markup")

    monkeypatch.setattr(pipeline, "extract_people", broken)
    serve_site(server)
    result = brief(server)
    assert result["people"] == []
    assert result["achievements"]
    assert any("team page could not be read" in w for w in result["warnings"])


def test_undated_listing_is_followed_to_its_item_pages(server: TestServer) -> None:  # noqa: F811
    listing = html(
        "News",
        "<h1>News</h1><ul>"
        + "".join(
            f'<li><a href="/press/{slug}/">{title}</a></li>'
            for slug, title in [
                ("plant", "Acme Robotics opens a second plant"),
                ("hire", "A new head of research for the lab"),
            ]
        )
        + "</ul>",
    )
    plant = html(
        "Plant",
        "<h1>Acme Robotics opens a second plant</h1>"
        "<p>PORTLAND, Oregon — January 23, 2026 — Acme Robotics today opened its plant.</p>",
    )
    hire = html("Hire", '<h1>A new head of research for the lab</h1><time datetime="2025-11-02">2 Nov</time>')
    serve_site(server, **{"/press/": listing, "/press/plant/": plant, "/press/hire/": hire})
    result = brief(server)
    assert [(a["date"], a["title"], a["source"]) for a in result["achievements"]] == [
        ("2026-01-23", "Acme Robotics opens a second plant", server.url("/press/plant/")),
        ("2025-11-02", "A new head of research for the lab", server.url("/press/hire/")),
    ]


def test_team_index_without_names_is_followed_to_person_pages(server: TestServer) -> None:  # noqa: F811
    index = html("Team", "<h1>Team</h1>" + "".join(f'<a href="/team/{s}/"><img alt=""></a>' for s in ("jd", "rp")))
    person = {
        slug: html(
            name,
            f"<h1>{name}</h1><p>{role}</p><p>{name.split()[0]} joined us in 2019 and leads "
            "the work on our warehouse fleet.</p>",
        )
        for slug, name, role in [("jd", "Jane Doe", "Chief Executive Officer"), ("rp", "Ravi Patel", "CTO")]
    }
    serve_site(server, **{"/team/": index, "/team/jd/": person["jd"], "/team/rp/": person["rp"]})
    result = brief(server)
    assert [(p["name"], p["title"], p["source"]) for p in result["people"]] == [
        ("Jane Doe", "Chief Executive Officer", server.url("/team/jd/")),
        ("Ravi Patel", "CTO", server.url("/team/rp/")),
    ]


def test_the_sites_feed_adds_dated_items(server: TestServer) -> None:  # noqa: F811
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Acme news</title>
      <item><title>Acme Robotics ships the M2 robot</title><link>{base}blog/m2/</link>
      <pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate></item></channel></rss>"""
    home = HOME.replace("</head>", '<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>')
    serve_site(server, **{"/": home})
    server.route("/feed.xml", page(feed.format(base=server.url("/")), content_type="application/rss+xml"))
    result = brief(server)
    dated = [(a["date"], a["title"]) for a in result["achievements"]]
    assert ("2026-03-03", "Acme Robotics ships the M2 robot") in dated
    assert (server.url("/feed.xml"), "feed", 200) in [(p["url"], p["role"], p["status"]) for p in result["pages"]]


def test_sitemap_lastmod_dates_an_item_as_the_last_resort(server: TestServer) -> None:  # noqa: F811
    listing = html(
        "News",
        '<h1>News</h1><ul><li><a href="/press/award/">Acme Robotics wins the Fleet Award</a></li>'
        '<li><a href="/press/visit/">A visit to the new warehouse</a></li></ul>',
    )
    item = html("Award", "<h1>Acme Robotics wins the Fleet Award</h1><p>The jury chose our M2 robot.</p>")
    sitemap = (
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{server.url('/press/award/')}</loc><lastmod>2024-02-03</lastmod></url></urlset>"
    )
    serve_site(server, **{"/press/": listing, "/press/award/": item})
    server.route("/sitemap.xml", page(sitemap, content_type="application/xml"))
    result = brief(server)
    dated = [(a["date"], a["title"]) for a in result["achievements"]]
    assert ("2024-02-03", "Acme Robotics wins the Fleet Award") in dated


def test_a_leadership_list_completes_the_titles_a_staff_grid_leaves_out(server: TestServer) -> None:  # noqa: F811
    names = ["Jane Doe", "Ravi Patel", "Mia Wong"]
    grid = html(
        "Team", "<h1>Team</h1><div class='grid'>" + "".join(f"<div class='c'>{n}</div>" for n in names) + "</div>"
    )
    board = html(
        "Leadership",
        "<h1>Leadership</h1><ul><li><strong>Jane Doe</strong> - Chief Executive Officer</li>"
        "<li><strong>Ravi Patel</strong> - Treasurer</li><li><strong>Ann Lee</strong></li></ul>",
    )
    home = HOME.replace('<a href="/team/">Team</a>', '<a href="/team/">Team</a><a href="/leadership/">Leadership</a>')
    serve_site(server, **{"/": home, "/team/": grid, "/leadership/": board})
    result = brief(server)
    people = {p["name"]: p for p in result["people"]}
    assert people["Jane Doe"]["title"] == "Chief Executive Officer"
    assert people["Jane Doe"]["source"] == server.url("/leadership/")
    assert people["Mia Wong"]["title"] is None
    assert [p["name"] for p in result["people"]][:2] == ["Jane Doe", "Ravi Patel"]


def test_home_page_disallowed_by_robots_txt_stops_the_briefing_unread(server: TestServer) -> None:  # noqa: F811
    serve_site(server, robots="User-agent: *\nDisallow: /\n")
    with pytest.raises(FetchError, match="robots.txt of .* disallows"):
        brief(server)
    # Nothing the home page links to: only what left alongside robots.txt, before it was known.
    assert set(server.paths()) <= {"/robots.txt", "/", "/sitemap.xml"}


def test_crawl_delay_of_the_site_is_a_warning_in_the_briefing(server: TestServer) -> None:  # noqa: F811
    serve_site(server, robots="User-agent: *\nCrawl-delay: 0.05\n")
    result = brief(server)
    assert any("asks for 0.05 s between requests; fetching" in w for w in result["warnings"])
    assert result["people"]


def test_pages_the_home_page_names_do_not_wait_for_a_slow_sitemap(server: TestServer) -> None:  # noqa: F811
    about_asked, seen = threading.Event(), []

    def sitemap_after_about(request: Request) -> None:
        seen.append(about_asked.wait(2.0))
        listed = "".join(f"<url><loc>{server.url(p)}</loc></url>" for p in ("/team/", "/press/"))
        xml = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{listed}</urlset>'
        page(xml, content_type="application/xml")(request)

    def about(request: Request) -> None:
        about_asked.set()
        page(ABOUT)(request)

    # A home page naming one role only: the sitemap is needed to plan the rest.
    serve_site(server, **{"/": HOME.replace(NAV, '<nav><a href="/about/">About</a></nav>')})
    server.route("/about/", about)
    server.route("/sitemap.xml", sitemap_after_about)
    result = brief(server)
    assert seen == [True]  # the about page went out while the sitemap was still loading
    assert [p["name"] for p in result["people"]] == [name for name, _ in STAFF]  # the sitemap's team page


VALUES = [
    ("Candour", "We say what we see."),
    ("Care", "We look after each other."),
    ("Craft", "We ship work we are proud of."),
]


def serve_values_only_the_sitemap_lists(server: TestServer, *, wait: float) -> list[bool]:  # noqa: F811
    """Serve a home page linking /about/ and /team/, which answer once /values/ (listed only by
    the sitemap) is asked for or after ``wait`` seconds; return whether each was asked in time."""
    values_asked, seen = threading.Event(), []

    def after_values(body: str) -> Handler:
        def handle(request: Request) -> None:
            seen.append(values_asked.wait(wait))
            page(body)(request)

        return handle

    def values(request: Request) -> None:
        values_asked.set()
        listed = "".join(f"<h3>{name}</h3><p>{text}</p>" for name, text in VALUES)
        page(html("Values | Acme Robotics", f"<h1>Our values</h1>{listed}"))(request)

    two_links = '<nav><a href="/about/">About</a><a href="/team/">Team</a></nav>'
    serve_site(server, **{"/": HOME.replace(NAV, two_links)})
    server.route("/about/", after_values(ABOUT))
    server.route("/team/", after_values(TEAM))
    server.route("/values/", values)
    listed = f"<url><loc>{server.url('/values/')}</loc></url>"
    xml = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{listed}</urlset>'
    server.route("/sitemap.xml", page(xml, content_type="application/xml"))
    return seen


def test_pages_only_the_sitemap_lists_go_out_with_the_home_pages_links(server: TestServer) -> None:  # noqa: F811
    # The planned pages answer only once the values page, which only the sitemap lists, is asked
    # for: it must be planned with them (round 2), not after one of them has arrived.
    seen = serve_values_only_the_sitemap_lists(server, wait=2.0)
    result = brief(server)
    assert seen == [True, True]
    assert [v["name"] for v in result["values"]] == [name for name, _ in VALUES]


def test_a_large_sitemap_does_not_hold_round_two_back(server: TestServer, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    # Too large to be read before round 2: the pages the home page names go out without it,
    # and the page only the sitemap lists is still fetched once the sitemaps are read.
    monkeypatch.setattr(pipeline, "EARLY_SITEMAP_BYTES", 100)
    seen = serve_values_only_the_sitemap_lists(server, wait=0.5)
    result = brief(server)
    assert seen == [False, False]  # round 2 did not include the sitemap's page
    assert [v["name"] for v in result["values"]] == [name for name, _ in VALUES]


def test_a_sitemap_no_item_needs_never_delays_the_briefing(server: TestServer) -> None:  # noqa: F811
    briefed, answered = threading.Event(), []

    def sitemap_after_briefing(request: Request) -> None:
        answered.append(briefed.wait(1.5))  # False: the briefing sat waiting for this sitemap
        listed = f"<url><loc>{server.url('/about/')}</loc></url>"
        xml = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{listed}</urlset>'
        page(xml, content_type="application/xml")(request)

    serve_site(server)  # every press item is dated: no sitemap lastmod is needed
    server.route("/sitemap.xml", sitemap_after_briefing)
    result = brief(server)
    briefed.set()
    assert [a["date"] for a in result["achievements"]] == ["2026-10-01", "2025-03-12"]
    assert answered in ([], [True])


def test_people_of_team_sections_on_home_and_about_pages_with_the_highest_title(server: TestServer) -> None:  # noqa: F811
    # The home page (read first) names Jane by her team; the about page's leadership by her office.
    home = html(
        "Acme Robotics | Warehouse robots",
        "<h1>Acme Robotics builds warehouse robots.</h1><h2>Our team</h2>"
        '<div class="card"><h3>Jane Doe</h3><p>Robotics Engineer</p></div>'
        '<div class="card"><h3>Mia Wong</h3><p>Sales Engineer</p></div>',
    )
    about = html(
        "About | Acme Robotics",
        "<h1>About Acme</h1><p>We build robots.</p><h2>Leadership</h2>"
        '<div class="card"><h3>Jane Doe</h3><p>Chief Executive Officer</p></div>'
        '<div class="card"><h3>Omar Haddad</h3><p>Chief Technology Officer</p></div>',
    )
    team = html("Team | Acme Robotics", '<h1>Our team</h1><div class="card"><h3>Ravi Patel</h3><p>VP Sales</p></div>')
    serve_site(server, **{"/": home, "/about/": about, "/team/": team})
    people = {p["name"]: p["title"] for p in brief(server)["people"]}
    assert people == {
        "Jane Doe": "Chief Executive Officer",
        "Omar Haddad": "Chief Technology Officer",
        "Ravi Patel": "VP Sales",
        "Mia Wong": "Sales Engineer",
    }


def test_undated_newest_items_of_a_dated_listing_are_read_for_their_dates(server: TestServer) -> None:  # noqa: F811
    press = html(
        "Press | Acme Robotics",
        "<h1>Press releases</h1>"
        '<article><h2><a href="/press/new-depot/">Acme Robotics opens a depot in Lyon</a></h2>'
        "<p>2 days ago</p></article>"
        + "".join(
            f'<article><h2><a href="/press/{slug}/">{t}</a></h2><time datetime="{d}">{d}</time></article>'
            for slug, t, d in [
                ("series-b", "Acme Robotics raises a Series B", "2026-10-01"),
                ("award", "Acme Robotics wins the Logistics Award", "2025-03-12"),
            ]
        ),
    )
    item = html(
        "Acme Robotics opens a depot in Lyon",
        '<article><h1>Acme Robotics opens a depot in Lyon</h1><time datetime="2026-11-20">20 November 2026</time>'
        "<p>Acme Robotics opened its first depot in France.</p></article>",
    )
    serve_site(server, **{"/press/": press, "/press/new-depot/": item})
    achievements = brief(server)["achievements"]
    assert "/press/new-depot/" in server.paths()
    assert not {"/press/series-b/", "/press/award/"} & set(server.paths())  # dated items need no visit
    assert (achievements[0]["date"], achievements[0]["title"]) == ("2026-11-20", "Acme Robotics opens a depot in Lyon")
