"""Achievements read from news, press and blog listings, one class of markup per test."""

from __future__ import annotations

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
    <article><a class="title" href="/press/2018/10/3/open-access">Acme launches Open Access for labs</a>
      <div class="meta"><a href="/press/?author=1">Jane Roe</a>
      <time datetime="2018-10-03">October 3, 2018</time></div></article>
    <article><a class="title" href="/press/2018/5/31/board">Acme forms an Advisory Board</a>
      <div class="excerpt"><h2>A subtitle that is not the title</h2><a href="/press/2018/5/31/board">Read More</a></div>
      <div class="meta"><time datetime="2018-05-31">May 31, 2018</time></div></article>
    </main>"""
    assert achievements(body) == [
        ("2018-10-03", "Acme launches Open Access for labs"),
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
    <div class="item"><h2>Ministry Awards Acme 5-Year Contract</h2><span>News Release: May 11, 2021</span>
      <p>We are proud to continue our work with the Ministry on adult literacy programmes.</p>
      <p>Full story: <a href="/press/2021-05-11-ministry">Ministry awards Acme 5-year contract</a></p></div>
    <div class="item"><h2>Fixing security compliance with rapid approvals</h2><span>FCW: February 4, 2021</span>
      <p>The process to get an approval to operate is outdated and causes security risks.</p>
      <p>Full story: <a href="https://fcw.example/2021/02/04/approvals">Let us fix approvals</a></p></div>"""
    page = parse_page(LISTING, f"<html><body>{body}</body></html>", "news")
    items = extract_achievements(page, names=["Acme"])
    assert [(a.date, a.title) for a in items] == [
        ("2021-05-11", "Ministry Awards Acme 5-Year Contract"),
        ("2021-02-04", "Fixing security compliance with rapid approvals"),
    ]
    # The item's own page when the site has one; the listing for a publication's article.
    assert [a.source for a in items] == ["https://acme.example/press/2021-05-11-ministry", LISTING]
    # A press mention keeps the publication's name in its summary.
    assert items[1].summary is not None and items[1].summary.startswith("FCW: ")
    assert items[0].summary is not None and not items[0].summary.startswith("News Release")


def test_date_heading_of_its_own_before_the_title() -> None:
    body = """<div class="news"><p class="date">12 March 2024</p><h3>Acme opens a Lisbon office</h3>
    <p>More text about the new office and its first twenty hires in the city.</p></div>
    <div class="news"><p class="date">2 February 2024</p><h3>Acme wins the Green Award</h3>
    <p>The jury praised the plant's energy savings over the last three years.</p></div>"""
    assert achievements(body) == [("2024-03-12", "Acme opens a Lisbon office"),
                                  ("2024-02-02", "Acme wins the Green Award")]


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
    body = """<article><h2><a href="/n/1">Acme   selected at  Inno&amp;gt;ent
    2018</a></h2><time datetime="2018-10-04">Oct 4</time></article>
    <article><h2><a href="/n/2">Acme ships version two</a></h2><time datetime="2018-09-01">Sep 1</time></article>"""
    assert achievements(body)[0] == ("2018-10-04", "Acme selected at Inno>ent 2018")


def test_a_release_page_dated_by_its_dateline() -> None:
    page = parse_page("https://acme.example/press/new-plant", """<html><body><main>
      <h1>Acme opens its second plant</h1>
      <p>PORTLAND, Oregon — January 23, 2006 — Acme today opened its second plant.</p>
      </main></body></html>""", "item")
    release = extract_release(page)
    assert release is not None
    assert (release.date, release.title) == ("2006-01-23", "Acme opens its second plant")
    assert release.source == "https://acme.example/press/new-plant"


def test_a_release_page_dated_by_its_metadata() -> None:
    page = parse_page("https://acme.example/news/x", """<html><head>
      <meta property="article:published_time" content="2024-05-06T09:00:00Z"></head>
      <body><h1>Acme raises Series B</h1><p>Text.</p></body></html>""", "item")
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
    framed = parse_page(LISTING, "<html><body><h1>Team</h1><iframe src='https://app.example/x'></iframe>"
                                 "</body></html>", "team")
    script = parse_page(LISTING, "<html><body><div id='root'></div><script src='/app.js'></script>"
                                 "</body></html>", "news")
    written = parse_page(LISTING, "<html><body>" + "<p>Plenty of words in this page's own HTML.</p>" * 30
                                  + "</body></html>", "news")
    assert is_js_placeholder(framed) and is_js_placeholder(script)
    assert not is_js_placeholder(written)


def test_navigation_and_pagers_are_not_items() -> None:
    body = """<nav><a href="/news/2020/01/01/x">Acme launches something in the menu</a></nav>
    <main><article><h2><a href="/n/a">Acme launches a rover</a></h2><time datetime="2020-02-02">x</time></article>
    <a href="/press/page/2">2</a><a href="/press/page/2">Older posts</a></main>"""
    assert achievements(body) == [("2020-02-02", "Acme launches a rover")]


def test_blog_posts_with_a_header_inside_each_article() -> None:
    body = """<main>""" + "".join(
        f"""<article class="post"><header class="entry-header"><h2 class="entry-title">
        <a href="/{d[:4]}/{d[5:7]}/{slug}/">{t}</a></h2><div class="entry-meta"><span class="posted-on">
        <time class="entry-date published" datetime="{d}T10:00:00+00:00">x</time></span></div></header>
        <div class="entry-summary"><p>{t} — and a sentence long enough to be read as its summary.</p></div></article>"""
        for slug, t, d in [("wins", "Acme wins the Design Award", "2024-05-03"),
                           ("ships", "Acme ships its first robot", "2023-11-20")]) + "</main>"
    page = parse_page(LISTING, f"<html><body><header><nav><a href='/'>Home</a></nav></header>{body}</body></html>")
    items = extract_achievements(page, names=["Acme"])
    assert [(a.date, a.title) for a in items] == [("2024-05-03", "Acme wins the Design Award"),
                                                  ("2023-11-20", "Acme ships its first robot")]
    assert items[0].summary and items[0].summary.startswith("Acme wins the Design Award —")
    assert items[0].source == "https://acme.example/2024/05/wins/"


def test_a_table_of_dates_and_titles() -> None:
    rows = "".join(f'<tr><td>{d}</td><td><a href="/press/{i}">{t}</a></td></tr>' for i, (d, t) in enumerate(
        [("05.03.2024", "Acme eröffnet ein Werk in Linz"), ("12.12.2023", "Acme gewinnt den Innovationspreis")]))
    assert achievements(f"<table><tr><th>Datum</th><th>Titel</th></tr>{rows}</table>") == [
        ("2024-03-05", "Acme eröffnet ein Werk in Linz"), ("2023-12-12", "Acme gewinnt den Innovationspreis")]


def test_posts_with_subheadings_and_a_date_line_above_the_title() -> None:
    post = """<div class="post"><div class="meta"><div class="date"><a href="/buzz/{m}.html">{d}</a></div>
      <div>Posted by <a href="/bios/a.html">someone</a></div><div>Filed under: <a href="/c.html">News</a></div></div>
      <h2 class="title">{t}</h2><p>Opening paragraph of the post, long enough to be a summary of it.</p>
      <h3>A subheading inside the post</h3><p>More text, and <a href="/x">cross-posted to take your comments</a>.</p>
      <h3>Another subheading of this post</h3><p>Still more text.</p></div>"""
    body = "<h1>Recent Buzz</h1>" + "".join(post.format(m=m, d=d, t=t) for m, d, t in [
        ("2006_03", "March 10, 2006", "Help Free the Web with Acme"),
        ("2006_02", "February 28, 2006", "Kudos to Michigan State")])
    assert achievements(body) == [("2006-03-10", "Help Free the Web with Acme"),
                                  ("2006-02-28", "Kudos to Michigan State")]


def test_a_release_page_dated_by_json_ld_with_a_logo_heading() -> None:
    page = parse_page("https://acme.example/news/y", """<html><head>
      <meta property="og:title" content="Acme joins the Open Robotics Alliance">
      <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-09-14T08:00:00Z"}</script>
      </head><body><h1>Acme</h1><h2>Related posts</h2><p>Text.</p></body></html>""", "item")
    release = extract_release(page)
    assert release is not None
    assert (release.date, release.title) == ("2023-09-14", "Acme joins the Open Robotics Alliance")


def test_award_lists_under_an_awards_heading() -> None:
    page = parse_page("https://acme.example/about/", """<html><body><main><h1>About Acme</h1>
      <p>We were founded in 2009 and have grown ever since, one robot at a time.</p>
      <h2>Awards &amp; recognition</h2><ul><li>2021 – Red Dot Design Award</li>
      <li>Best Place to Work in Logistics (2019)</li><li>Innovation Prize of the City of Lyon</li></ul>
      <h2>Our offices</h2><ul><li>Lyon, since 2009</li></ul></main></body></html>""", "about")
    assert [(a.date, a.title) for a in extract_awards(page)] == [
        ("2021", "Red Dot Design Award"), ("2019", "Best Place to Work in Logistics"),
        (None, "Innovation Prize of the City of Lyon")]


def test_headings_that_only_mention_awards_are_not_award_lists() -> None:
    page = parse_page("https://acme.example/contracting/", """<html><body><main>
      <h2>Recent work and contract awards</h2><p>Department of Education</p><p>National Science Foundation</p>
      </main></body></html>""", "about")
    assert extract_awards(page) == []
