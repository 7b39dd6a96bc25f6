"""Achievements read from news, press and blog listings, one class of markup per test."""

from __future__ import annotations

from datetime import date

import pytest

from companyscout.extract.news import (
    dedupe_achievements,
    extract_achievements,
    extract_awards,
    extract_release,
    is_js_placeholder,
    sort_achievements,
)
from companyscout.extract.page import parse_page
from companyscout.model import Achievement

LISTING = "https://acme.example/press/"


def achievements(body: str, url: str = LISTING, names: list[str] | None = None) -> list[tuple[str | None, str]]:
    page = parse_page(url, f"<html><body>{body}</body></html>", "news")
    return [(a.date, a.title) for a in extract_achievements(page, names=names or ["Acme"])]


def test_cards_with_time_datetime_after_the_title_link() -> None:
    body = """<main>
    <article><a class="title" href="/press/2018/10/3/open-access">Acme launches free accounts for schools</a>
      <div class="meta"><a href="/press/?author=1">Jane Roe</a>
      <time datetime="2018-10-03">October 3, 2018</time></div></article>
    <article><a class="title" href="/press/2018/5/31/board">Acme forms an Advisory Board</a>
      <div class="excerpt"><h2>A subtitle that is not the title</h2><a href="/press/2018/5/31/board">Read More</a></div>
      <div class="meta"><time datetime="2018-05-31">May 31, 2018</time></div></article>
    </main>"""
    assert achievements(body) == [
        ("2018-10-03", "Acme launches free accounts for schools"),
        ("2018-05-31", "Acme forms an Advisory Board"),
    ]


def test_headings_followed_by_an_emphasised_date_prefix() -> None:
    body = """<div class="post-date">June 21, 2026</div>
    <h3 id="v25">Acme 2.5.0 released<a class="headerlink" href="#v25">#</a></h3>
    <p><em>21 Jun, 2026</em> &ndash; Acme 2.5.0 is a transitional release.</p>
    <h3 id="v24">Acme 2.4.0 released<a class="headerlink" href="#v24">¶</a></h3>
    <p><em>20 Dec, 2025</em> &ndash; The 2.4.0 release continues the work.</p>"""
    assert achievements(body) == [("2026-06-21", "Acme 2.5.0 released"), ("2025-12-20", "Acme 2.4.0 released")]


def test_date_line_with_a_source_label_inside_the_item() -> None:
    body = """<h1>This work is worth talking about.</h1>
    <div class="item"><h2>Ministry Picks Acme for Library Project</h2><span>News Release: May 11, 2021</span>
      <p>We are proud to continue our work with the Ministry on public library systems.</p>
      <p>Full story: <a href="/press/2021-05-11-ministry">Ministry picks Acme for library project</a></p></div>
    <div class="item"><h2>Fixing security compliance with rapid approvals</h2>
      <span>Trade Weekly: February 4, 2021</span>
      <p>The process to get an approval to operate is outdated and causes security risks.</p>
      <p>Full story: <a href="https://tradeweekly.example/2021/02/04/approvals">Let us fix approvals</a></p></div>"""
    page = parse_page(LISTING, f"<html><body>{body}</body></html>", "news")
    items = extract_achievements(page, names=["Acme"])
    assert [(a.date, a.title) for a in items] == [
        ("2021-05-11", "Ministry Picks Acme for Library Project"),
        ("2021-02-04", "Fixing security compliance with rapid approvals"),
    ]
    # The item's own page when the site has one; the listing for a publication's article.
    assert [a.source for a in items] == ["https://acme.example/press/2021-05-11-ministry", LISTING]
    # A press mention keeps the publication's name in its summary.
    assert items[1].summary is not None and items[1].summary.startswith("Trade Weekly: ")
    assert items[0].summary is not None and not items[0].summary.startswith("News Release")


def test_date_heading_of_its_own_before_the_title() -> None:
    body = """<div class="news"><p class="date">12 March 2024</p><h3>Acme opens a Lisbon office</h3>
    <p>More text about the new office and its first twenty hires in the city.</p></div>
    <div class="news"><p class="date">2 February 2024</p><h3>Acme wins the Green Award</h3>
    <p>The jury praised the plant's energy savings over the last three years.</p></div>"""
    assert achievements(body) == [
        ("2024-03-12", "Acme opens a Lisbon office"),
        ("2024-02-02", "Acme wins the Green Award"),
    ]


def test_dates_in_link_paths_including_the_sites_former_host() -> None:
    body = """<ul>
    <li><a href="http://old-acme.example/press/archive/2005/07/18/index.html">Acme Announces a Task Force</a></li>
    <li><a href="archive/2005/06/01/index.html">Acme Joins the Web Browser Forum</a></li>
    <li><a href="https://newspaper.example/2005/05/02/story">Newspaper story about Acme's task force</a></li>
    </ul>"""
    assert achievements(body) == [
        ("2005-07-18", "Acme Announces a Task Force"),
        ("2005-06-01", "Acme Joins the Web Browser Forum"),
    ]


def test_undated_press_links_count_only_as_the_organisations_awards() -> None:
    body = """<h1>Press</h1><h4>Links</h4><ul>
    <li><a href="https://journal.example/a">Journal editorial on open science</a></li>
    <li><a href="https://univ.example/b">Acme wins the 2022 Open Science Prize</a></li>
    <li><a href="https://blog.example/c">A student's blog post about the summer school</a></li>
    </ul>"""
    assert achievements(body) == [(None, "Acme wins the 2022 Open Science Prize")]


def test_titles_are_decoded_and_collapsed() -> None:
    body = """<article><h2><a href="/n/1">Acme   selected at  Inno&amp;gt;Fair
    2018</a></h2><time datetime="2018-10-04">Oct 4</time></article>
    <article><h2><a href="/n/2">Acme ships version two</a></h2><time datetime="2018-09-01">Sep 1</time></article>"""
    assert achievements(body)[0] == ("2018-10-04", "Acme selected at Inno>Fair 2018")


def test_a_release_page_dated_by_its_dateline() -> None:
    page = parse_page(
        "https://acme.example/press/new-plant",
        """<html><body><main>
      <h1>Acme opens its second plant</h1>
      <p>LYON, France — January 23, 2006 — Acme today opened its second plant.</p>
      </main></body></html>""",
        "item",
    )
    release = extract_release(page)
    assert release is not None
    assert (release.date, release.title) == ("2006-01-23", "Acme opens its second plant")
    assert release.source == "https://acme.example/press/new-plant"


def test_a_release_page_dated_by_its_metadata() -> None:
    page = parse_page(
        "https://acme.example/news/x",
        """<html><head>
      <meta property="article:published_time" content="2024-05-06T09:00:00Z"></head>
      <body><h1>Acme raises Series B</h1><p>Text.</p></body></html>""",
        "item",
    )
    release = extract_release(page)
    assert release is not None and release.date == "2024-05-06"


def test_newest_first_with_undated_last_and_one_entry_per_title() -> None:
    items = [
        Achievement(None, "Acme wins a prize", None, "s"),
        Achievement("2021-05", "Acme raises money", None, "s"),
        Achievement("2021-05-11", "Acme raises money!", None, "s"),
        Achievement("2022-01-02", "Acme opens an office", None, "s"),
    ]
    result = sort_achievements(dedupe_achievements(items))
    assert [(i.date, i.title) for i in result] == [
        ("2022-01-02", "Acme opens an office"),
        ("2021-05-11", "Acme raises money"),
        (None, "Acme wins a prize"),
    ]


def test_listing_filled_by_frames_is_recognised() -> None:
    framed = parse_page(
        LISTING, "<html><body><h1>Team</h1><iframe src='https://app.example/x'></iframe></body></html>", "team"
    )
    script = parse_page(
        LISTING, "<html><body><div id='root'></div><script src='/app.js'></script></body></html>", "news"
    )
    written = parse_page(
        LISTING, "<html><body>" + "<p>Plenty of words in this page's own HTML.</p>" * 30 + "</body></html>", "news"
    )
    assert is_js_placeholder(framed) and is_js_placeholder(script)
    assert not is_js_placeholder(written)


def test_navigation_and_pagers_are_not_items() -> None:
    body = """<nav><a href="/news/2020/01/01/x">Acme launches something in the menu</a></nav>
    <main><article><h2><a href="/n/a">Acme launches a rover</a></h2><time datetime="2020-02-02">x</time></article>
    <a href="/press/page/2">2</a><a href="/press/page/2">Older posts</a></main>"""
    assert achievements(body) == [("2020-02-02", "Acme launches a rover")]


def test_blog_posts_with_a_header_inside_each_article() -> None:
    body = (
        """<main>"""
        + "".join(
            f"""<article class="post"><header class="entry-header"><h2 class="entry-title">
        <a href="/{d[:4]}/{d[5:7]}/{slug}/">{t}</a></h2><div class="entry-meta"><span class="posted-on">
        <time class="entry-date published" datetime="{d}T10:00:00+00:00">x</time></span></div></header>
        <div class="entry-summary"><p>{t} — and a sentence long enough to be read as its summary.</p></div></article>"""
            for slug, t, d in [
                ("wins", "Acme wins the Design Award", "2024-05-03"),
                ("ships", "Acme ships its first robot", "2023-11-20"),
            ]
        )
        + "</main>"
    )
    page = parse_page(LISTING, f"<html><body><header><nav><a href='/'>Home</a></nav></header>{body}</body></html>")
    items = extract_achievements(page, names=["Acme"])
    assert [(a.date, a.title) for a in items] == [
        ("2024-05-03", "Acme wins the Design Award"),
        ("2023-11-20", "Acme ships its first robot"),
    ]
    assert items[0].summary and items[0].summary.startswith("Acme wins the Design Award —")
    assert items[0].source == "https://acme.example/2024/05/wins/"


def test_a_table_of_dates_and_titles() -> None:
    rows = "".join(
        f'<tr><td>{d}</td><td><a href="/press/{i}">{t}</a></td></tr>'
        for i, (d, t) in enumerate(
            [("05.03.2024", "Acme eröffnet ein Werk in Linz"), ("12.12.2023", "Acme gewinnt den Innovationspreis")]
        )
    )
    assert achievements(f"<table><tr><th>Datum</th><th>Titel</th></tr>{rows}</table>") == [
        ("2024-03-05", "Acme eröffnet ein Werk in Linz"),
        ("2023-12-12", "Acme gewinnt den Innovationspreis"),
    ]


def test_posts_with_subheadings_and_a_date_line_above_the_title() -> None:
    post = """<div class="post"><div class="meta"><div class="date"><a href="/buzz/{m}.html">{d}</a></div>
      <div>Posted by <a href="/bios/a.html">someone</a></div><div>Filed under: <a href="/c.html">News</a></div></div>
      <h2 class="title">{t}</h2><p>Opening paragraph of the post, long enough to be a summary of it.</p>
      <h3>A subheading inside the post</h3><p>More text, and <a href="/x">cross-posted to take your comments</a>.</p>
      <h3>Another subheading of this post</h3><p>Still more text.</p></div>"""
    body = "<h1>Recent posts</h1>" + "".join(
        post.format(m=m, d=d, t=t)
        for m, d, t in [
            ("2006_03", "March 10, 2006", "Help us keep the web open with Acme"),
            ("2006_02", "February 28, 2006", "Kudos to the city library"),
        ]
    )
    assert achievements(body) == [
        ("2006-03-10", "Help us keep the web open with Acme"),
        ("2006-02-28", "Kudos to the city library"),
    ]


def test_a_release_page_dated_by_json_ld_with_a_logo_heading() -> None:
    page = parse_page(
        "https://acme.example/news/y",
        """<html><head>
      <meta property="og:title" content="Acme joins the Open Robotics Alliance">
      <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-09-14T08:00:00Z"}</script>
      </head><body><h1>Acme</h1><h2>Related posts</h2><p>Text.</p></body></html>""",
        "item",
    )
    release = extract_release(page)
    assert release is not None
    assert (release.date, release.title) == ("2023-09-14", "Acme joins the Open Robotics Alliance")


def test_award_lists_under_an_awards_heading() -> None:
    page = parse_page(
        "https://acme.example/about/",
        """<html><body><main><h1>About Acme</h1>
      <p>We were founded in 2009 and have grown ever since, one robot at a time.</p>
      <h2>Awards &amp; recognition</h2><ul><li>2021 – Red Dot Design Award</li>
      <li>Best Place to Work in Logistics (2019)</li><li>Innovation Prize of the City of Lyon</li></ul>
      <h2>Our offices</h2><ul><li>Lyon, since 2009</li></ul></main></body></html>""",
        "about",
    )
    assert [(a.date, a.title) for a in extract_awards(page)] == [
        ("2021", "Red Dot Design Award"),
        ("2019", "Best Place to Work in Logistics"),
        (None, "Innovation Prize of the City of Lyon"),
    ]


def test_headings_that_only_mention_awards_are_not_award_lists() -> None:
    page = parse_page(
        "https://acme.example/contracting/",
        """<html><body><main>
      <h2>Recent work and contract awards</h2><p>Department of Education</p><p>National Science Foundation</p>
      </main></body></html>""",
        "about",
    )
    assert extract_awards(page) == []


def test_the_published_time_wins_over_an_updated_one() -> None:
    body = """<main><article class="post"><h2 class="entry-title"><a href="/p/1">Acme opens a plant in Porto</a></h2>
      <time class="updated" datetime="2025-11-20T10:00:00+00:00">20 November 2025</time>
      <time class="entry-date published" datetime="2025-11-18T09:00:00+00:00">18 November 2025</time></article>
      <article class="post"><h2 class="entry-title"><a href="/p/2">Acme ships version three</a></h2>
      <time class="entry-date published" datetime="2025-10-01">1 October 2025</time></article></main>"""
    assert achievements(body) == [
        ("2025-11-18", "Acme opens a plant in Porto"),
        ("2025-10-01", "Acme ships version three"),
    ]


def test_items_dated_in_the_future_are_events_to_come() -> None:
    body = """<main><div class="item"><h3>Acme at the Robotics Fair</h3><p>March 12, 2031</p></div>
      <div class="item"><h3>Acme opens a plant in Porto</h3><p>March 12, 2025</p></div></main>"""
    page = parse_page(LISTING, f"<html><body>{body}</body></html>", "news")
    found = extract_achievements(page, names=["Acme"], today=date(2026, 1, 1))
    assert [(a.date, a.title) for a in found] == [("2025-03-12", "Acme opens a plant in Porto")]
    later = extract_achievements(page, names=["Acme"], today=date(2032, 1, 1))
    assert len(later) == 2


def test_events_job_openings_and_section_headings_are_not_news() -> None:
    body = """<main><h1>Acme</h1>
      <h2>Latest news</h2>
      <div class="card"><span class="date">Nov 3, 2025</span><h3>Acme partners with a rail operator</h3>
        <a href="/news/rail">Read more</a></div>
      <div class="card"><span class="date">Sep 18, 2025</span><h3>Acme opens a test track</h3>
        <a href="/news/track">Read more</a></div>
      <h2>Upcoming events</h2>
      <div class="event"><span class="date">March 12, 2025</span><h3>Freight Summit, Birmingham</h3></div>
      <div class="event"><span class="date">May 6, 2025</span><h3>Webinar: inspections at scale</h3></div>
      <h2>We're hiring</h2>
      <ul><li><h3><a href="/jobs/1">Senior Platform Engineer</a></h3><p>Posted 11/12/2025</p></li>
        <li><h3><a href="/jobs/2">Data Scientist, Planning</a></h3><p>Posted 10/28/2025</p></li></ul>
      <p><a href="/jobs/">See all open positions</a></p></main>"""
    page = parse_page("https://acme.example/", f"<html lang='en-US'><body>{body}</body></html>", "home")
    found = extract_achievements(page, names=["Acme"], today=date(2026, 1, 1))
    assert [(a.date, a.title, a.source) for a in found] == [
        ("2025-11-03", "Acme partners with a rail operator", "https://acme.example/news/rail"),
        ("2025-09-18", "Acme opens a test track", "https://acme.example/news/track"),
    ]


def test_links_inside_sentences_are_not_titles() -> None:
    body = """<main><p>March 10, 2006</p><p>Posted by someone</p>
      <p>We are glad to report that the new site is live; see the <a href="/about/site">About the Site
      section</a> and the other pages for more on how it was built and who built it.</p>
      <p>February 28, 2006</p>
      <p>[This entry was <a href="https://elsewhere.example/p">cross-posted to take your comments</a>
      on another blog where the discussion is open.]</p>
      <p>February 14, 2006</p>
      <p>[This entry <a href="https://elsewhere.example/q">cross-posted to take your comments</a>.]</p>
      </main>"""
    assert achievements(body) == []


def test_a_press_table_with_month_first_numeric_dates() -> None:
    body = """<table><thead><tr><th>Date</th><th>Headline</th></tr></thead><tbody>
      <tr><td>11/03/2025</td><td><a href="/press/c.html">Acme raises a Series C round</a></td></tr>
      <tr><td>09/18/2025</td><td><a href="/press/v.html">A port selects Acme for four terminals</a></td></tr>
      </tbody></table>"""
    page = parse_page(LISTING, f"<html lang='en-US'><body>{body}</body></html>", "news")
    assert [(a.date, a.title) for a in extract_achievements(page, names=["Acme"])] == [
        ("2025-11-03", "Acme raises a Series C round"),
        ("2025-09-18", "A port selects Acme for four terminals"),
    ]


def test_a_day_first_listing_with_author_bylines() -> None:
    item = (
        '<div class="actu"><h2><a href="/actualites/{s}">{t}</a></h2>'
        '<p class="meta">Publié le {d} par Claire Martin</p>'
        "<p>Un paragraphe qui présente la nouvelle en quelques mots simples.</p></div>"
    )
    body = "".join(
        item.format(s=s, t=t, d=d)
        for s, t, d in [
            ("prix", "Acme remporte le prix régional de l'innovation", "03/11/2025"),
            ("atelier", "Nouvel atelier de fabrication à Villeurbanne", "12/09/2025"),
        ]
    )
    page = parse_page(LISTING, f"<html lang='fr'><body><h1>Actualités</h1>{body}</body></html>", "news")
    found = extract_achievements(page, names=["Acme"])
    assert [(a.date, a.title) for a in found] == [
        ("2025-11-03", "Acme remporte le prix régional de l'innovation"),
        ("2025-09-12", "Nouvel atelier de fabrication à Villeurbanne"),
    ]
    assert found[0].summary == "Un paragraphe qui présente la nouvelle en quelques mots simples."  # not the byline


def test_cards_that_are_one_link_lead_to_the_item() -> None:
    card = (
        '<div class="w-dyn-item"><a href="/blog/{s}" class="blog-card"><img src="x.jpg" alt="">'
        '<div class="blog-card-date">{d}</div><h3>{t}</h3><div>Read article →</div></a></div>'
    )
    body = "".join(
        card.format(s=s, d=d, t=t)
        for s, d, t in [
            ("atlas", "2025-10-21", "Acme releases an open enzyme atlas"),
            ("pilot", "2025-08-05", "Our pilot plant runs"),
        ]
    )
    assert [
        (a.date, a.title, a.source)
        for a in extract_achievements(
            parse_page("https://acme.example/blog/", f"<html><body>{body}</body></html>", "news"), names=["Acme"]
        )
    ] == [
        ("2025-10-21", "Acme releases an open enzyme atlas", "https://acme.example/blog/atlas"),
        ("2025-08-05", "Our pilot plant runs", "https://acme.example/blog/pilot"),
    ]


def test_a_release_dated_by_json_ld_inside_a_graph() -> None:
    page = parse_page(
        "https://acme.example/news/scope-3/",
        """<html><head>
      <script type="application/ld+json">{"@graph":[{"@type":"WebPage","dateModified":"2025-10-28T09:00:00Z"},
      {"@type":"NewsArticle","dateModified":"2025-10-29","datePublished":"2025-10-14T08:00:00Z"}]}</script>
      </head><body><main><h1>Audit-grade estimates for every invoice</h1><p>By a colleague · 2 days ago</p></main>
      </body></html>""",
        "item",
    )
    release = extract_release(page)
    assert release is not None and (release.date, release.title) == (
        "2025-10-14",
        "Audit-grade estimates for every invoice",
    )


def test_award_lines_with_bullets_and_years() -> None:
    page = parse_page(
        "https://acme.example/",
        """<html><body><h2>Awards &amp; recognition</h2><ul>
      <li>Fintech Startup of the Year — Finance Awards 2024</li><li>2023 · Top 50 Climate Tech, Green List</li>
      </ul></body></html>""",
        "home",
    )
    assert [(a.date, a.title) for a in extract_awards(page)] == [
        ("2024", "Fintech Startup of the Year — Finance Awards"),
        ("2023", "Top 50 Climate Tech, Green List"),
    ]


def test_a_date_in_a_field_of_a_meta_line() -> None:
    post = (
        '<article class="post-{i}"><h2><a href="/news/{s}/">{t}</a></h2><p class="post-meta">by <a href="/author/jr/">'
        'Jane Roe</a> | <span class="published">{d}</span> | <a href="/category/news/">News</a></p></article>'
    )
    body = "".join(
        post.format(i=i, s=s, t=t, d=d)
        for i, (s, t, d) in enumerate(
            [("porto", "Acme opens a Porto office", "Nov 3, 2025"), ("v4", "Acme ships version four", "Sep 18, 2025")]
        )
    )
    assert achievements(body) == [
        ("2025-11-03", "Acme opens a Porto office"),
        ("2025-09-18", "Acme ships version four"),
    ]


def test_a_relative_date_takes_no_date_from_the_next_item() -> None:
    items = [("a", "Our first customer in Chile", "2 days ago"), ("b", "Acme ships version four", "Sep 18, 2025")]
    body = "<ul>" + "".join(f'<li><a href="/news/{s}/">{t}</a> · <span>{d}</span></li>' for s, t, d in items) + "</ul>"
    assert achievements(body) == [("2025-09-18", "Acme ships version four")]


@pytest.mark.parametrize(
    "meta",
    [
        '<meta name="pubdate" content="2025-10-14">',
        '<meta name="DC.date.issued" content="2025-10-14">',
        '<meta name="parsely-pub-date" content="2025-10-14T08:00:00Z">',
        '<meta property="og:published_time" content="2025-10-14T08:00:00+02:00">',
    ],
)
def test_a_release_dated_by_publishing_metadata(meta: str) -> None:
    page = parse_page(
        "https://acme.example/news/x/",
        f"<html><head>{meta}</head><body><h1>Acme opens a plant in Porto</h1><p>3 weeks ago</p></body></html>",
        "item",
    )
    release = extract_release(page)
    assert release is not None and release.date == "2025-10-14"


def test_a_footer_division_after_the_awards_is_no_award() -> None:
    page = parse_page(
        "https://acme.example/about/",
        """<html><body><h1>About</h1><h2>Awards &amp; recognition</h2>
        <ul><li>2024 — Innovator of the Year, Freight Awards</li></ul>
        <div class="site-footer"><p>Acme Robotics Ltd, Unit 4, Quayside Works</p></div>
        <div class="contact"><p>+44 191 498 0000</p><p>© 2026 Acme Robotics Ltd. All rights reserved.</p></div>
        </body></html>""",
        "about",
    )
    assert [(a.date, a.title) for a in extract_awards(page)] == [("2024", "Innovator of the Year, Freight Awards")]
