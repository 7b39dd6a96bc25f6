"""A fetched page parsed once; every extractor reads the same tree."""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.html
from lxml import etree


@dataclass
class ParsedPage:
    """One page of the site: its URL, its role in the plan and its parsed HTML tree."""

    url: str
    role: str
    html: str
    tree: lxml.html.HtmlElement
    warnings: list[str] = field(default_factory=list)


def _empty_tree() -> lxml.html.HtmlElement:
    return lxml.html.fromstring("<html><body></body></html>")


def parse_page(url: str, html: str, role: str = "other") -> ParsedPage:
    """Parse ``html`` once into a tree shared by every extractor; broken markup never raises."""
    warnings: list[str] = []
    text = html.replace("\x00", "")
    try:
        tree = lxml.html.document_fromstring(text) if text.strip() else _empty_tree()
    except (etree.ParserError, ValueError) as exc:
        warnings.append(f"{url}: the page could not be parsed ({exc}); skipped")
        tree = _empty_tree()
    return ParsedPage(url=url, role=role, html=text, tree=tree, warnings=warnings)
