"""Rendering: the JSON contract, and RELIABILITY cases 25 (terminal escapes) and 26 (Markdown injection)."""

from __future__ import annotations

import json

import pytest
from contract import CONTRACT_KEYS

from companyscout.model import (
    Achievement,
    Briefing,
    Culture,
    Mission,
    NewsItem,
    PageRecord,
    Person,
    TalkingPoint,
    Value,
)
from companyscout.render import render, render_json, render_markdown, render_text
from companyscout.safe import csv_cell, markdown_link, terminal_safe


def briefing(text: str = "Acme builds robots.") -> Briefing:
    src = "https://acme.com/about"
    return Briefing(
        company="Acme Robotics",
        website="https://acme.com/",
        generated_at="2026-11-26T10:00:00+00:00",
        description=text,
        mission=Mission(text=f"Our mission is {text}", source=src),
        values=[Value(name=text, description=text, source=src)],
        culture=[Culture(text=text, source=src)],
        achievements=[Achievement(date="2026-10-01", title=text, summary=text, source="https://acme.com/news/b")],
        news=[NewsItem(date="2026-11-20", title=text, publisher=text, url="https://news.example/a")],
        people=[Person(name="Jane Doe", title=text, source="https://acme.com/team")],
        talking_points=[TalkingPoint(text=text, source=src)],
        pages=[PageRecord(url=src, role="about", status=200)],
        warnings=[text],
    )


def test_json_follows_the_contract_and_round_trips() -> None:
    data = json.loads(render_json(briefing()))
    assert list(data) == CONTRACT_KEYS
    assert data["mission"] == {"text": "Our mission is Acme builds robots.", "source": "https://acme.com/about"}
    assert data["achievements"][0] == {
        "date": "2026-10-01",
        "title": "Acme builds robots.",
        "summary": "Acme builds robots.",
        "source": "https://acme.com/news/b",
    }
    assert Briefing.from_dict(data) == briefing()


def test_null_mission_is_null_in_json_and_said_in_text() -> None:
    b = briefing()
    b.mission = None
    assert json.loads(render_json(b))["mission"] is None
    assert "states no mission" in render_text(b)


HOSTILE = [
    "\x1b[2J",  # clear screen
    "\x1b]0;owned\x07",  # OSC 0: window title
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1b]52;c;ZXZpbA==\x07",  # OSC 52: clipboard write
    "\x9b31m",  # C1 CSI
    "safe\rEVIL",  # carriage-return overwrite
    "\u202eevil",  # right-to-left override
]


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_case25_no_terminal_escapes_in_any_format(payload: str, fmt: str) -> None:
    out = render(briefing(f"Acme {payload} builds robots."), fmt)  # type: ignore[arg-type]
    for bad in ("\x1b", "\x9b", "\x07", "\r", "\u202e"):
        assert bad not in out
    assert "builds robots" in out


@pytest.mark.parametrize(
    ("payload", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ('<img src=x onerror="alert(1)">', "<img"),
        ("[click](javascript:alert(1))", "](javascript:"),
        ("![tracker](https://evil.example/pixel.png)", "!["),
        ("\n# Fake heading", "\n# Fake"),
        ("```\ncode fence", "```"),
        ("</details><iframe src=https://evil.example>", "<iframe"),
    ],
)
def test_case26_markdown_escapes_injection(payload: str, forbidden: str) -> None:
    out = render_markdown(briefing(payload))
    assert forbidden not in out
    assert out.count("\n# ") == 0 and out.startswith("# Acme Robotics")


def test_markdown_keeps_only_http_links() -> None:
    assert markdown_link("x", "javascript:alert(1)") == "x"
    assert markdown_link("x", "https://acme.com/a(b)") == "[x](https://acme.com/a%28b%29)"
    b = briefing()
    b.achievements[0].source = "javascript:alert(1)"
    assert "javascript:" not in render_markdown(b)


def test_terminal_safe_keeps_ordinary_text() -> None:
    assert terminal_safe("Zürich – 東京 ✓\nnext") == "Zürich – 東京 ✓\nnext"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_start_a_formula_are_neutralised(cell: str) -> None:
    assert csv_cell(cell).startswith("'")
    assert csv_cell("Acme") == "Acme"


def bare(**fields: object) -> Briefing:
    return Briefing(
        company="Bare Co", website="https://bare.example/", generated_at="2026-11-26T10:00:00+00:00", **fields
    )  # type: ignore[arg-type]


@pytest.mark.parametrize("render_as", [render_text, render_markdown])
def test_empty_core_sections_say_nothing_was_found(render_as: object) -> None:
    out = render_as(bare())  # type: ignore[operator]
    for said in (
        "The site states no mission.",
        "No values found on the pages read.",
        "No dated news, press releases or awards found on the pages read.",
        "No people found: no team or leadership page read names them.",
        "None: the site gave no mission, values or dated news to point to.",
    ):
        assert said in out, said


@pytest.mark.parametrize("render_as", [render_text, render_markdown])
def test_an_empty_section_names_the_page_that_failed(render_as: object) -> None:
    team, jane = "https://bare.example/team/", "https://bare.example/team/jane/"
    failed = bare(
        pages=[PageRecord(url=team, role="team", status=None), PageRecord(url=jane, role="person", status=200)],
        warnings=[f"bare.example took longer than 30 s to send {team}; stopped."],
    )
    out = render_as(failed)  # type: ignore[operator]
    assert "Not known: the team page could not be read (see Warnings)." in out
    assert "No values found" in out  # only the section whose page failed says so
    # A warning about a page below the team page is not a failure of the team page.
    below = bare(pages=failed.pages[:1], warnings=[f"{jane}x could not be fetched."])
    assert "No people found" in render_as(below)  # type: ignore[operator]


def test_text_shows_the_time_of_the_briefing_readably_and_wraps_long_lines() -> None:
    long = "word " * 60
    out = render_text(briefing(long))
    assert "Briefed 2026-11-26 10:00 UTC from 1 page\n" in out
    assert max(len(line) for line in out.splitlines()) <= 88
    people = out[out.index("PEOPLE") :].splitlines()
    assert people[1].startswith("  Jane Doe — word") and people[2].startswith("    word")


def test_long_lists_are_cut_in_text_and_markdown_but_kept_in_json() -> None:
    b = briefing()
    b.people = [Person(name=f"Person Number{i}", title="Engineer", source="https://acme.com/team") for i in range(60)]
    b.achievements = [
        Achievement(date=f"2026-{m:02d}-01", title=f"Item {m}", summary=None, source="https://acme.com/news")
        for m in range(12, 0, -1)
    ]
    text = render_text(b)
    assert "Person Number19" in text and "Person Number20" not in text
    assert "… and 40 more (all are in --format json)" in text
    assert "Item 3" in text and "Item 2 " not in text and "… and 2 more" in text
    md = render_markdown(b)
    assert "Person Number20" not in md and "and 40 more" in md
    assert len(json.loads(render_json(b))["people"]) == 60
