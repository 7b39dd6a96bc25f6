"""Render a Briefing as terminal text, Markdown or JSON.

Every string in a briefing came from the web and is untrusted: text output passes through
``safe.terminal_safe``, Markdown through ``safe.markdown_text`` / ``safe.markdown_link``, and
JSON escapes every control and bidi character so that printing it cannot drive a terminal.
"""

from __future__ import annotations

import re
import textwrap
from typing import Literal, TypeVar

from companyscout.model import Briefing
from companyscout.safe import json_dumps, markdown_link, markdown_text, one_line, safe_url

Format = Literal["text", "markdown", "json"]
FORMATS: tuple[str, ...] = ("text", "markdown", "json")
WIDTH = 88


def render(briefing: Briefing, fmt: Format) -> str:
    """Return the briefing rendered in ``fmt``, ending with a newline."""
    if fmt == "json":
        return render_json(briefing)
    if fmt == "markdown":
        return render_markdown(briefing)
    return render_text(briefing)


def render_json(briefing: Briefing) -> str:
    """Return the briefing as the JSON contract of DESIGN.md (UTF-8, control characters escaped)."""
    return json_dumps(briefing.to_dict()) + "\n"


# What an empty core section says, so that a reader knows it was looked for and not found.
NO_MISSION = "The site states no mission."
NO_VALUES = "No values found on the pages read."
NO_ACHIEVEMENTS = "No dated news, press releases or awards found on the pages read."
NO_PEOPLE = "No people found: no team or leadership page read names them."
NO_TALKING_POINTS = "None: the site gave no mission, values or dated news to point to."


# The page roles each core section is read from, to say which page failed when a section is empty.
_SECTION_ROLES: dict[str, frozenset[str]] = {
    "mission": frozenset({"about", "mission"}),
    "values": frozenset({"values", "culture"}),
    "achievements": frozenset({"news", "item"}),
    "people": frozenset({"team", "person"}),
}


def _named_in(url: str, warnings: list[str]) -> bool:
    """Return True when a warning names ``url`` itself (not merely a page below it)."""
    named = re.compile(re.escape(url) + r"(?![\w/%.~-])")
    return any(named.search(warning) for warning in warnings)


def _nothing_found(briefing: Briefing, section: str, text: str) -> str:
    """Return ``text``, or why the section is empty when a page it is read from failed."""
    failed = sorted(
        {
            record.role
            for record in briefing.pages
            if record.role in _SECTION_ROLES[section] and _named_in(record.url, briefing.warnings)
        }
    )
    if not failed:
        return text
    pages = " and the ".join(f"{role} page" for role in failed)
    return f"Not known: the {pages} could not be read (see Warnings)."


def _date_label(date: str | None) -> str:
    return date if date else "undated"


def _wrap(text: str, indent: str, first: str | None = None) -> list[str]:
    """Return ``text`` on one line, wrapped to WIDTH after ``first`` (default ``indent``), then ``indent``."""
    start = indent if first is None else first
    return textwrap.wrap(one_line(text), width=WIDTH, initial_indent=start, subsequent_indent=indent) or [start]


def _source(url: str | None, indent: str) -> str:
    return f"{indent}source: {one_line(url or 'unknown')}"


def _when(generated_at: str) -> str:
    """Return an ISO timestamp as ``2026-10-01 14:05 UTC`` (or as given when it is not one)."""
    text = one_line(generated_at)
    if re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?(\+00:00|Z)", text):
        return text[:16].replace("T", " ") + " UTC"
    return text


# Long lists are cut in text and Markdown (a team page may name a hundred people); JSON keeps all.
SHOWN_ACHIEVEMENTS = 10
SHOWN_PEOPLE = 20

T = TypeVar("T")


def _shown(items: list[T], limit: int) -> tuple[list[T], str | None]:
    """Return the first ``limit`` items and, when some are left out, a line saying how many."""
    if len(items) <= limit:
        return items, None
    return items[:limit], f"… and {len(items) - limit} more (all are in --format json)"


def _dated(date: str | None, text: str) -> list[str]:
    """Return a dated line: the date in a column of its own, the text wrapped beside it."""
    return _wrap(text, " " * 14, first=f"  {_date_label(date):<10}  ")


def render_text(briefing: Briefing) -> str:
    """Return a plain-text briefing for a terminal: sections, facts and their sources.

    The core sections (mission, values, achievements, people, talking points) always appear,
    saying so when the site gave nothing for them, so that a blank is never mistaken for a gap
    in the output.
    """
    b = briefing
    pages = f"{len(b.pages)} page{'s' if len(b.pages) != 1 else ''}"
    lines: list[str] = [one_line(b.company), one_line(b.website), f"Briefed {_when(b.generated_at)} from {pages}"]
    if b.description:
        lines.append("")
        lines.extend(_wrap(b.description, ""))

    def section(title: str, empty: str | None = None) -> None:
        lines.extend(["", title.upper()])
        if empty is not None:
            lines.append(f"  {empty}")

    def sources(urls: set[str]) -> None:
        lines.extend(_source(url, "    ") for url in sorted(urls))

    section("Mission", None if b.mission else _nothing_found(b, "mission", NO_MISSION))
    if b.mission:
        lines.extend(_wrap(b.mission.text, "  "))
        lines.append(_source(b.mission.source, "  "))
    section("Values", None if b.values else _nothing_found(b, "values", NO_VALUES))
    for value in b.values:
        description = f" — {value.description}" if value.description else ""
        lines.extend(_wrap(value.name + description, "    ", first="  • "))
    sources({v.source for v in b.values})
    if b.culture:
        section("Culture")
        for culture in b.culture:
            lines.extend(_wrap(culture.text, "    ", first="  • "))
        sources({c.source for c in b.culture})
    section("Recent achievements", None if b.achievements else _nothing_found(b, "achievements", NO_ACHIEVEMENTS))
    achievements, more = _shown(b.achievements, SHOWN_ACHIEVEMENTS)
    for ach in achievements:
        lines.extend(_dated(ach.date, ach.title))
        if ach.summary:
            lines.extend(_wrap(ach.summary, " " * 14))
        lines.append(" " * 14 + one_line(ach.source))
    if more:
        lines.append(f"  {more}")
    section("People", None if b.people else _nothing_found(b, "people", NO_PEOPLE))
    people, more = _shown(b.people, SHOWN_PEOPLE)
    for person in people:
        lines.extend(_wrap(person.name + (f" — {person.title}" if person.title else ""), "    ", first="  "))
    if more:
        lines.append(f"  {more}")
    sources({p.source for p in people})
    if b.news:
        section("In the news")
        for item in b.news:
            lines.extend(_dated(item.date, item.title + (f" ({item.publisher})" if item.publisher else "")))
            lines.append(" " * 14 + one_line(item.url))
    section("Talking points for your thank-you note", None if b.talking_points else NO_TALKING_POINTS)
    for number, point in enumerate(b.talking_points, 1):
        lines.extend(_wrap(point.text, "     ", first=f"  {number}. "))
        lines.append(_source(point.source, "     "))
    if b.warnings:
        section("Warnings")
        for warning in b.warnings:
            lines.extend(_wrap(warning, "    ", first="  ! "))
    return "\n".join(lines) + "\n"


def _md_source(url: str | None) -> str:
    target = safe_url(url)
    return f"[source]({target.replace('(', '%28').replace(')', '%29')})" if target else "source unknown"


def render_markdown(briefing: Briefing) -> str:
    """Return the briefing as Markdown in which no web text can add HTML, links or structure."""
    b = briefing
    out: list[str] = [f"# {markdown_text(b.company)}", ""]
    briefed = markdown_text(_when(b.generated_at))
    out.append(f"{markdown_link(b.website, b.website)} · briefed {briefed} from {len(b.pages)} pages")
    if b.description:
        out += ["", markdown_text(b.description)]
    out += ["", "## Mission", ""]
    if b.mission:
        out.append(f"> {markdown_text(b.mission.text)} ({_md_source(b.mission.source)})")
    else:
        out.append(_nothing_found(b, "mission", NO_MISSION))
    out += ["", "## Values", ""]
    if not b.values:
        out.append(_nothing_found(b, "values", NO_VALUES))
    else:
        for value in b.values:
            desc = f": {markdown_text(value.description)}" if value.description else ""
            out.append(f"- **{markdown_text(value.name)}**{desc} ({_md_source(value.source)})")
    if b.culture:
        out += ["", "## Culture", ""]
        out += [f"- {markdown_text(c.text)} ({_md_source(c.source)})" for c in b.culture]
    out += ["", "## Recent achievements", ""]
    if not b.achievements:
        out.append(_nothing_found(b, "achievements", NO_ACHIEVEMENTS))
    else:
        achievements, more = _shown(b.achievements, SHOWN_ACHIEVEMENTS)
        for ach in achievements:
            summary = f": {markdown_text(ach.summary)}" if ach.summary else ""
            out.append(f"- {markdown_text(_date_label(ach.date))}: {markdown_link(ach.title, ach.source)}{summary}")
        if more:
            out.append(f"- {markdown_text(more)}")
    out += ["", "## People", ""]
    if not b.people:
        out.append(_nothing_found(b, "people", NO_PEOPLE))
    else:
        people, more = _shown(b.people, SHOWN_PEOPLE)
        for person in people:
            title = f", {markdown_text(person.title)}" if person.title else ""
            out.append(f"- **{markdown_text(person.name)}**{title} ({_md_source(person.source)})")
        if more:
            out.append(f"- {markdown_text(more)}")
    if b.news:
        out += ["", "## In the news", ""]
        for item in b.news:
            publisher = f" ({markdown_text(item.publisher)})" if item.publisher else ""
            out.append(f"- {markdown_text(_date_label(item.date))}: {markdown_link(item.title, item.url)}{publisher}")
    out += ["", "## Talking points for your thank-you note", ""]
    if b.talking_points:
        out += [f"{n}. {markdown_text(p.text)} ({_md_source(p.source)})" for n, p in enumerate(b.talking_points, 1)]
    else:
        out.append(NO_TALKING_POINTS)
    if b.pages:
        out += ["", "## Pages read", ""]
        for page in b.pages:
            status = page.status if page.status is not None else "failed"
            out.append(f"- {markdown_text(page.role)}: {markdown_link(page.url, page.url)} ({status})")
    if b.warnings:
        out += ["", "## Warnings", ""]
        out += [f"- {markdown_text(w)}" for w in b.warnings]
    return "\n".join(out) + "\n"


def render_brief_list(rows: list[dict[str, str]]) -> str:
    """Return stored briefings as aligned text lines: generated date, company, website."""
    if not rows:
        return "No briefings stored yet. Try: scout brief https://acme.com/\n"
    width = max(len(one_line(r["company"])) for r in rows)
    lines = []
    for row in rows:
        when = one_line(row["generated_at"])[:16].replace("T", " ")
        lines.append(f"{when}  {one_line(row['company']):<{width}}  {one_line(row['website'])}")
    return "\n".join(lines) + "\n"
