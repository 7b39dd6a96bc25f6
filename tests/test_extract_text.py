"""The visible text of a page as blocks, each in the region of the page it sits in."""

from __future__ import annotations

from companyscout.extract.page import parse_page
from companyscout.extract.text import page_text

PAGE = """<html><head><title>Acme</title></head><body>
  <div class="CookieBanner">We value your privacy.</div>
  <div id="MainNav"><a href="/">Home</a></div>
  <div class="SITE-FOOTER">Acme Robotics, Berlin.</div>
  <div class="elementor-widget-container"><p>We build warehouse robots.</p></div>
  <div class="header-wrapper"><h1>Robots for every warehouse</h1></div>
  <aside class="Sidebar">Related posts</aside>
  <p class="sr-only">Skip to content</p>
  <p>
     <b>Integrity.</b> We say what we do.
  </p>
</body></html>"""


def test_regions_are_read_from_class_and_id_in_any_case() -> None:
    regions = {block.text: block.region for block in page_text(parse_page("https://acme.example/", PAGE)).blocks}
    assert regions == {
        "We value your privacy.": "notice",  # "CookieBanner" names a cookie banner
        "Home": "nav",  # "MainNav" names a navigation
        "Acme Robotics, Berlin.": "footer",
        "We build warehouse robots.": "main",  # a page builder's widget is content
        "Robots for every warehouse": "main",  # a "header" that holds the page's h1 is content
        "Related posts": "aside",
        "Integrity. We say what we do.": "main",  # hidden text ("sr-only") is no block
    }


def test_a_bold_opening_is_the_lead_of_its_block() -> None:
    blocks = page_text(parse_page("https://acme.example/", PAGE)).blocks
    integrity = next(block for block in blocks if block.text.startswith("Integrity"))
    assert integrity.lead == "Integrity."
    assert not integrity.is_link and integrity.level == 0
