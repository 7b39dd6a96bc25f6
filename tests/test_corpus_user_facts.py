"""What a user sees, checked on the real websites of the corpus (skips without the corpus).

Each site is served on 127.0.0.1 and briefed through the CLI, as a user would. Beyond the
labelled fields (tests/test_corpus_briefing.py), every fact shown must be read off the page it
cites, talking points must be pasteable and sourced, the rendered briefing must be safe, and
the drafts built from a real briefing (connection notes, thank-you emails) must keep their
promises: LinkedIn's limits, and a fact quoted word for word.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import requests
from click.testing import CliRunner
from contract import CONTRACT_KEYS

from companyscout.cli import cli
from tests.conftest import CORPUS

pytestmark = pytest.mark.skipif(not (CORPUS / "sites.json").is_file(), reason="corpus not available")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from corpus_site import serve_site  # noqa: E402

SITES = (
    [site["id"] for site in json.loads((CORPUS / "sites.json").read_text(encoding="utf-8"))]
    if (CORPUS / "sites.json").is_file()
    else []
)
TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _words(text: str) -> str:
    """Return ``text`` reduced to lower-case letters and digits, single-spaced, for containment."""
    text = unicodedata.normalize("NFKC", html.unescape(text)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Serve every site, brief each through `scout brief`, and keep serving for the checks."""
    home = tmp_path_factory.mktemp("corpus-home")
    monkey = pytest.MonkeyPatch()
    monkey.setenv("SCOUT_HOME", str(home))
    briefed: dict[str, Any] = {"home": home, "sites": {}}
    with ExitStack() as stack:
        for site in SITES:
            url, _log = stack.enter_context(serve_site(CORPUS / site))
            result = CliRunner().invoke(cli, ["brief", url, "--no-external", "--format", "json"])
            assert result.exit_code == 0, (site, result.output)
            text = CliRunner().invoke(cli, ["briefs", "show", url, "--format", "text"]).stdout
            markdown = CliRunner().invoke(cli, ["briefs", "show", url, "--format", "markdown"]).stdout
            briefed["sites"][site] = {"url": url, "json": json.loads(result.stdout), "text": text, "md": markdown}
        monkey.undo()
        yield briefed


@pytest.fixture()
def user_home(corpus: dict[str, Any], scout_home: Path) -> Path:
    """A fresh SCOUT_HOME holding the corpus briefings, for commands that change the database."""
    scout_home.mkdir(parents=True, exist_ok=True)
    shutil.copy(corpus["home"] / "scout.json", scout_home / "scout.json")
    return scout_home


_page_words: dict[str, str | None] = {}


def page_words(url: str) -> str | None:
    """Return the visible words of the page at ``url`` as served, or None when it is not there."""
    if url not in _page_words:
        response = requests.get(url, timeout=10)
        body = response.content if response.ok else b""
        _page_words[url] = _words(lxml.html.document_fromstring(body).text_content()) if body.strip() else None
    return _page_words[url]


@pytest.mark.parametrize("site", SITES)
def test_briefing_follows_the_contract_and_every_source_is_on_the_site(corpus: dict[str, Any], site: str) -> None:
    data = corpus["sites"][site]["json"]
    assert list(data) == CONTRACT_KEYS
    assert data["company"] and data["description"]
    # A fact cites the page it was read on (by its canonical address when the page gives one),
    # an achievement its own item page, linked from the listing that was read.
    facts = [data["mission"]] if data["mission"] else []
    for field in ("values", "culture", "achievements", "people", "talking_points"):
        facts += data[field]
    for fact in facts:
        assert fact["source"].startswith(corpus["sites"][site]["url"]), fact


@pytest.mark.parametrize("site", SITES)
def test_every_fact_is_read_off_the_page_it_cites(corpus: dict[str, Any], site: str) -> None:
    data = corpus["sites"][site]["json"]
    facts = [(data["mission"]["text"], data["mission"]["source"], False)] if data["mission"] else []
    facts += [(v["name"], v["source"], False) for v in data["values"]]
    facts += [(c["text"], c["source"], False) for c in data["culture"]]
    facts += [(p["name"], p["source"], False) for p in data["people"]]
    # An achievement's title is the one its listing shows; its source is the item's own page.
    facts += [(a["title"], a["source"], True) for a in data["achievements"]]
    read = [page["url"] for page in data["pages"] if page["status"] == 200]

    def grounded(text: str, source: str, listed: bool) -> bool:
        if _words(text) in (page_words(source) or ""):
            return True
        return listed and any(_words(text) in (page_words(url) or "") for url in read)

    assert [(text, source) for text, source, listed in facts if not grounded(text, source, listed)] == []


@pytest.mark.parametrize("site", SITES)
def test_achievements_are_dated_in_iso_and_newest_first(corpus: dict[str, Any], site: str) -> None:
    dates = [a["date"] for a in corpus["sites"][site]["json"]["achievements"]]
    dated = [d for d in dates if d]
    assert all(re.fullmatch(r"\d{4}(-\d\d){0,2}", d) for d in dated)
    assert dated == sorted(dated, reverse=True)
    assert dates == dated + [None] * (len(dates) - len(dated))  # undated items come last


@pytest.mark.parametrize("site", SITES)
def test_talking_points_are_pasteable_sourced_facts(corpus: dict[str, Any], site: str) -> None:
    data = corpus["sites"][site]["json"]
    points = data["talking_points"]
    kinds = bool(data["mission"]) + bool(data["values"]) + len(data["culture"]) + len(data["achievements"])
    assert min(3, kinds) <= len(points) <= 6
    fact_sources = {f["source"] for field in ("values", "culture", "achievements") for f in data[field]}
    if data["mission"]:
        fact_sources.add(data["mission"]["source"])
    for point in points:
        assert len(point["text"]) <= 220 and point["text"].endswith((".", "”", '"'))
        assert point["source"] in fact_sources


@pytest.mark.parametrize("site", SITES)
def test_rendered_briefings_are_safe_and_show_the_facts(corpus: dict[str, Any], site: str) -> None:
    shown = corpus["sites"][site]
    data = shown["json"]
    assert not TERMINAL_UNSAFE.search(shown["text"])
    assert shown["md"].count("\n# ") == 0 and shown["md"].startswith("# ")
    assert "<script" not in shown["md"].lower()
    if data["mission"]:
        assert _words(data["mission"]["text"]) in _words(shown["text"])
    for person in data["people"][:5]:
        assert person["name"] in shown["text"]


@pytest.mark.parametrize("tier", ["free", "premium"])
@pytest.mark.parametrize("site", SITES)
def test_connection_notes_to_the_people_on_a_real_team_page_fit_linkedin(
    corpus: dict[str, Any], user_home: Path, site: str, tier: str
) -> None:
    company = corpus["sites"][site]["json"]["company"]
    people = corpus["sites"][site]["json"]["people"]
    if not people:
        pytest.skip("the site names no people")
    added = CliRunner().invoke(cli, ["contacts", "suggest", company, "--add"])
    assert added.exit_code == 0, added.output
    listing = json.loads(CliRunner().invoke(cli, ["contacts", "list", "--json"]).stdout)
    assert {c["name"] for c in listing} == {p["name"] for p in people}
    limit = 200 if tier == "free" else 300
    for contact in listing[:5]:
        result = CliRunner().invoke(cli, ["contacts", "message", str(contact["id"]), "--tier", tier])
        assert result.exit_code == 0, result.output
        note = result.stdout.strip()
        assert len(note) <= limit and contact["name"].split()[0] in note
        assert result.stderr.strip() == f"{len(note)}/{limit}"


@pytest.mark.parametrize("site", SITES)
def test_thank_you_note_quotes_a_fact_of_the_real_briefing(corpus: dict[str, Any], user_home: Path, site: str) -> None:
    data = corpus["sites"][site]["json"]
    runner = CliRunner()
    added = runner.invoke(
        cli,
        ["interview", "add", data["company"], "--when", "yesterday 14:00", "--role", "Engineer", "--with", "Sam Lee"],
    )
    assert added.exit_code == 0, added.output
    result = runner.invoke(cli, ["thanks", data["company"]])
    assert result.exit_code == 0, result.output
    body = _words(result.stdout)
    facts = [p["text"] for p in data["talking_points"]]
    facts += [a["title"] for a in data["achievements"]] + [v["name"] for v in data["values"]]
    facts += [data["mission"]["text"]] if data["mission"] else []
    assert "dear sam" in body and any(_words(fact) in body for fact in facts)
