"""Sitemaps and other XML from the web, parsed without entities, DTDs or external references.

defusedxml refuses the XXE and billion-laughs tricks before any expansion happens; gzip
sitemaps are decompressed under the same cap as plain ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from companyscout.errors import FetchError
from companyscout.web.http import decompress_capped, short_url

_GZIP_MAGIC = b"\x1f\x8b"


@dataclass
class SitemapEntry:
    """A page a sitemap lists, with its last modification date as written (or None)."""

    url: str
    lastmod: str | None


@dataclass
class Sitemap:
    """What one sitemap file lists: pages (a urlset) and further sitemaps (an index)."""

    entries: list[SitemapEntry] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    truncated: bool = False


def local_name(element: Element) -> str:
    """Return an element's tag without its namespace (``{ns}loc`` → ``loc``)."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def parse_xml(content: bytes, *, what: str) -> Element:
    """Return the root element of untrusted XML; FetchError names ``what`` when it is refused or broken.

    DTDs, entities and external references are refused, which stops XXE and billion laughs.
    """
    try:
        root: Element = fromstring(content, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        return root
    except DefusedXmlException:
        raise FetchError(f"{what} declares a DTD or entities, which scout refuses; skipped.") from None
    except (ParseError, ValueError):
        raise FetchError(f"{what} is not well-formed XML; skipped.") from None


def _child_text(element: Element, name: str) -> str | None:
    for child in element:
        if local_name(child) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def parse_sitemap(content: bytes, *, url: str, max_bytes: int, max_urls: int) -> Sitemap:
    """Return the pages and nested sitemaps listed in a sitemap body (XML, gzip XML or plain text).

    At most ``max_urls`` locations are kept (``truncated`` says whether more were listed).
    """
    what = f"The sitemap {short_url(url)}"
    if content.startswith(_GZIP_MAGIC):
        content = decompress_capped(content, max_bytes, what=what)
    sitemap = Sitemap()
    stripped = content.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped.startswith(b"<"):
        # The plain-text form: one URL per line.
        for line in stripped.decode("utf-8", errors="replace").splitlines():
            line = line.strip()
            if line.startswith(("http://", "https://")):
                if len(sitemap.entries) >= max_urls:
                    sitemap.truncated = True
                    break
                sitemap.entries.append(SitemapEntry(url=line, lastmod=None))
        return sitemap
    root = parse_xml(content, what=what)
    kind = local_name(root)
    if kind not in ("urlset", "sitemapindex"):
        raise FetchError(f"{what} is neither a urlset nor a sitemap index; skipped.")
    item = "url" if kind == "urlset" else "sitemap"
    for element in root:
        if local_name(element) != item:
            continue
        loc = _child_text(element, "loc")
        if not loc:
            continue
        if len(sitemap.entries) + len(sitemap.children) >= max_urls:
            sitemap.truncated = True
            break
        if kind == "urlset":
            sitemap.entries.append(SitemapEntry(url=loc, lastmod=_child_text(element, "lastmod")))
        else:
            sitemap.children.append(loc)
    return sitemap
