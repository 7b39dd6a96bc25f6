"""Mission and values on the labelled corpus, with pages as the pipeline sees them (skips without it).

Each site's pages are its labelled role pages plus the same-site pages its home page links to,
parsed once each; statements are compared with the labels the way bench/evaluate.py does
(normalised words, a match when shared words make up 80 % of either text).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from companyscout.extract.page import ParsedPage, parse_page
from companyscout.extract.statements import Statements, extract_statements
from tests.conftest import CORPUS

pytestmark = pytest.mark.skipif(not (CORPUS / "sites.json").is_file(), reason="corpus not available")

BASE = "http://127.0.0.1:8000/"
MAX_PAGES = 25
VALUES_F1_TARGET = 0.85


def _sites() -> list[dict[str, Any]]:
    if not (CORPUS / "sites.json").is_file():
        return []
    sites: list[dict[str, Any]] = json.loads((CORPUS / "sites.json").read_text(encoding="utf-8"))
    return sites


def _file_for(folder: Path, path: str) -> Path | None:
    relative = path.lstrip("/")
    if relative.split("/", 1)[0] and not (folder / relative.split("/", 1)[0]).exists() and "/" in relative:
        relative = relative.split("/", 1)[1]  # a hosting prefix ("/project-site/…")
    target = folder / relative
    for candidate in (target, target / "index.html", Path(f"{target}.html")):
        if candidate.is_file() and candidate.resolve().is_relative_to(folder.resolve()):
            return candidate
    return None


def _site_pages(site: dict[str, Any]) -> list[ParsedPage]:
    folder = CORPUS / site["id"]
    roles: dict[Path, str] = {}
    for role, relative in site["pages"].items():
        if relative and (folder / relative) not in roles:
            roles[folder / relative] = role
    home_file = folder / site["pages"]["home"]
    home = parse_page(BASE, home_file.read_text(encoding="utf-8", errors="replace"), "home")
    for anchor in home.tree.iterfind(".//a[@href]"):
        link = urlsplit(urljoin(BASE, anchor.get("href", "")))
        if link.netloc != urlsplit(BASE).netloc or len(roles) >= MAX_PAGES:
            continue
        found = _file_for(folder, link.path)
        if found is not None and found.suffix in (".html", ".htm") and found not in roles:
            roles[found] = "other"
    return [
        parse_page(BASE + path.relative_to(folder).as_posix(), path.read_text(encoding="utf-8", errors="replace"), role)
        for path, role in roles.items()
    ]


def _words(text: str | None) -> Counter[str]:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return Counter(re.findall(r"[a-z0-9]+", text))


def _same(expected: str | None, got: str | None) -> bool:
    a, b = _words(expected), _words(got)
    if not a or not b:
        return not a and not b
    shared = sum((a & b).values())
    return shared / sum(a.values()) >= 0.8 or shared / sum(b.values()) >= 0.8


@pytest.fixture(scope="module")
def statements() -> dict[str, Statements]:
    return {site["id"]: extract_statements(_site_pages(site)) for site in _sites()}


@pytest.mark.parametrize("site", _sites(), ids=lambda s: s["id"])
def test_mission_is_the_labelled_one(site: dict[str, Any], statements: dict[str, Statements]) -> None:
    found = statements[site["id"]].mission
    expected = site["labels"]["mission"]
    if expected is None:
        assert found is None
    else:
        assert found is not None and _same(expected, found.text), found


def test_values_f1_over_the_corpus(statements: dict[str, Statements]) -> None:
    matched = got = expected = 0
    for site in _sites():
        names = [v.name for v in statements[site["id"]].values]
        labels = site["labels"]["values"]
        matched += sum(1 for e in labels if any(_same(e, n) for n in names))
        got += len(names)
        expected += len(labels)
    precision = matched / got if got else 1.0
    recall = matched / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    assert f1 >= VALUES_F1_TARGET, (precision, recall)


def test_every_site_has_a_name_and_plain_text_statements(statements: dict[str, Statements]) -> None:
    for site_id, found in statements.items():
        assert found.company, site_id
        texts = [found.description or "", found.mission.text if found.mission else ""]
        texts += [v.name for v in found.values] + [c.text for c in found.culture]
        assert not any("<" in t and ">" in t for t in texts), site_id
