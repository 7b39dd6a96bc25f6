"""A page parsed once: its text as a reader sees it, its furniture, its main content."""

from __future__ import annotations

import gc
import weakref
from urllib.parse import urljoin

import pytest

from companyscout.extract.page import clean_text, is_furniture, main_content, parse_page, resolve_link, text_lines

PAGE = """<html lang="en"><body>
<header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
<main>
  <article>
    <header><h1>Acme <em>builds</em> robots</h1><a href="/by/jane">Jane</a></header>
    <p>We build warehouse robots.<br>Since 2019.</p>
    <p><strong>All of it bold</strong></p>
  </article>
  <div class="Site-Footer"><a href="/imprint">Imprint</a></div>
</main>
<div role="navigation"><a href="/sitemap">Sitemap</a></div>
<footer><p>&copy; Acme</p></footer>
</body></html>"""


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (None, ""),
        ("", ""),
        ("  Warehouse\n\t robots  ", "Warehouse robots"),
        ("Fish &amp; chips &gt; pizza", "Fish & chips > pizza"),
        ("Ro\u00adbots and\u200b co\ufeff", "Robots and co"),
        ("Cafe\u0301 e\u0301te\u0301", "Café été"),  # composed: a search for "Café" finds it
        ("&shy;Über\u00a0uns", "Über uns"),  # an entity that decodes to an invisible character
    ],
)
def test_clean_text_gives_one_line_of_plain_composed_text(raw: str | None, clean: str) -> None:
    assert clean_text(raw) == clean


def test_text_lines_skip_furniture_and_break_at_blocks() -> None:
    page = parse_page("https://acme.example/", PAGE)
    lines = text_lines(main_content(page))
    assert [line.text for line in lines] == [
        "Acme builds robots",
        "Jane",
        "We build warehouse robots.",
        "Since 2019.",
        "All of it bold",
    ]
    assert lines[0].heading == 1 and lines[0].emphasised
    assert lines[1].links == ["/by/jane"]
    assert lines[4].emphasised and not lines[2].emphasised


def test_text_lines_asked_again_are_the_same_and_the_callers_own() -> None:
    page = parse_page("https://acme.example/", PAGE)
    first = text_lines(page.tree)
    first.pop()
    again = text_lines(page.tree)
    assert len(again) == len(first) + 1
    assert [line.block for line in again[:-1]] == [line.block for line in first]
    # Furniture is kept when asked for, and answered apart from the lines without it.
    with_furniture = [line.text for line in text_lines(page.tree, skip_furniture=False)]
    assert "Home About" in with_furniture and "© Acme" in with_furniture


def _links(page_html: str) -> dict[str, bool]:
    page = parse_page("https://acme.example/", page_html)
    return {anchor.text_content(): is_furniture(anchor) for anchor in page.tree.iter("a")}


def test_furniture_is_navigation_page_headers_and_footers_only() -> None:
    assert _links(PAGE) == {
        "Home": True,  # in the site's <header> and <nav>
        "About": True,
        "Jane": False,  # in an article's own <header>
        "Imprint": True,  # in a footer written as a division
        "Sitemap": True,  # in an element whose role is navigation
    }


def test_furniture_is_the_same_whichever_element_is_asked_about_first() -> None:
    page = parse_page("https://acme.example/", PAGE)
    jane = next(a for a in page.tree.iter("a") if a.text_content() == "Jane")
    home = next(a for a in page.tree.iter("a") if a.text_content() == "Home")
    footer_p = next(iter(page.tree.iter("footer"))).find("p")
    assert footer_p is not None
    assert (is_furniture(footer_p), is_furniture(jane), is_furniture(home)) == (True, False, True)
    assert not is_furniture(page.tree) and not is_furniture(main_content(page))


def test_main_content_is_the_single_main_element_else_the_body() -> None:
    page = parse_page("https://acme.example/", PAGE)
    assert main_content(page).tag == "main"
    assert main_content(page) is main_content(page)
    two_mains = parse_page("https://acme.example/", "<html><body><main>a</main><main>b</main></body></html>")
    assert main_content(two_mains).tag == "body"
    by_role = parse_page("https://acme.example/", '<html><body><div role="main"><p>x</p></div></body></html>')
    assert main_content(by_role).get("role") == "main"


def test_what_is_kept_about_a_page_goes_with_the_page() -> None:
    page = parse_page("https://acme.example/", PAGE)
    for anchor in page.tree.iter("a"):
        is_furniture(anchor)
    text_lines(main_content(page))
    text_lines(page.tree, skip_furniture=False)
    tree = weakref.ref(page.tree)
    del page, anchor
    gc.collect()
    assert tree() is None  # a briefing's pages do not outlive it


@pytest.mark.parametrize(
    "href",
    [
        "/about/",
        "/",
        "about/team",
        "../news/",
        "?page=2",
        "//cdn.acme.example/x",
        "https://other.example/a",
        "http:relative",
        "//",
        "/\t/",
        "/a/./b/../c",
        "#top",
        "",
        "mailto:jobs@acme.example",
    ],
)
def test_links_resolve_as_urljoin_resolves_them_from_any_page(href: str) -> None:
    for base in ("https://acme.example/about/team/jane.html?x=1", "https://acme.example", "http://acme.example/a/"):
        assert resolve_link(base, href) == urljoin(base, href)
