"""Render a Briefing as terminal text, Markdown or JSON.

Every string in a briefing came from the web and is untrusted: text output passes through
``safe.terminal_safe``, Markdown through ``safe.markdown_text`` / ``safe.markdown_link``, and
JSON escapes every control and bidi character so that printing it cannot drive a terminal.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import Literal

from companyscout.model import Briefing
from companyscout.safe import markdown_link, markdown_text, one_line, safe_url

Format = Literal["text", "markdown", "json"]
FORMATS: tuple[str, ...] = ("text", "markdown", "json")
WIDTH = 88

# Characters JSON may carry as data but a terminal must never receive raw: C0/C1 controls, DEL,
# bidi embeddings/overrides/isolates, line and paragraph separators.
# json.dumps already escapes C0 controls inside strings; raw ones are only its own indentation.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def render(briefing: Briefing, fmt: Format) -> str:
    """Return the briefing rendered in ``fmt``, ending with a newline."""
    if fmt == "json":
        return render_json(briefing)
    if fmt == "markdown":
        return render_markdown(briefing)
    return render_text(briefing)


def render_json(briefing: Briefing) -> str:
    """Return the briefing as the JSON contract of DESIGN.md (UTF-8, control characters escaped)."""
    text = json.dumps(briefing.to_dict(), indent=2, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _date_label(date: str | None) -> str:
    return date if date else "undated"


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(one_line(text), width=WIDTH, initial_indent=indent, subsequent_indent=indent) or [indent]


def _source(url: str | None, indent: str) -> str:
    return f"{indent}source: {one_line(url or 'unknown')}"


def render_text(briefing: Briefing) -> str:
    """Return a plain-text briefing for a terminal: sections, facts and their sources."""
    b = briefing
    lines: list[str] = [one_line(b.company), one_line(b.website)]
    lines.append(f"Briefed {one_line(b.generated_at)} from {len(b.pages)} page{'s' if len(b.pages) != 1 else ''}")
    if b.description:
        lines.append("")
        lines.extend(_wrap(b.description, ""))

    def section(title: str) -> None:
        lines.extend(["", title.upper()])

    section("Mission")
    if b.mission:
        lines.extend(_wrap(b.mission.text, "  "))
        lines.append(_source(b.mission.source, "  "))
    else:
        lines.append("  The site states no mission.")
    if b.values:
        section("Values")
        for value in b.values:
            head = one_line(value.name)
            if value.description:
                head += " — " + one_line(value.description)
            lines.extend(textwrap.wrap(head, WIDTH, initial_indent="  • ", subsequent_indent="    "))
        sources = sorted({v.source for v in b.values})
        lines.extend(_source(s, "    ") for s in sources)
    if b.culture:
        section("Culture")
        for item in b.culture:
            lines.extend(textwrap.wrap(one_line(item.text), WIDTH, initial_indent="  • ", subsequent_indent="    "))
        lines.extend(_source(s, "    ") for s in sorted({c.source for c in b.culture}))
    if b.achievements:
        section("Recent achievements")
        for ach in b.achievements:
            lines.extend(
                textwrap.wrap(
                    one_line(ach.title),
                    WIDTH,
                    initial_indent=f"  {_date_label(ach.date):<10}  ",
                    subsequent_indent=" " * 14,
                )
            )
            if ach.summary:
                lines.extend(_wrap(ach.summary, " " * 14))
            lines.append(" " * 14 + one_line(ach.source))
    if b.people:
        section("People")
        for person in b.people:
            title = f" — {one_line(person.title)}" if person.title else ""
            lines.append(f"  {one_line(person.name)}{title}")
        lines.extend(_source(s, "    ") for s in sorted({p.source for p in b.people}))
    if b.news:
        section("In the news")
        for item in b.news:
            publisher = f" ({one_line(item.publisher)})" if item.publisher else ""
            lines.extend(
                textwrap.wrap(
                    one_line(item.title) + publisher,
                    WIDTH,
                    initial_indent=f"  {_date_label(item.date):<10}  ",
                    subsequent_indent=" " * 14,
                )
            )
            lines.append(" " * 14 + one_line(item.url))
    section("Talking points for your thank-you note")
    if b.talking_points:
        for number, point in enumerate(b.talking_points, 1):
            lines.extend(
                textwrap.wrap(one_line(point.text), WIDTH, initial_indent=f"  {number}. ", subsequent_indent="     ")
            )
            lines.append(_source(point.source, "     "))
    else:
        lines.append("  None: the site gave no mission, values or dated news to point to.")
    if b.warnings:
        section("Warnings")
        for warning in b.warnings:
            lines.extend(textwrap.wrap(one_line(warning), WIDTH, initial_indent="  ! ", subsequent_indent="    "))
    return "\n".join(lines) + "\n"


def _md_source(url: str | None) -> str:
    target = safe_url(url)
    return f"[source]({target.replace('(', '%28').replace(')', '%29')})" if target else "source unknown"


def render_markdown(briefing: Briefing) -> str:
    """Return the briefing as Markdown in which no web text can add HTML, links or structure."""
    b = briefing
    out: list[str] = [f"# {markdown_text(b.company)}", ""]
    out.append(
        f"{markdown_link(b.website, b.website)} · briefed {markdown_text(b.generated_at)} from {len(b.pages)} pages"
    )
    if b.description:
        out += ["", markdown_text(b.description)]
    out += ["", "## Mission", ""]
    if b.mission:
        out.append(f"> {markdown_text(b.mission.text)} ({_md_source(b.mission.source)})")
    else:
        out.append("The site states no mission.")
    if b.values:
        out += ["", "## Values", ""]
        for value in b.values:
            desc = f": {markdown_text(value.description)}" if value.description else ""
            out.append(f"- **{markdown_text(value.name)}**{desc} ({_md_source(value.source)})")
    if b.culture:
        out += ["", "## Culture", ""]
        out += [f"- {markdown_text(c.text)} ({_md_source(c.source)})" for c in b.culture]
    if b.achievements:
        out += ["", "## Recent achievements", ""]
        for ach in b.achievements:
            summary = f": {markdown_text(ach.summary)}" if ach.summary else ""
            out.append(f"- {markdown_text(_date_label(ach.date))}: {markdown_link(ach.title, ach.source)}{summary}")
    if b.people:
        out += ["", "## People", ""]
        for person in b.people:
            title = f", {markdown_text(person.title)}" if person.title else ""
            out.append(f"- **{markdown_text(person.name)}**{title} ({_md_source(person.source)})")
    if b.news:
        out += ["", "## In the news", ""]
        for item in b.news:
            publisher = f" ({markdown_text(item.publisher)})" if item.publisher else ""
            out.append(f"- {markdown_text(_date_label(item.date))}: {markdown_link(item.title, item.url)}{publisher}")
    out += ["", "## Talking points for your thank-you note", ""]
    if b.talking_points:
        out += [f"{n}. {markdown_text(p.text)} ({_md_source(p.source)})" for n, p in enumerate(b.talking_points, 1)]
    else:
        out.append("None: the site gave no mission, values or dated news to point to.")
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
