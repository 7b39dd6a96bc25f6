"""The briefing pipeline: from a website's address to a sourced ``Briefing``.

Few latency rounds, like a browser: round 1 fetches the home page while robots.txt and the
default sitemap load alongside it (both answers are used only once robots.txt allows them);
round 2 fetches the pages planned from the home page's links and that sitemap, with the
sitemaps robots.txt names and the home page's feeds taking the connections pages leave free;
round 3, only when needed, goes one level further: item pages of an undated news listing,
person pages of a team index that names nobody, and better pages of a role that round 2's
pages link to. Round 3 starts page by page as round 2's pages arrive, not after all of them;
the sitemap is awaited only by a plan that needs it or an item that needs its date. At most
``per_host_connections`` requests run at once. The page budget (``max_pages``) holds across
all rounds, and the fetch limits' ``brief_deadline`` bounds them in time: the pages it leaves
unread are counted in one warning.

Every page is parsed once and the tree is shared by every extractor. An extractor that fails
or runs too long on one page costs that page's facts and adds a warning, never the briefing.
"""

from __future__ import annotations

import itertools
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import partial
from typing import Any, TypeVar
from urllib.parse import urlsplit

from companyscout.errors import FetchError, NotHTMLError
from companyscout.extract.dates import parse_date
from companyscout.extract.news import (
    MAX_ACHIEVEMENTS,
    dedupe_achievements,
    extract_achievements,
    extract_awards,
    extract_release,
    is_js_placeholder,
    listing_items,
    sort_achievements,
)
from companyscout.extract.page import ParsedPage, clean_text, parse_page
from companyscout.extract.people import MAX_PEOPLE, extract_people, extract_team_sections, leadership_rank
from companyscout.extract.statements import Statements, extract_statements
from companyscout.model import Achievement, Briefing, NewsItem, PageRecord, Person, TalkingPoint
from companyscout.web.discover import (
    MIN_ROLES_LINKED,
    MIN_SITE_LINKS,
    Link,
    PlannedPage,
    guessed_links,
    is_trap,
    page_key,
    page_language,
    page_links,
    plan_pages,
    roles_linked,
    site_aliases,
)
from companyscout.web.fetcher import FetchedPage, SiteFetcher, SitemapEntry
from companyscout.web.http import HTML_TYPES, RETRY_STATUSES, short_url
from companyscout.web.limits import FetchLimits

# Pages of the budget kept out of round 2's plan for round 3, when the budget allows.
FOLLOW_RESERVE = 6
# Item pages of one undated listing, and person pages of one team index, worth a visit.
MAX_FOLLOWED = 8
# A listing whose items are dated less often than this is followed to its item pages.
DATED_SHARE_TO_FOLLOW = 0.5
# Links of a team index read when looking for person pages.
MAX_PERSON_LINKS = 200
MAX_FEEDS = 2
# Most seconds the plan waits, after the home page, for the sitemap requested alongside it, and
# the largest such sitemap the plan reads (a few thousand pages): parsing one of 50,000 would
# hold round 2 back by a quarter of a second.
EARLY_SITEMAP_WAIT = 1.0
EARLY_SITEMAP_BYTES = 256 * 1024
# Seconds one extractor may spend on one page, and on all pages at once.
EXTRACTION_SECONDS = 5.0
MAX_EXTRACTION_SECONDS = 30.0
# Roles whose pages list the organisation's own news, and whose pages may list its awards.
NEWS_ROLES = frozenset({"news", "home"})
AWARD_ROLES = frozenset({"home", "about", "mission", "news"})
# Roles whose pages may hold a team section ("Our team", "Leadership") among other content.
TEAM_SECTION_ROLES = frozenset({"home", "about", "mission"})
ROLE_NAMES = {
    "team": "team page",
    "news": "news listing",
    "about": "about page",
    "mission": "mission page",
    "values": "values page",
    "careers": "careers page",
    "culture": "culture page",
    "home": "home page",
    "item": "news item",
    "person": "person page",
}
# Listing paths of press releases and news (kept first when the list is cut) and of blogs (last).
PRESS_PATH = re.compile(r"press|release|news|award|announce|media|presse|noticias|nieuws|aktuell")
BLOG_PATH = re.compile(r"blog|posts|stories|articles|insights")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·:-]\s+|\s+[|]\s*")
_GENERIC_TITLES = frozenset({"home", "homepage", "home page", "welcome", "startseite", "accueil", "inicio"})

T = TypeVar("T")


@dataclass(frozen=True)
class BriefOptions:
    """How a briefing is made: the page budget, sources and cache use, and progress reporting."""

    max_pages: int = 25
    no_external: bool = False
    refresh: bool = False  # ignore the page cache, downloading every page whole (benchmarks measure that)
    offline: bool = False
    trusted: bool = False  # the user typed this host: loopback/private addresses allowed for it only
    limits: FetchLimits | None = None
    progress: Callable[[str], None] | None = None  # short status lines ("12 pages found", "fetched 7/12")


DEFAULT_OPTIONS = BriefOptions()


@dataclass
class _Crawl:
    """What the rounds of fetching gathered: parsed pages, their records, and warnings."""

    home: ParsedPage
    aliases: frozenset[str]
    pages: list[ParsedPage] = field(default_factory=list)
    records: list[PageRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    feeds: list[Achievement] = field(default_factory=list)
    lastmod: dict[str, str] = field(default_factory=dict)  # page key → sitemap lastmod (ISO)
    fetched: set[str] = field(default_factory=set)  # page keys requested, found or not
    sitemap_read: bool = False
    sitemap: Future[list[SitemapEntry]] | None = None  # still loading, perhaps, when the pages are in
    fetch_warnings: list[str] = field(default_factory=list)  # the fetcher's own, as they come
    team_people: dict[str, list[Person]] = field(default_factory=dict)  # page URL → its people

    def people_of(self, page: ParsedPage, warnings: list[str]) -> list[Person]:
        """Return a team page's people, read once: the crawl asks whether to follow its person
        pages, the briefing lists them."""
        if page.url not in self.team_people:
            self.team_people[page.url] = _people_of(page, warnings)
        return self.team_people[page.url]


class _Progress:
    """Reports pages found and fetched; ``found`` grows as pages are queued, round 3's included."""

    def __init__(self, report: Callable[[str], None] | None) -> None:
        self.report = report
        self.found = 0
        self.fetched = 0

    def say(self, message: str) -> None:
        if self.report is not None:
            self.report(message)

    def planned(self, count: int) -> None:
        self.say(f"{count} pages found")

    def done(self, _page: FetchedPage) -> None:
        self.fetched += 1
        self.say(f"fetched {self.fetched}/{self.found}")


# --- running extractors safely -------------------------------------------------------------


class _ExtractionTimeout(Exception):
    pass


@contextmanager
def _time_box(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (in the main thread on POSIX; elsewhere unbounded)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _ExtractionTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _safely(
    what: str,
    page_url: str,
    warnings: list[str],
    default: T,
    run: Callable[[], T],
    *,
    seconds: float = EXTRACTION_SECONDS,
) -> T:
    """Return ``run()``, or ``default`` with a warning when it fails or takes over ``seconds``."""
    try:
        with _time_box(seconds):
            return run()
    except _ExtractionTimeout:
        warnings.append(f"{page_url}: reading the {what} took too long; skipped.")
    except Exception as exc:  # noqa: BLE001 - one page's bad markup must not cost the briefing
        warnings.append(f"{page_url}: the {what} could not be read ({type(exc).__name__}); skipped.")
    return default


def _items_of(page: ParsedPage, names: list[str], warnings: list[str]) -> list[Achievement]:
    """Return a listing's own achievements; a failure is a warning."""
    none: list[Achievement] = []
    return _safely("news listing", page.url, warnings, none, partial(extract_achievements, page, names=names))


def _people_of(page: ParsedPage, warnings: list[str]) -> list[Person]:
    """Return a team page's people; a failure is a warning."""
    none: list[Person] = []
    return _safely("team page", page.url, warnings, none, partial(extract_people, page))


# --- fetching ---------------------------------------------------------------------------------


def _once(ready: threading.Event, run: Callable[[], T]) -> T:
    """Return ``run()`` once ``ready`` is set."""
    ready.wait()
    return run()


def _is_html(page: FetchedPage) -> bool:
    if page.content_type in HTML_TYPES:
        return True
    head = page.content[:512].lstrip().lower()
    return page.content_type in (None, "text/plain") and head.startswith((b"<!doctype html", b"<html"))


def _home_page(fetcher: SiteFetcher) -> FetchedPage:
    """Return the fetched home page (robots.txt read alongside it), or raise FetchError naming the host."""
    page = fetcher.fetch_start()
    host = urlsplit(fetcher.site_url).netloc
    if not page.ok:
        raise FetchError(_home_failure(fetcher, host, page), url=page.url, status=page.status)
    if not page.content.strip():
        raise NotHTMLError(
            f"The home page of {host} is empty; pass the address of the website's home page.", url=page.url
        )
    if not _is_html(page) or page.text is None:
        raise NotHTMLError(
            f"The home page of {host} is not HTML ({page.content_type or 'unknown type'}); "
            "pass the address of the website's home page.",
            url=page.url,
        )
    return page


# Tails of the fetcher's per-page sentences that make no sense for the page a briefing starts from.
_PAGE_OUTCOME = re.compile(r"; (?:host )?(?:skipped|not fetched|stopped|nothing kept)\.$")


def _home_failure(fetcher: SiteFetcher, host: str, page: FetchedPage) -> str:
    """Return the one sentence saying why the home page failed and what to do next."""
    if page.blocked_url and not fetcher.in_scope(page.blocked_url):
        target = short_url(page.blocked_url)
        return (
            f"The home page of {host} redirects to another site (not followed); "
            f"brief that site instead: scout brief {target}"
        )
    status = page.status
    if status in RETRY_STATUSES and f"answered HTTP {status}" in (page.error or ""):
        tries = _times(fetcher.limits.retries + 1)
        return f"The home page of {host} answered HTTP {status} {tries}; try again later."
    if status is not None and 400 <= status < 600:
        if status in (404, 410):
            return (
                f"The home page of {host} answered HTTP {status}; check the address, or pass the website's home page."
            )
        return f"The home page of {host} answered HTTP {status}; check that it opens in a browser, or try again later."
    if fetcher.robots_disallows(page.url):
        return (
            f"The robots.txt of {host} disallows {short_url(page.url)}, so scout may not read it; "
            "pass another address of the site, or read it in a browser."
        )
    error = _PAGE_OUTCOME.sub(".", page.error or f"The home page of {host} could not be fetched.")
    if ";" not in error:
        error = error.removesuffix(".") + "; check the address, or try again later."
    return error


def _times(count: int) -> str:
    """Return how many times, in words: "once", "twice", "three times", "4 times"."""
    return {1: "once", 2: "twice", 3: "three times"}.get(count, f"{count} times")


# Feeds list the newest entries first; a briefing keeps its newest items, not a feed's archive.
FEED_ENTRIES = MAX_ACHIEVEMENTS


def _read_feeds(fetcher: SiteFetcher, feed_urls: list[str]) -> tuple[list[Achievement], list[PageRecord], list[str]]:
    """Return the items of the site's own feeds (dates as the feeds give them), records, warnings."""
    from companyscout.sources.feeds import FeedError, parse_feed

    items: list[Achievement] = []
    records: list[PageRecord] = []
    warnings: list[str] = []
    for fetched in fetcher.fetch_many(feed_urls, kind="feed"):
        if fetched.late:
            continue  # the briefing's time ran out: a supplement is not worth a warning
        records.append(PageRecord(fetched.url, "feed", fetched.status))
        if not fetched.ok:
            warnings.append(fetched.error or f"{fetched.url} could not be fetched.")
            continue
        try:
            entries = parse_feed(
                fetched.content,
                base_url=fetched.final_url or fetched.url,
                limit=FEED_ENTRIES,
                wanted=lambda url: url is not None and fetcher.in_scope(url),
            )
        except FeedError as exc:
            warnings.append(str(exc))
            continue
        for entry in entries:
            title = clean_text(entry.title)
            if title and entry.url and fetcher.in_scope(entry.url):
                items.append(Achievement(entry.date, title, entry.summary, entry.url))
    return items, records, warnings


def _own_feeds(home: ParsedPage, in_scope: Callable[[str], bool]) -> list[str]:
    from companyscout.sources.feeds import find_feed_links

    return [url for url in find_feed_links(home) if in_scope(url)][:MAX_FEEDS]


def _sitemap_links(future: Future[list[SitemapEntry]], crawl: _Crawl) -> list[Link]:
    """Return the sitemap's pages as links (the first time only), noting their lastmod dates."""
    if crawl.sitemap_read:
        return []
    crawl.sitemap_read = True
    try:
        entries = future.result()
    except Exception as exc:  # noqa: BLE001 - a broken sitemap costs only its links
        crawl.warnings.append(f"The sitemap could not be read ({type(exc).__name__}); skipped.")
        return []
    return _entry_links(entries, crawl)


def _entry_links(entries: list[SitemapEntry], crawl: _Crawl) -> list[Link]:
    """Return sitemap entries as links, noting their lastmod dates."""
    links = []
    for entry in entries:
        links.append(Link(entry.url, "", "sitemap"))
        if entry.lastmod and (iso := parse_date(entry.lastmod)):
            crawl.lastmod[page_key(entry.url)] = iso
    return links


def _early_sitemap_links(fetcher: SiteFetcher, crawl: _Crawl, *, home_took: float) -> list[Link]:
    """Return the pages of the sitemap requested alongside the home page, once it is in.

    It left with the home page, so it is usually in already. It is waited for no longer than
    the home page took (a round trip), and never over ``EARLY_SITEMAP_WAIT``; one over
    ``EARLY_SITEMAP_BYTES`` is not read here. A slow or large sitemap does not hold round 2 back:
    its pages join the plan when the sitemaps are read, in the background.
    """
    fetcher.wait_early_sitemap(min(home_took, EARLY_SITEMAP_WAIT))
    return _entry_links(fetcher.early_sitemap_entries(crawl.aliases, max_bytes=EARLY_SITEMAP_BYTES), crawl)


def _plan_round_two(
    home: ParsedPage,
    links: list[Link],
    sitemap: Future[list[SitemapEntry]],
    crawl: _Crawl,
    *,
    budget: int,
    in_scope: Callable[[str], bool],
) -> tuple[list[PlannedPage], bool, bool]:
    """Return round 2's plan, whether it holds guessed places, and whether it awaits the sitemap.

    The plan comes from the home page's links. When they name too few roles and the sitemap has
    not arrived, those pages go at once and the plan is made again once it has (third value
    True): waiting would cost a round. When the home page links to next to nothing of its site
    (a menu built by scripts) the common places of about, team and news pages are tried.
    """
    reserve = min(FOLLOW_RESERVE, budget // 4)
    plan_for = partial(
        plan_pages, home.url, max_pages=budget, in_scope=in_scope, reserve=reserve, language=page_language(home)
    )
    plan = plan_for(links)
    if len(roles_linked(plan)) < MIN_ROLES_LINKED and not crawl.sitemap_read:
        if not sitemap.done():
            return plan, False, True
        links += _sitemap_links(sitemap, crawl)
        plan = plan_for(links)
    site_pages = {page_key(link.url) for link in links if in_scope(link.url) and not is_trap(link.url)}
    if len(roles_linked(plan)) >= MIN_ROLES_LINKED or len(site_pages) >= MIN_SITE_LINKS:
        return plan, False, False
    return plan_for(links + guessed_links(home.url), fill=True), True, False


Planner = Callable[[], tuple[list[PlannedPage], bool, bool]]


class _Frontier:
    """Fetches planned pages a few at a time and, as each arrives, plans the pages one level further.

    The next level does not wait for the whole of round 2: a listing's item pages, or a page's
    link to a role not yet covered, are requested as soon as the page naming them arrives.
    Pages found one level further are not followed again. The budget counts every request.
    """

    def __init__(
        self,
        fetcher: SiteFetcher,
        crawl: _Crawl,
        progress: _Progress,
        *,
        links: list[Link],
        sitemap: Future[list[SitemapEntry]],
        budget: int,
    ) -> None:
        self.fetcher = fetcher
        self.crawl = crawl
        self.progress = progress
        self.links = links
        self.sitemap = sitemap
        self.budget = budget
        self.requested = 1  # the home page
        self.taken = set(crawl.fetched)
        self.order: dict[str, int] = {crawl.home.url: 0}
        self.language = page_language(crawl.home)
        self.pending: dict[Future[FetchedPage], tuple[PlannedPage, bool, bool]] = {}

    def run(self, planner: Planner, *, queued: threading.Event) -> None:
        """Fetch the plan and what its pages lead to, parsing each page once into the crawl.

        ``queued`` is set once the plan's pages are queued. When the plan awaits the sitemap, its
        pages are fetched meanwhile and the plan is made again as soon as the sitemap arrives.
        """
        # A thread more than connections: a page waits at its host's gate, which serves pages before
        # the sitemaps and feeds, rather than in this pool's queue, where the gate cannot see it.
        workers = self.fetcher.limits.per_host_connections + 1
        with ThreadPoolExecutor(workers, thread_name_prefix="scout-page") as pool:
            awaits_sitemap = self.start(pool, planner)
            queued.set()
            while awaits_sitemap or self.pending:
                if awaits_sitemap and self.sitemap.done():
                    awaits_sitemap = self.start(pool, planner)
                    continue
                waited: set[Future[Any]] = {*self.pending, *([self.sitemap] if awaits_sitemap else [])}
                done, _ = wait(waited, return_when=FIRST_COMPLETED)
                if self.sitemap.done() and not self.crawl.sitemap_read and not awaits_sitemap:
                    self.links += _sitemap_links(self.sitemap, self.crawl)
                for future in done & self.pending.keys():
                    planned, follow, quiet = self.pending.pop(future)
                    page = self.receive(planned, future.result(), quiet=quiet)
                    if page is not None and not follow:
                        for further in self.one_level_further(page):
                            self.submit(pool, further, follow=True, quiet=True)
        # Pages arrive in an order that varies from run to run; the briefing must not.
        self.crawl.pages.sort(key=lambda page: self.order.get(page.url, len(self.order)))
        self.crawl.records.sort(key=lambda record: self.order.get(record.url, len(self.order)))

    def start(self, pool: ThreadPoolExecutor, planner: Planner) -> bool:
        """Request the pages of the plan not yet requested; return whether the plan awaits the sitemap."""
        plan, guessed, awaits_sitemap = planner()
        for planned in plan:
            self.submit(pool, planned, follow=False, quiet=guessed)
        self.progress.planned(self.progress.found)
        # Pages are fetched from this pool, not fetch_many: the Crawl-delay warning is given here.
        self.fetcher.warn_crawl_delays([planned.url for planned in plan])
        return awaits_sitemap

    def submit(self, pool: ThreadPoolExecutor, planned: PlannedPage, *, follow: bool, quiet: bool) -> None:
        key = page_key(planned.url)
        if key in self.taken or self.requested >= self.budget or is_trap(planned.url):
            return
        if not self.fetcher.in_scope(planned.url):
            return
        self.taken.add(key)
        self.requested += 1
        self.order.setdefault(planned.url, len(self.order))
        self.progress.found += 1
        self.pending[pool.submit(self.fetcher.fetch, planned.url)] = (planned, follow, quiet)

    def receive(self, planned: PlannedPage, fetched: FetchedPage, *, quiet: bool) -> ParsedPage | None:
        """Record a fetched page and parse it once; a failure is a warning (a 404 of a guess is not)."""
        crawl = self.crawl
        self.progress.done(fetched)
        crawl.fetched.add(page_key(fetched.url))
        if fetched.late:
            return None  # counted by the fetcher: one warning names how many were not read
        if not fetched.ok or fetched.text is None:
            if not (quiet and fetched.status == 404):
                crawl.records.append(PageRecord(fetched.url, planned.role, fetched.status))
                crawl.warnings.append(fetched.error or f"{fetched.url} could not be fetched.")
            return None
        crawl.records.append(PageRecord(fetched.url, planned.role, fetched.status))
        if not _is_html(fetched):
            crawl.warnings.append(f"{fetched.url} is not HTML ({fetched.content_type}); skipped.")
            return None
        page = parse_page(fetched.final_url or fetched.url, fetched.text, planned.role)
        self.order.setdefault(page.url, self.order[planned.url])
        crawl.warnings.extend(page.warnings)
        crawl.pages.append(page)
        return page

    def one_level_further(self, page: ParsedPage) -> list[PlannedPage]:
        """Return the pages ``page`` leads to: undated items, person pages, better pages of a role."""
        further: list[PlannedPage] = []
        if page.role == "news":
            none: list[Achievement] = []
            items = _safely("news listing", page.url, self.crawl.warnings, none, partial(listing_items, page))
            if items and sum(1 for item in items if item.date) < DATED_SHARE_TO_FOLLOW * len(items):
                to_follow = items
            else:
                # A dated listing's newest posts may be dated only "2 days ago": their pages say more.
                to_follow = list(itertools.takewhile(lambda item: item.date is None, items))
            further += [
                PlannedPage(item.source, "item", 0.0) for item in to_follow[:MAX_FOLLOWED] if item.source != page.url
            ]
        if page.role == "team" and not self.crawl.people_of(page, self.crawl.warnings):
            # A team index that names nobody itself: its people have pages of their own below it.
            below = page.url.rstrip("/") + "/"
            people_pages = [
                link.url
                for link in page_links(page, self.crawl.aliases)[:MAX_PERSON_LINKS]
                if link.url.startswith(below) and link.url != below
            ]
            further += [PlannedPage(url, "person", 0.0) for url in people_pages[:MAX_FOLLOWED]]
        # The best pages of each role among all the links seen so far, this page's included. Menus
        # repeat on every page: each link is ranked once (the first, best-placed of its copies).
        self.links += page_links(page, self.crawl.aliases)
        self.links[:] = dict.fromkeys(self.links)
        further += plan_pages(
            self.crawl.home.url,
            self.links,
            max_pages=self.budget + len(self.taken),
            in_scope=self.fetcher.in_scope,
            language=self.language,
        )
        return further


@contextmanager
def _crawl(site_url: str, options: BriefOptions) -> Iterator[_Crawl]:
    """Yield the crawl: the home page, the planned pages and, when needed, one level further.

    The sitemap is a supplement: once the pages are in, it is waited for only when an item needs
    its lastmod date (``_sitemap_dates``); whatever of it is still loading when the briefing is
    assembled is abandoned, so that a large sitemap never delays a briefing that does not use it.
    """
    limits = options.limits or FetchLimits()
    progress = _Progress(options.progress)
    budget = max(1, options.max_pages)
    with SiteFetcher(
        site_url, limits=limits, trusted=options.trusted, refresh=options.refresh, offline=options.offline
    ) as fetcher:
        background = ThreadPoolExecutor(2, thread_name_prefix="scout-background")
        try:
            yield _crawl_site(fetcher, background, progress, budget=budget)
        finally:
            # A closing fetcher requests nothing more: what is loading ends with its request.
            background.shutdown(wait=False, cancel_futures=True)


def _crawl_site(fetcher: SiteFetcher, background: ThreadPoolExecutor, progress: _Progress, *, budget: int) -> _Crawl:
    """Return the crawl of the fetcher's site: the home page, the planned pages, one level further."""
    in_scope = fetcher.in_scope
    # Round 1: the home page, with robots.txt and the sitemap loading alongside it (see fetch_start).
    started = time.monotonic()
    fetched_home = _home_page(fetcher)
    home_took = time.monotonic() - started
    home = parse_page(fetched_home.final_url or fetched_home.url, fetched_home.text or "", "home")
    crawl = _Crawl(home, site_aliases(home), pages=[home], warnings=list(home.warnings))
    crawl.fetch_warnings = fetcher.warnings
    # Round 2: the planned pages, with the sitemaps (robots.txt names them; the home page names
    # the site's public host, which a copy served elsewhere lists them by) and the home page's
    # feeds alongside; round 3 as round 2's pages arrive. The pages claim the connections first.
    pages_queued = threading.Event()
    try:
        sitemap = background.submit(_once, pages_queued, partial(fetcher.sitemap_entries, aliases=crawl.aliases))
        crawl.sitemap = sitemap
        feed_urls = _own_feeds(home, in_scope)
        feeds = background.submit(_once, pages_queued, partial(_read_feeds, fetcher, feed_urls)) if feed_urls else None
        crawl.records.append(PageRecord(fetched_home.url, "home", fetched_home.status))
        crawl.fetched.update({page_key(fetched_home.url), page_key(home.url)})
        # The sitemap left with the home page: its pages join the plan of round 2 (canonical
        # spellings, and pages the home page does not link), so they need no round of their own.
        links = page_links(home, crawl.aliases) + _early_sitemap_links(fetcher, crawl, home_took=home_took)
        planner = partial(_plan_round_two, home, links, sitemap, crawl, budget=budget, in_scope=in_scope)
        frontier = _Frontier(fetcher, crawl, progress, links=links, sitemap=sitemap, budget=budget)
        frontier.run(planner, queued=pages_queued)
    finally:
        pages_queued.set()  # never leave the sitemap and feeds waiting, whatever happened
    if feeds is not None:
        items, records, warnings = feeds.result()
        crawl.feeds += items
        crawl.records += records
        crawl.warnings += warnings
    if unread := fetcher.late_pages:
        pages = "1 planned page was" if unread == 1 else f"{unread} planned pages were"
        crawl.warnings.append(
            f"Reading the site stops after {fetcher.limits.brief_deadline:g} s: {pages} not read in time."
        )
    return crawl


def _sitemap_dates(crawl: _Crawl) -> dict[str, str]:
    """Return the sitemap's lastmod dates by page key, waiting for the sitemap if need be."""
    if crawl.sitemap is not None:
        _sitemap_links(crawl.sitemap, crawl)
    return crawl.lastmod


# --- assembling -------------------------------------------------------------------------------


def _company_name(statements: Statements, home: ParsedPage) -> str:
    """Return the organisation's name: the statements', else the home page title's, else the host."""
    if statements.company:
        return statements.company
    title = clean_text(" ".join(home.tree.xpath("//title//text()")))
    # "Home | Acme Robotics", "Acme Robotics – Warehouse robots": the shortest named part.
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    named = [p for p in parts if p.lower() not in _GENERIC_TITLES]
    if named:
        return min(named, key=len)
    host = urlsplit(home.url).hostname or home.url
    return host.removeprefix("www.")


def _names(company: str, home: ParsedPage) -> list[str]:
    """Return the ways pages name the organisation: its name, its domain's label, its initials."""
    names = [company]
    host = (urlsplit(home.url).hostname or "").removeprefix("www.")
    if host and not host.replace(".", "").isdigit():
        names.append(host.split(".")[0])
    words = [w for w in re.findall(r"[A-Za-z]+", company) if w[0].isupper()]
    if len(words) >= 2:
        names.append("".join(w[0] for w in words))
    return names


def listing_priority(url: str) -> int:
    """Return 0 for press and news listings, 1 for other pages, 2 for blogs (kept last)."""
    path = urlsplit(url).path.lower()
    if PRESS_PATH.search(path):
        return 0
    return 2 if BLOG_PATH.search(path) else 1


def _script_warning(page: ParsedPage) -> str | None:
    """Return a warning when a listing gave nothing because scripts or frames fill it."""
    if not is_js_placeholder(page):
        return None
    return f"the {ROLE_NAMES.get(page.role, page.role)} is filled by JavaScript and could not be read ({page.url})"


def _achievements(crawl: _Crawl, names: list[str], warnings: list[str]) -> list[Achievement]:
    """Return the organisation's own items from listings, item pages and feeds, newest first."""
    items: list[Achievement] = []
    for page in sorted((p for p in crawl.pages if p.role in NEWS_ROLES), key=lambda p: listing_priority(p.url)):
        found = _items_of(page, names, warnings)
        if not found and page.role == "news" and (warning := _script_warning(page)):
            warnings.append(warning)
        items += found
    for page in crawl.pages:
        if page.role == "item":
            release = _safely("news item", page.url, warnings, None, partial(extract_release, page))
            if release is not None:
                items.append(release)
        if page.role in AWARD_ROLES:
            none: list[Achievement] = []
            items += _safely("award list", page.url, warnings, none, partial(extract_awards, page))
    items += crawl.feeds
    if any(item.date is None for item in items):
        lastmod = _sitemap_dates(crawl)
        for item in items:
            if item.date is None and page_key(item.source) in lastmod:
                item.date = lastmod[page_key(item.source)]  # the last resort: sitemap lastmod
    # Press releases and news before blog posts when the list must be cut, then newest first.
    kept = sorted(dedupe_achievements(items), key=lambda item: listing_priority(item.source))
    return sort_achievements(kept[:MAX_ACHIEVEMENTS])


def _people(crawl: _Crawl, warnings: list[str]) -> list[Person]:
    """Return the people of the team pages (one per name), leadership first."""
    people: dict[str, Person] = {}
    for page in crawl.pages:
        if page.role in TEAM_SECTION_ROLES:
            none: list[Person] = []
            found = _safely("team section", page.url, warnings, none, partial(extract_team_sections, page))
        elif page.role in {"team", "person"}:
            found = crawl.people_of(page, warnings)
            if not found and page.role == "team" and (warning := _script_warning(page)):
                warnings.append(warning)
        else:
            continue
        for person in found[:1] if page.role == "person" else found:
            kept = people.setdefault(person.name.casefold(), person)
            if person.title and (kept.title is None or leadership_rank(person) < leadership_rank(kept)):
                # A leadership list names the role that a staff grid left out, or a higher one.
                people[person.name.casefold()] = person
    return sorted(people.values(), key=leadership_rank)[:MAX_PEOPLE]


def _external_news(company: str, website: str, warnings: list[str]) -> list[NewsItem]:
    """Return third-party news about the company; a failure is a warning."""
    from companyscout.sources.news import search_news

    try:
        return search_news(company, website=website)
    except FetchError as exc:
        warnings.append(f"External news could not be fetched: {exc}")
        return []


def build_briefing(site_url: str, *, options: BriefOptions = DEFAULT_OPTIONS) -> Briefing:
    """Return the briefing of the website at ``site_url``, with warnings inside it.

    Raises FetchError (one line, naming the host) when the home page is unreachable or not HTML.
    """
    with _crawl(site_url, options) as crawl:
        if options.progress is not None:
            options.progress("reading pages")
        warnings: list[str] = []
        statements = _safely(
            "statements",
            crawl.home.url,
            warnings,
            Statements(),
            partial(extract_statements, crawl.pages),
            seconds=min(MAX_EXTRACTION_SECONDS, EXTRACTION_SECONDS * len(crawl.pages)),
        )
        warnings += statements.warnings
        company = _company_name(statements, crawl.home)
        achievements = _achievements(crawl, _names(company, crawl.home), warnings)
        people = _people(crawl, warnings)
        warnings = [*crawl.fetch_warnings, *crawl.warnings, *warnings]
    briefing = Briefing(
        company=company,
        website=crawl.home.url,
        generated_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        description=statements.description,
        mission=statements.mission,
        values=statements.values,
        culture=statements.culture,
        achievements=achievements,
        people=people,
        pages=crawl.records,
    )
    if not options.no_external:
        briefing.news = _external_news(company, crawl.home.url, warnings)
    from companyscout.talking import write_talking_points

    briefing.warnings = list(dict.fromkeys(warnings))
    no_points: list[TalkingPoint] = []
    briefing.talking_points = _safely(
        "talking points", crawl.home.url, briefing.warnings, no_points, partial(write_talking_points, briefing)
    )
    return briefing
