"""``scout brief``, ``scout briefs``, ``scout demo`` and ``scout path``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from companyscout.errors import ScoutError, UsageError
from companyscout.render import FORMATS, Format
from companyscout.safe import one_line, terminal_safe

DEFAULT_MAX_PAGES = 25
PAGE_DEADLINE_S = 30
PER_HOST_CONNECTIONS = 4


def _default_format(output: Path | None) -> Format:
    if output is not None:
        suffix = output.suffix.lower()
        return "json" if suffix == ".json" else "text" if suffix == ".txt" else "markdown"
    return "text" if sys.stdout.isatty() else "markdown"


def _progress(verbose: bool) -> Any:
    """Return a progress callback writing to stderr when it is a terminal (or always with -v)."""
    if not (verbose or sys.stderr.isatty()):
        return None

    def report(message: str) -> None:
        click.echo(terminal_safe(message, keep_newlines=False), err=True)

    return report


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ScoutError(f"cannot write {output}: {exc.strerror or exc}; choose another -o path") from None
    click.echo(f"Briefing written to {output}", err=True)


def _worst_case_seconds(max_pages: int) -> int:
    rounds = -(-max_pages // PER_HOST_CONNECTIONS) + 2  # page batches, plus home round and one follow-up round
    return rounds * PAGE_DEADLINE_S


@click.command(name="brief")
@click.argument("target")
@click.option("--site", metavar="URL", help="The company's website, when TARGET is a name or to override it.")
@click.option("--pick", type=click.IntRange(min=1), metavar="N", help="Choose result N when a name is ambiguous.")
@click.option(
    "--max-pages",
    type=click.IntRange(1, 200),
    default=DEFAULT_MAX_PAGES,
    show_default=True,
    help="Fetch at most this many pages of the site.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format. Default: text on a terminal, otherwise Markdown (or from the -o file's extension).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the briefing to FILE.")
@click.option("--refresh", is_flag=True, help="Fetch the site again instead of showing the stored briefing.")
@click.option("--offline", is_flag=True, help="Build the briefing from cached pages only; make no request.")
@click.option("--no-external", is_flag=True, help="Skip third-party sources (news search, Wikidata).")
@click.option("-v", "--verbose", is_flag=True, help="Report progress on stderr even when it is not a terminal.")
def brief(
    target: str,
    site: str | None,
    pick: int | None,
    max_pages: int,
    fmt: Format | None,
    output: Path | None,
    refresh: bool,
    offline: bool,
    no_external: bool,
    verbose: bool,
) -> None:
    """Research a company's website into a sourced briefing.

    TARGET is a URL (https://acme.com/), a domain (acme.com) or a company name
    ("Acme Robotics"). The briefing is stored: running the command again shows it at
    once, and --refresh fetches the site again (unchanged pages cost a 304).

    A briefing reads at most --max-pages pages, a few at a time, each within 30 seconds,
    so even on a slow site it finishes within about (max-pages / 4 + 2) × 30 s
    (4 minutes at the default 25 pages).

    \b
    Example usage:
        scout brief https://acme.com/
        scout brief acme.com --format json -o acme.json
        scout brief "Acme Robotics" --site https://acme.com/
    """
    from companyscout import briefs as stored
    from companyscout.store import open_database
    from companyscout.target import parse_target, parse_url

    parsed = parse_target(target)
    progress = _progress(verbose)
    trusted = True
    if site is not None:
        site_url = parse_url(site)
        if parsed.kind == "name":
            from companyscout.sources.resolve import remember_resolution

            remember_resolution(open_database(), parsed.name, site_url)  # next time the name alone will do
    elif parsed.kind == "url":
        assert parsed.url is not None
        site_url = parsed.url
    else:
        if offline:
            raise UsageError("--offline needs the site: pass a URL or --site URL with a company name")
        site_url = _resolve_name(parsed.name, pick=pick, no_external=no_external)
        trusted = False  # a resolved site was not typed by the user: the address guard applies in full

    db = open_database()
    result = None if (refresh or offline) else stored.load_briefing(db, site_url)
    if result is not None:
        click.echo(
            f"Stored briefing of {one_line(result.generated_at)[:10]}; run with --refresh to fetch the site again.",
            err=True,
        )
    else:
        from companyscout.pipeline import BriefOptions, build_briefing

        options = BriefOptions(
            max_pages=max_pages,
            no_external=no_external,
            refresh=refresh,
            offline=offline,
            trusted=trusted,
            progress=progress,
        )
        result = build_briefing(site_url, options=options)
        stored.save_briefing(db, result)
    _emit(_render(result, fmt or _default_format(output)), output)


def _render(briefing: Any, fmt: Format) -> str:
    from companyscout.render import render

    return render(briefing, fmt)


def _resolve_name(name: str, *, pick: int | None, no_external: bool) -> str:
    """Return the website of the company called ``name``, saying how it was found."""
    try:
        from companyscout.sources.resolve import resolve_name
    except ImportError:
        raise UsageError(f"'{name}' is a name; pass the company's website: scout brief URL, or --site URL") from None
    if no_external:
        from companyscout.sources.resolve import resolve_name_offline

        resolved = resolve_name_offline(name)
        if resolved is None:
            raise UsageError(
                f"'{name}' is a name and --no-external forbids looking it up; pass its website with --site URL"
            )
    else:
        resolved = resolve_name(name, pick=pick)
    click.echo(terminal_safe(resolved.message, keep_newlines=False), err=True)
    return resolved.url


@click.group(name="briefs")
def briefs() -> None:
    """List and show stored briefings.

    \b
    Example usage:
        scout briefs list
        scout briefs show acme.com --format markdown
    """


@briefs.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def briefs_list(as_json: bool) -> None:
    """List stored briefings, newest first."""
    from companyscout.briefs import list_briefings
    from companyscout.render import render_brief_list
    from companyscout.store import open_database

    rows = list_briefings(open_database())
    if as_json:
        import json

        from companyscout.render import _JSON_UNSAFE

        text = json.dumps(rows, indent=2, ensure_ascii=False)
        click.echo(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
    else:
        click.echo(render_brief_list(rows), nl=False)


@briefs.command(name="show")
@click.argument("company")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default as for scout brief).")
def briefs_show(company: str, fmt: Format | None) -> None:
    """Show the stored briefing of COMPANY (a name, domain or URL)."""
    from companyscout.briefs import find_briefing, load_briefing
    from companyscout.errors import NotFound
    from companyscout.store import open_database
    from companyscout.target import parse_target

    db = open_database()
    parsed = parse_target(company)
    result = load_briefing(db, parsed.url) if parsed.url else None
    result = result or find_briefing(db, company)
    if result is None:
        raise NotFound(f"no stored briefing for '{one_line(company)}'; run: scout brief {company}")
    _emit(_render(result, fmt or _default_format(None)), None)


@click.command(name="demo")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default as for scout brief).")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="Serve the demo site on this port (default: any free one)."
)
@click.option("--serve", is_flag=True, help="Keep serving the demo site after the briefing, until Ctrl-C.")
def demo(fmt: Format | None, port: int, serve: bool) -> None:
    """Brief the bundled sample company, served on 127.0.0.1.

    Shows what a briefing looks like without reaching the internet: the sample site has
    about, values, news, team and careers pages, a sitemap and a feed.

    \b
    Example usage:
        scout demo
        scout demo --format json
    """
    from companyscout.pipeline import BriefOptions, build_briefing

    from companyscout.briefs import save_briefing
    from companyscout.demo import serve_demo_site
    from companyscout.store import open_database

    try:
        server = serve_demo_site(port=port)
        url = server.__enter__()
    except OSError as exc:
        raise ScoutError(f"cannot serve the demo site on port {port}: {exc.strerror}; try another --port") from None
    try:
        click.echo(f"Serving the demo site at {url}", err=True)
        options = BriefOptions(no_external=True, trusted=True, refresh=True, progress=_progress(False))
        result = build_briefing(url, options=options)
        save_briefing(open_database(), result)
        _emit(_render(result, fmt or _default_format(None)), None)
        if serve:
            click.echo(f"Still serving {url}; press Ctrl-C to stop.", err=True)
            import time

            while True:
                time.sleep(3600)
    finally:
        server.__exit__(None, None, None)


@click.command(name="path")
def path() -> None:
    """Print where scout keeps its data."""
    from companyscout.paths import database_path

    click.echo(str(database_path()))
