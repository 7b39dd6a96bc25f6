"""``scout brief``, ``scout briefs``, ``scout demo`` and ``scout path``."""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from companyscout.errors import ScoutError, UsageError
from companyscout.render import FORMATS, Format
from companyscout.safe import one_line, terminal_safe
from companyscout.web.limits import DEFAULT_LIMITS, FetchLimits

if TYPE_CHECKING:
    from companyscout.model import Briefing
    from companyscout.store import Database

DEFAULT_MAX_PAGES = 25
# The fetch limits of every briefing the CLI makes (also the source of the time bound in --help).
LIMITS: FetchLimits = DEFAULT_LIMITS


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


def _emit(text: str, output: Path | None, *, stored_as: str | None = None) -> None:
    """Print ``text``, or write it to ``output`` whole or not at all (``stored_as`` names the stored copy)."""
    if output is None:
        click.echo(text, nl=False)
        return
    import os
    import tempfile

    kept = f" (the briefing is stored: scout briefs show {stored_as})" if stored_as else ""
    try:
        fd, temp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp, output)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError as exc:
        raise ScoutError(f"cannot write {output}: {exc.strerror or exc}; choose another -o path{kept}") from None
    click.echo(f"Briefing written to {output}", err=True)


def worst_case_seconds(max_pages: int, limits: FetchLimits, *, feeds: int) -> float:
    """Return how long a briefing of ``max_pages`` pages can take at most on the network.

    Requests to a site run ``per_host_connections`` at a time, each within ``page_deadline`` of
    network time plus at most ``retry_after_cap`` of waiting a busy server asks for. In the worst
    case they come in steps that wait for each other: the home page (with robots.txt alongside),
    then the sitemap files (an index, then the files it lists), then the other pages and feeds.
    Whatever the steps add up to, ``brief_deadline`` caps it: no request starts after it and one
    in flight then is cut.
    """
    per_request = limits.page_deadline + limits.retry_after_cap
    connections = max(1, limits.per_host_connections)
    sitemap_rounds = -(-limits.max_sitemap_files // connections) + 1  # an index, then its files
    page_rounds = -(-(max_pages - 1 + feeds) // connections)
    return min((1 + sitemap_rounds + page_rounds) * per_request, limits.brief_deadline)


def _duration(seconds: float) -> str:
    """Return a bound in words, rounded up: "133 s", "9 minutes"."""
    return f"{math.ceil(seconds)} s" if seconds < 180 else f"{math.ceil(seconds / 60)} minutes"


class _BriefCommand(click.Command):
    """``scout brief``, whose help states the time bound computed from the fetch limits."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from companyscout.pipeline import MAX_FEEDS
        from companyscout.sources.external import EXTERNAL_LIMITS

        limits = LIMITS
        network = worst_case_seconds(DEFAULT_MAX_PAGES, limits, feeds=MAX_FEEDS)
        external = EXTERNAL_LIMITS.page_deadline + EXTERNAL_LIMITS.retry_after_cap  # the news search
        template = self.help or ""
        self.help = template.format(
            connections=limits.per_host_connections,
            deadline=f"{limits.page_deadline:g}",
            waiting=f"{limits.retry_after_cap:g}",
            sitemaps=limits.max_sitemap_files,
            feeds=MAX_FEEDS,
            max_pages=DEFAULT_MAX_PAGES,
            bound=_duration(network + external),
            brief_deadline=f"{limits.brief_deadline:g}",
            crawl_delay=f"{limits.max_crawl_delay:g}",
        )
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = template


@click.command(name="brief", cls=_BriefCommand)
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
@click.option(
    "--refresh",
    is_flag=True,
    help="Read the site again instead of showing the stored briefing (unchanged pages cost a 304).",
)
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
    once, and --refresh reads the site again, asking only for pages that changed (pages
    kept from the last time cost a 304 Not Modified; --offline builds from them alone).

    How long it can take: scout reads at most --max-pages pages of the site, plus its
    robots.txt, up to {sitemaps} sitemap files and {feeds} feeds, {connections} at a time. Each
    request gets {deadline} s of network time and at most {waiting} s of waiting that a busy
    server asks for, and reading the site stops after {brief_deadline} s whatever remains, with
    a warning naming how many pages were not read. So even a slow or hostile site cannot hold
    a briefing longer than about {bound} (the news search included). A site whose robots.txt
    asks for a pause between requests (up to {crawl_delay} s; more skips the site) is read one
    page at a time, and fewer of its pages fit in that time.

    \b
    Example usage:
        scout brief https://acme.com/
        scout brief acme.com --format json -o acme.json
        scout brief "Acme Robotics" --site https://acme.com/
    """
    from companyscout import briefs as stored
    from companyscout.store import open_database
    from companyscout.target import parse_target, parse_url, site_key

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
            limits=LIMITS,
            max_pages=max_pages,
            no_external=no_external,
            offline=offline,
            trusted=trusted,
            progress=progress,
        )
        result = build_briefing(site_url, options=options)
        stored.save_briefing(db, result)
    _emit(_render(result, fmt or _default_format(output)), output, stored_as=site_key(result.website))


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
    """List, show and remove stored briefings.

    Briefings live in scout's database, whose location `scout path` prints.

    \b
    Example usage:
        scout briefs list
        scout briefs show acme.com --format markdown
        scout briefs remove "Acme Robotics"
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
        from companyscout.safe import json_dumps

        click.echo(json_dumps(rows))
    else:
        click.echo(render_brief_list(rows), nl=False)


@briefs.command(name="show")
@click.argument("company")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default as for scout brief).")
def briefs_show(company: str, fmt: Format | None) -> None:
    """Show the stored briefing of COMPANY (a name, domain or URL)."""
    from companyscout.store import open_database

    result = _stored_briefing(open_database(), company)
    _emit(_render(result, fmt or _default_format(None)), None)


@briefs.command(name="remove")
@click.argument("company")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def briefs_remove(company: str, yes: bool) -> None:
    """Remove the stored briefing of COMPANY (a name, domain or URL; asks first)."""
    from companyscout.briefs import remove_briefing
    from companyscout.store import open_database

    db = open_database()
    result = _stored_briefing(db, company)
    label = f"{one_line(result.company)} ({one_line(result.website)}, {one_line(result.generated_at)[:10]})"
    if not yes:
        click.confirm(f"Remove the briefing of {label}?", abort=True)
    remove_briefing(db, result.website)
    click.echo(f"Removed the briefing of {label}.")


def _stored_briefing(db: Database, company: str) -> Briefing:
    """Return the stored briefing of ``company`` (a name, domain or URL), or raise NotFound."""
    from companyscout.briefs import find_briefing, load_briefing
    from companyscout.errors import NotFound
    from companyscout.target import parse_target

    parsed = parse_target(company)
    result = load_briefing(db, parsed.url) if parsed.url else None
    result = result or find_briefing(db, company)
    if result is None:
        raise NotFound(
            f"no stored briefing for '{one_line(company)}'; "
            f"see the stored ones with: scout briefs list, or make one with: scout brief {company}"
        )
    return result


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
    from companyscout.briefs import save_briefing
    from companyscout.demo import serve_demo_site
    from companyscout.pipeline import BriefOptions, build_briefing
    from companyscout.store import open_database

    try:
        server = serve_demo_site(port=port)
        url = server.__enter__()
    except OSError as exc:
        raise ScoutError(f"cannot serve the demo site on port {port}: {exc.strerror}; try another --port") from None
    try:
        click.echo(f"Serving the demo site at {url}", err=True)
        options = BriefOptions(no_external=True, trusted=True, progress=_progress(False))
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
