"""The organisation's name, its own description and its social profiles.

Sources, most trusted first: JSON-LD (an Organization and its kin), OpenGraph and meta tags,
then the page itself (a cleaned ``<title>``, the first substantive paragraph).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from companyscout.extract.page import ParsedPage
from companyscout.extract.text import NOT_STATEMENTS, page_text, plain_text, split_sentences, word_count

# schema.org types that describe the organisation itself (not a page, a product or an article).
_ORGANISATION_TYPES = frozenset(
    {
        "organization",
        "corporation",
        "ngo",
        "educationalorganization",
        "governmentorganization",
        "localbusiness",
        "researchorganization",
        "onlinebusiness",
        "project",
        "fundingscheme",
        "medicalorganization",
        "sportsorganization",
        "performinggroup",
        "newsmediaorganization",
        "professionalservice",
        "airline",
        "consortium",
        "cooperative",
    }
)
# "Home", "Welcome" and the like are page names, not the organisation's.
_GENERIC_TITLES = re.compile(r"^(?:home|homepage|home page|welcome|index|main|start|untitled|about(?: us)?)$", re.I)
_TITLE_SEPARATORS = re.compile(r"\s+[|·•–—:»/-]\s+|\s+-\s+|\s*\|\s*")
_MAX_NAME_WORDS = 8
_MIN_DESCRIPTION_WORDS = 8
# Text that site builders fill in until the owner writes their own, and greetings that describe
# nothing: never the organisation's description.
_PLACEHOLDER = re.compile(
    r"\bjust another (?:wordpress|\w+) (?:site|blog)\b|\blorem ipsum\b|\bmy (?:wordpress )?blog\b"
    r"|^(?:welcome|hello|hi)(?: to (?:our|my|the) (?:new )?(?:website|site|homepage|home page|blog))?[.!]?$"
    r"|^welcome to (?:our|my) (?:new )?(?:website|site)\b|\bthis is (?:an? )?(?:example|sample|demo) (?:site|page)\b",
    re.I,
)
_MAX_DESCRIPTION_CHARS = 400

# Profile URLs per network: the path shapes that name an account, not a post or a share button.
_SOCIAL_PROFILES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (
        re.compile(r"^(?:www\.|mobile\.)?(?:twitter|x)\.com$"),
        re.compile(r"^/(?!intent|share|home|search|hashtag|i/)[A-Za-z0-9_]{1,30}/?$"),
    ),
    (re.compile(r"^(?:[a-z]{2,3}\.|www\.)?linkedin\.com$"), re.compile(r"^/(?:company|school|showcase)/[^/]+")),
    (
        re.compile(r"^(?:www\.|m\.)?facebook\.com$"),
        re.compile(r"^/(?!sharer|share|dialog|plugins)(?:groups/)?[A-Za-z0-9.\-]+/?$"),
    ),
    (re.compile(r"^(?:www\.)?instagram\.com$"), re.compile(r"^/(?!p/|explore)[A-Za-z0-9_.]+/?$")),
    (re.compile(r"^(?:www\.)?youtube\.com$"), re.compile(r"^/(?:channel/|user/|c/|@)[^/]+/?$")),
    (re.compile(r"^(?:www\.)?github\.com$"), re.compile(r"^/(?!sponsors|features|about)[A-Za-z0-9-]+/?$")),
    (re.compile(r"^(?:www\.)?gitlab\.com$"), re.compile(r"^/[A-Za-z0-9_.-]+/?$")),
    (re.compile(r"^(?:bsky\.app)$"), re.compile(r"^/profile/[^/]+/?$")),
    (re.compile(r"^(?:mastodon\.social|fosstodon\.org|hachyderm\.io|mstdn\.social)$"), re.compile(r"^/@[^/]+/?$")),
)
_PROFILE_PREFIX = re.compile(r"^(/(?:company|school|showcase|channel|user|c|profile)/[^/]+|/(?:groups/)?[^/]+)")
_MAX_SOCIAL = 8


@dataclass
class Profile:
    """What the site says it is: name, description and social profile URLs."""

    company: str | None = None
    description: str | None = None
    social: list[str] = field(default_factory=list)


def _json_ld_objects(page: ParsedPage) -> Iterator[dict[str, Any]]:
    """Yield every JSON-LD object of ``page``, flattening lists and ``@graph``."""
    for script in page.tree.iterfind(".//script[@type='application/ld+json']"):
        raw = script.text or ""
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
                yield item


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def json_ld_text(value: Any) -> str | None:
    """Return a JSON-LD string value as plain text, or None when it is no (or an empty) string."""
    if isinstance(value, str):
        text = plain_text(value)
        return text or None
    return None


def meta_tags(page: ParsedPage) -> dict[str, str]:
    """Return the page's meta tags as plain text by lower-cased name or property (the first of each)."""
    found: dict[str, str] = {}
    for meta in page.tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = meta.get("content")
        if key and content and key not in found:
            text = plain_text(content)
            if text:
                found[key] = text
    return found


def organisation_data(page: ParsedPage) -> dict[str, Any] | None:
    """Return the JSON-LD object that describes the organisation itself on ``page``, if any."""
    for obj in _json_ld_objects(page):
        if _types(obj) & _ORGANISATION_TYPES:
            return obj
    for obj in _json_ld_objects(page):
        # A WebSite object names the site, which is the organisation's name often enough.
        if "website" in _types(obj) and json_ld_text(obj.get("name")):
            return {"name": obj["name"]}
    return None


def _title_parts(title: str) -> list[str]:
    return [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]


def _name_from_titles(home_title: str, titles: list[str]) -> str | None:
    """Return the organisation's name from page titles.

    A home page titled by one name alone gives it in full ("The Acme Robotics Company", where
    other pages say "ARC : About"); otherwise the segment most titles share ("Team — Acme",
    "News — Acme" → "Acme"), or the home title's shortest segment that is not a page name.
    """
    home_parts = [p for p in _title_parts(home_title) if not _GENERIC_TITLES.match(p)]
    if len(_title_parts(home_title)) == 1 and home_parts and word_count(home_parts[0]) <= _MAX_NAME_WORDS:
        return home_parts[0]
    counts: Counter[str] = Counter()
    for title in titles:
        for part in set(_title_parts(title)):
            if not _GENERIC_TITLES.match(part) and word_count(part) <= _MAX_NAME_WORDS:
                counts[part] += 1
    if counts:
        best, seen = counts.most_common(1)[0]
        if seen > 1:
            return best
    return min(home_parts, key=len) if home_parts else None


def _company(pages: list[ParsedPage]) -> str | None:
    home = [p for p in pages if p.role == "home"] or pages[:1]
    for page in home + pages:
        org = organisation_data(page)
        name = json_ld_text(org.get("name")) if org else None
        if name and word_count(name) <= _MAX_NAME_WORDS:
            return name
    for page in home + pages:
        meta = meta_tags(page)
        site_name = meta.get("og:site_name") or meta.get("application-name")
        if site_name and word_count(site_name) <= _MAX_NAME_WORDS:
            return site_name
    titles = [t for t in (page_text(p).title for p in pages) if t]
    return _name_from_titles(page_text(home[0]).title, titles)


def _first_paragraph(page: ParsedPage) -> str | None:
    """Return the page's first substantive paragraph of main content (a sentence, not a label)."""
    for block in page_text(page).main_blocks():
        if block.is_heading or block.in_list or block.tag not in ("p", "div", "td"):
            continue
        if word_count(block.text) >= _MIN_DESCRIPTION_WORDS and block.text[-1:] in '.!?)"”':
            return block.text
    return None


def _defining_sentence(page: ParsedPage, company: str | None) -> str | None:
    """Return the paragraph of ``page`` that says what the organisation is ("Acme is a …",
    "We are a …"), from that sentence on, wherever it stands on the page but in navigation
    and footers."""
    pattern = r"^(?:we are|we['’]re) (?:a|an|the|one)\b"
    # Words one of which a defining sentence holds: most blocks are passed over at once.
    keys = ["we are", "we're", "we’re"]
    if company:
        names = [company]
        first = company.split()[0]
        if len(first) >= 4 and first[:1].isupper() and first.lower() != "the":
            names.append(first)  # "Acme is …" for "Acme Robotics Works"
        pattern += rf"|^(?:the )?(?:{'|'.join(map(re.escape, names))}) (?:is|are) "
        keys += [name.lower() for name in names]
    defining = re.compile(pattern, re.I)
    for block in page_text(page).blocks:
        if (
            block.region in NOT_STATEMENTS
            or block.region == "footer"
            or block.is_heading
            or word_count(block.text) < _MIN_DESCRIPTION_WORDS
            or not any(key in block.text.lower() for key in keys)
        ):
            continue
        sentences = split_sentences(block.text)
        for i, sentence in enumerate(sentences[:2]):
            if defining.match(sentence) and word_count(sentence) >= _MIN_DESCRIPTION_WORDS:
                return " ".join(sentences[i:])
    return None


def _description(pages: list[ParsedPage], company: str | None) -> str | None:
    home = [p for p in pages if p.role == "home"] or pages[:1]
    about = [p for p in pages if p.role == "about"]
    for page in home + about:
        org = organisation_data(page)
        text = json_ld_text(org.get("description")) if org else None
        meta = meta_tags(page)
        for candidate in (text, meta.get("og:description"), meta.get("description"), meta.get("twitter:description")):
            if candidate and word_count(candidate) >= 3 and not _PLACEHOLDER.search(candidate):
                return _clip(candidate)
    for find in (lambda p: _defining_sentence(p, company), _first_paragraph):
        for page in home + about:
            found = find(page)
            if found:
                return _clip(found)
    return None


def _clip(text: str) -> str:
    """Return ``text`` cut after its last whole sentence (or word) within the description limit."""
    if len(text) <= _MAX_DESCRIPTION_CHARS:
        return text
    head = text[:_MAX_DESCRIPTION_CHARS]
    stop = max(head.rfind(". "), head.rfind("! "), head.rfind("? "))
    if stop > _MAX_DESCRIPTION_CHARS // 2:
        return head[: stop + 1]
    return head.rsplit(" ", 1)[0] + "…"


def social_profile(url: str) -> str | None:
    """Return ``url`` normalised to an account's profile URL, or None when it is no profile."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    path = parts.path or "/"
    for host_rule, path_rule in _SOCIAL_PROFILES:
        if host_rule.match(host) and path_rule.match(path):
            prefix = _PROFILE_PREFIX.match(path)
            clean_path = prefix.group(1) if prefix else path.rstrip("/")
            return str(urlunsplit(("https", host.removeprefix("mobile.").removeprefix("m."), clean_path, "", "")))
    return None


def _social(pages: list[ParsedPage]) -> list[str]:
    found: list[str] = []
    home = [p for p in pages if p.role == "home"] or pages[:1]
    for page in home:
        org = organisation_data(page) or {}
        same_as = org.get("sameAs")
        hrefs = same_as if isinstance(same_as, list) else [same_as] if isinstance(same_as, str) else []
        hrefs = [h for h in hrefs if isinstance(h, str)]
        hrefs += [a.get("href", "") for a in page.tree.iterfind(".//a[@href]")]
        for href in hrefs:
            profile = social_profile(href)
            if profile and profile.lower() not in {f.lower() for f in found}:
                found.append(profile)
    return found[:_MAX_SOCIAL]


def extract_profile(pages: list[ParsedPage]) -> Profile:
    """Return the organisation's name, description and social profiles found across ``pages``."""
    if not pages:
        return Profile()
    company = _company(pages)
    return Profile(company=company, description=_description(pages, company), social=_social(pages))
